/**
 * Flow's JSON text and PHP's empty forms (docs/flow-api.md, "Answer forms"): {@link parseJson} reads
 * Flow's text without rounding integers beyond 2^53 or keeping `__proto__` keys, {@link preview} shows a
 * bad value safely in an error message, and {@link isEmpty} tells PHP's "nothing" (`null`, `""`, `[]`,
 * `{}`). Wire.ts builds its decoders on these (and re-exports them).
 */

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
 *
 * @since 0.1.0
 * @category wire
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
 * Appends `value`, as JSON, to `out` until `out` passes `PREVIEW_LENGTH`: the work is bounded by
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
 * A short, safe rendering of a value for an error message: at most 80 characters (`PREVIEW_LENGTH`),
 * whatever the value's size or depth (a 10 MB string or a 3,000-deep array cannot flood or crash a
 * message), built in time bounded by the preview's length, not the value's size.
 *
 * @since 0.1.0
 * @category wire
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

/**
 * What PHP's `json_encode` writes for "nothing": `null`, `""`, `[]` or `{}`.
 *
 * @since 0.1.0
 * @category wire
 */
export type Empty = null | "" | readonly [] | { readonly [key: string]: never }

/**
 * Whether `value` is one of the {@link Empty} forms.
 *
 * @since 0.1.0
 * @category wire
 */
export const isEmpty = (value: unknown): boolean => {
  if (value === null || value === "") return true
  if (typeof value !== "object") return false
  if (Array.isArray(value)) return value.length === 0
  for (const _ in value) return false
  return true
}
