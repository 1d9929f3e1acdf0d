/**
 * Decoders for Flow's JSON, which is looser than its spec and is written by a PHP backend
 * (docs/flow-api.md, "Answer forms"). Each decoder accepts every form Flow is known to write and yields
 * one type; anything else fails with a message that names what was expected and shows a short preview
 * of what came.
 *
 * - **Empty forms are absent.** PHP's `json_encode` writes `[]` for an empty object, and absent values
 *   as `""` or `null`. A {@link WireStruct} drops a field holding `null`, `""`, `[]` or `{}` before
 *   decoding, so an optional field reads as absent and a required one as missing.
 * - **Numbers are plain decimals**, as numbers or numeric text (`"12000.00"`). Hex, exponents, `NaN`,
 *   `Infinity`, signs where none belong, spaces and leading zeros are refused. No number beyond 2^53 is
 *   ever rounded: {@link parseJson} keeps such integers as the exact text Flow wrote, text fields keep
 *   that text, and numeric fields refuse it.
 * - **Enums are open.** A status or type that Flow adds later decodes and is kept as Flow sent it,
 *   typed {@link Unrecognized} so that an exhaustive `switch` must handle it.
 * - **No prototypes from data.** JSON text is parsed with `__proto__` keys dropped, and objects passed
 *   through untyped are copied key by key, so no answer can set an object's prototype.
 */
import type * as Brand from "effect/Brand"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"

// ---------------------------------------------------------------------------------------------
// JSON text
// ---------------------------------------------------------------------------------------------

/** 16 digits in a row: the only texts where an integer beyond 2^53 can hide (it needs 16 or more). */
const LONG_DIGIT_RUN = /\d{16}/
const isDigit = (code: number) => code >= 48 && code <= 57
/** A run of digits, matched from `lastIndex`: a single-class loop, which needs no backtracking stack. */
const DIGITS = /\d*/y

/** The index after the digits that start at `from`. */
const digitsEnd = (text: string, from: number): number => {
  DIGITS.lastIndex = from
  return DIGITS.test(text) ? DIGITS.lastIndex : from
}

/** The index after the JSON string whose opening quote is at `quote` (the text's end if it is not closed). */
const stringEnd = (text: string, quote: number): number => {
  let at = quote + 1
  for (;;) {
    const close = text.indexOf("\"", at)
    if (close < 0) return text.length
    // the quote is escaped when an odd number of backslashes comes right before it
    let backslashes = 0
    while (text.charCodeAt(close - 1 - backslashes) === 92) backslashes++
    if (backslashes % 2 === 0) return close + 1
    at = close + 1
  }
}

/**
 * Integer tokens beyond 2^53 become JSON strings holding their exact digits. One pass over the text,
 * skipping JSON strings whole (escapes included), with `indexOf` and single-class loops only: a
 * regular expression with an alternation per character would overflow its backtracking stack on a
 * string of megabytes.
 */
const quoteUnsafeIntegers = (text: string): string => {
  const parts: Array<string> = []
  let copied = 0
  let i = 0
  const n = text.length
  while (i < n) {
    const code = text.charCodeAt(i)
    if (code === 34) {
      i = stringEnd(text, i)
    } else if (code === 45 || isDigit(code)) {
      // a number: -?digits, then an optional fraction and exponent (which make it no integer)
      const start = i
      const end = digitsEnd(text, code === 45 ? i + 1 : i)
      i = end
      let integer = true
      if (i < n && text.charCodeAt(i) === 46) {
        integer = false
        i = digitsEnd(text, i + 1)
      }
      if (i < n && (text.charCodeAt(i) | 32) === 101) {
        integer = false
        i++
        if (i < n && (text.charCodeAt(i) === 43 || text.charCodeAt(i) === 45)) i++
        i = digitsEnd(text, i)
      }
      // fewer than 16 digits is always a safe integer
      if (integer && end - start >= 16) {
        const token = text.slice(start, end)
        if (!Number.isSafeInteger(Number(token))) {
          parts.push(text.slice(copied, start), `"${token}"`)
          copied = end
        }
      }
    } else {
      i++
    }
  }
  if (copied === 0) return text
  parts.push(text.slice(copied))
  return parts.join("")
}

const dropProtoKeys = (key: string, value: unknown): unknown => key === "__proto__" ? undefined : value

/**
 * `JSON.parse` for text that came from Flow. An integer beyond 2^53 is kept as the exact text Flow
 * wrote (`JSON.parse` would round it); `__proto__` keys are dropped, so no parsed object can carry one
 * into a later copy. Both checks cost one `test` of the text unless they apply. Throws like `JSON.parse`.
 */
