/**
 * What Flow answers about payments and charges, decoded tolerantly (see Wire.ts): a payment and its
 * pages, a collect's answer, a massive charge's answer and status, a reversal, and the failed charge
 * attempts. Field names are Flow's; unknown extra fields are ignored. CustomerResponses.ts re-exports
 * them with the customer-side answers.
 */
import * as Schema from "effect/Schema"
import { mappedDecoder, registerLazyFast } from "./FastDecode.js"
import { Page } from "./Page.js"
import {
  BatchRowStatus,
  BatchStatus,
  CollectStatusCode,
  CollectTypeCode,
  PaymentStatusCode,
  ReverseStatusCode
} from "./Statuses.js"
import {
  optional,
  WireAmount,
  WireArray,
  WireCount,
  WireInteger,
  WireJsonObject,
  WireString,
  WireStruct,
  withDefault
} from "./Wire.js"

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

/**
 * The answer of `card.listCharges`: one page of payments.
 *
 * @since 0.1.0
 * @category responses
 */
export const ChargeList = Page(Payment)
export type ChargeList = Page<Payment>

/**
 * `customer/collect` (docs/flow-api.md, "Collect"). `type`: {@link FlowCollectType}; `status`:
 * {@link FlowCollectStatus}, whether a charge was issued. Flow spells the
 * payment `paymenResult`; it is exposed as `paymentResult` (both spellings are read). A payment link's
 * payment may come empty (`[]`): it is then absent.
 */
const collectFields = {
  type: CollectTypeCode,
  commerceOrder: WireString,
  flowOrder: WireCount,
  url: optional(WireString),
  token: optional(WireString),
  status: CollectStatusCode,
  paymenResult: optional(Payment),
  paymentResult: optional(Payment)
}
const CollectAnswer = WireStruct(collectFields)
/**
 * The answer of `card.sendCharge` (POST `customer/collect`): its `type` ({@link FlowCollectType}), the
 * order, a link's `url` and `token`, whether a charge was issued (`status`), and the payment
 * (`paymentResult`) when there is one.
 *
 * @since 0.1.0
 * @category responses
 */
export interface CollectResponse extends Omit<Schema.Schema.Type<typeof CollectAnswer>, "paymenResult"> {}
/** The answer with its payment under `paymentResult`, whichever spelling Flow used. */
const collectFromAnswer = (
  { paymenResult, paymentResult, ...rest }: Schema.Schema.Type<typeof CollectAnswer>
) => {
  const payment = paymentResult ?? paymenResult
  return payment === undefined ? rest : { ...rest, paymentResult: payment }
}

/**
 * @since 0.1.0
 * @category responses
 */
export const CollectResponse: Schema.Schema<CollectResponse, Schema.Schema.Encoded<typeof CollectAnswer>> = Schema
  .transform(CollectAnswer, Schema.typeSchema(Schema.Struct(collectFields).omit("paymenResult")), {
    strict: true,
    decode: collectFromAnswer,
    encode: (value) => value
  })
registerLazyFast(CollectResponse, mappedDecoder(CollectAnswer, collectFromAnswer))

/**
 * A `batchRows` row Flow refused (docs/flow-api.md, "Massive charges"); `errorCode` 100–110.
 *
 * @since 0.1.0
 * @category responses
 */
export const RejectedRow = WireStruct({
  customerId: optional(WireString),
  commerceOrder: optional(WireString),
  rowNumber: WireCount,
  parameter: optional(WireString),
  errorCode: WireInteger,
  errorMsg: optional(WireString)
})
export interface RejectedRow extends Schema.Schema.Type<typeof RejectedRow> {}

/**
 * `customer/batchCollect`: the batch token and how many rows were received, accepted and refused.
 *
 * @since 0.1.0
 * @category responses
 */
export const BatchCollectResponse = WireStruct({
  token: WireString,
  receivedRows: WireCount,
  acceptedRows: WireCount,
  rejectedRows: withDefault(WireArray(RejectedRow), () => [])
})
export interface BatchCollectResponse extends Schema.Schema.Type<typeof BatchCollectResponse> {}

