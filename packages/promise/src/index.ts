/**
 * @flowcl/promise: Flow.cl's customer API for plain TypeScript and JavaScript.
 *
 * ```ts
 * import Flow, { FlowChargeCardError } from "@flowcl/promise"
 * const flow = new Flow(apiKey, secretKey, "sandbox")
 * const customer = await flow.customers.create({ name: "Ana", email: "ana@example.cl", externalId: "42" })
 * ```
 */
import { Flow } from "./Flow.js"

export default Flow
export {
  Flow,
  type FlowCustomersCard,
  type FlowCustomersCardSubscriptions,
  type FlowCustomersClient,
  type FlowEnvironment,
  type FlowMassiveChargeStatus,
  type FlowUntilProcessedOptions,
  type FlowOptions,
  type FlowRequestOptions,
  type FlowTransport
} from "./Flow.js"
export {
  FlowAPIError,
  FlowAuthenticationError,
  FlowChargeCardError,
  FlowConnectionError,
  FlowCreateCustomerError,
  FlowDecodeError,
  FlowDeleteCardError,
  FlowDeleteCustomerError,
  FlowEditCustomerError,
  FlowError,
  type FlowErrorOptions,
  FlowGetCustomerError,
  FlowGetCustomerListError,
  FlowListChargesCardError,
  FlowListFailedChargesCardError,
  FlowListPaginatedSubscriptionsError,
  FlowMassiveChargeCardStatusError,
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