export const parseJson = (text: string): unknown => {
  const exact = LONG_DIGIT_RUN.test(text) ? quoteUnsafeIntegers(text) : text
  return exact.includes("\"__proto__\"") ? JSON.parse(exact, dropProtoKeys) : JSON.parse(exact)
}

// ---------------------------------------------------------------------------------------------
// Previews and empty forms
// ---------------------------------------------------------------------------------------------

const PREVIEW_LENGTH = 80

/** Thrown by {@link render} once the preview is long enough. */
class PreviewFull {}

/**
 * Appends `value`, as JSON, to `out` until `out` passes {@link PREVIEW_LENGTH}: the work is bounded by
 * the preview, not by the value (a 10 MB string is sliced before it is quoted; a 3,000-deep array
 * stops after 80 brackets).
 */
const render = (value: unknown, out: { text: string }): void => {
  const add = (text: string) => {
    out.text += text
    if (out.text.length > PREVIEW_LENGTH) throw new PreviewFull()
  }
  if (typeof value === "string") return add(JSON.stringify(value.slice(0, PREVIEW_LENGTH + 1)))
  if (typeof value === "number" || typeof value === "boolean" || value === null) return add(JSON.stringify(value))
  if (typeof value !== "object") return add(String(value))
  if (Array.isArray(value)) {
    add("[")
    for (let i = 0; i < value.length; i++) {
      if (i > 0) add(",")
      render(value[i], out)
    }
    return add("]")
  }
  add("{")
  let first = true
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue
    if (!first) add(",")
    first = false
    add(`${JSON.stringify(key.slice(0, PREVIEW_LENGTH + 1))}:`)
    render((value as Record<string, unknown>)[key], out)
  }
  add("}")
}

/**
 * A short, safe rendering of a value for an error message: at most {@link PREVIEW_LENGTH} characters,
 * whatever the value's size or depth (a 10 MB string or a 3,000-deep array cannot flood or crash a
 * message), built in time bounded by the preview's length, not the value's size.
 */
export const preview = (value: unknown): string => {
  if (typeof value === "string") {
    return value.length > PREVIEW_LENGTH ? `${JSON.stringify(value.slice(0, PREVIEW_LENGTH))}… (${value.length} characters)` : JSON.stringify(value)
  }
  if (typeof value !== "object" || value === null) return String(value)
  const out = { text: "" }
  try {
    render(value, out)
  } catch (error) {
    if (!(error instanceof PreviewFull)) return Array.isArray(value) ? "an array that cannot be shown" : "an object that cannot be shown"
  }
  return out.text.length > PREVIEW_LENGTH ? `${out.text.slice(0, PREVIEW_LENGTH)}…` : out.text
}

/** What PHP's `json_encode` writes for "nothing": `null`, `""`, `[]` or `{}`. */
export type Empty = null | "" | readonly [] | { readonly [key: string]: never }

/** Whether `value` is one of the {@link Empty} forms. */
export const isEmpty = (value: unknown): boolean => {
  if (value === null || value === "") return true
  if (typeof value !== "object") return false
  if (Array.isArray(value)) return value.length === 0
  for (const _ in value) return false
  return true
}

const typeIssue = (ast: Schema.Schema.AnyNoContext["ast"], actual: unknown, expected: string) =>
  new ParseResult.Type(ast, actual, `Expected ${expected}, got ${preview(actual)}`)

/** What a {@link wire} decoder returns when the value is not acceptable. */
class Failed {
  constructor(readonly expected: string) {}
}

/**
 * A decoder from any value: `decode` returns the decoded value, or a {@link Failed} saying what was
 * expected. Every decoder here reads `unknown`, so that a value of the wrong type (a 3,000-deep
 * array, a 10 MB string) is reported through {@link preview}, never formatted in full.
 */
const wire = <A, I>(decode: (raw: unknown) => A | Failed): Schema.Schema<A, I> =>
  Schema.transformOrFail(Schema.Unknown, Schema.Unknown, {
    strict: true,
    decode: (raw, _, ast) => {
      const value = decode(raw)
      return value instanceof Failed ? ParseResult.fail(typeIssue(ast, raw, value.expected)) : ParseResult.succeed(value)
    },
    encode: ParseResult.succeed
  }) as unknown as Schema.Schema<A, I>

