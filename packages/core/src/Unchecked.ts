/**
 * The construction option of the errors the library makes itself: `new FlowAPIError({ … }, unchecked)`.
 *
 * A Schema class checks its fields again on construction unless told not to. The library makes its
 * errors from values TypeScript has already typed, so the check finds nothing, but it was the most
 * expensive step of a failed call: about 60 µs per reason and 200 µs per operation error (the union
 * of reasons is checked member by member), measured on Node 20, paid on every failed try. It could
 * also throw on the failure path. Decoding an error with Schema still checks it.
 */
export const unchecked = { disableValidation: true } as const
