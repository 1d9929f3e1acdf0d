/**
 * The transports `new Flow(…)` can use, and the default. This is the source variant (TypeScript
 * sources, the `@flowcl/source` condition): undici is imported when first used, so that runtimes
 * without it never load it. The published bundles replace this module at build time
 * (scripts/bundle.mjs): `transport.node.ts` imports undici up front, `transport.edge.ts` has fetch only.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type { FlowTransport } from "./api.js"

const onNode = typeof process === "object" && process !== null && typeof process.versions?.node === "string" &&
  !("Bun" in globalThis) && !("Deno" in globalThis)

/** Each available transport's layer. */
export const transports: Partial<Record<FlowTransport, () => Layer.Layer<HttpClient.HttpClient>>> = {
  undici: () => Layer.unwrapEffect(Effect.map(Effect.promise(() => import("@flowcl/core/UndiciHttpClient")), (m) => m.layer)),
  fetch: () => FetchHttpClient.layer
}

export const defaultTransport: FlowTransport = onNode ? "undici" : "fetch"