// ---------------------------------------------------------------------------------------------
// Numbers and text
// ---------------------------------------------------------------------------------------------

/** A plain decimal: optional minus, no leading zeros, optional fraction; no exponent, hex or spaces. */
const PLAIN_DECIMAL = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/

interface NumberRule {
  readonly integer: boolean
  readonly nonNegative: boolean
  readonly expected: string
}

/** `raw` as a number under `rule`, or why not. */
const readNumber = (raw: unknown, rule: NumberRule): number | Failed => {
  let n: number
  if (typeof raw === "number") n = raw
  else if (typeof raw === "string" && PLAIN_DECIMAL.test(raw)) n = Number(raw)
  else return new Failed(rule.expected)
  if (!Number.isFinite(n)) return new Failed(rule.expected)
  if (Math.abs(n) > Number.MAX_SAFE_INTEGER) return new Failed(`${rule.expected} within ±2^53 (it cannot be kept exactly)`)
  if (rule.integer && !Number.isInteger(n)) return new Failed(rule.expected)
  if (rule.nonNegative && n < 0) return new Failed(`${rule.expected}, not negative`)
  // "-0" is zero
  return n === 0 ? 0 : n
}

const wireNumber = (rule: NumberRule) => wire<number, number | string>((raw) => readNumber(raw, rule))

/** Any plain decimal, as a number or as numeric text. */
export const WireNumber = wireNumber({ integer: false, nonNegative: false, expected: "a plain decimal number" })
/** An amount, fee, balance or rate: a plain decimal, not negative. */
export const WireAmount = wireNumber({ integer: false, nonNegative: true, expected: "a plain decimal amount" })
/** A whole number that may be negative (error codes: `-1` … `-11`, `105`). */
export const WireInteger = wireNumber({ integer: true, nonNegative: false, expected: "a whole number" })
/** An order number, count or id: a whole number, not negative. */
export const WireCount = wireNumber({ integer: true, nonNegative: true, expected: "a whole number" })

/** Text that Flow may also send as a number (`4425` for `"4425"`); a number beyond 2^53 is refused. */
export const WireString = wire<string, string | number>((raw) =>
  typeof raw === "string"
    ? raw
    : typeof raw === "number" && Number.isFinite(raw) && Math.abs(raw) <= Number.MAX_SAFE_INTEGER
    ? String(raw)
    : new Failed("text, or a number within ±2^53")
)

/** Text only. */
export const WireText = wire<string, string>((raw) => typeof raw === "string" ? raw : new Failed("text"))

// ---------------------------------------------------------------------------------------------
// Open enums
// ---------------------------------------------------------------------------------------------

/**
 * A value of an enum that this version of the library does not know: a status or type Flow added
 * later, kept as Flow sent it. The brand exists only in types: it keeps `1 | 2 | Unrecognized<number>`
 * from collapsing into `number`, so an exhaustive `switch` must have a branch for it.
 */
export type Unrecognized<A extends number | string> = A & Brand.Brand<"@flowcl/core/Unrecognized">

/**
 * One of the given numeric codes, sent as a number or as its text (`"1"`). Any other whole number
 * decodes too, as {@link Unrecognized}: a completed payment never turns into an error because Flow
 * added a status.
 */
export const WireCode = <const Codes extends ReadonlyArray<number>>(
  ...codes: Codes
): Schema.Schema<Codes[number] | Unrecognized<number>, number | string> => {
  const rule = { integer: true, nonNegative: false, expected: `one of ${codes.join(", ")}, or another whole number` }
  return wire((raw) => readNumber(raw, rule) as Codes[number] | Unrecognized<number> | Failed)
}

/** One of the given texts; any other non-empty text decodes too, as {@link Unrecognized}. */
export const WireEnum = <const Values extends ReadonlyArray<string>>(
  ...values: Values
): Schema.Schema<Values[number] | Unrecognized<string>, string> => {
  const expected = `one of ${values.join(", ")}, or other text`
  return wire((raw) => typeof raw === "string" ? raw as Values[number] | Unrecognized<string> : new Failed(expected))
}

/** `hasMore`: documented as boolean and as 1/0; normalized to boolean. */
export const WireBoolean = wire<boolean, boolean | number | string>((raw) => {
  switch (raw) {
    case true:
    case 1:
    case "1":
    case "true":
      return true
    case false:
    case 0:
    case "0":
    case "false":
      return false
    default:
      return new Failed("a boolean or 0/1")
  }
})

// ---------------------------------------------------------------------------------------------
// Arrays and objects
// ---------------------------------------------------------------------------------------------

