/**
 * FlowPayments on the recording double: the three payment reads on the wire (verb, path, exact
 * params, signature), decoded from the spec's, the alternative and the PHP answer forms, failing with
 * their own errors; and the confirmation callbacks (PaymentConfirmation, MassiveChargeCallback,
 * RegistrationCallback) with their bounds: a large body refused unread, one call to Flow for concurrent
 * posts of one token.
 */
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { describe, expect, it } from "@effect/vitest"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import { FlowPayments } from "../src/FlowPayments.js"
import * as MassiveChargeCallback from "../src/MassiveChargeCallback.js"
import * as PaymentConfirmation from "../src/PaymentConfirmation.js"
import * as RegistrationCallback from "../src/RegistrationCallback.js"
import { verify } from "../src/sign.js"
import * as F from "./support/fixtures.js"
import { json, makeTestCustomers, type Responder, TEST_API_KEY, TEST_SECRET } from "./support/RecordingHttpClient.js"

const TOKEN = "41097C28B5BD78C77F589FE4BC59E18AC333F9EU"

interface PaymentRead {
  readonly name: string
  readonly errorTag: string
  readonly call: (payments: FlowPayments) => Effect.Effect<unknown, { readonly _tag: string }>
  readonly path: string
  readonly params: Readonly<Record<string, string>>
}

const reads: ReadonlyArray<PaymentRead> = [
  {
    name: "payments.getStatus",
    errorTag: "FlowGetPaymentStatusError",
    call: (p) => p.getStatus(TOKEN),
    path: "/api/payment/getStatus",
    params: { token: TOKEN }
  },
  {
    name: "payments.getStatusByCommerceId",
    errorTag: "FlowGetPaymentStatusByCommerceIdError",
    call: (p) => p.getStatusByCommerceId("sf12377"),
    path: "/api/payment/getStatusByCommerceId",
    // Flow's name for the merchant's order here is `commerceId`
    params: { commerceId: "sf12377" }
  },
  {
    name: "payments.getStatusByFlowOrder",
    errorTag: "FlowGetPaymentStatusByFlowOrderError",
    call: (p) => p.getStatusByFlowOrder(3567899),
    path: "/api/payment/getStatusByFlowOrder",
    params: { flowOrder: "3567899" }
  }
]

const forms = [
  ["spec", F.paymentSpec, F.paymentNormalized],
  ["alternative", F.paymentAlt, F.paymentAltNormalized],
  ["php", F.paymentPhp, F.paymentPhpNormalized]
] as const

const run = (respond: Responder, call: PaymentRead["call"]) => {
  const { layer, requests } = makeTestCustomers(respond)
  return { requests, effect: Effect.flatMap(FlowPayments, call).pipe(Effect.provide(layer)) }
}

describe.each(reads)("$name", (read) => {
  it.effect(`sends GET ${read.path} with exactly its params, signed`, () =>
    Effect.gen(function*() {
      const { effect, requests } = run(() => json(F.paymentSpec), read.call)
      yield* effect
      expect(requests).toHaveLength(1)
      const request = requests[0]!
      expect(request.method).toBe("GET")
      expect(request.path).toBe(read.path)
      const { apiKey, s, ...params } = request.params
      expect(params).toStrictEqual(read.params)
      expect(apiKey).toBe(TEST_API_KEY)
      expect(s).toMatch(/^[0-9a-f]{64}$/)
      expect(verify(request.params, Redacted.make(TEST_SECRET))).toBe(true)
    }))

  it.effect.each(forms)("decodes the %s answer form", ([, answer, decoded]) =>
    Effect.gen(function*() {
      const { effect } = run(() => json(answer), read.call)
      expect(yield* effect).toStrictEqual(decoded)
    }))

  it.effect("fails with its own error: Flow's refusal keeps its code and status", () =>
    Effect.gen(function*() {
      const { effect } = run(() => json({ code: 105, message: "No services available" }, 400), read.call)
      const error = yield* Effect.flip(effect) as Effect.Effect<
        { readonly _tag: string; readonly code: unknown; readonly statusCode: unknown; readonly reason: unknown }
      >
      expect(error._tag).toBe(read.errorTag)
      expect(error.code).toBe(105)
      expect(error.statusCode).toBe(400)
      expect(error.reason).toMatchObject({ _tag: "FlowAPIError" })
    }))
}, { timeout: 20_000 })

describe("payment reads refuse bad input before sending", () => {
  it.effect.each([
    ["getStatus", "token", "blank", (p: FlowPayments) => p.getStatus("  ")],
    ["getStatusByCommerceId", "commerceOrder", "empty", (p: FlowPayments) => p.getStatusByCommerceId("")],
    ["getStatusByFlowOrder", "flowOrder", "negative", (p: FlowPayments) => p.getStatusByFlowOrder(-3)],
    ["getStatusByFlowOrder", "flowOrder", "fractional", (p: FlowPayments) => p.getStatusByFlowOrder(1.5)],
    ["getStatusByFlowOrder", "flowOrder", "text", (p: FlowPayments) => p.getStatusByFlowOrder("12" as unknown as number)]
  ] as const)("%s with a bad %s (%s)", ([, field, , call]) =>
    Effect.gen(function*() {
      const { effect, requests } = run(() => json(F.paymentSpec), call)
      const error = yield* Effect.flip(effect)
      expect(error).toMatchObject({ reason: { _tag: "FlowValidationError", field } })
      expect(requests).toHaveLength(0)
    }))
})

