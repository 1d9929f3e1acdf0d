/**
 * One request to Flow before it is signed: Flow's verbs, the parameters as given and as the text that
 * is signed and sent, and the redacted query a span shows. FlowHttp.ts sends them (and re-exports them).
 */
import type * as Schema from "effect/Schema"
import type { FlowParams } from "./sign.js"

/**
 * Flow's verbs: GET for reads, POST for writes.
 *
 * @since 0.1.0
 * @category http
 */
export type FlowMethod = "GET" | "POST"

/**
 * A parameter before it travels: `undefined` means "not sent" (never the text "undefined").
 *
 * @since 0.1.0
 * @category http
 */
export type FlowParamValue = string | number | undefined

/**
 * One request to Flow, before it is signed: verb, path under the base URL, params, and the Schema that
 * decodes a 2xx answer.
 *
 * @since 0.1.0
 * @category http
 */
export interface FlowRequest<A, I> {
  readonly method: FlowMethod
  /** Path under the base URL, e.g. `customer/create`. */
  readonly path: string
  readonly params: Readonly<Record<string, FlowParamValue>>
  /** Decodes a 2xx JSON body. */
  readonly schema: Schema.Schema<A, I, never>
}

/**
 * Turns values into the text that is both signed and sent; drops `undefined`.
 *
 * @since 0.1.0
 * @category http
 */
export const toFlowParams = (params: Readonly<Record<string, FlowParamValue>>): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const name in params) {
    const value = params[name]
    if (value !== undefined) out[name] = typeof value === "number" ? String(value) : value
  }
  return out
}

/** The query of a signed request for a span attribute: `apiKey` and `s` (added last, as sent) redacted. */
export const redactedQuery = (params: FlowParams): string => {
  const query = new URLSearchParams()
  for (const name in params) {
    query.append(name, name === "apiKey" ? "<redacted>" : params[name]!)
  }
  query.append("s", "<redacted>")
  return query.toString()
}