/** An array that Flow may also send as JSON text (`"[{...}]"`); items are decoded with their index in the path. */
export const WireArray = <A, I>(item: Schema.Schema<A, I>): Schema.Schema<ReadonlyArray<A>, unknown> =>
  Schema.compose(
    wire<ReadonlyArray<unknown>, unknown>((raw) => {
      if (Array.isArray(raw)) return raw
      if (typeof raw === "string") {
        try {
          const parsed = parseJson(raw)
          if (Array.isArray(parsed)) return parsed
        } catch {
          // reported below
        }
      }
      return new Failed("an array or JSON text of an array")
    }),
    Schema.Array(item),
    { strict: false }
  )

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/** A copy of `value` made key by key, without `__proto__`: assigning that key would set the copy's prototype. */
const ownCopy = (value: Record<string, unknown>): Record<string, unknown> => {
  const copy: Record<string, unknown> = {}
  for (const key of Object.keys(value)) {
    if (key !== "__proto__") copy[key] = value[key]
  }
  return copy
}

/**
 * A JSON object passed through untyped (a subscription's `discount`, an invoice): copied without any
 * `__proto__` key, so it cannot become a prototype wherever it is copied later.
 */
export const WireRecord = wire<Readonly<Record<string, unknown>>, Readonly<Record<string, unknown>>>((raw) =>
  isObject(raw) ? ownCopy(raw) : new Failed("an object")
)

/**
 * A JSON object that Flow may send as an object or as JSON text (`optional` of a payment). Text that
 * is not a JSON object is kept as it came, so no data is dropped; JSON text of an empty array (what PHP
 * writes for an empty object) is an empty object.
 */
export const WireJsonObject = wire<
  Readonly<Record<string, unknown>> | string,
  Readonly<Record<string, unknown>> | string
>((raw) => {
  if (isObject(raw)) return ownCopy(raw)
  if (typeof raw !== "string") return new Failed("an object or JSON text of one")
  let parsed: unknown
  try {
    parsed = parseJson(raw)
  } catch {
    return raw
  }
  if (isObject(parsed)) return ownCopy(parsed)
  return Array.isArray(parsed) && parsed.length === 0 ? {} : raw
})

// ---------------------------------------------------------------------------------------------
// Structs
// ---------------------------------------------------------------------------------------------

/** An optional field of a {@link WireStruct}: absent, or one of the {@link Empty} forms, decodes to absent. */
export const optional = <A, I>(schema: Schema.Schema<A, I>) => Schema.optionalWith(schema, { exact: true })

/** An optional field of a {@link WireStruct} that decodes to `fallback` when absent or empty. */
export const withDefault = <A, I>(schema: Schema.Schema<A, I>, fallback: () => A) =>
  Schema.optionalWith(schema, { exact: true, default: fallback })

/** The keys of `E` that may be absent. */
type OptionalKeys<E> = { [K in keyof E]-?: {} extends Pick<E, K> ? K : never }[keyof E]

/** What Flow may send for a struct encoded as `E`: its optional fields may also be {@link Empty}. */
export type WithEmpty<E> =
  & { readonly [K in Exclude<keyof E, OptionalKeys<E>>]: E[K] }
  & { readonly [K in OptionalKeys<E>]?: E[K] | Empty }

/** `input` without its {@link Empty} fields (copied only when there is one). */
const dropEmpty = (input: object): object => {
  let copy: Record<string, unknown> | undefined
  for (const key in input) {
    if (isEmpty((input as Record<string, unknown>)[key])) {
      copy ??= { ...input }
      delete copy[key]
    }
  }
  return copy ?? input
}

/**
 * A struct of Flow's answer, where an absent value may come in any {@link Empty} form: those fields
 * are dropped in one pass over the keys, then the struct decodes. (A per-field Schema for each empty
 * form costs several times more, and a 100-item page has a thousand such fields.) Unknown fields are
 * ignored.
 */
export const WireStruct = <Fields extends Schema.Struct.Fields>(fields: Fields) => {
  const struct = Schema.Struct(fields)
  type Encoded = WithEmpty<Schema.Schema.Encoded<typeof struct>>
  const Input = Schema.declare((u: unknown): u is Encoded => isObject(u), {
    identifier: "an object",
    message: (issue) => `Expected an object, got ${preview(issue.actual)}`
  })
  return Schema.transform(Input, struct, {
    strict: false,
    decode: (input) => dropEmpty(input),
    encode: (value) => value
  })
}
