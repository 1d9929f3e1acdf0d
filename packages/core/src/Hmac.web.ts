/**
 * HMAC-SHA256 on Web Crypto (`crypto.subtle`), for runtimes without node:crypto: workerd without
 * `nodejs_compat`, browsers, other workers. Asynchronous, as Web Crypto is; no `node:*` import, so
 * a bundle for those runtimes needs no shim. The default of the `#hmac` import.
 *
 * @internal
 */
import * as Redacted from "effect/Redacted"
import type { Hmac } from "./Hmac.js"

const encoder = new TextEncoder()

/** The byte → two hex digits table, made once. */
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"))

const toHex = (bytes: Uint8Array): string => {
  let text = ""
  for (let i = 0; i < bytes.length; i++) text += HEX[bytes[i]!]
  return text
}

/** 64 lowercase hex digits (the caller checks the form) → 32 bytes. */
const fromHex = (hex: string): Uint8Array<ArrayBuffer> => {
  const bytes = new Uint8Array(hex.length >> 1)
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16)
  return bytes
}

/**
 * The imported key of each secret, kept as long as its `Redacted` lives (a config's key is one
 * object for the life of the client): importing costs more than signing a request.
 */
const keys = new WeakMap<Redacted.Redacted<string>, Promise<CryptoKey>>()

const keyOf = (secretKey: Redacted.Redacted<string>): Promise<CryptoKey> => {
  let key = keys.get(secretKey)
  if (key === undefined) {
    key = crypto.subtle.importKey(
      "raw",
      encoder.encode(Redacted.value(secretKey)),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign", "verify"]
    )
    // a failed import is not remembered: the next call tries again
    key.catch(() => keys.delete(secretKey))
    keys.set(secretKey, key)
  }
  return key
}

/**
 * Typed as either signer (not as this one): the compiler resolves `#hmac` with Node's conditions,
 * while the runtime may load the other, so the code using it must handle both.
 *
 * @internal
 */
export const hmac: Hmac = {
  sync: false,
  hex: async (secretKey, text) =>
    toHex(new Uint8Array(await crypto.subtle.sign("HMAC", await keyOf(secretKey), encoder.encode(text)))),
  // Web Crypto's own verify compares in constant time
  verify: async (secretKey, text, signature) =>
    crypto.subtle.verify("HMAC", await keyOf(secretKey), fromHex(signature), encoder.encode(text))
}
