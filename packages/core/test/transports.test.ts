/**
 * FlowCustomers over real transports, FetchHttpClient and core's UndiciHttpClient, against a
 * node:http server on loopback: what crosses the wire (headers, form body), a timeout that covers a
 * body that never finishes (Effect's timeout for fetch, the transport's own deadline for undici),
 * interruption aborting the request at once, and how connection failures are classified.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { FlowConfig } from "../src/FlowConfig.js"
import { FlowCustomers } from "../src/FlowCustomers.js"
import { verify } from "../src/sign.js"
import * as UndiciHttpClient from "../src/UndiciHttpClient.js"
import { customerSpec } from "./support/fixtures.js"

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void

let server: Server
let baseUrl: string
let handler: Handler = (_req, _body, res) => res.end()
const closed: Array<string> = []

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = ""
    req.setEncoding("utf8")
    req.on("data", (chunk) => (body += chunk))
    req.on("end", () => handler(req, body, res))
    res.on("close", () => closed.push(req.url ?? ""))
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`
})
afterAll(() =>
  new Promise<void>((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
)

const transports: ReadonlyArray<readonly [string, Layer.Layer<HttpClient.HttpClient>]> = [
  ["FetchHttpClient", FetchHttpClient.layer],
  ["UndiciHttpClient", UndiciHttpClient.layer]
]

describe.each(transports)("over %s and loopback HTTP", (_name, transport) => {
  const layer = (timeout = 2_000) =>
    FlowCustomers.Default.pipe(
      Layer.provide(FlowConfig.layer({ apiKey: "K", secretKey: "S3cret", baseUrl, timeout, retry: { retries: 0 } })),
      Layer.provide(transport),
      Layer.orDie
    )

  it.live("POSTs an urlencoded, signed form that a server decodes and verifies", () =>
    Effect.gen(function*() {
      let seen: { method?: string; url?: string; type?: string; params?: Record<string, string> } = {}
      handler = (req, body, res) => {
        seen = {
          method: req.method!,
          url: req.url!,
          type: req.headers["content-type"]!,
          params: Object.fromEntries(new URLSearchParams(body))
        }
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(customerSpec))
      }
      const customer = yield* Effect.flatMap(FlowCustomers, (c) =>
        c.create({ name: "José Pérez Ñuñoa", email: "jose+flow@example.cl", externalId: "a&b=c 100%" })).pipe(
          Effect.provide(layer())
        )
      expect(customer.customerId).toBe("cus_onoolldvec")
      expect(seen.method).toBe("POST")
      expect(seen.url).toBe("/api/customer/create")
      expect(seen.type).toBe("application/x-www-form-urlencoded")
      expect(seen.params).toMatchObject({
        name: "José Pérez Ñuñoa",
        email: "jose+flow@example.cl",
        externalId: "a&b=c 100%",
        apiKey: "K"
      })
      expect(verify(seen.params!, Redacted.make("S3cret"))).toBe(true)
    }))

  it.live("sends GET params in the query string", () =>
    Effect.gen(function*() {
      let query: Record<string, string> = {}
      handler = (req, _body, res) => {
        query = Object.fromEntries(new URL(req.url!, "http://x").searchParams)
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(customerSpec))
      }
      yield* Effect.flatMap(FlowCustomers, (c) => c.get("cus_onoolldvec")).pipe(Effect.provide(layer()))
      expect(query["customerId"]).toBe("cus_onoolldvec")
      expect(verify(query, Redacted.make("S3cret"))).toBe(true)
    }))

  it.live("the timeout covers a body that never finishes", () =>
    Effect.gen(function*() {
      handler = (_req, _body, res) => {
        res.writeHead(200, { "content-type": "application/json" })
        res.write("{\"customerId\":")
      }
      const error = yield* Effect.flatMap(FlowCustomers, (c) => c.get("cus_onoolldvec")).pipe(
        Effect.provide(layer(300)),
        Effect.flip
      )
      expect(error.reason._tag).toBe("FlowTimeoutError")
    }))

  it.live("interrupting the call aborts the request at once", () =>
    Effect.gen(function*() {
      const arrived = yield* Deferred.make<void>()
      handler = (req) => {
        Deferred.unsafeDone(arrived, Effect.void)
        void req // never answer
      }
      closed.length = 0
      const fiber = yield* Effect.fork(
        Effect.flatMap(FlowCustomers, (c) => c.get("cus_interrupt")).pipe(Effect.provide(layer(10_000)))
      )
      yield* Deferred.await(arrived)
      yield* Fiber.interrupt(fiber)
      // the server sees the connection close well before the 10 s timeout
      yield* Effect.promise(() =>
        new Promise<void>((resolve, reject) => {
          const started = Date.now()
          const check = () =>
            closed.some((u) => u.includes("cus_interrupt"))
              ? resolve()
              : Date.now() - started > 2_000
              ? reject(new Error("the request was not aborted"))
              : setTimeout(check, 10)
          check()
        })
      )
    }))

  it.live("a connection reset after the request was sent may have reached Flow", () =>
    Effect.gen(function*() {
      handler = (req) => {
        req.socket.destroy()
      }
      const error = yield* Effect.flatMap(FlowCustomers, (c) =>
        c.card.charge({ customerId: "cus_x", amount: 1000, subject: "s", commerceOrder: "o" })).pipe(
          Effect.provide(layer()),
          Effect.flip
        )
      expect(error.reason).toMatchObject({ _tag: "FlowConnectionError", mayHaveReachedFlow: true })
    }))

  it.live("a refused connection is a FlowConnectionError", () =>
    Effect.gen(function*() {
      // a port that was free a moment ago: nothing listens there
      const port = yield* Effect.promise(() =>
        new Promise<number>((resolve) => {
          const probe = createServer().listen(0, "127.0.0.1", () => {
            const { port } = probe.address() as AddressInfo
            probe.close(() => resolve(port))
          })
        })
      )
      const error = yield* Effect.flatMap(FlowCustomers, (c) => c.get("cus_onoolldvec")).pipe(
        Effect.provide(
          FlowCustomers.Default.pipe(
            Layer.provide(FlowConfig.layer({
              apiKey: "K",
              secretKey: "S",
              baseUrl: `http://127.0.0.1:${port}/api`,
              retry: { baseDelay: "5 millis" }
            })),
            Layer.provide(transport),
            Layer.orDie
          )
        ),
        Effect.flip
      )
      expect(error.reason).toMatchObject({ _tag: "FlowConnectionError", mayHaveReachedFlow: false })
      expect(error.message).toContain("ECONNREFUSED")
    }))
})