/**
 * One row of a batch's status (docs/flow-api.md, "Massive charges"). The seed's `erroorCode` spelling
 * is read as `errorCode`. An unprocessed row's `flowOrder`, `type` and `errorCode` may come as `""`:
 * they are then absent.
 */
const batchCollectRowFields = {
  commerceOrder: WireString,
  type: optional(CollectTypeCode),
  flowOrder: optional(WireCount),
  url: optional(WireString),
  token: optional(WireString),
  status: BatchRowStatus,
  errorCode: optional(WireInteger),
  erroorCode: optional(WireInteger),
  errorMsg: optional(WireString)
}
const BatchCollectRowAnswer = WireStruct(batchCollectRowFields)
/**
 * One row of a massive charge's status: its order, its `status` ({@link FlowBatchRowStatus}), the collect
 * `type`, `flowOrder`, a link's `url` and `token`, or the `errorCode` and `errorMsg` of an uncollected
 * row.
 *
 * @since 0.1.0
 * @category responses
 */
export interface BatchCollectRow extends Omit<Schema.Schema.Type<typeof BatchCollectRowAnswer>, "erroorCode"> {}
/** The row with its error code under `errorCode`, whichever spelling Flow used. */
const rowFromAnswer = ({ erroorCode, errorCode, ...rest }: Schema.Schema.Type<typeof BatchCollectRowAnswer>) => {
  const code = errorCode ?? erroorCode
  return code === undefined ? rest : { ...rest, errorCode: code }
}

/**
 * @since 0.1.0
 * @category responses
 */
export const BatchCollectRow: Schema.Schema<BatchCollectRow, Schema.Schema.Encoded<typeof BatchCollectRowAnswer>> =
  Schema.transform(BatchCollectRowAnswer, Schema.typeSchema(Schema.Struct(batchCollectRowFields).omit("erroorCode")), {
    strict: true,
    decode: rowFromAnswer,
    encode: (value) => value
  })
registerLazyFast(BatchCollectRow, mappedDecoder(BatchCollectRowAnswer, rowFromAnswer))

/**
 * `customer/getBatchCollectStatus`: `created` → `processing` → `processed`, with each row's outcome.
 *
 * @since 0.1.0
 * @category responses
 */
export const BatchCollectStatus = WireStruct({
  token: WireString,
  createdDate: optional(WireString),
  processedDate: optional(WireString),
  status: BatchStatus,
  collectRows: withDefault(WireArray(BatchCollectRow), () => [])
})
export interface BatchCollectStatus extends Schema.Schema.Type<typeof BatchCollectStatus> {}

/**
 * `customer/reverseCharge` (docs/flow-api.md, "Reversals"). `status`: {@link FlowReverseChargeStatus}.
 *
 * @since 0.1.0
 * @category responses
 */
export const ReverseChargeResponse = WireStruct({
  status: ReverseStatusCode,
  message: optional(WireString)
})
export interface ReverseChargeResponse extends Schema.Schema.Type<typeof ReverseChargeResponse> {}

/**
 * A failed automatic-charge attempt (`ChargeAttemps`, docs/flow-api.md, "Lists"). `errorCode` is one of
 * Flow's payment-attempt codes (`-1` … `-11`, `999`) or a business code (`1605`). `invoiceId` is
 * absent when the attempt was not for an invoice.
 *
 * @since 0.1.0
 * @category responses
 */
export const ChargeAttempt = WireStruct({
  id: optional(WireCount),
  date: optional(WireString),
  customerId: optional(WireString),
  invoiceId: optional(WireCount),
  commerceOrder: optional(WireString),
  currency: optional(WireString),
  amount: optional(WireAmount),
  errorCode: optional(WireInteger),
  errorDescription: optional(WireString)
})
export interface ChargeAttempt extends Schema.Schema.Type<typeof ChargeAttempt> {}

/**
 * The answer of `card.listFailedCharges`: one page of failed charge attempts.
 *
 * @since 0.1.0
 * @category responses
 */
export const ChargeAttemptList = Page(ChargeAttempt)
export type ChargeAttemptList = Page<ChargeAttempt>
