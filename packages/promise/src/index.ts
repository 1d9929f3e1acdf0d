/**
 * @flowcl/promise: Flow.cl's customer API (and payment status reads) for plain TypeScript and JavaScript.
 *
 * ```ts
 * import Flow, { FlowChargeCardError } from "@flowcl/promise"
 * const flow = new Flow(apiKey, secretKey, "sandbox")
 * const customer = await flow.customers.create({ name: "Ana", email: "ana@example.cl", externalId: "42" })
 * ```
 */
import { Flow } from "./Flow.js"

export default Flow
export type {
  FlowCustomersCard,
  FlowCustomersCardSubscriptions,
  FlowCustomersClient,
  FlowEnvironment,
  FlowMassiveChargeStatus,
  FlowOptions,
  FlowPaymentsClient,
  FlowRequestOptions,
  FlowTransport,
  FlowUntilProcessedOptions
} from "./api.js"
export { Flow } from "./Flow.js"
export {
  FlowAPIError,
  FlowAuthenticationError,
  FlowChargeCardError,
  FlowClosedError,
  FlowConnectionError,
  FlowCreateCustomerError,
  FlowDecodeError,
  FlowDeleteCardError,
  FlowDeleteCustomerError,
  FlowEditCustomerError,
  FlowError,
  type FlowErrorOptions,
  FlowGetCustomerError,
  FlowGetPaymentStatusByCommerceIdError,
  FlowGetPaymentStatusByFlowOrderError,
  FlowGetPaymentStatusError,
  FlowGetCustomerListError,
  FlowListChargesCardError,
  FlowListFailedChargesCardError,
  FlowListPaginatedSubscriptionsError,
  FlowMassiveChargeCardStatusError,
  type FlowOutcome,
  type FlowReconciliation,
  FlowRegisterCardError,
  FlowRegisterCardStatusError,
  FlowReverseChargeCardError,
  FlowSendChargeCardError,
  FlowSendMassiveChargeCardError,
  FlowTimeoutError,
  FlowValidationError
} from "./errors.js"
export type { FlowListRequest } from "./ListRequest.js"
export * from "./types.js"
