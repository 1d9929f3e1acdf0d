/**
 * The transports `new Flow(…)` can use, and the default. This is the source variant (TypeScript
 * sources, the `@flowcl/source` condition): undici is imported when first used, so that runtimes
 * without it never load it. The published bundles replace this module at build time
 * (scripts/bundle.mjs): `transport.node.ts` imports undici up front, `transport.edge.ts` has fetch only.
 */
import * as Effect from "effect/Effect"
import type { FlowTransport } from "./api.js"
import { fetchTransport, type Transport } from "./transportFetch.js"

const onNode = typeof process === "object" && process !== null && typeof process.versions?.node === "string" &&
  !("Bun" in globalThis) && !("Deno" in globalThis)

/** Each available transport. */
export const transports: Partial<Record<FlowTransport, Transport>> = {
  undici: () => Effect.flatMap(Effect.promise(() => import("@flowcl/core/UndiciHttpClient")), (m) => m.scoped()),
  fetch: fetchTransport
}

export const defaultTransport: FlowTransport = onNode ? "undici" : "fetch"
