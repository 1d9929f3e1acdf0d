/**
 * Who may call: the apiKey, and the signature `s` in either of the two schemes Flow's clients use
 * (docs/flow-api.md "Authentication and signature", "The legacy signature"):
 * - current: the params but `s`, sorted by name, as `name + value` with no separator;
 * - legacy: the same params as `name=value` joined by `&`, which Flow's PHP kit signed until late
 *   2019 and clients in use still sign.
 * Both are HMAC-SHA256 with the secret key, lowercase hex, over the decoded values.
 */
import { verify } from "@flowcl/core"
import * as Redacted from "effect/Redacted"
import { createHmac, timingSafeEqual } from "node:crypto"

/**
 * The exact text of a legacy signature: `k1=v1&k2=v2` over the params sorted by name, `s` left out.
 *
 * @since 0.2.0
 */
export const legacyStringToSign = (params: Readonly<Record<string, string>>): string =>
  Object.keys(params)
    .filter((name) => name !== "s")
    .sort()
    .map((name) => `${name}=${params[name]}`)
    .join("&")

/** @since 0.2.0 */
export const signLegacy = (params: Readonly<Record<string, string>>, secretKey: Redacted.Redacted<string>): string =>
  createHmac("sha256", Redacted.value(secretKey)).update(legacyStringToSign(params), "utf8").digest("hex")

const verifyLegacy = (params: Readonly<Record<string, string>>, secretKey: Redacted.Redacted<string>): boolean => {
  const given = params["s"]
  if (given === undefined || !/^[0-9a-f]{64}$/.test(given)) return false
  return timingSafeEqual(Buffer.from(given, "hex"), Buffer.from(signLegacy(params, secretKey), "hex"))
}

/** How a request was signed, as the request log shows it. */
export type SignatureScheme = "current" | "legacy" | "unchecked" | "invalid"

export interface Authentication {
  readonly ok: boolean
  readonly scheme: SignatureScheme
  /** Why a request was refused, for the request log. */
  readonly note?: string
}

export interface AuthenticationRules {
  readonly apiKey: string
  readonly secretKey: Redacted.Redacted<string>
  /** Off: only the apiKey is checked. */
  readonly verifySignatures: boolean
  /** Whether the legacy `k=v&` scheme is accepted. */
  readonly legacySignatures: boolean
}

/**
 * A value holding `+` or `&` never verified under the legacy scheme on Flow (the kit sent its
 * `k=v&` text unencoded, so `+` arrived as a space and `&` split the value; users got 108): a request
 * signed that way fails here too, whatever its encoding, so a client that works against the emulator
 * works against Flow.
 */
const LEGACY_BREAKERS = /[+&]/

/** Checks the apiKey, then the signature: the current scheme first, then (if accepted) the legacy one. */
export const authenticate = (params: Readonly<Record<string, string>>, rules: AuthenticationRules): Authentication => {
  if (params["apiKey"] !== rules.apiKey) {
    return { ok: false, scheme: "invalid", note: params["apiKey"] === undefined ? "no apiKey" : "unknown apiKey" }
  }
  if (!rules.verifySignatures) return { ok: true, scheme: "unchecked" }
  if (verify(params, rules.secretKey)) return { ok: true, scheme: "current" }
  if (verifyLegacy(params, rules.secretKey)) {
    if (!rules.legacySignatures) return { ok: false, scheme: "legacy", note: "legacy signatures are refused" }
    const breaker = Object.entries(params).find(([name, value]) => name !== "s" && LEGACY_BREAKERS.test(value))
    if (breaker !== undefined) {
      return { ok: false, scheme: "legacy", note: `legacy signature over a value with + or & (${breaker[0]})` }
    }
    return { ok: true, scheme: "legacy" }
  }
  return { ok: false, scheme: "invalid", note: params["s"] === undefined ? "no signature" : "signature mismatch" }
}
