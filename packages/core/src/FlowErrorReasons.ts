/**
 * Why an operation failed: the *reasons*, whatever the operation. Flow answered with an error
 * ({@link FlowAPIError}), the credentials were rejected ({@link FlowAuthenticationError}), the request
 * could not be sent ({@link FlowConnectionError}) or took too long ({@link FlowTimeoutError}), the answer
 * could not be decoded ({@link FlowDecodeError}), or the input was invalid and nothing was sent
 * ({@link FlowValidationError}), or the client was closed ({@link FlowClosedError}). Each operation wraps its reason in its own error (FlowErrors.ts).
 */
import * as Schema from "effect/Schema"

/**
 * Marks every error class of the library; see {@link isFlowError}. `Symbol.for` so ESM and CJS copies agree.
 *
 * @since 0.1.0
 * @category errors
 */
export const FlowErrorTypeId: unique symbol = Symbol.for("@flowcl/core/FlowError")
export type FlowErrorTypeId = typeof FlowErrorTypeId

// ---------------------------------------------------------------------------------------------
// Reasons
// ---------------------------------------------------------------------------------------------

/**
 * Flow answered with an error: a `{ code, message }` body (HTTP 400 "API error", 401 "business error") or another non-2xx status.
 *
 * @since 0.1.0
 * @category errors
 */
export class FlowAPIError extends Schema.TaggedError<FlowAPIError>()("FlowAPIError", {
  /** Flow's error code, when the body carried one. */
  code: Schema.optional(Schema.Number),
  /** Flow's message, or a description of the unexpected answer. */
  message: Schema.String,
  /** HTTP status of Flow's answer. */
  statusCode: Schema.Number,
  /** The wait Flow asked for with `Retry-After` (429, 503), in milliseconds. */
  retryAfterMillis: Schema.optional(Schema.Number)
}) {}

/**
 * Flow rejected the credentials (code 108 "Invalid Signature"), or a key is missing from the configuration.
 *
 * @since 0.1.0
 * @category errors
 */
export class FlowAuthenticationError extends Schema.TaggedError<FlowAuthenticationError>()("FlowAuthenticationError", {
  message: Schema.String,
  code: Schema.optional(Schema.Number),
  statusCode: Schema.optional(Schema.Number)
}) {}

/**
 * The request could not be completed at the transport level: connection refused or reset, DNS, TLS,
 * or the response body broke off while being read. `cause` is the underlying error.
 *
 * @since 0.1.0
 * @category errors
 */
export class FlowConnectionError extends Schema.TaggedError<FlowConnectionError>()("FlowConnectionError", {
  message: Schema.String,
  /**
   * False only when the connection was never made (refused, unknown host, unreachable network), so
   * nothing reached Flow. True whenever a byte may have left: then a write may have taken effect.
   */
  mayHaveReachedFlow: Schema.Boolean,
  cause: Schema.optional(Schema.Defect)
}) {}

/**
 * The whole call (sending, waiting and reading the body) took longer than the configured timeout.
 *
 * @since 0.1.0
 * @category errors
 */
export class FlowTimeoutError extends Schema.TaggedError<FlowTimeoutError>()("FlowTimeoutError", {
  message: Schema.String,
  timeoutMillis: Schema.Number,
  /**
   * `false` when the time ran out before the request was written to a connection (the connection
   * itself took too long): nothing reached Flow. Absent when the transport cannot tell.
   */
  requestSent: Schema.optional(Schema.Boolean)
}) {}

/**
 * Flow answered 2xx but the body is not JSON or does not have the documented shape.
 * `path` names the offending field (`data[3].amount`); `body` holds the start of the raw answer.
 * For a write (charge, collect, …) this does **not** mean the operation failed at Flow.
 *
 * @since 0.1.0
 * @category errors
 */
export class FlowDecodeError extends Schema.TaggedError<FlowDecodeError>()("FlowDecodeError", {
  message: Schema.String,
  path: Schema.String,
  statusCode: Schema.Number,
  body: Schema.String
}) {}

