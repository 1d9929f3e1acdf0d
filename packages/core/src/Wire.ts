/**
 * Tolerant decoders for Flow's JSON, which is looser than its spec (SPEC.md §1.7, §6.1):
 * numbers arrive as numeric strings, 0/1 flags as strings or booleans, list `data` as an array or as
 * JSON text, and absent values as `null`. Each decoder accepts every documented form and yields one type.
 */
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"

/** A number sent as a number or as numeric text (`"12000.00"`). */
export const WireNumber: Schema.Schema<number, number | string> = Schema.Union(Schema.Number, Schema.NumberFromString)

/** Text that Flow may also send as a number (`4425` for `"4425"`). */
export const WireString: Schema.Schema<string, string | number> = Schema.Union(
  Schema.String,
  Schema.transform(Schema.Number, Schema.String, { strict: true, decode: String, encode: Number })
)

/** One of the given numeric codes, sent as a number or as its text (`"1"`). */
export const WireCode = <const Codes extends ReadonlyArray<number>>(
  ...codes: Codes
): Schema.Schema<Codes[number], number | string> =>
  Schema.transformOrFail(Schema.Union(Schema.Number, Schema.String), Schema.Literal(...codes), {
    strict: true,
    decode: (raw, _, ast) => {
      const n = typeof raw === "number" ? raw : raw.trim() === "" ? Number.NaN : Number(raw)
      return codes.includes(n)
        ? ParseResult.succeed(n as Codes[number])
        : ParseResult.fail(new ParseResult.Type(ast, raw, `Expected one of ${codes.join(", ")}, got ${JSON.stringify(raw)}`))
    },
    encode: ParseResult.succeed
  }) as unknown as Schema.Schema<Codes[number], number | string>

/** `hasMore`: documented as boolean and as 1/0 (SPEC.md §1.7); normalized to boolean. */
export const WireBoolean: Schema.Schema<boolean, boolean | number | string> = Schema.transformOrFail(
  Schema.Union(Schema.Boolean, Schema.Number, Schema.String),
  Schema.Boolean,
  {
    strict: true,
    decode: (raw, _, ast) => {
      switch (raw) {
        case true:
        case 1:
        case "1":
        case "true":
          return ParseResult.succeed(true)
        case false:
        case 0:
        case "0":
        case "false":
          return ParseResult.succeed(false)
        default:
          return ParseResult.fail(new ParseResult.Type(ast, raw, `Expected a boolean or 0/1, got ${JSON.stringify(raw)}`))
      }
    },
    encode: ParseResult.succeed
  }
)

/** An array that Flow may also send as JSON text (`"[{...}]"`); items are decoded with their index in the path. */
export const WireArray = <A, I>(item: Schema.Schema<A, I>): Schema.Schema<ReadonlyArray<A>, unknown> =>
  Schema.transformOrFail(Schema.Unknown, Schema.Array(item), {
    strict: false,
    decode: (raw, _, ast) => {
      if (typeof raw !== "string") return ParseResult.succeed(raw)
      try {
        return ParseResult.succeed(JSON.parse(raw))
      } catch {
        return ParseResult.fail(new ParseResult.Type(ast, raw, "Expected an array or JSON text of an array"))
      }
    },
    encode: ParseResult.succeed
  })

/**
 * A JSON object that Flow may send as an object or as JSON text (`optional` of a payment).
 * Text that is not a JSON object is kept as it came, so no data is dropped.
 */
export const WireJsonObject: Schema.Schema<
  Readonly<Record<string, unknown>> | string,
  Readonly<Record<string, unknown>> | string
> = Schema.transform(
  Schema.Union(Schema.String, Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  Schema.Union(Schema.String, Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  {
    strict: true,
    decode: (raw) => {
      if (typeof raw !== "string") return raw
      try {
        const parsed: unknown = JSON.parse(raw)
        return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
          ? parsed as Record<string, unknown>
          : raw
      } catch {
        return raw
      }
    },
    encode: (value) => value
  }
)

/** An optional field that Flow may also send as `null`; both absent and `null` decode to absent. */
export const optional = <A, I>(schema: Schema.Schema<A, I>) =>
  Schema.optionalWith(schema, { nullable: true, exact: true })
