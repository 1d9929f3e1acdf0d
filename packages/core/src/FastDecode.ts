/**
 * A decoder made once per answer Schema that reads a well-formed answer without Schema's parser, and
 * declines anything else.
 *
 * Why: decoding Flow's answer with Schema was the largest cost of a call that the bare transport does
 * not pay (about 7 µs of a customer's 10 fields, 40 µs of a page of ten; `pnpm bench`'s breakdown): each
 * field goes through several layers of Schema's transformations. Every Wire decoder is a plain
 * function (`raw → value | Failed`), so a struct of them can be read by a loop over its fields.
 *
 * The rule that keeps this safe: the fast decoder either returns exactly what Schema would (the same
 * fields, the same values), or {@link DECLINE}; on DECLINE the answer is decoded by Schema, whose
 * result (and error message, naming the path) is the one returned. It declines every failure, every
 * Schema it does not know, and every field it cannot read the same way. A differential test
 * (test/fast-decode.test.ts) runs both on every answer form of every operation and on hostile values.
 */
import * as Schema from "effect/Schema"

/** The fast decoder's "not this one": Schema decodes the answer instead. */
export const DECLINE: unique symbol = Symbol("@flowcl/core/FastDecode/DECLINE")

/** A fast decoder: the decoded value, or {@link DECLINE}. */
export type Fast = (raw: unknown) => unknown

/** How to make a fast decoder once it is first asked for (a struct's: once its fields are all known). */
class Lazy {
  constructor(readonly make: () => Fast | undefined) {}
}

/** The fast decoder of each known Schema, or how to make it. */
const decoders = new WeakMap<object, Fast | Lazy>()

/** How a struct's field is read: required, optional (absent when missing), or with a default. */
export interface FieldRule {
  readonly schema: object
  readonly fallback?: (() => unknown) | undefined
}
const fieldRules = new WeakMap<object, FieldRule>()

// any value, as it came (a subscription's `planAdditionalList` items)
decoders.set(Schema.Unknown, (raw: unknown) => raw)

/** Declares `schema`'s fast decoder. Returns `schema`. */
export const registerFast = <S extends object>(schema: S, fast: Fast): S => {
  decoders.set(schema, fast)
  return schema
}

/** Declares how to make `schema`'s fast decoder when it is first needed (or that it has none). Returns `schema`. */
export const registerLazyFast = <S extends object>(schema: S, make: () => Fast | undefined): S => {
  decoders.set(schema, new Lazy(make))
  return schema
}

/** Declares how a struct field wrapper (Wire's `optional`, `withDefault`) reads its value. */
export const registerField = <P extends object>(field: P, rule: FieldRule): P => {
  fieldRules.set(field, rule)
  return field
}

/** The fast decoder of `schema`, or undefined when it has none (then Schema decodes). */
export const fastDecoderOf = (schema: object): Fast | undefined => {
  const known = decoders.get(schema)
  if (!(known instanceof Lazy)) return known
  // made once, then kept (a struct with a field that has no fast decoder keeps none)
  const made = known.make()
  if (made === undefined) decoders.delete(schema)
  else decoders.set(schema, made)
  return made
}

const hasOwn = Object.prototype.hasOwnProperty

/**
 * The fast decoder of a struct of `fields` whose absent values may come in any empty form (`isEmpty`),
 * or undefined if a field has none. What Schema.Struct gives: the declared fields only, in their order;
 * a missing optional field absent, a missing defaulted one its default; a missing required one declines.
 */
export const structDecoder = (
  fields: Readonly<Record<string, unknown>>,
  isEmpty: (value: unknown) => boolean
): Fast | undefined => {
  const keys: Array<string> = []
  const reads: Array<Fast> = []
  const fallbacks: Array<(() => unknown) | undefined> = []
  const optional: Array<boolean> = []
  for (const key of Object.keys(fields)) {
    const field = fields[key] as object
    const rule = fieldRules.get(field)
    const read = fastDecoderOf(rule === undefined ? field : rule.schema)
    if (read === undefined) return undefined
    keys.push(key)
    reads.push(read)
    fallbacks.push(rule?.fallback)
    optional.push(rule !== undefined)
  }
  const n = keys.length
  return (raw) => {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return DECLINE
    const input = raw as Record<string, unknown>
    const out: Record<string, unknown> = {}
    for (let i = 0; i < n; i++) {
      const key = keys[i]!
      // an own key only, as Schema reads it (a present `undefined` is a value, refused by the readers)
      const present = hasOwn.call(input, key)
      const value = present ? input[key] : undefined
      if (!present || isEmpty(value)) {
        if (!optional[i]) return DECLINE
        const fallback = fallbacks[i]
        if (fallback !== undefined) out[key] = fallback()
        continue
      }
      const decoded = reads[i]!(value)
      if (decoded === DECLINE) return DECLINE
      out[key] = decoded
    }
    return out
  }
}

/** The fast decoder of an array of `item` after `toArray` (which may read JSON text), or undefined. */
export const arrayDecoder = (item: object, toArray: Fast): Fast | undefined => {
  const read = fastDecoderOf(item)
  if (read === undefined) return undefined
  return (raw) => {
    const array = toArray(raw)
    if (array === DECLINE) return DECLINE
    const items = array as ReadonlyArray<unknown>
    const out = new Array<unknown>(items.length)
    for (let i = 0; i < items.length; i++) {
      const decoded = read(items[i])
      if (decoded === DECLINE) return DECLINE
      out[i] = decoded
    }
    return out
  }
}

/** A transformation's fast decoder: `from`'s, then `decode` (a total function of what `from` decodes to). */
export const mappedDecoder = <S extends Schema.Schema.AnyNoContext, B>(
  from: S,
  decode: (value: Schema.Schema.Type<S>) => B
): () => Fast | undefined =>
() => {
  const read = fastDecoderOf(from)
  if (read === undefined) return undefined
  return (raw) => {
    const value = read(raw)
    return value === DECLINE ? DECLINE : decode(value as Schema.Schema.Type<S>)
  }
}
