/**
 * What each operation accepts, checked with Schema before anything is sent. Field names are the
 * seed document's (which are Flow's). Limits that Flow does not document (text lengths) are generous
 * client-side bounds; everything else follows Flow's endpoint table (docs/flow-api.md, "Transport").
 */
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { DEFAULT_MAX_BATCH_ROWS } from "./FlowConfig.js"
import {
  Amount,
  Currency,
  Email,
  Flag,
  HttpUrl,
  Id,
  IsoDate,
  Name,
  NonNegativeInt,
  Optionals,
  PaymentMethod,
  PositiveInt,
  Subject
} from "./RequestFields.js"

export * from "./RequestFields.js"

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

/**
 * A struct that refuses fields it does not know (a typo like `currancy` must not pass silently),
 * naming the first one. One pass over the keys: Schema's own `onExcessProperty: "error"` costs several
 * times more, which a 5,000-row batch feels.
 */
const Closed = <Fields extends Schema.Struct.Fields>(fields: Fields) => {
  const struct = Schema.Struct(fields)
  const known = Object.keys(fields)
  const allowed = new Set(known)
  const expected = known.map((key) => JSON.stringify(key)).join(" | ")
  return Schema.transformOrFail(Schema.Unknown, struct, {
    strict: true,
    decode: (input) => {
      if (typeof input === "object" && input !== null && !Array.isArray(input)) {
        for (const key of Object.keys(input)) {
          if (!allowed.has(key)) {
            const value = (input as Record<string, unknown>)[key]
            return ParseResult.fail(
              new ParseResult.Pointer(key, input, new ParseResult.Unexpected(value, `is unexpected, expected: ${expected}`))
            )
          }
        }
      }
      return ParseResult.succeed(input as Schema.Schema.Encoded<typeof struct>)
    },
    encode: ParseResult.succeed
  })
}

/**
 * CLP has no decimals (Flow refuses them, batch error 108). A struct-level check that points at `amount`;
 * an absent currency means CLP.
 */
const wholePesos = <A extends { readonly amount: number; readonly currency?: string | undefined }>(value: A) =>
  (value.currency ?? "CLP") !== "CLP" || Number.isInteger(value.amount) ||
  { path: ["amount"], message: `Expected whole pesos for CLP, got ${value.amount}` }

/**
 * The input of `customers.create` (POST `customer/create`): the customer's `name`, `email` and your
 * `externalId`.
 *
 * @since 0.1.0
 * @category requests
 */
export const CreateCustomerRequest = Closed({
  name: Name,
  email: Email,
  externalId: Id
})
export interface CreateCustomerRequest extends Schema.Schema.Type<typeof CreateCustomerRequest> {}

/**
 * The input of `customers.edit` (POST `customer/edit`): the `customerId` and at least one of `name`,
 * `email`, `externalId` to change.
 *
 * @since 0.1.0
 * @category requests
 */
export const EditCustomerRequest = Closed({
  customerId: Id,
  name: Schema.optional(Name),
  email: Schema.optional(Email),
  externalId: Schema.optional(Id)
}).pipe(Schema.filter((r) =>
  r.name !== undefined || r.email !== undefined || r.externalId !== undefined ||
  { path: ["name"], message: "Expected at least one of name, email, externalId to change" }
))
export interface EditCustomerRequest extends Schema.Schema.Type<typeof EditCustomerRequest> {}

/**
 * The input of the operations that take only a `customerId` (`customers.get`, `customers.delete`,
 * `card.delete`).
 *
 * @since 0.1.0
 * @category requests
 */
export const CustomerIdRequest = Closed({ customerId: Id })
/**
 * The input of the operations that take only a `token` (`card.status`, `card.massiveChargeStatus`,
 * `payments.getStatus`).
 *
 * @since 0.1.0
 * @category requests
 */
export const TokenRequest = Closed({ token: Id })
/**
 * A payment by the merchant's order (Flow's param is `commerceId`).
 *
 * @since 0.1.0
 * @category requests
 */
export const CommerceOrderRequest = Closed({ commerceOrder: Id })
/**
 * A payment by Flow's order number.
 *
 * @since 0.1.0
 * @category requests
 */
export const FlowOrderRequest = Closed({ flowOrder: PositiveInt })

