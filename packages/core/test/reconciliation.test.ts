/**
 * Reconciliation of writes whose answer was lost (Reconciliation.ts), on the recording double: a
 * charge or collect whose outcome is unknown is settled by asking `payment/getStatusByCommerceId`;
 * found, the call resolves with that payment; absent, the write is resent with the same
 * `commerceOrder` within the retry budget; otherwise the call fails with the original reason, marked
 * as an unknown outcome. Every error says whether the write was never sent, refused, or unknown.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { FlowCustomers } from "../src/FlowCustomers.js"
import type { FlowOperationError } from "../src/FlowErrors.js"
import { withCallOptions } from "../src/FlowHttp.js"
import * as F from "./support/fixtures.js"
import { json, makeTestCustomers, type RecordedRequest, transportFailure } from "./support/RecordingHttpClient.js"

const ORDER = "sf12377"
const CHARGE = { customerId: "cus_onoolldvec", amount: 12000, subject: "Pago prueba", commerceOrder: ORDER }
const COLLECT = {
  ...CHARGE,
  urlConfirmation: "https://shop.cl/flow/confirm",
  urlReturn: "https://shop.cl/flow/return"
}

const reset = new TypeError("fetch failed", { cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }) })
const refused = new TypeError("fetch failed", {
  cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:443"), { code: "ECONNREFUSED" })
})

type Answer = (request: RecordedRequest) => Response | Effect.Effect<Response, never> | ReturnType<typeof transportFailure>

/** Answers each path with the next of its answers (the last one repeats). */
const script = (answers: Readonly<Record<string, ReadonlyArray<Answer>>>) => {
  const seen: Record<string, number> = {}
  return (request: RecordedRequest) => {
    const path = request.path.replace("/api/", "")
    const list = answers[path]
    if (list === undefined) throw new Error(`unexpected request to ${path}`)
    const i = seen[path] = (seen[path] ?? 0) + 1
    return list[Math.min(i - 1, list.length - 1)]!(request)
  }
}
const ok = (body: unknown): Answer => () => json(body)
const flowError = (status: number, code: number, message = "error"): Answer => () => json({ code, message }, status)
const html = (status: number): Answer => () => new Response("<html>bad gateway</html>", { status })
const never: Answer = () => Effect.never as Effect.Effect<Response, never>
const resetAfterSending: Answer = (request) => transportFailure(request, reset)
const refusedConnection: Answer = (request) => transportFailure(request, refused)
const notFound = flowError(401, 1006, "commerceOrder not found")

const run = <A>(
  answers: Readonly<Record<string, ReadonlyArray<Answer>>>,
  call: (c: FlowCustomers) => Effect.Effect<A, FlowOperationError>,
  options: { readonly reconcile?: boolean; readonly retries?: number } = {}
) =>
  Effect.gen(function*() {
    const { layer, requests } = makeTestCustomers(script(answers), {
      timeout: 200,
      reconcile: options.reconcile ?? true,
      retry: { retries: options.retries ?? 2, baseDelay: "1 millis", maxDelay: "5 millis" }
    })
    const result = yield* Effect.either(Effect.flatMap(FlowCustomers, call).pipe(Effect.provide(layer)))
    const paths = requests.map((r) => r.path.replace("/api/", ""))
    return { result, requests, paths }
  })

const charge = (c: FlowCustomers) => c.card.charge(CHARGE)
const collect = (c: FlowCustomers) => c.card.sendCharge(COLLECT)

