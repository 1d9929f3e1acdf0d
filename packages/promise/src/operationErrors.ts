/**
 * The error class each method of `@flowcl/promise` rejects with (the seed document's table): a
 * {@link FlowError} subclass per operation, known to the rejection mapping by its core tag; `cause` is
 * the reason (errors.ts).
 */
import { FlowError, operationError } from "./errors.js"

/** `customers.create` failed. */
export class FlowCreateCustomerError extends FlowError {}
operationError(FlowCreateCustomerError, "FlowCreateCustomerError")
/** `customers.edit` failed. */
export class FlowEditCustomerError extends FlowError {}
operationError(FlowEditCustomerError, "FlowEditCustomerError")
/** `customers.delete` failed. */
export class FlowDeleteCustomerError extends FlowError {}
operationError(FlowDeleteCustomerError, "FlowDeleteCustomerError")
/** `customers.get` failed. */
export class FlowGetCustomerError extends FlowError {}
operationError(FlowGetCustomerError, "FlowGetCustomerError")
/** `customers.list` failed (a page, or a walk over them). */
export class FlowGetCustomerListError extends FlowError {}
operationError(FlowGetCustomerListError, "FlowGetCustomerListError")
/** `customers.card.register` failed. */
export class FlowRegisterCardError extends FlowError {}
operationError(FlowRegisterCardError, "FlowRegisterCardError")
/** `customers.card.status` (or `registrationCallback`) failed. */
export class FlowRegisterCardStatusError extends FlowError {}
operationError(FlowRegisterCardStatusError, "FlowRegisterCardStatusError")
/** `customers.card.delete` failed. */
export class FlowDeleteCardError extends FlowError {}
operationError(FlowDeleteCardError, "FlowDeleteCardError")
/** `customers.card.charge` failed; `outcome` says whether the charge may have been made. */
export class FlowChargeCardError extends FlowError {}
operationError(FlowChargeCardError, "FlowChargeCardError")
/** `customers.card.sendCharge` failed; `outcome` says whether the collect may have been made. */
export class FlowSendChargeCardError extends FlowError {}
operationError(FlowSendChargeCardError, "FlowSendChargeCardError")
/** `customers.card.sendMassiveCharge` failed. */
export class FlowSendMassiveChargeCardError extends FlowError {}
operationError(FlowSendMassiveChargeCardError, "FlowSendMassiveChargeCardError")
/** `customers.card.massiveChargeStatus` (or `untilProcessed`, `massiveChargeCallback`) failed. */
export class FlowMassiveChargeCardStatusError extends FlowError {}
operationError(FlowMassiveChargeCardStatusError, "FlowMassiveChargeCardStatusError")
/** `customers.card.reverseCharge` failed. */
export class FlowReverseChargeCardError extends FlowError {}
operationError(FlowReverseChargeCardError, "FlowReverseChargeCardError")
/** `customers.card.listCharges` failed. */
export class FlowListChargesCardError extends FlowError {}
operationError(FlowListChargesCardError, "FlowListChargesCardError")
/** `customers.card.listFailedCharges` failed. */
export class FlowListFailedChargesCardError extends FlowError {}
operationError(FlowListFailedChargesCardError, "FlowListFailedChargesCardError")
/** `customers.card.subscriptions.list` failed. */
export class FlowListPaginatedSubscriptionsError extends FlowError {}
operationError(FlowListPaginatedSubscriptionsError, "FlowListPaginatedSubscriptionsError")
/** `payments.getStatus` (or `confirmation`) failed. */
export class FlowGetPaymentStatusError extends FlowError {}
operationError(FlowGetPaymentStatusError, "FlowGetPaymentStatusError")
/** `payments.getStatusByCommerceId` failed. */
export class FlowGetPaymentStatusByCommerceIdError extends FlowError {}
operationError(FlowGetPaymentStatusByCommerceIdError, "FlowGetPaymentStatusByCommerceIdError")
/** `payments.getStatusByFlowOrder` failed. */
export class FlowGetPaymentStatusByFlowOrderError extends FlowError {}
operationError(FlowGetPaymentStatusByFlowOrderError, "FlowGetPaymentStatusByFlowOrderError")