/** `limit` is at most 100 (Flow's maximum page). */
const Paging = {
  start: Schema.optional(NonNegativeInt),
  limit: Schema.optional(PositiveInt.pipe(Schema.lessThanOrEqualTo(100)))
}

/**
 * The input of `customers.list` (GET `customer/list`): `start`, `limit` (at most 100), a name `filter`
 * and a `status`.
 *
 * @since 0.1.0
 * @category requests
 */
export const ListCustomersRequest = Closed({
  ...Paging,
  /** Filter by the customer's name. */
  filter: Schema.optional(Name),
  /** 1 active, 0 deleted. */
  status: Schema.optional(Schema.Literal(0, 1))
})
export interface ListCustomersRequest extends Schema.Schema.Type<typeof ListCustomersRequest> {}

/**
 * The input of `card.register` (POST `customer/register`): the `customerId` and the `url_return` Flow
 * POSTs the registration token to.
 *
 * @since 0.1.0
 * @category requests
 */
export const RegisterCardRequest = Closed({
  customerId: Id,
  /** Where Flow POSTs the registration `token` when the person is done. */
  url_return: HttpUrl
})
export interface RegisterCardRequest extends Schema.Schema.Type<typeof RegisterCardRequest> {}

/** What every charge names: who pays, how much, for what, under which (unique) order. */
const ChargeFields = {
  customerId: Id,
  commerceOrder: Id,
  subject: Subject,
  amount: Amount,
  currency: Schema.optional(Currency)
}

/** How charges sent by link or email are delivered (collect, batchCollect). */
const DeliveryFields = {
  /** 1: send the charge by email (type 3). */
  byEmail: Schema.optional(Flag),
  /** Days after sending before a reminder, if unpaid. */
  forward_days_after: Schema.optional(NonNegativeInt),
  /** How many reminders. */
  forward_times: Schema.optional(NonNegativeInt),
  /** Seconds until the order expires; without it, it never expires. */
  timeout: Schema.optional(PositiveInt)
}

/**
 * The input of `card.charge` (POST `customer/charge`): `customerId`, `amount`, `subject`, a unique
 * `commerceOrder`, and optionally `currency` and `optionals`.
 *
 * @since 0.1.0
 * @category requests
 */
export const ChargeCardRequest = Closed({
  ...ChargeFields,
  optionals: Schema.optional(Optionals)
}).pipe(Schema.filter(wholePesos))
export interface ChargeCardRequest extends Schema.Schema.Type<typeof ChargeCardRequest> {}

/**
 * The input of `card.sendCharge` (POST `customer/collect`): a charge (`customerId`, `amount`, `subject`,
 * `commerceOrder`), where Flow confirms and returns (`urlConfirmation`, `urlReturn`), and how a link or
 * email charge is delivered.
 *
 * @since 0.1.0
 * @category requests
 */
export const SendChargeRequest = Closed({
  ...ChargeFields,
  urlConfirmation: HttpUrl,
  urlReturn: HttpUrl,
  paymentMethod: Schema.optional(PaymentMethod),
  ...DeliveryFields,
  /** 1: do not charge the registered card automatically, send a payment link instead. */
  ignore_auto_charging: Schema.optional(Flag),
  optionals: Schema.optional(Optionals)
}).pipe(Schema.filter(wholePesos))
export interface SendChargeRequest extends Schema.Schema.Type<typeof SendChargeRequest> {}

/**
 * One row of `card.sendMassiveCharge`'s `batchRows`: `customerId`, `commerceOrder`, `subject`, `amount`,
 * and optionally `currency`, `paymentMethod` and `optional`.
 *
 * @since 0.1.0
 * @category requests
 */
export const MassiveChargeRow = Closed({
  ...ChargeFields,
  paymentMethod: Schema.optional(PaymentMethod),
  optional: Schema.optional(Optionals)
}).pipe(Schema.filter(wholePesos))
export interface MassiveChargeRow extends Schema.Schema.Type<typeof MassiveChargeRow> {}

/**
 * `batchRows`: one row at least, `maxRows` at most. The count is checked first, so that a batch over
 * the bound is refused at once, before any of its rows is checked (FlowConfig's `maxBatchRows`).
 */
