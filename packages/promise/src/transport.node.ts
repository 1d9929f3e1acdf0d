/**
 * The transports of the Node bundle (scripts/bundle.mjs puts this module in place of transport.ts).
 * undici is imported with the bundle rather than on the first call: the same cost, paid once at import
 * time instead of as a dynamic import plus an asynchronous layer on the first call's path.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as UndiciHttpClient from "@flowcl/core/UndiciHttpClient"
import type * as Layer from "effect/Layer"
import type { FlowTransport } from "./api.js"

// the Node bundle may still be loaded by Bun or Deno (a loader that ignores their conditions): fetch there
const onNode = typeof process === "object" && process !== null && typeof process.versions?.node === "string" &&
  !("Bun" in globalThis) && !("Deno" in globalThis)

export const transports: Partial<Record<FlowTransport, () => Layer.Layer<HttpClient.HttpClient>>> = {
  undici: () => UndiciHttpClient.layer,
  fetch: () => FetchHttpClient.layer
}

export const defaultTransport: FlowTransport = onNode ? "undici" : "fetch"
