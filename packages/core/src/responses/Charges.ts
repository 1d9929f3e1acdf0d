/**
 * Automatic charges and collections (`customer/charge`, `collect`, `getCharges`, `getChargeAttemps`;
 * docs/flow-api.md, "Payment", "Collect", "Lists"). A charge answers a `Payment` (Payment.ts).
 */
import * as Schema from "effect/Schema"
import { mappedDecoder, registerLazyFast } from "../FastDecode.js"
import { Page } from "../Page.js"
import { CollectStatusCode, CollectTypeCode } from "../Statuses.js"
import { optional, WireAmount, WireCount, WireInteger, WireString, WireStruct } from "../Wire.js"
import { Payment } from "./Payment.js"

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
 * The answer of `card.listCharges`: one page of payments.
 *
 * @since 0.1.0
 * @category responses
 */
export const ChargeList = Page(Payment)
export type ChargeList = Page<Payment>

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