const BatchRows = (maxRows: number) => {
  const rows = Schema.Array(MassiveChargeRow).pipe(
    Schema.minItems(1, { message: () => "Expected a non-empty array of rows" })
  )
  return Schema.transformOrFail(Schema.Unknown, rows, {
    strict: true,
    decode: (input, _, ast) =>
      Array.isArray(input) && input.length > maxRows
        ? ParseResult.fail(
          new ParseResult.Type(
            ast,
            input,
            `Expected at most ${maxRows} rows (maxBatchRows), got ${input.length}: split the batch, or raise maxBatchRows`
          )
        )
        : ParseResult.succeed(input as Schema.Schema.Encoded<typeof rows>),
    encode: ParseResult.succeed
  })
}

/**
 * A massive charge of at most `maxRows` rows (FlowConfig's `maxBatchRows`); FlowCustomers checks with
 * the configured bound.
 *
 * @since 0.1.0
 * @category requests
 */
export const sendMassiveChargeRequest = (maxRows: number) =>
  Closed({
    /** Where Flow POSTs the batch token once the batch is processed. */
    urlCallBack: HttpUrl,
    urlConfirmation: HttpUrl,
    urlReturn: HttpUrl,
    batchRows: BatchRows(maxRows),
    ...DeliveryFields
  })

/**
 * A massive charge of at most {@link DEFAULT_MAX_BATCH_ROWS} rows (FlowConfig's default `maxBatchRows`).
 *
 * @since 0.1.0
 * @category requests
 */
export const SendMassiveChargeRequest = sendMassiveChargeRequest(DEFAULT_MAX_BATCH_ROWS)
export interface SendMassiveChargeRequest extends Schema.Schema.Type<typeof SendMassiveChargeRequest> {}

/**
 * The input of `card.reverseCharge` (POST `customer/reverseCharge`): the charge's `commerceOrder` or its
 * `flowOrder`, exactly one of them.
 *
 * @since 0.1.0
 * @category requests
 */
export const ReverseChargeRequest = Closed({
  commerceOrder: Schema.optional(Id),
  flowOrder: Schema.optional(PositiveInt)
}).pipe(Schema.filter((r) =>
  r.commerceOrder === undefined && r.flowOrder === undefined
    ? { path: ["commerceOrder"], message: "Expected commerceOrder or flowOrder" }
    : r.commerceOrder !== undefined && r.flowOrder !== undefined
    ? { path: ["flowOrder"], message: "Expected commerceOrder or flowOrder, not both" }
    : true
))
export interface ReverseChargeRequest extends Schema.Schema.Type<typeof ReverseChargeRequest> {}

/** A customer's history, page by page, from a date: the charges and the failed attempts. */
const CustomerHistory = {
  customerId: Id,
  ...Paging,
  fromDate: Schema.optional(IsoDate)
}

/**
 * The input of `card.listCharges` (GET `customer/getCharges`): the `customerId`, paging, and filters by
 * date, description and status.
 *
 * @since 0.1.0
 * @category requests
 */
export const ListChargesRequest = Closed({
  ...CustomerHistory,
  /** Filter by the charge's description. */
  filter: Schema.optional(Subject),
  /** 1 pending, 2 paid, 3 rejected, 4 cancelled. */
  status: Schema.optional(Schema.Literal(1, 2, 3, 4))
})
export interface ListChargesRequest extends Schema.Schema.Type<typeof ListChargesRequest> {}

/**
 * The input of `card.listFailedCharges` (GET `customer/getChargeAttemps`): the `customerId`, paging, and
 * filters by date, description and order.
 *
 * @since 0.1.0
 * @category requests
 */
export const ListFailedChargesRequest = Closed({
  ...CustomerHistory,
  /** Filter by the error's description. */
  filter: Schema.optional(Subject),
  /** Flow types this one as an integer; text is accepted too, like everywhere else. */
  commerceOrder: Schema.optional(Schema.Union(Id, NonNegativeInt))
})
export interface ListFailedChargesRequest extends Schema.Schema.Type<typeof ListFailedChargesRequest> {}

/**
 * The input of `card.subscriptions.list` (GET `customer/getSubscriptions`): the `customerId`, paging, and
 * a filter by subscription id.
 *
 * @since 0.1.0
 * @category requests
 */
export const ListSubscriptionsRequest = Closed({
  customerId: Id,
  ...Paging,
  /** Filter by the subscription's id. */
  filter: Schema.optional(Id)
})
export interface ListSubscriptionsRequest extends Schema.Schema.Type<typeof ListSubscriptionsRequest> {}
