/**
 * What each operation accepts, checked with Schema before anything is sent. Field names are the
 * seed document's (which are Flow's). Limits that Flow does not document (text lengths) are generous
 * client-side bounds; everything else follows Flow's endpoint table (docs/flow-api.md, "Transport").
 */
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { DEFAULT_MAX_BATCH_ROWS } from "./FlowConfig.js"

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

// Control characters (C0, DEL, C1) never belong in these fields, and some (NUL) break form parsing.
// A lone UTF-16 surrogate is not text: the form encoder would send U+FFFD in its place.
// eslint-disable-next-line no-control-regex
const CONTROL_OR_LONE_SURROGATE = /[\u0000-\u001f\u007f-\u009f]|\p{Cs}/u
const LONE_SURROGATE = /\p{Cs}/u

/** Why `s` is not acceptable text of at most `max` characters, or undefined when it is. */
const textProblem = (s: string, max: number): string | undefined => {
  if (s.trim() === "") return "Expected a non-empty string"
  if (s.length > max) return `Expected at most ${max} characters, got ${s.length}`
  const bad = CONTROL_OR_LONE_SURROGATE.exec(s)
  if (bad === null) return undefined
  return LONE_SURROGATE.test(bad[0])
    ? "Expected well-formed Unicode text (a lone surrogate)"
    : "Expected no control characters"
}

/**
 * Non-blank, well-formed text without control characters, at most `max` characters. One filter, not
 * four: each refinement costs its own pass, and a 5,000-row batch has 15,000 of these.
 */
const Text = (max: number, also?: (s: string) => string | undefined) =>
  Schema.String.pipe(Schema.filter((s) => textProblem(s, max) ?? also?.(s) ?? true))

/** Ids Flow gives (`cus_…`, tokens) and ids the merchant gives (`commerceOrder`, `externalId`). */
export const Id = Text(255)
export const Name = Text(255)
export const Subject = Text(255)

export const Email = Text(254, (s) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) ? undefined : "Expected an email address")

/**
 * An absolute http(s) URL, as Flow calls or redirects to it. The text is sent as given, so it must be a
 * URL as written: no spaces or backslashes and a literal `http(s)://`, none of which the WHATWG parser
 * would quietly repair.
 */
export const HttpUrl = Text(2048, (s) => {
  if (!/^https?:\/\/[^\s\\]+$/i.test(s)) {
    return "Expected an absolute http(s) URL written out (http:// or https://, no spaces)"
  }
  try {
    const url = new URL(s)
    return url.protocol === "http:" || url.protocol === "https:" ? undefined : "Expected an http or https URL"
  } catch {
    return "Expected an absolute URL"
  }
})

/** A positive, finite amount. Whole pesos are enforced where the currency is known (see `wholePesos`). */
export const Amount = Schema.Number.pipe(
  Schema.filter((n) =>
    !Number.isFinite(n)
      ? "Expected a finite number"
      : n <= 0
      ? "Expected a positive amount"
      : n <= 1e12 || "Expected an amount of at most 1e12"
  )
)

/** `CLP` (Flow's default), `UF`, or another ISO-style code Flow may support for the merchant. */
export const Currency = Schema.String.pipe(
  Schema.filter((s) => /^[A-Z]{2,4}$/.test(s) || "Expected a currency code such as CLP or UF")
)

/**
 * CLP has no decimals (Flow refuses them, batch error 108). A struct-level check that points at `amount`;
 * an absent currency means CLP.
 */
const wholePesos = <A extends { readonly amount: number; readonly currency?: string | undefined }>(value: A) =>
  (value.currency ?? "CLP") !== "CLP" || Number.isInteger(value.amount) ||
  { path: ["amount"], message: `Expected whole pesos for CLP, got ${value.amount}` }

export const NonNegativeInt = Schema.Number.pipe(Schema.int(), Schema.nonNegative())
export const PositiveInt = Schema.Number.pipe(Schema.int(), Schema.positive())

/** A 0/1 flag; `true`/`false` are accepted and sent as 1/0. */
export const Flag = Schema.Union(Schema.Literal(0, 1), Schema.Boolean)
export type Flag = typeof Flag.Type
export const flagValue = (flag: Flag | undefined): 0 | 1 | undefined =>
  flag === undefined ? undefined : flag === true || flag === 1 ? 1 : 0

/** `yyyy-mm-dd`, a real calendar date. */
export const IsoDate = Schema.String.pipe(
  Schema.filter((s) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
    if (!match) return "Expected a date as yyyy-mm-dd"
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
    // setUTCFullYear, unlike Date.UTC, does not read years 0-99 as 1900-1999
    const date = new Date(0)
    date.setUTCFullYear(year, month - 1, day)
    return (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day) ||
      "Expected a real calendar date"
  })
)

/**
 * `optionals` / `optional`: merchant data Flow stores as a JSON object. Accepts an object of plain
 * values, or JSON text of such an object (sent as given).
 */
export type JsonObjectValue = string | number | boolean | null

const isJsonObjectValue = (value: unknown): value is JsonObjectValue =>
  typeof value === "string"
    ? !LONE_SURROGATE.test(value)
    : typeof value === "number"
    ? Number.isFinite(value) // JSON.stringify would send NaN and Infinity as null
    : typeof value === "boolean" || value === null

