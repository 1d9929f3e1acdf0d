/**
 * What Flow answers, decoded tolerantly (see Wire.ts) into one normalized type per operation.
 * Field names are Flow's; where Flow's spec or the seed document disagree, the normalized type is
 * documented in the README ("Seed vs Flow"). Unknown extra fields are ignored.
 */
import * as Schema from "effect/Schema"
import {
  optional,
  WireAmount,
  WireArray,
  WireBoolean,
  WireCode,
  WireCount,
  WireEnum,
  WireInteger,
  WireJsonObject,
  WireNumber,
  WireRecord,
  WireString,
  WireStruct,
  withDefault
} from "./Wire.js"

/** A card's last four digits; a numeric answer (`366`) gets its leading zeros back (`"0366"`). */
const Last4 = Schema.Union(
  Schema.String,
  Schema.transform(WireCount, Schema.String, {
    strict: true,
    decode: (n) => String(n).padStart(4, "0"),
    encode: Number
  })
)

/** Customer statuses: 1 active, 0 deleted. */
export const CustomerStatusCode = WireCode(0, 1)

/** A Flow customer (docs/flow-api.md, "Customer"). `status`: 1 active, 0 deleted. */
export const Customer = WireStruct({
  customerId: WireString,
  created: WireString,
  email: WireString,
  name: WireString,
  /** `"auto"` (automatic card charge) or `"manual"`. */
  pay_mode: optional(WireString),
  creditCardType: optional(WireString),
  last4CardDigits: optional(Last4),
  externalId: optional(WireString),
  status: CustomerStatusCode,
  registerDate: optional(WireString)
})
export interface Customer extends Schema.Schema.Type<typeof Customer> {}

/**
 * One page of a list (docs/flow-api.md, "Lists"): `data` may arrive as JSON text and `hasMore` as 0/1.
 * An empty `data` or `hasMore` (PHP's `""`, `null`, `[]`) reads as no items and no more pages.
 */
export const Page = <A, I>(item: Schema.Schema<A, I>) =>
  WireStruct({
    total: WireCount,
    hasMore: withDefault(WireBoolean, () => false),
    data: withDefault(WireArray(item), () => [])
  })
export interface Page<A> {
  readonly total: number
  readonly hasMore: boolean
  readonly data: ReadonlyArray<A>
}

export const CustomerList = Page(Customer)
export type CustomerList = Page<Customer>

/** `customer/register`: where to send the person to register a card, as Flow answers it. */
export const RegisterCardAnswer = WireStruct({
  url: WireString,
  token: WireString
})
/** `card.register`'s result: Flow's `url` and `token`, plus `redirectUrl` = `url?token=token`, where the browser goes. */
export interface RegisterCardResponse extends Schema.Schema.Type<typeof RegisterCardAnswer> {
  readonly redirectUrl: string
}
/** Flow's answer with the `redirectUrl` the browser is sent to (the token encoded, after `?` or `&`). */
export const RegisterCardResponse: Schema.Schema<RegisterCardResponse, Schema.Schema.Encoded<typeof RegisterCardAnswer>> =
  Schema.transform(RegisterCardAnswer, Schema.typeSchema(Schema.Struct({
    url: Schema.String,
    token: Schema.String,
    redirectUrl: Schema.String
  })), {
    strict: true,
    decode: (answer) => ({
      ...answer,
      redirectUrl: `${answer.url}${answer.url.includes("?") ? "&" : "?"}token=${encodeURIComponent(answer.token)}`
    }),
    encode: ({ redirectUrl: _, ...answer }) => answer
  })

/** Registration statuses: 1 registered, 0 not registered. */
export const RegisterStatusCode = WireCode(0, 1)

/** `customer/getRegisterStatus` (docs/flow-api.md, "Card registration"). `status`: 1 registered, 0 not registered. */
export const RegisterCardStatus = WireStruct({
  status: RegisterStatusCode,
  customerId: WireString,
  creditCardType: optional(WireString),
  last4CardDigits: optional(Last4),
  /** Masked number (`"457630 **** **** 0366"`), sent by newer Flow versions. */
  cardNumber: optional(WireString),
  issuerBank: optional(WireString)
})
export interface RegisterCardStatus extends Schema.Schema.Type<typeof RegisterCardStatus> {}

/** Coupon-payment info of a payment; empty when no coupon was generated. */
export const PendingInfo = WireStruct({
  media: optional(WireString),
  date: optional(WireString)
})
export interface PendingInfo extends Schema.Schema.Type<typeof PendingInfo> {}

/** Settlement data of a paid payment. */
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

/** Payment statuses: 1 pending, 2 paid, 3 rejected, 4 cancelled; another code Flow adds decodes as `Unrecognized`. */
export const PaymentStatusCode = WireCode(1, 2, 3, 4)

/**
 * A payment (`PaymentStatus`, docs/flow-api.md, "Payment"): the answer of `customer/charge`, the
 * `paymenResult` of `customer/collect`, the items of `customer/getCharges`, and the answer of the
 * `payment/getStatus*` reads. `status`: 1 pending, 2 paid, 3 rejected, 4 cancelled.
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

export const ChargeList = Page(Payment)
export type ChargeList = Page<Payment>

/** Collect types: 1 automatic card charge, 2 payment link, 3 email charge. */
export const CollectTypeCode = WireCode(1, 2, 3)
/** Collect statuses: 1 a charge was issued, 0 it was not. */
export const CollectStatusCode = WireCode(0, 1)

