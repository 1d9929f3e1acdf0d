/**
 * What Flow answers, decoded tolerantly (see Wire.ts) into one normalized type per operation.
 * Field names are Flow's; where Flow's spec or the seed document disagree, the normalized type is
 * documented in the README ("Seed vs Flow"). Unknown extra fields are ignored.
 */
import * as Schema from "effect/Schema"
import { optional, WireArray, WireBoolean, WireCode, WireJsonObject, WireNumber, WireString, WireStruct } from "./Wire.js"

/** A card's last four digits; a numeric answer (`366`) gets its leading zeros back (`"0366"`). */
const Last4 = Schema.Union(
  Schema.String,
  Schema.transform(Schema.Number, Schema.String, {
    strict: true,
    decode: (n) => String(n).padStart(4, "0"),
    encode: Number
  })
)

/** A Flow customer (SPEC.md §2.1). `status`: 1 active, 0 deleted. */
export const Customer = WireStruct({
  customerId: Schema.String,
  created: WireString,
  email: WireString,
  name: WireString,
  /** `"auto"` (automatic card charge) or `"manual"`. */
  pay_mode: optional(WireString),
  creditCardType: optional(WireString),
  last4CardDigits: optional(Last4),
  externalId: optional(WireString),
  status: WireCode(0, 1),
  registerDate: optional(WireString)
})
export interface Customer extends Schema.Schema.Type<typeof Customer> {}

/** One page of a list (SPEC.md §1.7); `data` may arrive as JSON text and `hasMore` as 0/1. */
export const Page = <A, I>(item: Schema.Schema<A, I>) =>
  Schema.Struct({
    total: WireNumber,
    hasMore: WireBoolean,
    data: WireArray(item)
  })
export interface Page<A> {
  readonly total: number
  readonly hasMore: boolean
  readonly data: ReadonlyArray<A>
}

export const CustomerList = Page(Customer)
export type CustomerList = Page<Customer>

/** `customer/register`: where to send the person to register a card. */
export const RegisterCardAnswer = Schema.Struct({
  url: Schema.String,
  token: Schema.String
})
/** `card.register`'s result: Flow's `url` and `token`, plus `redirectUrl` = `url?token=token`, where the browser goes. */
export interface RegisterCardResponse extends Schema.Schema.Type<typeof RegisterCardAnswer> {
  readonly redirectUrl: string
}

/** `customer/getRegisterStatus` (SPEC.md §2.4). `status`: 1 registered, 0 not registered. */
export const RegisterCardStatus = WireStruct({
  status: WireCode(0, 1),
  customerId: Schema.String,
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
  conversionRate: optional(WireNumber),
  amount: optional(WireNumber),
  currency: optional(WireString),
  fee: optional(WireNumber),
  balance: optional(WireNumber),
  transferDate: optional(WireString)
})
export interface PaymentData extends Schema.Schema.Type<typeof PaymentData> {}

/**
 * A payment (`PaymentStatus`, SPEC.md §2.2): the answer of `customer/charge`, the `paymenResult` of
 * `customer/collect`, and the items of `customer/getCharges`.
 * `status`: 1 pending, 2 paid, 3 rejected, 4 cancelled.
 */
