/**
 * The fields of the requests, checked with Schema before anything is sent: text, ids, emails, URLs,
 * amounts, currencies, counts, flags, dates, merchant `optionals`, and payment methods with Flow's
 * numbers for them. CustomerRequests.ts builds each operation's request from these (and re-exports them).
 */
import * as Schema from "effect/Schema"

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

/**
 * Ids Flow gives (`cus_…`, tokens) and ids the merchant gives (`commerceOrder`, `externalId`).
 *
 * @since 0.1.0
 * @category requests
 */
export const Id = Text(255)
/**
 * A customer's name: text of 1 to 255 characters, no control characters or lone surrogates.
 *
 * @since 0.1.0
 * @category requests
 */
export const Name = Text(255)
/**
 * A charge's description (`subject`): text of 1 to 255 characters.
 *
 * @since 0.1.0
 * @category requests
 */
export const Subject = Text(255)

/**
 * An email address of at most 254 characters.
 *
 * @since 0.1.0
 * @category requests
 */
export const Email = Text(254, (s) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) ? undefined : "Expected an email address")

/**
 * An absolute http(s) URL, as Flow calls or redirects to it. The text is sent as given, so it must be a
 * URL as written: no spaces or backslashes and a literal `http(s)://`, none of which the WHATWG parser
 * would quietly repair.
 *
 * @since 0.1.0
 * @category requests
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

/**
 * A positive, finite amount. Whole pesos are enforced where the currency is known (see `wholePesos`).
 *
 * @since 0.1.0
 * @category requests
 */
export const Amount = Schema.Number.pipe(
  Schema.filter((n) =>
    !Number.isFinite(n)
      ? "Expected a finite number"
      : n <= 0
      ? "Expected a positive amount"
      : n <= 1e12 || "Expected an amount of at most 1e12"
  )
)

/**
 * `CLP` (Flow's default), `UF`, or another ISO-style code Flow may support for the merchant.
 *
 * @since 0.1.0
 * @category requests
 */
export const Currency = Schema.String.pipe(
  Schema.filter((s) => /^[A-Z]{2,4}$/.test(s) || "Expected a currency code such as CLP or UF")
)

/**
 * A whole number, 0 or more (`start`).
 *
 * @since 0.1.0
 * @category requests
 */
export const NonNegativeInt = Schema.Number.pipe(Schema.int(), Schema.nonNegative())
/**
 * A whole number, 1 or more (`flowOrder`, a raw payment method number).
 *
 * @since 0.1.0
 * @category requests
 */
export const PositiveInt = Schema.Number.pipe(Schema.int(), Schema.positive())

/**
 * A 0/1 flag; `true`/`false` are accepted and sent as 1/0.
 *
 * @since 0.1.0
 * @category requests
 */
export const Flag = Schema.Union(Schema.Literal(0, 1), Schema.Boolean)
export type Flag = typeof Flag.Type
/**
 * A {@link Flag} as Flow takes it: `1`, `0`, or `undefined` (not sent).
 *
 * @since 0.1.0
 * @category requests
 */
export const flagValue = (flag: Flag | undefined): 0 | 1 | undefined =>
  flag === undefined ? undefined : flag === true || flag === 1 ? 1 : 0

/**
 * `yyyy-mm-dd`, a real calendar date.
 *
 * @since 0.1.0
 * @category requests
 */
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
 *
 * @since 0.1.0
 * @category requests
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
 *
 * @since 0.1.0
 * @category requests
 */
export const JsonObject: Schema.Schema<Readonly<Record<string, JsonObjectValue>>> = Schema.declare(
  (value: unknown): value is Readonly<Record<string, JsonObjectValue>> =>
    isPlainObject(value) && Object.values(value).every(isJsonObjectValue),
  { identifier: "a plain object of text, finite number, boolean or null values" }
)
/**
 * A charge's `optionals` (a row's `optional`): a plain object of text, finite number, boolean or null
 * values, or JSON text of one; sent as JSON text.
 *
 * @since 0.1.0
 * @category requests
 */
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
 *
 * @since 0.1.0
 * @category requests
 */
export const FlowPaymentMethods = {
  "webpay-plus": 1,
  onepay: 5,
  mach: 15,
  khipu: 22,
  redpay: 150,
  flow: 9
} as const
/**
 * A payment method name: a key of {@link FlowPaymentMethods} (`"webpay-plus"`, `"flow"`, …).
 *
 * @since 0.1.0
 * @category requests
 */
export type FlowPaymentMethodName = keyof typeof FlowPaymentMethods

/**
 * A payment method name (`"webpay-plus"`) or Flow's number for it; sent as the number.
 *
 * @since 0.1.0
 * @category requests
 */
export const PaymentMethod = Schema.Union(
  Schema.Literal(...(Object.keys(FlowPaymentMethods) as Array<FlowPaymentMethodName>)),
  PositiveInt
)
/**
 * A payment method name (`"webpay-plus"`) or Flow's number for it.
 *
 * @since 0.1.0
 * @category requests
 */
export type PaymentMethod = typeof PaymentMethod.Type

/**
 * Flow's number for a payment method name (a number is kept as given); `undefined` when none is given.
 *
 * @since 0.1.0
 * @category requests
 */
export const paymentMethodCode = (method: PaymentMethod | undefined): number | undefined =>
  typeof method === "string" ? FlowPaymentMethods[method] : method
