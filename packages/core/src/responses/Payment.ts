/**
 * A payment (docs/flow-api.md, "Payment"): what a charge makes, what a collect may carry, the items of
 * the charge list, and what the `payment/getStatus*` reads answer.
 */
import type * as Schema from "effect/Schema"
import { PaymentStatusCode } from "../Statuses.js"
import { optional, WireAmount, WireCount, WireJsonObject, WireString, WireStruct } from "../Wire.js"

/**
 * Coupon-payment info of a payment; empty when no coupon was generated.
 *
 * @since 0.1.0
 * @category responses
 */
export const PendingInfo = WireStruct({
  media: optional(WireString),
  date: optional(WireString)
})
export interface PendingInfo extends Schema.Schema.Type<typeof PendingInfo> {}

/**
 * Settlement data of a paid payment.
 *
 * @since 0.1.0
 * @category responses
 */
export const PaymentData = WireStruct({
  date: optional(WireString),
  media: optional(WireString),
  conversionDate: optional(WireString),
  conversionRate: optional(WireAmount),
  amount: optional(WireAmount),
  currency: optional(WireString),
  fee: optional(WireAmount),
  balance: optional(WireAmount),
  transferDate: optional(WireString)
})
export interface PaymentData extends Schema.Schema.Type<typeof PaymentData> {}

/**
 * A payment (`PaymentStatus`, docs/flow-api.md, "Payment"): the answer of `customer/charge`, the
 * `paymenResult` of `customer/collect`, the items of `customer/getCharges`, and the answer of the
 * `payment/getStatus*` reads. `status`: {@link FlowPaymentStatus}.
 *
 * @since 0.1.0
 * @category responses
 */
export const Payment = WireStruct({
  flowOrder: WireCount,
  commerceOrder: WireString,
  requestDate: optional(WireString),
  status: PaymentStatusCode,
  subject: optional(WireString),
  currency: optional(WireString),
  amount: WireAmount,
  payer: optional(WireString),
  /** The merchant's optional data: an object, or text when Flow sent text that is not a JSON object. */
  optional: optional(WireJsonObject),
  pending_info: optional(PendingInfo),
  paymentData: optional(PaymentData),
  merchantId: optional(WireString)
})
export interface Payment extends Schema.Schema.Type<typeof Payment> {}
