/**
 * What Flow answers, decoded tolerantly (see Wire.ts) into one normalized type per operation.
 * Field names are Flow's; where Flow's spec or the seed document disagree, the normalized type is
 * documented in the README ("Seed vs Flow"). Unknown extra fields are ignored.
 */
import * as Schema from "effect/Schema"
import { DECLINE, fastDecoderOf, mappedDecoder, registerFast, registerLazyFast } from "./FastDecode.js"
import { Page } from "./Page.js"
import { CustomerStatusCode, RegisterStatusCode, SubscriptionStatusCode } from "./Statuses.js"
import {
  optional,
  WireArray,
  WireCount,
  WireNumber,
  WireRecord,
  WireString,
  WireStruct
} from "./Wire.js"

export * from "./Page.js"
export * from "./PaymentResponses.js"

/** A card's last four digits; a numeric answer (`366`) gets its leading zeros back (`"0366"`). */
const Last4 = Schema.Union(
  Schema.String,
  Schema.transform(WireCount, Schema.String, {
    strict: true,
    decode: (n) => String(n).padStart(4, "0"),
    encode: Number
  })
)
// the same reading for FastDecode.ts: text as it is, else a count padded to four digits
const readCount = fastDecoderOf(WireCount)!
registerFast(Last4, (raw) => {
  if (typeof raw === "string") return raw
  const n = readCount(raw)
  return n === DECLINE ? DECLINE : String(n).padStart(4, "0")
})

/**
 * A Flow customer (docs/flow-api.md, "Customer"). `status`: {@link FlowCustomerStatus}.
 *
 * @since 0.1.0
 * @category responses
 */
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
 * The answer of `customers.list`: one page of customers.
 *
 * @since 0.1.0
 * @category responses
 */
export const CustomerList = Page(Customer)
export type CustomerList = Page<Customer>

/**
 * `customer/register`: where to send the person to register a card, as Flow answers it.
 *
 * @since 0.1.0
 * @category responses
 */
export const RegisterCardAnswer = WireStruct({
  url: WireString,
  token: WireString
})
/**
 * `card.register`'s result: Flow's `url` and `token`, plus `redirectUrl` = `url?token=token`, where the browser goes.
 *
 * @since 0.1.0
 * @category responses
 */
export interface RegisterCardResponse extends Schema.Schema.Type<typeof RegisterCardAnswer> {
  readonly redirectUrl: string
}
/** The answer with the page to send the person to: `url?token=…` (or `&token=` when `url` has a query). */
const withRedirectUrl = (answer: Schema.Schema.Type<typeof RegisterCardAnswer>) => ({
  ...answer,
  redirectUrl: `${answer.url}${answer.url.includes("?") ? "&" : "?"}token=${encodeURIComponent(answer.token)}`
})

/**
 * Flow's answer with the `redirectUrl` the browser is sent to (the token encoded, after `?` or `&`).
 *
 * @since 0.1.0
 * @category responses
 */
export const RegisterCardResponse: Schema.Schema<RegisterCardResponse, Schema.Schema.Encoded<typeof RegisterCardAnswer>> =
  Schema.transform(RegisterCardAnswer, Schema.typeSchema(Schema.Struct({
    url: Schema.String,
    token: Schema.String,
    redirectUrl: Schema.String
  })), {
    strict: true,
    decode: withRedirectUrl,
    encode: ({ redirectUrl: _, ...answer }) => answer
  })
registerLazyFast(RegisterCardResponse, mappedDecoder(RegisterCardAnswer, withRedirectUrl))

/**
 * `customer/getRegisterStatus` (docs/flow-api.md, "Card registration"). `status`:
 * {@link FlowCardRegistrationStatus}.
 *
 * @since 0.1.0
 * @category responses
 */
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

/**
 * A subscription of the customer (`Subscription`, docs/flow-api.md, "Lists").
 * `status`: {@link FlowSubscriptionStatus}. `morose`: 0 paid up, 1 overdue, 2 pending.
 * `discount`, `invoices` and `planAdditionalList` are passed through as Flow sent them.
 *
 * @since 0.1.0
 * @category responses
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

/**
 * The answer of `card.subscriptions.list`: one page of subscriptions.
 *
 * @since 0.1.0
 * @category responses
 */
export const SubscriptionList = Page(Subscription)
export type SubscriptionList = Page<Subscription>
