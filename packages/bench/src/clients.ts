/**
 * The clients under test, each behind the same small interface so one driver measures them all:
 * - floor: hand-written undici `request` + node:crypto, no validation: what a Node client cannot beat;
 * - core: @flowcl/core driven from Effect (loops run inside one Effect program), on three transports;
 * - promise: @flowcl/promise, as its users call it;
 * - esteban: npm `flowcl-node-api-client`, the published alternative (legacy signature, axios).
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { FlowConfig, FlowCustomers, type MassiveChargeRow } from "@flowcl/core"
import * as UndiciHttpClient from "@flowcl/core/UndiciHttpClient"
import Flow, { type FlowTransport } from "@flowcl/promise"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Stream from "effect/Stream"
import { createRequire } from "node:module"
import { createHmac } from "node:crypto"
import { Agent, request } from "undici"

export interface Target {
  readonly url: string
  readonly apiKey: string
  readonly secretKey: string
}

/** One call of each kind; `loop` runs `calls` of them with the given concurrency and reports each latency. */
export interface BenchClient {
  readonly get: (customerId: string) => Promise<unknown>
  readonly charge: (commerceOrder: string) => Promise<unknown>
  readonly list: (start: number, limit: number) => Promise<{ readonly hasMore: boolean; readonly count: number }>
  readonly batch: (rows: ReadonlyArray<MassiveChargeRow>) => Promise<unknown>
  /** Counts every customer, page by page, the way this client's users would (its auto-pagination if it has one). */
  readonly walk: (limit: number) => Promise<{ readonly items: number; readonly pages: number }>
  /** Runs `op` `calls` times, `concurrency` at a time, the way this client's users would; returns latencies in ms. */
  readonly loop: (op: Op, calls: number, concurrency: number) => Promise<Array<number>>
  readonly close: () => Promise<void>
}

export type Op = "get" | "charge" | "list"

let orderSeq = 0
const nextOrder = () => `bench-${process.pid}-${++orderSeq}`

/** A hand-written loop over start/limit/hasMore, for clients without auto-pagination. */
const manualWalk = (list: BenchClient["list"]) => async (limit: number) => {
  let items = 0
  let pages = 0
  for (let start = 0; ; start += limit) {
    const page = await list(start, limit)
    items += page.count
    pages++
    if (!page.hasMore) return { items, pages }
  }
}

