/**
 * Flow's request signature (docs/flow-api.md, "Transport"):
 * every parameter but `s`, sorted by name, concatenated as `name + value` with no separator,
 * HMAC-SHA256 keyed with the secret key, lowercase hex, sent as the parameter `s`.
 *
 * The values signed are the raw text values that travel (before URL encoding), so whatever turns
 * a number or a JSON value into text must run once, before signing, and that text is what is sent.
 *
 * The HMAC comes from the `#hmac` import (package.json `imports`): node:crypto under the `node`
 * condition (Node, Bun, Deno), synchronous; Web Crypto elsewhere (workerd without `nodejs_compat`,
 * browsers), asynchronous. {@link signAsync} and {@link verifyAsync} work on both; {@link sign},
 * {@link signParams} and {@link verify} answer at once and need node:crypto.
 */
import { hmac } from "#hmac"
import type * as Redacted from "effect/Redacted"

/**
 * Parameters as they travel: text values only, `s` excluded or ignored.
 *
 * @since 0.1.0
 * @category signing
 */
export type FlowParams = Readonly<Record<string, string>>

/**
 * The exact text that is signed. Names are sorted by UTF-16 code unit like JavaScript's and PHP's
 * `sort()` in Flow's reference code, so the order is case-sensitive (`urlReturn` < `url_return`).
 *
 * @since 0.1.0
 * @category signing
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

/** Well-formed signatures only: anything else fails verification before any HMAC is computed. */
const SIGNATURE = /^[0-9a-f]{64}$/

const needsNodeCrypto = (name: string) =>
  new Error(
    `${name} answers synchronously, which needs node:crypto; this runtime signs with Web Crypto: use ${name}Async`
  )

/**
 * The signature `s` of `params`: lowercase hex HMAC-SHA256 of {@link stringToSign}, over UTF-8.
 * Synchronous: on a runtime without node:crypto (workerd without `nodejs_compat`, a browser) it
 * throws; {@link signAsync} works everywhere.
 *
 * @since 0.1.0
 * @category signing
 */
export const sign = (params: FlowParams, secretKey: Redacted.Redacted<string>): string => {
  if (!hmac.sync) throw needsNodeCrypto("sign")
  return hmac.hex(secretKey, stringToSign(params))
}

/**
 * The signature `s` of `params`, as {@link sign}, on every runtime: node:crypto where present,
 * Web Crypto elsewhere.
 *
 * @example
 * ```ts
 * const s = await signAsync({ apiKey, token }, Redacted.make(secretKey))
 * ```
 * @since 0.1.0
 * @category signing
 */
export const signAsync = async (params: FlowParams, secretKey: Redacted.Redacted<string>): Promise<string> =>
  hmac.hex(secretKey, stringToSign(params))

/**
 * `params` plus their signature `s`. Synchronous, as {@link sign}.
 *
 * @since 0.1.0
 * @category signing
 */
export const signParams = (params: FlowParams, secretKey: Redacted.Redacted<string>): FlowParams => ({
  ...params,
  s: sign(params, secretKey)
})

/**
 * Whether `params.s` is the signature of the other params, compared in constant time (for servers and tests).
 * Synchronous, as {@link sign}; {@link verifyAsync} works everywhere.
 *
 * @since 0.1.0
 * @category signing
 */
export const verify = (params: FlowParams, secretKey: Redacted.Redacted<string>): boolean => {
  if (!hmac.sync) throw needsNodeCrypto("verify")
  const given = params["s"]
  if (given === undefined || !SIGNATURE.test(given)) return false
  return hmac.verify(secretKey, stringToSign(params), given)
}

/**
 * Whether `params.s` is the signature of the other params, as {@link verify}, on every runtime;
 * compared in constant time on both (node:crypto's `timingSafeEqual`, Web Crypto's `verify`).
 *
 * @since 0.1.0
 * @category signing
 */
export const verifyAsync = async (params: FlowParams, secretKey: Redacted.Redacted<string>): Promise<boolean> => {
  const given = params["s"]
  if (given === undefined || !SIGNATURE.test(given)) return false
  return hmac.verify(secretKey, stringToSign(params), given)
}
