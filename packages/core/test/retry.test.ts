/**
 * The retry policy (RELIABILITY.md) on the recording double, with TestClock driving the waits:
 * reads retry on transport failures, timeouts, 429 and 5xx with jittered exponential backoff and
 * Retry-After; writes are retried only when the connection was never made.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Duration from "effect/Duration"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as TestClock from "effect/TestClock"
import type { FlowRetryOptions } from "../src/FlowConfig.js"
import { FlowCustomers } from "../src/FlowCustomers.js"
import type { FlowOperationError } from "../src/FlowErrors.js"
import { neverConnected, parseRetryAfter, withCallOptions } from "../src/FlowHttp.js"
import { customerSpec, paymentSpec } from "./support/fixtures.js"
import { json, makeTestCustomers, type Responder, transportFailure } from "./support/RecordingHttpClient.js"

type Answer = Responder

const refused = new TypeError("fetch failed", {
  cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:443"), { code: "ECONNREFUSED" })
})
const reset = new TypeError("fetch failed", {
  cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" })
})

/** Answers each request with the next of `answers` (the last one repeats). */
const sequence = (...answers: ReadonlyArray<Answer>): Answer => {
  let i = 0
  return (request) => answers[Math.min(i++, answers.length - 1)]!(request)
}
const ok = (body: unknown): Answer => () => json(body)
const status = (code: number, headers: Record<string, string> = {}): Answer => () =>
  new Response(JSON.stringify({ code, message: `HTTP ${code}` }), { status: code, headers })
const transport = (cause: unknown): Answer => (request) => transportFailure(request, cause)

const policy = { retries: 2, baseDelay: "100 millis", maxDelay: "5 seconds" } as const

/** Runs `call` with the clock stepped forward `step` at a time until it ends; returns result and request count. */
const drive = <A>(
  respond: Answer,
  call: (c: FlowCustomers) => Effect.Effect<A, FlowOperationError>,
  retry: FlowRetryOptions = policy
) =>
  Effect.scoped(Effect.gen(function*() {
    const { layer, requests } = makeTestCustomers(respond, { retry, timeout: 1_000 })
    // the services live as long as the scope: a closed FlowHttp refuses calls
    const customers = yield* Layer.build(layer).pipe(Effect.map(Context.get(FlowCustomers)))
    const fiber = yield* Effect.fork(Effect.either(call(customers)))
    let waited = 0
    while (fiber.unsafePoll() === null && waited < 60_000) {
      yield* TestClock.adjust("10 millis")
      waited += 10
    }
    return { result: yield* Fiber.join(fiber), requests, waited }
  }))

const get = (c: FlowCustomers) => c.get("cus_onoolldvec")
const charge = (c: FlowCustomers) =>
  c.card.charge({ customerId: "cus_onoolldvec", amount: 1000, subject: "x", commerceOrder: "o-1" })

describe("reads (GET)", () => {
  it.effect.each([
    ["503", status(503)],
    ["500", status(500)],
    ["502", status(502)],
    ["429", status(429)],
    ["a reset connection", transport(reset)],
    ["a refused connection", transport(refused)]
  ] as const)("are retried after %s, and succeed when Flow recovers", ([, failure]) =>
    Effect.gen(function*() {
      const { requests, result } = yield* drive(sequence(failure, failure, ok(customerSpec)), get)
      expect(Either.isRight(result)).toBe(true)
      expect(requests).toHaveLength(3)
    }))

  it.effect("are retried after a timeout", () =>
    Effect.gen(function*() {
      const { requests, result } = yield* drive(sequence(() => Effect.never, ok(customerSpec)), get)
      expect(Either.isRight(result)).toBe(true)
      expect(requests).toHaveLength(2)
    }))

  it.effect("give up after `retries` more tries, with the last error", () =>
    Effect.gen(function*() {
      const { requests, result } = yield* drive(status(503), get)
      expect(requests).toHaveLength(3)
      const error = Either.getLeft(result).pipe((o) => o._tag === "Some" ? o.value : undefined)!
      expect(error._tag).toBe("FlowGetCustomerError")
      expect(error.statusCode).toBe(503)
    }))

  it.effect.each([
    ["400", status(400)],
    ["401", status(401)],
    ["108 Invalid Signature", () => json({ code: 108, message: "Invalid Signature" }, 401)],
    ["a body that is not JSON", () => new Response("<html>", { status: 200 })]
  ] as const)("are not retried after %s", ([, failure]) =>
    Effect.gen(function*() {
      const { requests, result } = yield* drive(failure, get)
      expect(Either.isLeft(result)).toBe(true)
      expect(requests).toHaveLength(1)
    }))

  it.scoped("wait with exponential backoff and jitter: tries at [50,100] ms, then [100,200] ms later", () =>
    Effect.gen(function*() {
      const { layer, requests } = makeTestCustomers(status(503), { retry: policy })
      const customers = yield* Layer.build(layer).pipe(Effect.map(Context.get(FlowCustomers)))
      const fiber = yield* Effect.fork(get(customers))
      const times: Array<number> = [0]
      for (let t = 10; t <= 400; t += 10) {
        yield* TestClock.adjust("10 millis")
        if (requests.length > times.length) times.push(t)
      }
      yield* Fiber.interrupt(fiber)
      expect(times).toHaveLength(3)
      const first = times[1]! - times[0]!
      const second = times[2]! - times[1]!
      expect(first).toBeGreaterThanOrEqual(50)
      expect(first).toBeLessThanOrEqual(110)
      expect(second).toBeGreaterThanOrEqual(100)
      expect(second).toBeLessThanOrEqual(210)
    }))

  it.scoped("honour Retry-After: not one millisecond early", () =>
    Effect.gen(function*() {
      const { layer, requests } = makeTestCustomers(sequence(status(429, { "retry-after": "2" }), ok(customerSpec)), {
        retry: policy
      })
      const customers = yield* Layer.build(layer).pipe(Effect.map(Context.get(FlowCustomers)))
      const fiber = yield* Effect.fork(get(customers))
      yield* TestClock.adjust("1999 millis")
      expect(requests).toHaveLength(1)
      yield* TestClock.adjust("1 millis")
      yield* Fiber.join(fiber)
      expect(requests).toHaveLength(2)
    }))

  it.effect("give up at once when Retry-After asks for more than maxDelay, keeping the wait on the error", () =>
    Effect.gen(function*() {
      const { requests, result } = yield* drive(status(429, { "retry-after": "60" }), get)
      expect(requests).toHaveLength(1)
      const error = Either.getLeft(result).pipe((o) => o._tag === "Some" ? o.value : undefined)!
      if (error.reason._tag !== "FlowAPIError") throw new Error(error.reason._tag)
      expect(error.reason.retryAfterMillis).toBe(60_000)
    }))

  it.effect("retries: 0 in FlowConfig disables retries; withCallOptions overrides per call", () =>
    Effect.gen(function*() {
      const off = yield* drive(status(503), get, { retries: 0 })
      expect(off.requests).toHaveLength(1)
      const perCall = yield* drive(status(503), (c) => get(c).pipe(withCallOptions({ retries: 1 })), { retries: 0 })
      expect(perCall.requests).toHaveLength(2)
    }))
})

