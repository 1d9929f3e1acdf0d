/**
 * The transports of the edge bundle (workerd, workers, browsers, Deno, Bun; scripts/bundle.mjs puts
 * this module in place of transport.ts): the platform's `fetch` only, so that the bundle neither
 * contains nor imports undici.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Layer from "effect/Layer"
import type { FlowTransport } from "./api.js"

export const transports: Partial<Record<FlowTransport, () => Layer.Layer<HttpClient.HttpClient>>> = {
  fetch: () => FetchHttpClient.layer
}

export const defaultTransport: FlowTransport = "fetch"
