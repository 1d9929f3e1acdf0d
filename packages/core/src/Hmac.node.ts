/**
 * HMAC-SHA256 on node:crypto: synchronous, so Node's request path signs without waiting
 * (the `node` condition of the `#hmac` import; Bun and Deno resolve it too).
 *
 * @internal
 */
import { createHmac, timingSafeEqual } from "node:crypto"
import * as Redacted from "effect/Redacted"
import type { Hmac } from "./Hmac.js"

/**
 * Typed as either signer (not as this one): the compiler resolves `#hmac` with Node's conditions,
 * while the runtime may load the other, so the code using it must handle both.
 *
 * @internal
 */
export const hmac: Hmac = {
  sync: true,
  hex: (secretKey, text) => createHmac("sha256", Redacted.value(secretKey)).update(text, "utf8").digest("hex"),
  verify: (secretKey, text, signature) =>
    timingSafeEqual(
      Buffer.from(signature, "hex"),
      createHmac("sha256", Redacted.value(secretKey)).update(text, "utf8").digest()
    )
}