describe("writes (POST)", () => {
  it.effect.each([
    ["503", status(503)],
    ["500", status(500)],
    ["429", status(429, { "retry-after": "1" })],
    ["a reset connection", transport(reset)],
    ["a timeout", () => Effect.never]
  ] as const)("are never sent twice after %s: it may have reached Flow", ([, failure]) =>
    Effect.gen(function*() {
      const { requests, result } = yield* drive(sequence(failure, ok(paymentSpec)), charge)
      expect(Either.isLeft(result)).toBe(true)
      expect(requests).toHaveLength(1)
    }))

  it.effect("are retried when the connection was refused: nothing was sent", () =>
    Effect.gen(function*() {
      const { requests, result } = yield* drive(sequence(transport(refused), ok(paymentSpec)), charge)
      expect(Either.isRight(result)).toBe(true)
      expect(requests).toHaveLength(2)
    }))

  it.effect("a connection error says whether the request may have reached Flow", () =>
    Effect.gen(function*() {
      const never = yield* drive(transport(refused), charge, { retries: 0 })
      const maybe = yield* drive(transport(reset), charge, { retries: 0 })
      const reasonOf = (r: typeof never.result) => Either.isLeft(r) ? r.left.reason : undefined
      expect(reasonOf(never.result)).toMatchObject({ _tag: "FlowConnectionError", mayHaveReachedFlow: false })
      expect(reasonOf(maybe.result)).toMatchObject({ _tag: "FlowConnectionError", mayHaveReachedFlow: true })
    }))
})

describe("helpers", () => {
  it("parseRetryAfter reads seconds and HTTP dates", () => {
    const now = Date.parse("2026-01-01T00:00:00Z")
    expect(parseRetryAfter("3", now)).toBe(3_000)
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:10 GMT", now)).toBe(10_000)
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:00:00 GMT", now)).toBe(0)
    expect(parseRetryAfter("soon", now)).toBeUndefined()
    expect(parseRetryAfter(undefined, now)).toBeUndefined()
  })

  it("neverConnected only for codes that prove no byte left", () => {
    expect(neverConnected(refused)).toBe(true)
    expect(neverConnected(new AggregateError([
      Object.assign(new Error("a"), { code: "ECONNREFUSED" }),
      Object.assign(new Error("b"), { code: "ENETUNREACH" })
    ]))).toBe(true)
    expect(neverConnected(reset)).toBe(false)
    expect(neverConnected(new Error("no code"))).toBe(false)
    expect(neverConnected(undefined)).toBe(false)
  })

  it("the default policy is 2 retries, 500 ms base, 5 s cap", async () => {
    const { DEFAULT_RETRY } = await import("../src/FlowConfig.js")
    expect(DEFAULT_RETRY.retries).toBe(2)
    expect(Duration.toMillis(DEFAULT_RETRY.baseDelay)).toBe(500)
    expect(Duration.toMillis(DEFAULT_RETRY.maxDelay)).toBe(5_000)
  })
})