describe("a charge whose answer is lost", () => {
  it.live.each([
    ["the call times out", never],
    ["the connection resets after sending", resetAfterSending],
    ["Flow answers an HTML 502", html(502)],
    ["Flow answers 200 with a body that cannot be read", () => new Response("{\"flowOrder\": 35", { status: 200 })],
    ["Flow answers a redirect", () => new Response("", { status: 302, headers: { location: "https://elsewhere" } })]
  ] as const)("(%s) resolves with the payment Flow holds for the order", ([, lost]) =>
    Effect.gen(function*() {
      const { paths, requests, result } = yield* run({
        "customer/charge": [lost],
        "payment/getStatusByCommerceId": [ok(F.paymentSpec)]
      }, charge)
      expect(result).toStrictEqual(Either.right(F.paymentNormalized))
      expect(paths).toStrictEqual(["customer/charge", "payment/getStatusByCommerceId"])
      expect(requests[1]!.params["commerceId"]).toBe(ORDER)
    }))

  it.live("Flow holds no such order: the charge is sent again with the same commerceOrder, and its answer returned", () =>
    Effect.gen(function*() {
      const { paths, requests, result } = yield* run({
        "customer/charge": [html(503), ok(F.paymentPhp)],
        "payment/getStatusByCommerceId": [notFound]
      }, charge)
      expect(result).toStrictEqual(Either.right(F.paymentPhpNormalized))
      expect(paths).toStrictEqual(["customer/charge", "payment/getStatusByCommerceId", "customer/charge"])
      const [first, , second] = requests
      const { s: _s1, ...firstParams } = first!.params
      const { s: _s2, ...secondParams } = second!.params
      expect(secondParams).toStrictEqual(firstParams)
      expect(secondParams["commerceOrder"]).toBe(ORDER)
    }))

  it.live("a resend refused by Flow (the first send made the charge after all) is looked up again", () =>
    Effect.gen(function*() {
      const { paths, result } = yield* run({
        "customer/charge": [never, flowError(401, 1605, "This commerceOrder sf12377 has been previously paid")],
        "payment/getStatusByCommerceId": [notFound, ok(F.paymentSpec)]
      }, charge)
      expect(result).toStrictEqual(Either.right(F.paymentNormalized))
      expect(paths).toStrictEqual([
        "customer/charge",
        "payment/getStatusByCommerceId",
        "customer/charge",
        "payment/getStatusByCommerceId"
      ])
    }))

  it.live("a resend refused while the order is still absent fails as refused", () =>
    Effect.gen(function*() {
      const { paths, result } = yield* run({
        "customer/charge": [never, flowError(401, 1003, "The customer has no card")],
        "payment/getStatusByCommerceId": [notFound]
      }, charge)
      const error = Either.getLeft(result).pipe((e) => e._tag === "Some" ? e.value : undefined)!
      expect(error).toMatchObject({ _tag: "FlowChargeCardError", code: 1003, outcome: "refused" })
      expect(error.reconciliation).toBeUndefined()
      expect(paths.filter((p) => p === "customer/charge")).toHaveLength(2)
    }))

  it.live("the lookup fails too: the charge's error keeps the original reason and says the outcome is unknown", () =>
    Effect.gen(function*() {
      const { paths, result } = yield* run({
        "customer/charge": [never],
        "payment/getStatusByCommerceId": [html(500)]
      }, charge)
      const error = Either.getLeft(result).pipe((e) => e._tag === "Some" ? e.value : undefined)!
      expect(error._tag).toBe("FlowChargeCardError")
      expect(error.reason._tag).toBe("FlowTimeoutError")
      expect(error.outcome).toBe("unknown")
      expect(error.reconciliation).toMatchObject({ commerceOrder: ORDER, result: "lookup-failed" })
      expect(error.reconciliation?.lookupError).toMatchObject({ _tag: "FlowAPIError", statusCode: 500 })
      expect(error.message).toMatch(/outcome unknown/)
      // the lookup is a read: tried 3 times (retries 2); the charge once
      expect(paths).toStrictEqual(["customer/charge", ...Array(3).fill("payment/getStatusByCommerceId")])
    }))

  it.live("Flow holds a different payment under the order: not taken for this charge", () =>
    Effect.gen(function*() {
      const { paths, result } = yield* run({
        "customer/charge": [html(502)],
        "payment/getStatusByCommerceId": [ok({ ...F.paymentSpec, amount: 500 })]
      }, charge)
      const error = Either.getLeft(result).pipe((e) => e._tag === "Some" ? e.value : undefined)!
      expect(error).toMatchObject({ outcome: "unknown", reconciliation: { result: "different-payment" } })
      expect(error.reason).toMatchObject({ _tag: "FlowAPIError", statusCode: 502 })
      expect(paths).toStrictEqual(["customer/charge", "payment/getStatusByCommerceId"])
    }))

  it.live("resends stop at the retry budget; the order still absent, the outcome stays unknown", () =>
    Effect.gen(function*() {
      const { paths, result } = yield* run({
        "customer/charge": [html(503)],
        "payment/getStatusByCommerceId": [notFound]
      }, charge, { retries: 1 })
      const error = Either.getLeft(result).pipe((e) => e._tag === "Some" ? e.value : undefined)!
      expect(error).toMatchObject({ outcome: "unknown", reconciliation: { result: "not-found" } })
      expect(paths).toStrictEqual([
        "customer/charge",
        "payment/getStatusByCommerceId",
        "customer/charge",
        "payment/getStatusByCommerceId"
      ])
    }))

  it.live("off (per call or per client), a lost answer is returned as it came, nothing asked", () =>
    Effect.gen(function*() {
      const perCall = yield* run(
        { "customer/charge": [html(502)] },
        (c) => c.card.charge(CHARGE).pipe(withCallOptions({ reconcile: false }))
      )
      const perClient = yield* run({ "customer/charge": [html(502)] }, charge, { reconcile: false })
      for (const { paths, result } of [perCall, perClient]) {
        expect(paths).toStrictEqual(["customer/charge"])
        const error = Either.getLeft(result).pipe((e) => e._tag === "Some" ? e.value : undefined)!
        expect(error).toMatchObject({ outcome: "unknown", reason: { statusCode: 502 } })
        expect(error.reconciliation).toBeUndefined()
      }
    }))
})

