/**
 * The transports of the edge bundle (workerd, workers, browsers, Deno, Bun; scripts/bundle.mjs puts
 * this module in place of transport.ts): the platform's `fetch` only, so that the bundle neither
 * contains nor imports undici.
 */
import type { FlowTransport } from "./api.js"
import { fetchTransport, type Transport } from "./transportFetch.js"

export const transports: Partial<Record<FlowTransport, Transport>> = { fetch: fetchTransport }

export const defaultTransport: FlowTransport = "fetch"