// ---------------------------------------------------------------------------------------------
// Callbacks
// ---------------------------------------------------------------------------------------------

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("https://shop.cl/flow/confirm", { method: "POST", body, headers })
const urlencoded = (token = TOKEN) => post(new URLSearchParams({ token }))
const multipart = (token = TOKEN) => {
  const form = new FormData()
  form.append("token", token)
  return post(form)
}

/** A body that never ends: counts how many bytes were pulled from it. */
const endlessBody = () => {
  let pulled = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += 1024
      controller.enqueue(new Uint8Array(1024).fill(97))
    }
  })
  return { stream, pulled: () => pulled }
}

describe("PaymentConfirmation", () => {
  it.effect.each([["urlencoded", urlencoded], ["multipart", multipart]] as const)(
    "fromRequest reads the token of a %s form and asks payment/getStatus",
    ([, request]) =>
      Effect.gen(function*() {
        const { layer, requests } = makeTestCustomers(() => json(F.paymentPhp))
        const payment = yield* PaymentConfirmation.fromRequest(request()).pipe(Effect.provide(layer))
        expect(payment).toStrictEqual(F.paymentPhpNormalized)
        expect(requests.map((r) => [r.path, r.params["token"]])).toStrictEqual([["/api/payment/getStatus", TOKEN]])
      })
  )

  it.effect("handler answers an @effect/platform request with what `respond` makes of the payment", () =>
    Effect.gen(function*() {
      const { layer } = makeTestCustomers(() => json(F.paymentSpec))
      const response = yield* PaymentConfirmation.handler((payment) =>
        Effect.succeed(HttpServerResponse.text(`paid ${payment.commerceOrder}: ${payment.status === 2}`))
      ).pipe(
        Effect.provideService(HttpServerRequest.HttpServerRequest, HttpServerRequest.fromWeb(urlencoded())),
        Effect.provide(layer)
      )
      const body = response.body._tag === "Uint8Array" ? new TextDecoder().decode(response.body.body) : ""
      expect(body).toBe("paid sf12377: true")
    }))

  it.effect("a body announced larger than 8 KiB is refused at once, unread, and Flow is not asked", () =>
    Effect.gen(function*() {
      const { layer, requests } = makeTestCustomers(() => json(F.paymentSpec))
      const body = endlessBody()
      const request = new Request("https://shop.cl/flow/confirm", {
        method: "POST",
        body: body.stream,
        headers: { "content-length": String(10 * 1024 * 1024) },
        duplex: "half"
      } as RequestInit)
      const error = yield* PaymentConfirmation.fromRequest(request).pipe(Effect.provide(layer), Effect.flip)
      expect(error._tag).toBe("FlowGetPaymentStatusError")
      expect(error.reason).toMatchObject({ _tag: "FlowValidationError", field: "body" })
      expect(body.pulled()).toBeLessThanOrEqual(2 * 1024)
      expect(requests).toHaveLength(0)
    }))

  it.effect("an endless body without a length is cut off just past 8 KiB, and Flow is not asked", () =>
    Effect.gen(function*() {
      const { layer, requests } = makeTestCustomers(() => json(F.paymentSpec))
      const body = endlessBody()
      const request = new Request("https://shop.cl/flow/confirm", {
        method: "POST",
        body: body.stream,
        duplex: "half"
      } as RequestInit)
      const error = yield* PaymentConfirmation.fromRequest(request).pipe(Effect.provide(layer), Effect.flip)
      expect(error.reason).toMatchObject({ _tag: "FlowValidationError", field: "body" })
      expect(body.pulled()).toBeLessThan(64 * 1024)
      expect(requests).toHaveLength(0)
    }))

  it.effect("the same bound holds inside an @effect/platform server", () =>
    Effect.gen(function*() {
      const { layer, requests } = makeTestCustomers(() => json(F.paymentSpec))
      const big = post(new URLSearchParams({ token: TOKEN, padding: "x".repeat(20_000) }))
      const error = yield* PaymentConfirmation.fromServerRequest.pipe(
        Effect.provideService(HttpServerRequest.HttpServerRequest, HttpServerRequest.fromWeb(big)),
        Effect.provide(layer),
        Effect.flip
      )
      expect(error.reason).toMatchObject({ _tag: "FlowValidationError", field: "body" })
      expect(requests).toHaveLength(0)
    }))

  it.live("concurrent posts of one token make one call to Flow, and all get the payment", () =>
    Effect.gen(function*() {
      const release = yield* Deferred.make<void>()
      const { layer, requests } = makeTestCustomers(() =>
        Effect.as(Deferred.await(release), json(F.paymentSpec)) as unknown as Effect.Effect<Response>
      )
      const payments = yield* Effect.all(
        [
          ...Array.from({ length: 10 }, () => PaymentConfirmation.fromRequest(urlencoded())),
          PaymentConfirmation.fromRequest(urlencoded("ANOTHERTOKEN"))
        ],
        { concurrency: "unbounded" }
      ).pipe(
        Effect.provide(layer),
        Effect.fork,
        Effect.tap(() => Effect.sleep("20 millis")),
        Effect.tap(() => Deferred.succeed(release, undefined)),
        Effect.flatMap((fiber) => fiber.await),
        Effect.flatten
      )
      expect(payments).toHaveLength(11)
      expect(payments.every((p) => p.flowOrder === 3567899)).toBe(true)
      const tokens = requests.map((r) => r.params["token"]).sort()
      expect(tokens).toStrictEqual(["ANOTHERTOKEN", TOKEN].sort())
    }), { timeout: 10_000 })

  it.effect("a later post of the same token asks Flow again (only concurrent ones share a call)", () =>
    Effect.gen(function*() {
      const { layer, requests } = makeTestCustomers(() => json(F.paymentSpec))
      yield* PaymentConfirmation.fromRequest(urlencoded()).pipe(Effect.provide(layer))
      yield* PaymentConfirmation.fromRequest(urlencoded()).pipe(Effect.provide(layer))
      expect(requests).toHaveLength(2)
    }))

  it.effect("a failing read is the operation's own error, shared by the concurrent posts", () =>
    Effect.gen(function*() {
      const { layer, requests } = makeTestCustomers(() => json({ code: 1, message: "token not found" }, 401))
      const errors = yield* Effect.all(
        Array.from({ length: 3 }, () => Effect.flip(PaymentConfirmation.fromRequest(urlencoded()))),
        { concurrency: "unbounded" }
      ).pipe(Effect.provide(layer))
      expect(errors.map((e) => [e._tag, e.code])).toStrictEqual(Array(3).fill(["FlowGetPaymentStatusError", 1]))
      expect(requests.length).toBeLessThanOrEqual(3)
      expect(requests.length).toBeGreaterThanOrEqual(1)
    }))
})

