/**
 * @flowcl/promise: Flow.cl's customer API (and payment status reads) for plain TypeScript and JavaScript.
 *
 * ```ts
 * import Flow, { FlowChargeCardError } from "@flowcl/promise"
 * const flow = new Flow(apiKey, secretKey, "sandbox")
 * const customer = await flow.customers.create({ name: "Ana", email: "ana@example.cl", externalId: "42" })
 * ```
 *
 * Layout: `api.ts` is the public shape (each method's documented signature and the seed's type names;
 * each method's error class in `operationErrors.ts`, the options in `clientOptions.ts`); `Flow.ts` implements it by walking `@flowcl/core`'s declarations of the operations
 * (`Operations`), running them on one ClientRuntime per instance (`clientRuntime.ts`); `errors.ts` turns core's errors into
 * Error classes; `options.ts` reads options once. An operation is declared in core's `Operations.ts`.
 *
 * @module @flowcl/promise
 */
import { Flow } from "./Flow.js"

export default Flow
export * from "./api.js"
export { Flow } from "./Flow.js"
export {
  FlowAbortedError,
  FlowAPIError,
  FlowAuthenticationError,
  FlowClosedError,
  FlowConnectionError,
  FlowDecodeError,
  FlowError,
  type FlowErrorOptions,
  type FlowOutcome,
  type FlowReconciliation,
  FlowTimeoutError,
  FlowValidationError
} from "./errors.js"
export type { FlowListRequest } from "./ListRequest.js"
/** Named statuses (`payment.status === FlowPaymentStatus.Paid`), the same values as `@flowcl/core`'s. */
export {
  FlowBatchRowStatus,
  FlowBatchStatus,
  FlowCardRegistrationStatus,
  FlowCollectStatus,
  FlowCollectType,
  FlowCustomerStatus,
  FlowPaymentStatus,
  FlowReverseChargeStatus,
  FlowSubscriptionStatus
} from "@flowcl/core"