/**
 * The input was rejected before anything was sent. `field` is the path of the first bad field (`batchRows[2].amount`).
 *
 * @since 0.1.0
 * @category errors
 */
export class FlowValidationError extends Schema.TaggedError<FlowValidationError>()("FlowValidationError", {
  message: Schema.String,
  field: Schema.String
}) {}

/**
 * The client was closed (the Promise client's `close()`, or the end of the layer's scope) before the
 * call was done: a call made after it is refused at once, one under way past the grace period is
 * aborted. `requestSent` says whether its request had left (then a write may have happened).
 *
 * @since 0.1.0
 * @category errors
 */
export class FlowClosedError extends Schema.TaggedError<FlowClosedError>()("FlowClosedError", {
  message: Schema.String,
  requestSent: Schema.Boolean
}) {}

/**
 * The caller aborted the call (the Promise API's `signal`): a request not yet sent is never sent, one
 * under way is dropped at once. `requestSent` says whether a request of the call had left (then a
 * write may have happened: it is not looked up, since the caller asked to stop); `cause` is the
 * signal's reason.
 *
 * @since 0.1.0
 * @category errors
 */
export class FlowAbortedError extends Schema.TaggedError<FlowAbortedError>()("FlowAbortedError", {
  message: Schema.String,
  requestSent: Schema.Boolean,
  cause: Schema.optional(Schema.Unknown)
}) {}

/**
 * What FlowHttp can fail with: everything but invalid input.
 *
 * @since 0.1.0
 * @category errors
 */
export type FlowHttpError =
  | FlowAPIError
  | FlowAuthenticationError
  | FlowConnectionError
  | FlowTimeoutError
  | FlowDecodeError
  | FlowClosedError

/**
 * Why an operation failed.
 *
 * @since 0.1.0
 * @category errors
 */
export const FlowErrorReason = Schema.Union(
  FlowAPIError,
  FlowAuthenticationError,
  FlowConnectionError,
  FlowTimeoutError,
  FlowDecodeError,
  FlowValidationError,
  FlowClosedError,
  FlowAbortedError
)
export type FlowErrorReason = typeof FlowErrorReason.Type

// Every reason is the library's: `isFlowError` recognizes it by this mark on its prototype.
for (const reason of FlowErrorReason.members) {
  Object.defineProperty(reason.prototype, FlowErrorTypeId, { value: FlowErrorTypeId, enumerable: false })
}

// ---------------------------------------------------------------------------------------------
// Outcomes
// ---------------------------------------------------------------------------------------------

/**
 * What a failure says about a write (charge, collect, create…):
 * - `"not-sent"`: nothing reached Flow (invalid input, a connection never made): Flow did nothing;
 * - `"refused"`: Flow (or something in front of it) answered that it would not do it (a 4xx);
 * - `"unknown"`: the request may have reached Flow and its answer was lost (a timeout, a reset after
 *   sending, a 3xx or 5xx, a 2xx that could not be read): Flow may have done it.
 *
 * @since 0.1.0
 * @category errors
 */
export type FlowOutcome = "not-sent" | "refused" | "unknown"

/**
 * The {@link FlowOutcome} a reason stands for.
 *
 * @since 0.1.0
 * @category errors
 */
export const outcomeOf = (reason: FlowErrorReason): FlowOutcome => {
  switch (reason._tag) {
    case "FlowValidationError":
      return "not-sent"
    case "FlowConnectionError":
      return reason.mayHaveReachedFlow ? "unknown" : "not-sent"
    case "FlowTimeoutError":
      return reason.requestSent === false ? "not-sent" : "unknown"
    case "FlowClosedError":
    case "FlowAbortedError":
      return reason.requestSent ? "unknown" : "not-sent"
    case "FlowDecodeError":
      return "unknown"
    case "FlowAuthenticationError":
      // no status: a key was missing, so nothing was sent
      return reason.statusCode === undefined ? "not-sent" : "refused"
    case "FlowAPIError":
      return reason.statusCode >= 400 && reason.statusCode < 500 ? "refused" : "unknown"
  }
}
