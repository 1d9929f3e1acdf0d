/**
 * The HMAC-SHA256 behind Flow's signature, as each runtime offers it. `sign.ts` and `FlowHttp.ts`
 * import an implementation through the package's `#hmac` import (package.json `imports`):
 * `Hmac.node.ts` (node:crypto: synchronous, the fastest on Node, Bun and Deno) under the `node`
 * condition, `Hmac.web.ts` (Web Crypto: asynchronous, no `node:*` import) everywhere else, such as
 * workerd without `nodejs_compat` or a browser. Both give the same lowercase hex.
 *
 * @internal
 */
import type * as Redacted from "effect/Redacted"

/**
 * One of the two signers: `sync` tells which, so that code holding the synchronous one (Node's
 * request path) calls it without any Promise.
 *
 * @internal
 */
export type Hmac = HmacSync | HmacAsync

/** @internal */
export interface HmacSync {
  readonly sync: true
  /** Lowercase hex HMAC-SHA256 of `text` (as UTF-8) keyed with `secretKey`. */
  readonly hex: (secretKey: Redacted.Redacted<string>, text: string) => string
  /**
   * Whether `signature` (64 lowercase hex digits, checked by the caller) is that HMAC of `text`,
   * compared in constant time.
   */
  readonly verify: (secretKey: Redacted.Redacted<string>, text: string, signature: string) => boolean
}

/** @internal */
export interface HmacAsync {
  readonly sync: false
  /** As {@link HmacSync.hex}, answered later. */
  readonly hex: (secretKey: Redacted.Redacted<string>, text: string) => Promise<string>
  /** As {@link HmacSync.verify}, answered later. */
  readonly verify: (secretKey: Redacted.Redacted<string>, text: string, signature: string) => Promise<boolean>
}
