/**
 * Flow's request signature (docs/flow-api.md, "Transport"):
 * every parameter but `s`, sorted by name, concatenated as `name + value` with no separator,
 * HMAC-SHA256 keyed with the secret key, lowercase hex, sent as the parameter `s`.
 *
 * The values signed are the raw text values that travel (before URL encoding), so whatever turns
 * a number or a JSON value into text must run once, before signing, and that text is what is sent.
 */
import { createHmac, timingSafeEqual } from "node:crypto"
import * as Redacted from "effect/Redacted"

/** Parameters as they travel: text values only, `s` excluded or ignored. */
export type FlowParams = Readonly<Record<string, string>>

/**
 * The exact text that is signed. Names are sorted by UTF-16 code unit like JavaScript's and PHP's
 * `sort()` in Flow's reference code, so the order is case-sensitive (`urlReturn` < `url_return`).
 */
export const stringToSign = (params: FlowParams): string => {
  const names = Object.keys(params).sort()
  let text = ""
  for (const name of names) {
    if (name === "s") continue
    text += name + params[name]
  }
  return text
}

/** The signature `s` of `params`: lowercase hex HMAC-SHA256 of {@link stringToSign}, over UTF-8. */
export const sign = (params: FlowParams, secretKey: Redacted.Redacted<string>): string =>
  createHmac("sha256", Redacted.value(secretKey)).update(stringToSign(params), "utf8").digest("hex")

/** `params` plus their signature `s`. */
export const signParams = (params: FlowParams, secretKey: Redacted.Redacted<string>): FlowParams => ({
  ...params,
  s: sign(params, secretKey)
})

/** Whether `params.s` is the signature of the other params, compared in constant time (for servers and tests). */
export const verify = (params: FlowParams, secretKey: Redacted.Redacted<string>): boolean => {
  const given = params["s"]
  if (given === undefined || !/^[0-9a-f]{64}$/.test(given)) return false
  return timingSafeEqual(Buffer.from(given, "hex"), Buffer.from(sign(params, secretKey), "hex"))
}
