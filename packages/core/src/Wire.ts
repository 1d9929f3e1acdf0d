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
  Schema.transformOrFail(Schema.Unknown, Schema.Literal(...codes), {
    strict: true,
    decode: (raw, _, ast) => {
      const n = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : Number.NaN
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

/**
 * An optional field of a {@link WireStruct}: absent, or `null` (which the struct drops), decodes to
 * absent.
 */
export const optional = <A, I>(schema: Schema.Schema<A, I>) => Schema.optionalWith(schema, { exact: true })

/** The keys of `E` that may be absent. */
type OptionalKeys<E> = { [K in keyof E]-?: {} extends Pick<E, K> ? K : never }[keyof E]

/** What Flow may send for a struct encoded as `E`: its optional fields may also be `null`. */
export type WithNulls<E> =
  & { readonly [K in Exclude<keyof E, OptionalKeys<E>>]: E[K] }
  & { readonly [K in OptionalKeys<E>]?: E[K] | null }

/** `input` without its `null` fields (copied only when there is one). */
const dropNulls = (input: object): object => {
  let copy: Record<string, unknown> | undefined
  for (const key in input) {
    if ((input as Record<string, unknown>)[key] === null) {
      copy ??= { ...input }
      delete copy[key]
    }
  }
  return copy ?? input
}

/**
 * A struct of Flow's answer, where an absent value may come as `null`: nulls are dropped in one pass
 * over the keys, then the struct decodes. (A nullable Schema per field costs several times more, and a
 * 100-item page has a thousand such fields.)
 */
export const WireStruct = <Fields extends Schema.Struct.Fields>(fields: Fields) => {
  const struct = Schema.Struct(fields)
  type Encoded = WithNulls<Schema.Schema.Encoded<typeof struct>>
  const Input = Schema.declare((u: unknown): u is Encoded => typeof u === "object" && u !== null && !Array.isArray(u), {
    identifier: "an object"
  })
  return Schema.transform(Input, struct, {
    strict: false,
    decode: (input) => dropNulls(input),
    encode: (value) => value
  })
}
