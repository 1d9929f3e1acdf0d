/**
 * Spans: each operation is a span named after it, with one client span under it whose URL carries
 * neither the apiKey nor the signature; the secret key appears in no span and no error.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { inspect } from "node:util"
import { FlowCustomers } from "../src/FlowCustomers.js"
import { isFlowError } from "../src/FlowErrors.js"
import { json, makeTestCustomers, TEST_API_KEY, TEST_SECRET } from "./support/RecordingHttpClient.js"
import { makeRecordingTracer } from "./support/RecordingTracer.js"
import { customerSpec } from "./support/fixtures.js"

describe("spans", () => {
  it.effect("an operation span with a redacted client span under it", () =>
    Effect.gen(function*() {
      const { spans, tracer } = makeRecordingTracer()
      const { layer, requests } = makeTestCustomers(() => json(customerSpec))
      yield* Effect.flatMap(FlowCustomers, (c) => c.get("cus_onoolldvec")).pipe(
        Effect.provide(layer),
        Effect.withTracer(tracer)
      )
      const names = spans.map((s) => s.name)
      expect(names).toContain("customers.get")
      const client = spans.find((s) => s.name === "Flow GET customer/get")!
      expect(client.parent).toBe("customers.get")
      expect(client.kind).toBe("client")
      expect(client.attributes.get("http.response.status_code")).toBe(200)
      const url = String(client.attributes.get("url.full"))
      expect(url).toContain("customerId=cus_onoolldvec")
      expect(url).toContain("apiKey=%3Credacted%3E")
      expect(url).not.toContain(TEST_API_KEY)
      expect(url).not.toContain(requests[0]!.params["s"])
      // the platform's own client span (with the raw URL) is off
      expect(names.filter((n) => n.startsWith("http.client"))).toStrictEqual([])
      for (const span of spans) {
        expect(inspect([...span.attributes], { depth: 10 })).not.toContain(TEST_SECRET)
      }
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
