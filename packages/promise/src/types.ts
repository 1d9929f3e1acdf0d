/**
 * The seed document's type names, for the types of `@flowcl/core` (one source of truth).
 * Where the seed and Flow's spec disagree on a type, these are the normalized types the README lists.
 */
import type * as Core from "@flowcl/core"
import { FlowPaymentMethods as paymentMethods } from "@flowcl/core"

/** The payment method names and Flow's numbers for them; a raw number is accepted too. */
export const FlowPaymentMethods = paymentMethods
/** A payment method: a name of {@link FlowPaymentMethods} or Flow's number. */
export type FlowPaymentMethods = Core.PaymentMethod

export type FlowCustomer = Core.Customer
export type FlowPage<A> = Core.Page<A>

export type FlowCreateCustomerRequest = Core.CreateCustomerRequest
export type FlowCreateCustomerResponse = Core.Customer
export type FlowEditCustomerRequest = Core.EditCustomerRequest
export type FlowEditCustomerResponse = Core.Customer
export type FlowDeleteCustomerResponse = Core.Customer
export type FlowGetCustomerResponse = Core.Customer
export type FlowGetCustomerListRequest = Core.ListCustomersRequest
export type FlowListCustomersResponse = Core.Page<Core.Customer>

export type FlowRegisterCardRequest = Core.RegisterCardRequest
export type FlowRegisterCardResponse = Core.RegisterCardResponse
export type FlowRegisterCardStatusResponse = Core.RegisterCardStatus
export type FlowDeleteCardResponse = Core.Customer

export type FlowChargeCardRequest = Core.ChargeCardRequest
export type FlowChargeCardResponse = Core.Payment
export type FlowSendChargeRequest = Core.SendChargeRequest
export type FlowSendChargeResponse = Core.CollectResponse
export type FlowMassiveChargeRow = Core.MassiveChargeRow
export type FlowSendMassiveChargeCardRequest = Core.SendMassiveChargeRequest
export type FlowSendMassiveChargeCardResponse = Core.BatchCollectResponse
export type FlowMassiveChargeCardStatusResponse = Core.BatchCollectStatus
export type FlowReverseChargeCardRequest = Core.ReverseChargeRequest
export type FlowReverseChargeCardResponse = Core.ReverseChargeResponse

export type FlowListChargesRequest = Core.ListChargesRequest
export type FlowListChargesResponse = Core.Page<Core.Payment>
export type FlowListFailedChargesRequest = Core.ListFailedChargesRequest
export type FlowListFailedChargesResponse = Core.Page<Core.ChargeAttempt>
export type FlowListPaginatedSubscriptionsRequest = Core.ListSubscriptionsRequest
export type FlowListPaginatedSubscriptionsResponse = Core.Page<Core.Subscription>

export type FlowPayment = Core.Payment
export type FlowChargeAttempt = Core.ChargeAttempt
export type FlowSubscription = Core.Subscription
