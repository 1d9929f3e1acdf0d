/**
 * Spans: each operation is one span named after it, carrying the HTTP attributes, whose URL has
 * neither the apiKey nor the signature; the secret key appears in no span and no error.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Clock from "effect/Clock"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type * as Tracer from "effect/Tracer"
import { inspect } from "node:util"
import { FlowCustomers } from "../src/FlowCustomers.js"
import { isFlowError } from "../src/FlowErrors.js"
import { json, makeTestCustomers, TEST_API_KEY, TEST_SECRET } from "./support/RecordingHttpClient.js"
import { makeRecordingTracer } from "./support/RecordingTracer.js"
import { customerSpec } from "./support/fixtures.js"

describe("spans", () => {
  it.effect("one span per operation, carrying the HTTP attributes with apiKey and s redacted", () =>
    Effect.gen(function*() {
      const { spans, tracer } = makeRecordingTracer()
      const { layer, requests } = makeTestCustomers(() => json(customerSpec))
      yield* Effect.flatMap(FlowCustomers, (c) => c.get("cus_onoolldvec")).pipe(
        Effect.provide(layer),
        Effect.withTracer(tracer)
      )
      // no other span: neither a second client span of ours nor the platform's (whose URL is raw)
      expect(spans.map((s) => s.name)).toStrictEqual(["customers.get"])
      const span = spans[0]!
      expect(span.attributes.get("http.request.method")).toBe("GET")
      expect(span.attributes.get("http.response.status_code")).toBe(200)
      expect(span.attributes.get("url.path")).toBe("/api/customer/get")
      expect(span.attributes.get("server.address")).toBe("flow.test")
      const url = String(span.attributes.get("url.full"))
      expect(url).toContain("customerId=cus_onoolldvec")
      expect(url).toContain("apiKey=%3Credacted%3E")
      expect(url).toContain("s=%3Credacted%3E")
      expect(url).not.toContain(TEST_API_KEY)
      expect(url).not.toContain(requests[0]!.params["s"])
      for (const recorded of spans) {
        expect(inspect([...recorded.attributes], { depth: 10 })).not.toContain(TEST_SECRET)
      }
    }))

  it.effect("a POST's URL has no query; a retried read records its retries on the span", () =>
    Effect.gen(function*() {
      const { spans, tracer } = makeRecordingTracer()
      let calls = 0
      const { layer } = makeTestCustomers(
        () => ++calls === 1 ? new Response("{}", { status: 503 }) : json(customerSpec),
        { retry: { retries: 2, baseDelay: "1 millis", maxDelay: "1 millis" } }
      )
      yield* Effect.flatMap(FlowCustomers, (c) => Effect.zip(c.get("cus_onoolldvec"), c.delete("cus_onoolldvec"))).pipe(
        Effect.provide(layer),
        Effect.withTracer(tracer),
        Effect.withClock(Clock.make()) // a real clock: the retry's 1 ms wait passes by itself
      )
      const get = spans.find((s) => s.name === "customers.get")!
      expect(get.attributes.get("http.request.resend_count")).toBe(1)
      expect(get.attributes.get("flow.retry.after")).toBe("FlowAPIError")
      const del = spans.find((s) => s.name === "customers.delete")!
      expect(del.attributes.get("url.full")).toBe("https://flow.test/api/customer/delete")
    }))

  it.effect("a failing operation ends its span with the operation's error", () =>
    Effect.gen(function*() {
      const { spans, tracer } = makeRecordingTracer()
      const { layer } = makeTestCustomers(() => json({ code: 108, message: "Invalid Signature" }, 401))
      yield* Effect.flatMap(FlowCustomers, (c) => c.card.charge({
        customerId: "cus_onoolldvec",
        amount: 1000,
        subject: "x",
        commerceOrder: "o-1"
      })).pipe(Effect.provide(layer), Effect.withTracer(tracer), Effect.flip)
      const span = spans.find((s) => s.name === "customers.card.charge")!
      expect(span.exit?._tag).toBe("Failure")
      expect(inspect(span.exit, { depth: 10 })).toContain("FlowChargeCardError")
      expect(inspect(span.exit, { depth: 10 })).not.toContain(TEST_SECRET)
    }))
})

describe("errors", () => {
  it.effect("carry no secret, whatever way they are printed", () =>
    Effect.gen(function*() {
      const { layer } = makeTestCustomers(() => json({ code: 108, message: "Invalid Signature" }, 401))
      const error = yield* Effect.flatMap(FlowCustomers, (c) => c.card.status("tok")).pipe(
        Effect.provide(layer),
        Effect.flip
      )
      for (const text of [error.message, String(error.stack), JSON.stringify(error), inspect(error, { depth: 10 })]) {
        expect(text).not.toContain(TEST_SECRET)
      }
      expect(error).toBeInstanceOf(Error)
      expect(error.name).toBe("FlowRegisterCardStatusError")
    }))

  it("isFlowError recognizes the library's errors only", () => {
    expect(isFlowError(new Error("x"))).toBe(false)
    expect(isFlowError({ _tag: "FlowAPIError" })).toBe(false)
    expect(isFlowError(null)).toBe(false)
  })
})

describe("spans cost nothing when nobody records them", () => {
  /** The span current when the request reaches the transport, as the transport sees it. */
  const spanAtTransport = (tracer?: Tracer.Tracer) =>
    Effect.gen(function*() {
      let seen: Option.Option<string> | undefined
      const { layer } = makeTestCustomers(() =>
        Effect.map(Effect.option(Effect.currentSpan), (span) => {
          seen = Option.map(span, (s) => s.name)
          return json(customerSpec)
        }) as unknown as Effect.Effect<Response>
      )
      const call = Effect.flatMap(FlowCustomers, (c) => c.get("cus_onoolldvec")).pipe(Effect.provide(layer))
      yield* tracer === undefined ? call : Effect.withTracer(call, tracer)
      return seen
    })

  it.effect("under Effect's built-in tracer, which exports nothing, an operation opens no span", () =>
    Effect.gen(function*() {
      expect(yield* spanAtTransport()).toStrictEqual(Option.none())
    }))

  it.effect("under any other tracer, the operation's span is there, with its attributes", () =>
    Effect.gen(function*() {
      const { spans, tracer } = makeRecordingTracer()
      expect(yield* spanAtTransport(tracer)).toStrictEqual(Option.some("customers.get"))
      expect(spans.map((s) => s.name)).toStrictEqual(["customers.get"])
      expect(spans[0]!.attributes.get("url.path")).toBe("/api/customer/get")
      expect(spans[0]!.attributes.get("http.response.status_code")).toBe(200)
    }))
})