export const Payment = WireStruct({
  flowOrder: WireNumber,
  commerceOrder: WireString,
  requestDate: optional(WireString),
  status: WireCode(1, 2, 3, 4),
  subject: optional(WireString),
  currency: optional(WireString),
  amount: WireNumber,
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

/**
 * `customer/collect` (SPEC.md §2.5). `type`: 1 automatic card charge, 2 payment link (`url?token=token`),
 * 3 email charge. `status`: 1 a charge was issued, 0 it was not. Flow spells the payment `paymenResult`;
 * it is exposed as `paymentResult` (both spellings are read).
 */
const collectFields = {
  type: WireCode(1, 2, 3),
  commerceOrder: WireString,
  flowOrder: WireNumber,
  url: optional(WireString),
  token: optional(WireString),
  status: WireCode(0, 1),
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

/** A `batchRows` row Flow refused (SPEC.md §2.7); `errorCode` 100–110. */
export const RejectedRow = WireStruct({
  customerId: optional(WireString),
  commerceOrder: optional(WireString),
  rowNumber: WireNumber,
  parameter: optional(WireString),
  errorCode: WireNumber,
  errorMsg: optional(WireString)
})
export interface RejectedRow extends Schema.Schema.Type<typeof RejectedRow> {}

/** `customer/batchCollect`: the batch token and how many rows were received, accepted and refused. */
export const BatchCollectResponse = WireStruct({
  token: Schema.String,
  receivedRows: WireNumber,
  acceptedRows: WireNumber,
  rejectedRows: Schema.optionalWith(WireArray(RejectedRow), { nullable: true, default: () => [] })
})
export interface BatchCollectResponse extends Schema.Schema.Type<typeof BatchCollectResponse> {}

/** One row of a batch's status (SPEC.md §2.8). The seed's `erroorCode` spelling is read as `errorCode`. */
const batchCollectRowFields = {
  commerceOrder: WireString,
  type: optional(WireCode(1, 2, 3)),
  flowOrder: optional(WireNumber),
  url: optional(WireString),
  token: optional(WireString),
  status: Schema.Literal("unprocessed", "collected", "uncollected"),
  errorCode: optional(WireNumber),
  erroorCode: optional(WireNumber),
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

/** `customer/getBatchCollectStatus`: `created` → `processing` → `processed`, with each row's outcome. */
export const BatchCollectStatus = WireStruct({
  token: Schema.String,
  createdDate: optional(WireString),
  processedDate: optional(WireString),
  status: Schema.Literal("created", "processing", "processed"),
  collectRows: Schema.optionalWith(WireArray(BatchCollectRow), { nullable: true, default: () => [] })
})
export interface BatchCollectStatus extends Schema.Schema.Type<typeof BatchCollectStatus> {}

/** `customer/reverseCharge` (SPEC.md §2.9). `status`: 1 reversed, 0 not reversed. */
export const ReverseChargeResponse = WireStruct({
  status: WireCode(0, 1),
  message: optional(WireString)
})
export interface ReverseChargeResponse extends Schema.Schema.Type<typeof ReverseChargeResponse> {}

/** A failed automatic-charge attempt (`ChargeAttemps`, SPEC.md §2.10). */
export const ChargeAttempt = WireStruct({
  id: optional(WireNumber),
  date: optional(WireString),
  customerId: optional(WireString),
  invoiceId: optional(Schema.Union(WireNumber, Schema.Literal(""))),
  commerceOrder: optional(WireString),
  currency: optional(WireString),
  amount: optional(WireNumber),
  errorCode: optional(WireNumber),
  errorDescription: optional(WireString)
})
export interface ChargeAttempt extends Schema.Schema.Type<typeof ChargeAttempt> {}

export const ChargeAttemptList = Page(ChargeAttempt)
export type ChargeAttemptList = Page<ChargeAttempt>

/**
 * A subscription of the customer (`Subscription`, SPEC.md §2.10).
 * `status`: 0 not started, 1 active, 2 in trial, 4 cancelled. `morose`: 0 paid up, 1 overdue, 2 pending.
 * `discount`, `invoices` and `planAdditionalList` are passed through as Flow sent them.
 */
export const Subscription = WireStruct({
  subscriptionId: Schema.String,
  planId: WireString,
  plan_name: optional(WireString),
  customerId: WireString,
  created: optional(WireString),
  subscription_start: optional(WireString),
  subscription_end: optional(WireString),
  period_start: optional(WireString),
  period_end: optional(WireString),
  next_invoice_date: optional(WireString),
  trial_period_days: optional(WireNumber),
  trial_start: optional(WireString),
  trial_end: optional(WireString),
  cancel_at_period_end: optional(WireNumber),
  cancel_at: optional(WireString),
  periods_number: optional(WireNumber),
  days_until_due: optional(WireNumber),
  status: WireNumber,
  discount_balance: optional(WireNumber),
  newPlanId: optional(WireString),
  new_plan_scheduled_change_date: optional(WireString),
  in_new_plan_next_attempt_date: optional(WireString),
  morose: optional(WireNumber),
  discount: optional(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  invoices: optional(Schema.Array(Schema.Record({ key: Schema.String, value: Schema.Unknown }))),
  planAdditionalList: optional(Schema.Array(Schema.Unknown))
})
export interface Subscription extends Schema.Schema.Type<typeof Subscription> {}

export const SubscriptionList = Page(Subscription)
export type SubscriptionList = Page<Subscription>