/** Promise clients: `concurrency` async loops share a counter. */
const promiseLoop = (client: Omit<BenchClient, "loop" | "close" | "walk">) =>
async (op: Op, calls: number, concurrency: number): Promise<Array<number>> => {
  const latencies: Array<number> = []
  let left = calls
  const worker = async () => {
    while (left-- > 0) {
      const started = performance.now()
      if (op === "get") await client.get("cus_0000000001")
      else if (op === "charge") await client.charge(nextOrder())
      else await client.list(0, 100)
      latencies.push(performance.now() - started)
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return latencies
}

// --------------------------------------------------------------------------------------------- floor

export const floor = (target: Target): BenchClient => {
  const dispatcher = new Agent({ keepAliveTimeout: 30_000, connections: 64 })
  const send = async (method: "GET" | "POST", path: string, params: Record<string, string>) => {
    const all: Record<string, string> = { ...params, apiKey: target.apiKey }
    let text = ""
    for (const key of Object.keys(all).sort()) text += key + all[key]
    all["s"] = createHmac("sha256", target.secretKey).update(text).digest("hex")
    const body = new URLSearchParams(all).toString()
    const response = method === "GET"
      ? await request(`${target.url}/${path}?${body}`, { dispatcher })
      : await request(`${target.url}/${path}`, {
        dispatcher,
        method: "POST",
        body,
        headers: { "content-type": "application/x-www-form-urlencoded" }
      })
    const json = await response.body.json()
    if (response.statusCode !== 200) throw new Error(`HTTP ${response.statusCode}`)
    return json as Record<string, unknown>
  }
  const client = {
    get: (customerId: string) => send("GET", "customer/get", { customerId }),
    charge: (commerceOrder: string) =>
      send("POST", "customer/charge", { customerId: "cus_0000000001", amount: "12990", subject: "Cuota", commerceOrder }),
    list: async (start: number, limit: number) => {
      const page = await send("GET", "customer/list", { start: String(start), limit: String(limit) })
      return { hasMore: page["hasMore"] === 1 || page["hasMore"] === true, count: (page["data"] as Array<unknown>).length }
    },
    batch: (rows: ReadonlyArray<MassiveChargeRow>) =>
      send("POST", "customer/batchCollect", {
        urlCallBack: "https://m.cl/cb",
        urlConfirmation: "https://m.cl/conf",
        urlReturn: "https://m.cl/ret",
        batchRows: JSON.stringify(rows)
      })
  }
  return { ...client, walk: manualWalk(client.list), loop: promiseLoop(client), close: () => dispatcher.close() }
}

// --------------------------------------------------------------------------------------------- core

export type CoreTransport = "fetch" | "platform-node undici" | "UndiciHttpClient"

const transports: Record<CoreTransport, Layer.Layer<HttpClient.HttpClient>> = {
  fetch: FetchHttpClient.layer,
  "platform-node undici": NodeHttpClient.layerUndici,
  UndiciHttpClient: UndiciHttpClient.layer
}

export const core = (target: Target, transport: CoreTransport): BenchClient => {
  const runtime = ManagedRuntime.make(
    FlowCustomers.Default.pipe(
      Layer.provide(FlowConfig.layer({ apiKey: target.apiKey, secretKey: target.secretKey, baseUrl: target.url })),
      Layer.provide(transports[transport]),
      Layer.orDie
    )
  )
  const charge = (customers: FlowCustomers, commerceOrder: string) =>
    customers.card.charge({ customerId: "cus_0000000001", amount: 12_990, subject: "Cuota", commerceOrder })
  const call = (customers: FlowCustomers, op: Op) =>
    op === "get"
      ? customers.get("cus_0000000001")
      : op === "charge"
      ? charge(customers, nextOrder())
      : customers.list({ start: 0, limit: 100 })
  return {
    get: (customerId) => runtime.runPromise(Effect.flatMap(FlowCustomers, (c) => c.get(customerId))),
    charge: (commerceOrder) => runtime.runPromise(Effect.flatMap(FlowCustomers, (c) => charge(c, commerceOrder))),
    list: (start, limit) =>
      runtime.runPromise(Effect.flatMap(FlowCustomers, (c) => c.list({ start, limit }))).then((page) => ({
        hasMore: page.hasMore,
        count: page.data.length
      })),
    batch: (rows) =>
      runtime.runPromise(Effect.flatMap(FlowCustomers, (c) =>
        c.card.sendMassiveCharge({
          urlCallBack: "https://m.cl/cb",
          urlConfirmation: "https://m.cl/conf",
          urlReturn: "https://m.cl/ret",
          batchRows: rows
        }))),
    // core's auto-pagination: a Stream of pages, one fetched ahead
    walk: (limit) =>
      runtime.runPromise(Effect.flatMap(FlowCustomers, (c) =>
        Stream.runFold(c.list.pages({ limit }), { items: 0, pages: 0 }, (acc, page) => ({
          items: acc.items + page.data.length,
          pages: acc.pages + 1
        })))),
    // An Effect program drives the loop, as an Effect application would: one runPromise for all calls.
    loop: (op, calls, concurrency) =>
      runtime.runPromise(Effect.gen(function*() {
        const customers = yield* FlowCustomers
        const latencies: Array<number> = []
        let left = calls
        const worker = Effect.gen(function*() {
          while (left-- > 0) {
            const started = performance.now()
            yield* call(customers, op)
            latencies.push(performance.now() - started)
          }
        })
        yield* Effect.all(Array.from({ length: concurrency }, () => worker), { concurrency: "unbounded", discard: true })
        return latencies
      })),
    close: () => runtime.dispose()
  }
}

// --------------------------------------------------------------------------------------------- promise

export const promise = (target: Target, transport: FlowTransport = "undici"): BenchClient => {
  const flow = new Flow(target.apiKey, target.secretKey, "sandbox", { baseUrl: target.url, transport })
  const client = {
    get: (customerId: string) => flow.customers.get(customerId),
    charge: (commerceOrder: string) =>
      flow.customers.card.charge({ customerId: "cus_0000000001", amount: 12_990, subject: "Cuota", commerceOrder }),
    list: (start: number, limit: number) =>
      flow.customers.list({ start, limit }).then((page) => ({ hasMore: page.hasMore, count: page.data.length })),
    batch: (rows: ReadonlyArray<MassiveChargeRow>) =>
      flow.customers.card.sendMassiveCharge({
        urlCallBack: "https://m.cl/cb",
        urlConfirmation: "https://m.cl/conf",
        urlReturn: "https://m.cl/ret",
        batchRows: rows
      })
  }
  return {
    ...client,
    // for await over the list: the Promise package's auto-pagination
    walk: async (limit) => {
      let items = 0
      for await (const _ of flow.customers.list({ limit })) items++
      return { items, pages: Math.ceil(items / limit) }
    },
    loop: promiseLoop(client),
    close: () => flow.close()
  }
}

// --------------------------------------------------------------------------------------------- esteban

interface FlowApiInstance {
  send(service: string, params: Record<string, unknown>, method?: string): Promise<Record<string, unknown>>
}
type FlowApiClass = new(options: { apiKey: string; secretKey: string; apiURL: string }) => FlowApiInstance

export const esteban = (target: Target): BenchClient => {
  // a CommonJS package without types for its class: loaded with require
  const FlowApi = createRequire(import.meta.url)("flowcl-node-api-client") as FlowApiClass
  const api = new FlowApi({ apiKey: target.apiKey, secretKey: target.secretKey, apiURL: target.url })
  const client = {
    get: (customerId: string) => api.send("customer/get", { customerId }, "GET"),
    charge: (commerceOrder: string) =>
      api.send("customer/charge", { customerId: "cus_0000000001", amount: 12990, subject: "Cuota", commerceOrder }, "POST"),
    list: async (start: number, limit: number) => {
      const page = await api.send("customer/list", { start, limit }, "GET")
      return { hasMore: page["hasMore"] === 1 || page["hasMore"] === true, count: (page["data"] as Array<unknown>).length }
    },
    // it would send an array as "[object Object]"; its users must serialize batchRows themselves
    batch: (rows: ReadonlyArray<MassiveChargeRow>) =>
      api.send("customer/batchCollect", {
        urlCallBack: "https://m.cl/cb",
        urlConfirmation: "https://m.cl/conf",
        urlReturn: "https://m.cl/ret",
        batchRows: JSON.stringify(rows)
      }, "POST")
  }
  return { ...client, walk: manualWalk(client.list), loop: promiseLoop(client), close: async () => {} }
}

export const CLIENTS = {
  floor: (t: Target) => floor(t),
  "core (fetch)": (t: Target) => core(t, "fetch"),
  "core (platform-node undici)": (t: Target) => core(t, "platform-node undici"),
  core: (t: Target) => core(t, "UndiciHttpClient"),
  promise: (t: Target) => promise(t),
  "promise (fetch)": (t: Target) => promise(t, "fetch"),
  "flowcl-node-api-client": (t: Target) => esteban(t)
} as const
export type ClientName = keyof typeof CLIENTS