/**
 * `customer/collect` (docs/flow-api.md, "Collect"). `type`: 1 automatic card charge, 2 payment link
 * (`url?token=token`), 3 email charge. `status`: 1 a charge was issued, 0 it was not. Flow spells the
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
export interface CollectResponse extends Omit<Schema.Schema.Type<typeof CollectAnswer>, "paymenResult"> {}
export const CollectResponse: Schema.Schema<CollectResponse, Schema.Schema.Encoded<typeof CollectAnswer>> = Schema
  .transform(CollectAnswer, Schema.typeSchema(Schema.Struct(collectFields).omit("paymenResult")), {
    strict: true,
    decode: ({ paymenResult, paymentResult, ...rest }) => {
      const payment = paymentResult ?? paymenResult
      return payment === undefined ? rest : { ...rest, paymentResult: payment }
    },
    encode: (value) => value
  })

/** A `batchRows` row Flow refused (docs/flow-api.md, "Massive charges"); `errorCode` 100–110. */
export const RejectedRow = WireStruct({
  customerId: optional(WireString),
  commerceOrder: optional(WireString),
  rowNumber: WireCount,
  parameter: optional(WireString),
  errorCode: WireInteger,
  errorMsg: optional(WireString)
})
export interface RejectedRow extends Schema.Schema.Type<typeof RejectedRow> {}

/** `customer/batchCollect`: the batch token and how many rows were received, accepted and refused. */
export const BatchCollectResponse = WireStruct({
  token: WireString,
  receivedRows: WireCount,
  acceptedRows: WireCount,
  rejectedRows: withDefault(WireArray(RejectedRow), () => [])
})
export interface BatchCollectResponse extends Schema.Schema.Type<typeof BatchCollectResponse> {}

/** A batch row's outcome: `unprocessed`, `collected` (a charge was issued) or `uncollected`. */
export const BatchRowStatus = WireEnum("unprocessed", "collected", "uncollected")

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
export interface BatchCollectRow extends Omit<Schema.Schema.Type<typeof BatchCollectRowAnswer>, "erroorCode"> {}
export const BatchCollectRow: Schema.Schema<BatchCollectRow, Schema.Schema.Encoded<typeof BatchCollectRowAnswer>> =
  Schema.transform(BatchCollectRowAnswer, Schema.typeSchema(Schema.Struct(batchCollectRowFields).omit("erroorCode")), {
    strict: true,
    decode: ({ erroorCode, errorCode, ...rest }) => {
      const code = errorCode ?? erroorCode
      return code === undefined ? rest : { ...rest, errorCode: code }
    },
    encode: (value) => value
  })

/** A batch's status: `created` → `processing` → `processed`. */
export const BatchStatus = WireEnum("created", "processing", "processed")

/** `customer/getBatchCollectStatus`: `created` → `processing` → `processed`, with each row's outcome. */
export const BatchCollectStatus = WireStruct({
  token: WireString,
  createdDate: optional(WireString),
  processedDate: optional(WireString),
  status: BatchStatus,
  collectRows: withDefault(WireArray(BatchCollectRow), () => [])
})
export interface BatchCollectStatus extends Schema.Schema.Type<typeof BatchCollectStatus> {}

/** Reversal statuses: 1 reversed, 0 not reversed. */
export const ReverseStatusCode = WireCode(0, 1)

/** `customer/reverseCharge` (docs/flow-api.md, "Reversals"). `status`: 1 reversed, 0 not reversed. */
export const ReverseChargeResponse = WireStruct({
  status: ReverseStatusCode,
  message: optional(WireString)
})
export interface ReverseChargeResponse extends Schema.Schema.Type<typeof ReverseChargeResponse> {}

/**
 * A failed automatic-charge attempt (`ChargeAttemps`, docs/flow-api.md, "Lists"). `errorCode` is one of
 * Flow's payment-attempt codes (`-1` … `-11`, `999`) or a business code (`1605`). `invoiceId` is
 * absent when the attempt was not for an invoice.
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

export const ChargeAttemptList = Page(ChargeAttempt)
export type ChargeAttemptList = Page<ChargeAttempt>

/** Subscription statuses: 0 not started, 1 active, 2 in trial, 4 cancelled. */
export const SubscriptionStatusCode = WireCode(0, 1, 2, 4)

/**
 * A subscription of the customer (`Subscription`, docs/flow-api.md, "Lists").
 * `status`: 0 not started, 1 active, 2 in trial, 4 cancelled. `morose`: 0 paid up, 1 overdue, 2 pending.
 * `discount`, `invoices` and `planAdditionalList` are passed through as Flow sent them.
 */
export const Subscription = WireStruct({
  subscriptionId: WireString,
  planId: WireString,
  plan_name: optional(WireString),
  customerId: WireString,
  created: optional(WireString),
  subscription_start: optional(WireString),
  subscription_end: optional(WireString),
  period_start: optional(WireString),
  period_end: optional(WireString),
  next_invoice_date: optional(WireString),
  trial_period_days: optional(WireCount),
  trial_start: optional(WireString),
  trial_end: optional(WireString),
  cancel_at_period_end: optional(WireCount),
  cancel_at: optional(WireString),
  periods_number: optional(WireCount),
  days_until_due: optional(WireCount),
  status: SubscriptionStatusCode,
  discount_balance: optional(WireNumber),
  newPlanId: optional(WireString),
  new_plan_scheduled_change_date: optional(WireString),
  in_new_plan_next_attempt_date: optional(WireString),
  morose: optional(WireCount),
  discount: optional(WireRecord),
  invoices: optional(WireArray(WireRecord)),
  planAdditionalList: optional(WireArray(Schema.Unknown))
})
export interface Subscription extends Schema.Schema.Type<typeof Subscription> {}

export const SubscriptionList = Page(Subscription)
export type SubscriptionList = Page<Subscription>
