/**
 * The transports of the Node bundle (scripts/bundle.mjs puts this module in place of transport.ts).
 * undici is imported with the bundle rather than on the first call: the same cost, paid once at import
 * time instead of as a dynamic import plus an asynchronous step on the first call's path.
 */
import * as UndiciHttpClient from "@flowcl/core/UndiciHttpClient"
import type { FlowTransport } from "./api.js"
import { fetchTransport, type Transport } from "./transportFetch.js"

// the Node bundle may still be loaded by Bun or Deno (a loader that ignores their conditions): fetch there
const onNode = typeof process === "object" && process !== null && typeof process.versions?.node === "string" &&
  !("Bun" in globalThis) && !("Deno" in globalThis)

export const transports: Partial<Record<FlowTransport, Transport>> = {
  undici: () => UndiciHttpClient.scoped(),
  fetch: fetchTransport
}

export const defaultTransport: FlowTransport = onNode ? "undici" : "fetch"