describe("nothing to reconcile", () => {
  it.live("Flow refused the charge: its error, outcome refused, no lookup", () =>
    Effect.gen(function*() {
      const { paths, result } = yield* run({ "customer/charge": [flowError(401, 1003, "no card")] }, charge)
      expect(Either.getLeft(result).pipe((e) => e._tag === "Some" ? e.value.outcome : undefined)).toBe("refused")
      expect(paths).toStrictEqual(["customer/charge"])
    }))

  it.live("a connection never made: retried as before, then outcome not-sent, no lookup", () =>
    Effect.gen(function*() {
      const { paths, result } = yield* run({ "customer/charge": [refusedConnection] }, charge)
      const error = Either.getLeft(result).pipe((e) => e._tag === "Some" ? e.value : undefined)!
      expect(error.outcome).toBe("not-sent")
      expect(paths).toStrictEqual(Array(3).fill("customer/charge"))
    }))

  it.live("invalid input: outcome not-sent, nothing sent", () =>
    Effect.gen(function*() {
      const { paths, result } = yield* run({}, (c) => c.card.charge({ ...CHARGE, amount: -1 }))
      expect(Either.getLeft(result).pipe((e) => e._tag === "Some" ? e.value.outcome : undefined)).toBe("not-sent")
      expect(paths).toStrictEqual([])
    }))

  it.live("a read is never reconciled", () =>
    Effect.gen(function*() {
      const { paths } = yield* run({ "customer/get": [html(502)] }, (c) => c.get("cus_onoolldvec"))
      expect(paths).toStrictEqual(Array(3).fill("customer/get"))
    }))
})

describe("a collect whose answer is lost", () => {
  it.live.each([
    ["a pending payment link", { ...F.paymentSpec, status: 1 }, {}, 2],
    ["an email charge", { ...F.paymentSpec, status: 1 }, { byEmail: 1 }, 3],
    ["a card charge made at once", F.paymentSpec, {}, 1]
  ] as const)("is rebuilt from the payment Flow holds (%s)", ([, payment, extra, type]) =>
    Effect.gen(function*() {
      const { paths, result } = yield* run({
        "customer/collect": [never],
        "payment/getStatusByCommerceId": [ok(payment)]
      }, (c) => c.card.sendCharge({ ...COLLECT, ...extra }))
      const answer = Either.getOrThrow(result)
      expect(answer).toMatchObject({ type, commerceOrder: ORDER, flowOrder: 3567899, status: 1 })
      expect(answer.paymentResult?.status).toBe(payment.status)
      expect(answer.url).toBeUndefined()
      expect(paths).toStrictEqual(["customer/collect", "payment/getStatusByCommerceId"])
    }))

  it.live("absent at Flow, it is sent again with the same commerceOrder", () =>
    Effect.gen(function*() {
      const { paths, result } = yield* run({
        "customer/collect": [resetAfterSending, ok(F.collectSpec)],
        "payment/getStatusByCommerceId": [notFound]
      }, collect)
      expect(Either.getOrThrow(result)).toStrictEqual(F.collectNormalized)
      expect(paths).toStrictEqual(["customer/collect", "payment/getStatusByCommerceId", "customer/collect"])
    }))
})

describe("every write's error says its outcome", () => {
  it.live.each([
    ["not-sent", { "customer/create": [refusedConnection] }],
    ["refused", { "customer/create": [flowError(400, 101, "bad email")] }],
    ["unknown", { "customer/create": [never] }],
    ["unknown", { "customer/create": [html(500)] }],
    ["unknown", { "customer/create": [() => new Response("not json", { status: 200 })] }]
  ] as const)("%s", ([outcome, answers]) =>
    Effect.gen(function*() {
      const { result } = yield* run(answers, (c) => c.create({ name: "Ana", email: "a@b.cl", externalId: "1" }))
      expect(Either.getLeft(result).pipe((e) => e._tag === "Some" ? e.value.outcome : undefined)).toBe(outcome)
    }))
})
