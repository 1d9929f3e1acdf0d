/**
 * Flow's error answers: `{ code, message }` with HTTP 400 (Flow's "Error del Api": the request was
 * wrong) or 401 (its "Error de negocio": a business rule refused it), docs/flow-api.md "Errors".
 * Flow publishes no catalogue of codes; which of these are Flow's and which the emulator's own is
 * stated for each, and in the README's table.
 */

/** An error answer. Thrown by the endpoint rules, turned into JSON by the server. */
export class FlowFailure {
  constructor(
    readonly status: 400 | 401 | 404 | 405,
    readonly code: number,
    readonly message: string
  ) {}
}

/**
 * The codes the emulator answers with.
 *
 * Flow's (attested): `invalidSignature` 108 "Invalid Signature" (a report of Flow's PHP kit) and
 * `commerceOrderPaid` 1605 "This commerceOrder … has been previously paid" (the spec's example).
 *
 * The emulator's own (stable, so tests can match them; Flow's real codes for these cases are unknown):
 * 100 missing and 101 malformed param (numbered like Flow's batch-row codes for the same faults),
 * 404 unknown path and 405 wrong verb (the HTTP status as the code, as Flow's sample error does),
 * and 1001–1004, 1006–1010. 1006 is "no such payment": an unknown charge to reverse, and an unknown
 * token, order or flowOrder read through `payment/getStatus…` (HTTP 401, a business error).
 *
 * @since 0.1.0 (`commerceOrderPaid` since 0.2.0; 1005 and 1011 are gone: a repeated order that was
 * never paid is accepted, and an amount below the minimum is a 400 with code 101)
 */
export const ErrorCodes = {
  missingParam: 100,
  invalidParam: 101,
  invalidSignature: 108,
  notFound: 404,
  wrongMethod: 405,
  customerNotFound: 1001,
  customerHasPendingCharges: 1002,
  customerHasNoCard: 1003,
  registrationNotFound: 1004,
  chargeNotFound: 1006,
  reversalWindowClosed: 1007,
  chargeAlreadyReversed: 1008,
  chargeNotReversible: 1009,
  batchNotFound: 1010,
  commerceOrderPaid: 1605
} as const

/** Flow's minimum amount in CLP (its "The minimum amount is 350 CLP"). */
export const MINIMUM_CLP = 350

/** Flow's answer to a bad signature, also for a wrong or missing apiKey. */
export const invalidSignature = () => new FlowFailure(401, ErrorCodes.invalidSignature, "Invalid Signature")