/** A plain object (not a Map, a Date or a class instance, which JSON.stringify would send as `{}`). */
const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/**
 * A plain object of text, finite number, boolean or null values. Checked, not copied: what is sent
 * is `JSON.stringify` of exactly the object given (an own `__proto__` key included).
 */
export const JsonObject: Schema.Schema<Readonly<Record<string, JsonObjectValue>>> = Schema.declare(
  (value: unknown): value is Readonly<Record<string, JsonObjectValue>> =>
    isPlainObject(value) && Object.values(value).every(isJsonObjectValue),
  { identifier: "a plain object of text, finite number, boolean or null values" }
)
export const Optionals = Schema.Union(
  JsonObject,
  // JSON text may be pretty-printed, so newlines are allowed here (JSON.parse refuses other control characters).
  Schema.String.pipe(Schema.maxLength(10_000), Schema.filter((s) => {
    if (LONE_SURROGATE.test(s)) return "Expected well-formed Unicode text (a lone surrogate)"
    try {
      const parsed: unknown = JSON.parse(s)
      return (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) ||
        "Expected JSON text of an object"
    } catch {
      return "Expected JSON text of an object"
    }
  }))
)
export type Optionals = typeof Optionals.Type

// ---------------------------------------------------------------------------------------------
// Payment methods
// ---------------------------------------------------------------------------------------------

/**
 * Payment method names and Flow's numbers. Only 9 (all methods) is documented by Flow; the others
 * are the table of an independent SDK, flowcl-pagos (docs/flow-api.md, "Collect"). A raw number is
 * always accepted.
 */
export const FlowPaymentMethods = {
  "webpay-plus": 1,
  onepay: 5,
  mach: 15,
  khipu: 22,
  redpay: 150,
  flow: 9
} as const
export type FlowPaymentMethodName = keyof typeof FlowPaymentMethods

export const PaymentMethod = Schema.Union(
  Schema.Literal(...(Object.keys(FlowPaymentMethods) as Array<FlowPaymentMethodName>)),
  PositiveInt
)
/** A payment method name (`"webpay-plus"`) or Flow's number for it. */
export type PaymentMethod = typeof PaymentMethod.Type

export const paymentMethodCode = (method: PaymentMethod | undefined): number | undefined =>
  typeof method === "string" ? FlowPaymentMethods[method] : method

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

export const CreateCustomerRequest = Closed({
  name: Name,
  email: Email,
  externalId: Id
})
export interface CreateCustomerRequest extends Schema.Schema.Type<typeof CreateCustomerRequest> {}

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

export const CustomerIdRequest = Closed({ customerId: Id })
export const TokenRequest = Closed({ token: Id })
/** A payment by the merchant's order (Flow's param is `commerceId`). */
export const CommerceOrderRequest = Closed({ commerceOrder: Id })
/** A payment by Flow's order number. */
export const FlowOrderRequest = Closed({ flowOrder: PositiveInt })

/** `limit` is at most 100 (Flow's maximum page). */
const Paging = {
  start: Schema.optional(NonNegativeInt),
  limit: Schema.optional(PositiveInt.pipe(Schema.lessThanOrEqualTo(100)))
}

export const ListCustomersRequest = Closed({
  ...Paging,
  /** Filter by the customer's name. */
  filter: Schema.optional(Name),
  /** 1 active, 0 deleted. */
  status: Schema.optional(Schema.Literal(0, 1))
})
export interface ListCustomersRequest extends Schema.Schema.Type<typeof ListCustomersRequest> {}

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

export const ChargeCardRequest = Closed({
  ...ChargeFields,
  optionals: Schema.optional(Optionals)
}).pipe(Schema.filter(wholePesos))
export interface ChargeCardRequest extends Schema.Schema.Type<typeof ChargeCardRequest> {}

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

/** A massive charge of at most {@link DEFAULT_MAX_BATCH_ROWS} rows (FlowConfig's default `maxBatchRows`). */
export const SendMassiveChargeRequest = sendMassiveChargeRequest(DEFAULT_MAX_BATCH_ROWS)
export interface SendMassiveChargeRequest extends Schema.Schema.Type<typeof SendMassiveChargeRequest> {}

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

export const ListChargesRequest = Closed({
  ...CustomerHistory,
  /** Filter by the charge's description. */
  filter: Schema.optional(Subject),
  /** 1 pending, 2 paid, 3 rejected, 4 cancelled. */
  status: Schema.optional(Schema.Literal(1, 2, 3, 4))
})
export interface ListChargesRequest extends Schema.Schema.Type<typeof ListChargesRequest> {}

export const ListFailedChargesRequest = Closed({
  ...CustomerHistory,
  /** Filter by the error's description. */
  filter: Schema.optional(Subject),
  /** Flow types this one as an integer; text is accepted too, like everywhere else. */
  commerceOrder: Schema.optional(Schema.Union(Id, NonNegativeInt))
})
export interface ListFailedChargesRequest extends Schema.Schema.Type<typeof ListFailedChargesRequest> {}

export const ListSubscriptionsRequest = Closed({
  customerId: Id,
  ...Paging,
  /** Filter by the subscription's id. */
  filter: Schema.optional(Id)
})
export interface ListSubscriptionsRequest extends Schema.Schema.Type<typeof ListSubscriptionsRequest> {}
