/**
 * Under load and at shutdown, over both transports (core's UndiciHttpClient and FetchHttpClient)
 * against a node:http stand-in on loopback: calls Flow stalls never starve healthy ones; time spent
 * before a request is written is not taken for time waiting on Flow (a call that never left fails as
 * never sent); and closing the layer's scope refuses new calls at once, gives calls under way their
 * grace, aborts the rest saying whether each request had left, and sends nothing afterwards; FlowServices
 * puts both services on one FlowHttp, so one close covers the calls of both.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientTag from "@effect/platform/HttpClient"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as Scope from "effect/Scope"
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { Agent } from "undici"
import { FlowConfig, type FlowConfigOptions } from "../src/FlowConfig.js"
import { FlowCustomers } from "../src/FlowCustomers.js"
import type { FlowOperationError } from "../src/FlowErrors.js"
import { withCallOptions } from "../src/FlowHttp.js"
import { FlowPayments } from "../src/FlowPayments.js"
import * as FlowServices from "../src/FlowServices.js"
import * as UndiciHttpClient from "../src/UndiciHttpClient.js"
import { customerSpec, paymentSpec } from "./support/fixtures.js"

/** What the stand-in saw: the path and the customerId or commerceOrder of each request. */
const seen: Array<string> = []
let server: Server
let baseUrl: string
/** Requests held open (stalled): the server never answers them until released. */
const held: Array<ServerResponse> = []

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = ""
    req.setEncoding("utf8")
    req.on("data", (chunk: string) => (body += chunk))
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1")
      const params = req.method === "GET" ? url.searchParams : new URLSearchParams(body)
      const key = params.get("commerceOrder") ?? params.get("customerId") ?? ""
      seen.push(`${url.pathname.replace("/api/", "")} ${key}`)
      if (key.startsWith("stall")) {
        held.push(res)
        return
      }
      const answer = url.pathname.endsWith("/charge") ? paymentSpec : customerSpec
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer))
    })
  })
  server.keepAliveTimeout = 60_000
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`
})
afterAll(() =>
  new Promise<void>((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
)
beforeEach(() => {
  seen.length = 0
  for (const res of held.splice(0)) res.destroy()
})

const config = (options: Partial<FlowConfigOptions> = {}) =>
  FlowConfig.layer({
    apiKey: "K",
    secretKey: "S3cret",
    baseUrl,
    timeout: 10_000,
    retry: { retries: 0, baseDelay: "1 millis", maxDelay: "5 millis" },
    reconcile: false,
    ...options
  })

/** FlowCustomers built in `scope` (so the test decides when it closes). */
const customersIn = (
  scope: Scope.Scope,
  transport: Layer.Layer<HttpClient.HttpClient>,
  options: Partial<FlowConfigOptions> = {}
) =>
  Layer.buildWithScope(FlowCustomers.Default.pipe(Layer.provide(config(options)), Layer.provide(transport), Layer.orDie), scope)
    .pipe(Effect.map(Context.get(FlowCustomers)))

const transports: ReadonlyArray<readonly [string, () => Layer.Layer<HttpClient.HttpClient>]> = [
  ["UndiciHttpClient", () => UndiciHttpClient.layer],
  ["FetchHttpClient", () => FetchHttpClient.layer]
]

const charge = (customers: FlowCustomers, commerceOrder: string) =>
  customers.card.charge({ customerId: "cus_onoolldvec", amount: 1000, subject: "x", commerceOrder })

describe.each(transports)("over %s", (_name, transport) => {
  it.live("300 stalled calls do not hold up 300 healthy ones", () =>
    Effect.gen(function*() {
      const scope = yield* Scope.make()
      const customers = yield* customersIn(scope, transport())
      const stalled = yield* Effect.forkAll(
        Array.from({ length: 300 }, (_, i) => Effect.either(customers.get(`stall-${i}`)))
      )
      // let the stalled requests reach the server and take their connections
      yield* Effect.sleep("200 millis")
      const started = Date.now()
      const healthy = yield* Effect.all(
        Array.from({ length: 300 }, (_, i) => Effect.either(customers.get(`cus_${i}`))),
        { concurrency: "unbounded" }
      )
      const elapsed = Date.now() - started
      expect(healthy.filter(Either.isRight)).toHaveLength(300)
      expect(elapsed).toBeLessThan(5_000)
      yield* Fiber.interrupt(stalled)
      yield* Scope.close(scope, Exit.void)
    }), { timeout: 30_000 })

  it.live("closing: new calls refused at once, calls under way get their grace, the rest are aborted saying they were sent", () =>
    Effect.gen(function*() {
      const scope = yield* Scope.make()
      const customers = yield* customersIn(scope, transport(), { closeGrace: "300 millis" })
      const stalled = yield* Effect.fork(Effect.flip(charge(customers, "stall-order")))
      yield* Effect.sleep("100 millis")
      const closeStarted = Date.now()
      const closing = yield* Effect.fork(Scope.close(scope, Exit.void))
      // a call made while closing: refused at once, nothing sent
      yield* Effect.sleep("20 millis")
      const late = yield* Effect.flip(charge(customers, "late-order"))
      yield* Fiber.join(closing)
      const closeTook = Date.now() - closeStarted
      const aborted = yield* Fiber.join(stalled)

      expect(late.reason).toMatchObject({ _tag: "FlowClosedError", requestSent: false })
      expect(late.outcome).toBe("not-sent")
      expect(aborted._tag).toBe("FlowChargeCardError")
      expect(aborted.reason).toMatchObject({ _tag: "FlowClosedError", requestSent: true })
      expect(aborted.outcome).toBe("unknown")
      expect(closeTook).toBeGreaterThanOrEqual(250)
      expect(closeTook).toBeLessThan(2_000)
      expect(seen).toStrictEqual(["customer/charge stall-order"])
    }), { timeout: 10_000 })

  it.live("closing: a call that finishes within the grace succeeds; close() returns as soon as it has", () =>
    Effect.gen(function*() {
      const scope = yield* Scope.make()
      const customers = yield* customersIn(scope, transport(), { closeGrace: "5 seconds" })
      const slow = yield* Effect.fork(Effect.either(customers.get("stall-slow")))
      yield* Effect.sleep("100 millis")
      const started = Date.now()
      const closing = yield* Effect.fork(Scope.close(scope, Exit.void))
      yield* Effect.sleep("100 millis")
      held[0]!.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(customerSpec))
      yield* Fiber.join(closing)
      expect(Date.now() - started).toBeLessThan(1_500)
      const result = yield* Fiber.join(slow)
      expect(Either.isRight(result)).toBe(true)
    }), { timeout: 10_000 })

  it.live("closing: a read waiting to retry is not sent again, and fails as not sent", () =>
    Effect.gen(function*() {
      const scope = yield* Scope.make()
      const customers = yield* customersIn(scope, transport(), {
        timeout: 100,
        retry: { retries: 2, baseDelay: "500 millis", maxDelay: "1 second" },
        closeGrace: "50 millis"
      })
      const read = yield* Effect.fork(Effect.flip(customers.get("stall-retry")))
      // the first try times out at 100 ms; the retry waits 250–500 ms
      yield* Effect.sleep("200 millis")
      yield* Scope.close(scope, Exit.void)
      const error = yield* Fiber.join(read)
      expect(error.reason).toMatchObject({ _tag: "FlowClosedError", requestSent: false })
      expect(seen).toStrictEqual(["customer/get stall-retry"])
    }), { timeout: 10_000 })
})

describe("FlowServices: FlowCustomers and FlowPayments on one FlowHttp", () => {
  it.live("closing its scope gives the calls of both services one grace, then refuses both at once", () =>
    Effect.gen(function*() {
      const scope = yield* Scope.make()
      const context = yield* Layer.buildWithScope(
        FlowServices.layer.pipe(Layer.provide(config({ closeGrace: "300 millis" })), Layer.provide(UndiciHttpClient.layer)),
        scope
      )
      const customers = Context.get(context, FlowCustomers)
      const payments = Context.get(context, FlowPayments)
      expect(yield* customers.get("cus_before")).toMatchObject({ customerId: customerSpec.customerId })
      const stalled = yield* Effect.fork(Effect.flip(customers.get("stall-shared")))
      yield* Effect.sleep("100 millis")
      const started = Date.now()
      const closing = yield* Effect.fork(Scope.close(scope, Exit.void))
      yield* Effect.sleep("20 millis")
      // the other service's call is refused by the same FlowHttp that is closing
      const late = yield* Effect.flip(payments.getStatusByCommerceId("late-order"))
      yield* Fiber.join(closing)
      const took = Date.now() - started
      expect(late.reason).toMatchObject({ _tag: "FlowClosedError", requestSent: false })
      expect((yield* Fiber.join(stalled)).reason).toMatchObject({ _tag: "FlowClosedError", requestSent: true })
      expect(took).toBeGreaterThanOrEqual(250)
      expect(took).toBeLessThan(2_000)
      expect(seen).toStrictEqual(["customer/get cus_before", "customer/get stall-shared"])
    }), { timeout: 10_000 })
})

describe("time before a request is written is not time waiting for Flow", () => {
  it.live("a call that timed out waiting for a connection fails as never sent, and a write is then tried again", () =>
    Effect.gen(function*() {
      const scope = yield* Scope.make()
      // an undici transport with one connection: a second call waits for it, unwritten
      const agent = new Agent({ connections: 1 })
      yield* Scope.addFinalizer(scope, Effect.promise(() => agent.destroy()))
      const layer = FlowCustomers.Default.pipe(
        Layer.provide(config({ timeout: 300, retry: { retries: 1, baseDelay: "1 millis", maxDelay: "5 millis" } })),
        Layer.provide(Layer.succeed(HttpClientTag.HttpClient, UndiciHttpClient.make(agent))),
        Layer.orDie
      )
      const customers = yield* Layer.buildWithScope(layer, scope).pipe(Effect.map(Context.get(FlowCustomers)))
      // the one connection is taken by a call Flow stalls, for longer than the next call's timeout
      const stalled = yield* Effect.fork(
        Effect.flip(customers.get("stall-holder").pipe(withCallOptions({ timeout: "1 second", retries: 0 })))
      )
      yield* Effect.sleep("50 millis")
      const waiting: FlowOperationError = yield* Effect.flip(charge(customers, "queued-order"))
      expect(waiting.reason).toMatchObject({ _tag: "FlowTimeoutError", requestSent: false })
      expect(waiting.outcome).toBe("not-sent")
      // the write was tried twice (retries 1: nothing had left), and never reached the server
      expect(seen.filter((s) => s.includes("queued-order"))).toStrictEqual([])
      const holder = yield* Fiber.join(stalled)
      expect(holder.reason).toMatchObject({ _tag: "FlowTimeoutError", requestSent: true })
      expect(holder.outcome).toBe("unknown")
      yield* Scope.close(scope, Exit.void)
    }), { timeout: 10_000 })
})