describe("MassiveChargeCallback", () => {
  it.effect("reads the batch token and asks customer/getBatchCollectStatus", () =>
    Effect.gen(function*() {
      const { layer, requests } = makeTestCustomers(() => json(F.batchStatusSpec))
      const status = yield* MassiveChargeCallback.fromRequest(urlencoded("AJ089FF5467367")).pipe(Effect.provide(layer))
      expect(status).toStrictEqual(F.batchStatusNormalized)
      expect(requests.map((r) => [r.path, r.params["token"]])).toStrictEqual([
        ["/api/customer/getBatchCollectStatus", "AJ089FF5467367"]
      ])
    }))

  it.effect("a POST without a token fails with FlowMassiveChargeCardStatusError naming token", () =>
    Effect.gen(function*() {
      const { layer, requests } = makeTestCustomers(() => json(F.batchStatusSpec))
      const error = yield* MassiveChargeCallback.fromRequest(post(new URLSearchParams({ other: "x" }))).pipe(
        Effect.provide(layer),
        Effect.flip
      )
      expect(error._tag).toBe("FlowMassiveChargeCardStatusError")
      expect(error.reason).toMatchObject({ _tag: "FlowValidationError", field: "token" })
      expect(requests).toHaveLength(0)
    }))
})

describe("RegistrationCallback has the same bounds", () => {
  it.effect("a large body is refused, Flow not asked", () =>
    Effect.gen(function*() {
      const { layer, requests } = makeTestCustomers(() => json(F.registerStatusSpec))
      const big = post(new URLSearchParams({ token: TOKEN, padding: "x".repeat(20_000) }))
      const error = yield* RegistrationCallback.fromRequest(big).pipe(Effect.provide(layer), Effect.flip)
      expect(error._tag).toBe("FlowRegisterCardStatusError")
      expect(error.reason).toMatchObject({ _tag: "FlowValidationError", field: "body" })
      expect(requests).toHaveLength(0)
    }))

  it.live("concurrent posts of one token make one call", () =>
    Effect.gen(function*() {
      const release = yield* Deferred.make<void>()
      const { layer, requests } = makeTestCustomers(() =>
        Effect.as(Deferred.await(release), json(F.registerStatusSpec)) as unknown as Effect.Effect<Response>
      )
      const fiber = yield* Effect.all(
        Array.from({ length: 5 }, () => RegistrationCallback.fromRequest(urlencoded())),
        { concurrency: "unbounded" }
      ).pipe(Effect.provide(layer), Effect.fork)
      yield* Effect.sleep("20 millis")
      yield* Deferred.succeed(release, undefined)
      const statuses = yield* fiber.await.pipe(Effect.flatten)
      expect(statuses.map((s) => s.status)).toStrictEqual([1, 1, 1, 1, 1])
      expect(requests).toHaveLength(1)
    }), { timeout: 10_000 })
})
