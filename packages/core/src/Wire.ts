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
import { arrayDecoder, DECLINE, fastDecoderOf, registerField, registerFast, registerLazyFast, structDecoder } from "./FastDecode.js"
import { type Empty, isEmpty, parseJson, preview } from "./WireJson.js"

export * from "./WireJson.js"

// ---------------------------------------------------------------------------------------------
// Decoders from any value
// ---------------------------------------------------------------------------------------------

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
  registerFast(
    Schema.transformOrFail(Schema.Unknown, Schema.Unknown, {
      strict: true,
      decode: (raw, _, ast) => {
        const value = decode(raw)
        return value instanceof Failed ? ParseResult.fail(typeIssue(ast, raw, value.expected)) : ParseResult.succeed(value)
      },
      encode: ParseResult.succeed
    }) as unknown as Schema.Schema<A, I>,
    // the same function, without Schema's parser around it (FastDecode.ts)
    (raw) => {
      const value = decode(raw)
      return value instanceof Failed ? DECLINE : value
    }
  )

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

/**
 * Any plain decimal, as a number or as numeric text.
 *
 * @since 0.1.0
 * @category wire
 */
export const WireNumber = wireNumber({ integer: false, nonNegative: false, expected: "a plain decimal number" })
/**
 * An amount, fee, balance or rate: a plain decimal, not negative.
 *
 * @since 0.1.0
 * @category wire
 */
export const WireAmount = wireNumber({ integer: false, nonNegative: true, expected: "a plain decimal amount" })
/**
 * A whole number that may be negative (error codes: `-1` … `-11`, `105`).
 *
 * @since 0.1.0
 * @category wire
 */
export const WireInteger = wireNumber({ integer: true, nonNegative: false, expected: "a whole number" })
/**
 * An order number, count or id: a whole number, not negative.
 *
 * @since 0.1.0
 * @category wire
 */
export const WireCount = wireNumber({ integer: true, nonNegative: true, expected: "a whole number" })

/**
 * Text that Flow may also send as a number (`4425` for `"4425"`); a number beyond 2^53 is refused.
 *
 * @since 0.1.0
 * @category wire
 */
export const WireString = wire<string, string | number>((raw) =>
  typeof raw === "string"
    ? raw
    : typeof raw === "number" && Number.isFinite(raw) && Math.abs(raw) <= Number.MAX_SAFE_INTEGER
    ? String(raw)
    : new Failed("text, or a number within ±2^53")
)

/**
 * Text only.
 *
 * @since 0.1.0
 * @category wire
 */
export const WireText = wire<string, string>((raw) => typeof raw === "string" ? raw : new Failed("text"))

// ---------------------------------------------------------------------------------------------
// Open enums
// ---------------------------------------------------------------------------------------------

/**
 * A value of an enum that this version of the library does not know: a status or type Flow added
 * later, kept as Flow sent it. The brand exists only in types: it keeps `1 | 2 | Unrecognized<number>`
 * from collapsing into `number`, so an exhaustive `switch` must have a branch for it.
 *
 * @since 0.1.0
 * @category wire
 */
export type Unrecognized<A extends number | string> = A & Brand.Brand<"@flowcl/core/Unrecognized">

/**
 * One of the given numeric codes, sent as a number or as its text (`"1"`). Any other whole number
 * decodes too, as {@link Unrecognized}: a completed payment never turns into an error because Flow
 * added a status.
 *
 * @since 0.1.0
 * @category wire
 */
export const WireCode = <const Codes extends ReadonlyArray<number>>(
  ...codes: Codes
): Schema.Schema<Codes[number] | Unrecognized<number>, number | string> => {
  const rule = { integer: true, nonNegative: false, expected: `one of ${codes.join(", ")}, or another whole number` }
  return wire((raw) => readNumber(raw, rule) as Codes[number] | Unrecognized<number> | Failed)
}

/**
 * One of the given texts; any other non-empty text decodes too, as {@link Unrecognized}.
 *
 * @since 0.1.0
 * @category wire
 */
export const WireEnum = <const Values extends ReadonlyArray<string>>(
  ...values: Values
): Schema.Schema<Values[number] | Unrecognized<string>, string> => {
  const expected = `one of ${values.join(", ")}, or other text`
  return wire((raw) => typeof raw === "string" ? raw as Values[number] | Unrecognized<string> : new Failed(expected))
}

/**
 * `hasMore`: documented as boolean and as 1/0; normalized to boolean.
 *
 * @since 0.1.0
 * @category wire
 */
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

/**
 * An array that Flow may also send as JSON text (`"[{...}]"`); items are decoded with their index in the path.
 *
 * @since 0.1.0
 * @category wire
 */
export const WireArray = <A, I>(item: Schema.Schema<A, I>): Schema.Schema<ReadonlyArray<A>, unknown> => {
  const toArray = wire<ReadonlyArray<unknown>, unknown>((raw) => {
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
    })
  return registerLazyFast(
    Schema.compose(toArray, Schema.Array(item), { strict: false }),
    () => arrayDecoder(item, fastDecoderOf(toArray)!)
  )
}

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
 *
 * @since 0.1.0
 * @category wire
 */
export const WireRecord = wire<Readonly<Record<string, unknown>>, Readonly<Record<string, unknown>>>((raw) =>
  isObject(raw) ? ownCopy(raw) : new Failed("an object")
)

/**
 * A JSON object that Flow may send as an object or as JSON text (`optional` of a payment). Text that
 * is not a JSON object is kept as it came, so no data is dropped; JSON text of an empty array (what PHP
 * writes for an empty object) is an empty object.
 *
 * @since 0.1.0
 * @category wire
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

/**
 * An optional field of a {@link WireStruct}: absent, or one of the {@link Empty} forms, decodes to absent.
 *
 * @since 0.1.0
 * @category wire
 */
export const optional = <A, I>(schema: Schema.Schema<A, I>) =>
  registerField(Schema.optionalWith(schema, { exact: true }), { schema })

/**
 * An optional field of a {@link WireStruct} that decodes to `fallback` when absent or empty.
 *
 * @since 0.1.0
 * @category wire
 */
export const withDefault = <A, I>(schema: Schema.Schema<A, I>, fallback: () => A) =>
  registerField(Schema.optionalWith(schema, { exact: true, default: fallback }), { schema, fallback })

/** The keys of `E` that may be absent. */
type OptionalKeys<E> = { [K in keyof E]-?: {} extends Pick<E, K> ? K : never }[keyof E]

/**
 * What Flow may send for a struct encoded as `E`: its optional fields may also be {@link Empty}.
 *
 * @since 0.1.0
 * @category wire
 */
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
 *
 * @since 0.1.0
 * @category wire
 */
export const WireStruct = <Fields extends Schema.Struct.Fields>(fields: Fields) => {
  const struct = Schema.Struct(fields)
  type Encoded = WithEmpty<Schema.Schema.Encoded<typeof struct>>
  const Input = Schema.declare((u: unknown): u is Encoded => isObject(u), {
    identifier: "an object",
    message: (issue) => `Expected an object, got ${preview(issue.actual)}`
  })
  return registerLazyFast(
    Schema.transform(Input, struct, {
      strict: false,
      decode: (input) => dropEmpty(input),
      encode: (value) => value
    }),
    () => structDecoder(fields, isEmpty)
  )
}
