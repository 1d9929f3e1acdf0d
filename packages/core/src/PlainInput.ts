/**
 * The caller's input, read once into plain data before anything checks it.
 *
 * Validation and sending must see the same values. A getter, a Proxy or a `toJSON` could answer one
 * thing while the input is checked and another while it is serialized, so every operation copies its
 * input first: each property is read exactly once, and what is validated, signed and sent is that copy.
 * A getter or a Proxy trap that throws becomes a validation error naming the field.
 *
 * The copy keeps what validation needs to know: arrays stay arrays, plain objects stay plain, and any
 * other object (a class instance, a Date, a Map) is copied field by field onto a {@link NonPlainCopy},
 * so a check that requires a plain object still refuses it, while a request given as a class instance
 * with the right fields is still accepted.
 */
import { formatPath } from "./ParseErrors.js"

/** The prototype of copies of objects that were not plain (a class instance, a Date, a Map). */
export class NonPlainCopy {}

/** Deeper than any request (request → batchRows → row → optional); a cycle ends here too. */
const MAX_DEPTH = 16
/** More items than any request can carry; copying stops before it allocates for a hostile length. */
const MAX_ITEMS = 1_000_000
/**
 * More values than any request holds, counted over the whole copy: shared references are copied
 * each time they are met, so a small object graph of repeated references could otherwise take
 * exponential time before the depth limit stops it.
 */
const MAX_VALUES = 2_000_000

export type PlainInputResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly field: string; readonly message: string }

class Unreadable {
  constructor(readonly path: ReadonlyArray<PropertyKey>, readonly message: string) {}
}

const reason = (error: unknown): string => {
  try {
    const message = error instanceof Error ? error.message : String(error)
    return message.length > 200 ? `${message.slice(0, 200)}…` : message
  } catch {
    return "an error that cannot be shown"
  }
}

interface Budget {
  values: number
}

const copy = (value: unknown, path: Array<PropertyKey>, budget: Budget): unknown => {
  if (++budget.values > MAX_VALUES) throw new Unreadable([...path], "holds too many values")
  if (typeof value !== "object" || value === null) return value
  if (path.length >= MAX_DEPTH) throw new Unreadable([...path], "is nested too deeply (or refers to itself)")
  let isArray: boolean
  let keys: ReadonlyArray<string>
  let proto: unknown
  try {
    isArray = Array.isArray(value)
    keys = isArray ? [] : Object.keys(value)
    proto = isArray ? undefined : Object.getPrototypeOf(value)
  } catch (error) {
    throw new Unreadable([...path], `could not be read: ${reason(error)}`)
  }
  if (isArray) {
    const items = value as ReadonlyArray<unknown>
    let length: number
    try {
      length = items.length
    } catch (error) {
      throw new Unreadable([...path], `could not be read: ${reason(error)}`)
    }
    if (!Number.isSafeInteger(length) || length < 0 || length > MAX_ITEMS) {
      throw new Unreadable([...path], `has too many items (${String(length)})`)
    }
    const out = new Array<unknown>(length)
    for (let i = 0; i < length; i++) {
      path.push(i)
      out[i] = copy(read(items, i, path), path, budget)
      path.pop()
    }
    return out
  }
  const out: Record<string, unknown> = proto === Object.prototype || proto === null
    ? {}
    : Object.create(NonPlainCopy.prototype) as Record<string, unknown>
  for (const key of keys) {
    path.push(key)
    const field = copy(read(value as Record<string, unknown>, key, path), path, budget)
    // an own `__proto__` key stays an own key (assigning it would set the copy's prototype)
    if (key === "__proto__") {
      Object.defineProperty(out, key, { value: field, enumerable: true, writable: true, configurable: true })
    } else {
      out[key] = field
    }
    path.pop()
  }
  return out
}

const read = (container: object, key: PropertyKey, path: ReadonlyArray<PropertyKey>): unknown => {
  try {
    return (container as Record<PropertyKey, unknown>)[key]
  } catch (error) {
    throw new Unreadable([...path], `could not be read: ${reason(error)}`)
  }
}

/** `input` copied to plain data, each property read once; or the field that could not be read, and why. */
export const plainInput = (input: unknown): PlainInputResult => {
  try {
    return { ok: true, value: copy(input, [], { values: 0 }) }
  } catch (error) {
    if (error instanceof Unreadable) {
      return { ok: false, field: formatPath(error.path), message: error.message }
    }
    return { ok: false, field: "", message: `could not be read: ${reason(error)}` }
  }
}
