/**
 * The test helpers the package exports: `EmulatorClient`, a typed client of the admin API for
 * Promise code, and `FlowEmulator.layerConfig`, a running emulator plus a `FlowConfig` pointed at it
 * for Effect code. (A suite: run from ../emulator.test.ts.)
 */
import { describe, expect, it } from "@effect/vitest"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { FlowConfig, FlowCustomers, FlowPayments } from "@flowcl/core"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { EmulatorAdminError, EmulatorClient, FlowEmulator } from "../../src/index.js"
import { str, useEmulator } from "../support/emulator.js"

const flow = useEmulator()
const admin = () => new EmulatorClient(flow.emulator)

describe("EmulatorClient", () => {
  it("is made from a running emulator, its origin, its admin URL or its API URL", () => {
    const { adminUrl, origin, url } = flow.emulator
    for (const target of [flow.emulator, origin, `${origin}/`, adminUrl, url]) {
      expect(new EmulatorClient(target).adminUrl).toBe(adminUrl)
    }
  })

  it("seeds customers, with a card or not, and registers a card for one", async () => {
    const client = admin()
    const carla = await client.seedCustomer({ name: "Carla", card: { brand: "Magna", last4: "0001" } })
    expect(carla).toMatchObject({ name: "Carla", creditCardType: "Magna", last4CardDigits: "0001", pay_mode: "auto" })
    const plain = await client.seedCustomer()
    expect(plain.pay_mode).toBe("manual")
    expect((await client.registerCard(plain.customerId)).last4CardDigits).toBe("4242")
    expect((await flow.charge(plain.customerId, 1000, "o-1")).body["status"]).toBe(2)
    const { customers } = await client.seed({ customers: [{ name: "A", email: "a@example.cl" }, { name: "B", email: "b@example.cl" }] })
    expect(customers.map((c) => c.name)).toEqual(["A", "B"])
  })

  it("approves and declines registrations a client started; Flow's callback follows", async () => {
    const client = admin()
    const { customerId } = await client.seedCustomer()
    const register = async () =>
      str((await flow.post("register", { customerId, url_return: `${flow.emulator.adminUrl}/sink/card` })).body["token"])
    const declined = await register()
    expect(await client.declineRegistration(declined)).toEqual({ token: declined, status: "declined" })
    const approved = await register()
    expect(await client.approveRegistration(approved, { last4: "0366" })).toEqual({ token: approved, status: "completed" })
    expect((await flow.get("get", { customerId })).body["last4CardDigits"]).toBe("0366")
    const callbacks = await client.callbacks()
    expect(callbacks.map((c) => [c.token, c.status])).toEqual([[declined, 200], [approved, 200]])
  })

  it("pays a payment link, by its token or the collect answer", async () => {
    const client = admin()
    const { customerId } = await client.seedCustomer()
    const link = (await flow.post("collect", flow.collectParams(customerId, "o-link", `${flow.emulator.adminUrl}/sink`))).body
    expect(await client.payLink({ token: str(link["token"]) })).toEqual({ token: link["token"], status: "paid" })
    expect((await flow.get("payment/getStatus", { token: str(link["token"]) })).body["status"]).toBe(2)
  })

  it("sets, lists, removes and clears faults", async () => {
    const client = admin()
    const rule = await client.setFault({ endpoint: "list", fault: { type: "status", status: 503 }, times: 1 })
    expect(rule).toMatchObject({ id: expect.any(Number), endpoint: "customer/list", phase: "before" })
    expect((await flow.get("list", {})).status).toBe(503)
    expect((await flow.get("list", {})).status).toBe(200)
    const other = await client.setFault({ endpoint: "*", fault: { type: "empty" } })
    expect((await client.faults()).map((f) => f.id)).toEqual([rule.id, other.id])
    await client.removeFault(other.id)
    expect((await client.faults()).map((f) => f.id)).toEqual([rule.id])
    await client.clearFaults()
    expect(await client.faults()).toEqual([])
  })

  it("moves the clock and reads the request log", async () => {
    const client = admin()
    expect((await client.moveClock(new Date("2026-03-10T16:00:00-03:00"))).now).toMatch(/^2026-03-10 16:00:0\d$/)
    expect((await client.moveClock({ advanceMs: 86_400_000 })).now).toMatch(/^2026-03-11 16:00:0\d$/)
    expect((await client.clock()).now).toMatch(/^2026-03-11/)
    await flow.get("list", {})
    await flow.post("create", {}, { sign: false })
    expect((await client.requests()).map((r) => [r.endpoint, r.status])).toEqual([["customer/list", 200], ["customer/create", 401]])
    expect((await client.requests({ endpoint: "create" })).map((r) => r.signature)).toEqual(["invalid"])
    await client.clearRequests()
    expect(await client.requests()).toEqual([])
  })

  it("changes settings and resets", async () => {
    const client = admin()
    expect((await client.updateSettings({ answerForm: "alternative" })).answerForm).toBe("alternative")
    expect((await client.settings()).answerForm).toBe("alternative")
    await client.seedCustomer()
    await client.reset()
    expect(flow.emulator.state.customers.size).toBe(0)
  })

  it("a refused call rejects with EmulatorAdminError carrying the status, code and message", async () => {
    const error = await admin().payLink("NOPE").catch((e: unknown) => e)
    expect(error).toBeInstanceOf(EmulatorAdminError)
    expect(error).toMatchObject({ status: 404, code: 1006, message: expect.stringContaining("Payment token NOPE not found") })
    const bad = await admin().moveClock({ now: 1e300 }).catch((e: unknown) => e)
    expect(bad).toMatchObject({ status: 400, code: 400 })
  })
})

describe("FlowEmulator.layerConfig", () => {
  it.effect("starts an emulator and provides a FlowConfig pointed at it: a program talks to it unchanged", () =>
    Effect.gen(function*() {
      const emulator = yield* FlowEmulator
      const config = yield* FlowConfig
      expect(config.baseUrl).toBe(emulator.url)
      expect(config.apiKey).toBe(emulator.apiKey)
      expect(Redacted.value(config.secretKey)).toBe(emulator.secretKey)
      expect(Duration.toMillis(config.timeout)).toBe(5_000)

      const customers = yield* FlowCustomers
      const customer = yield* customers.create({ name: "Ana", email: "ana@example.cl", externalId: "e-1" })
      expect(emulator.state.customers.get(customer.customerId)?.name).toBe("Ana")

      const client = new EmulatorClient(emulator)
      yield* Effect.promise(() => client.registerCard(customer.customerId))
      const payment = yield* customers.card.charge({ customerId: customer.customerId, amount: 5000, subject: "x", commerceOrder: "o-1" })
      const read = yield* (yield* FlowPayments).getStatusByCommerceId("o-1")
      expect([payment.status, read.flowOrder]).toEqual([2, payment.flowOrder])
      expect(emulator.requests.map((r) => r.endpoint))
        .toEqual(["customer/create", "customer/charge", "payment/getStatusByCommerceId"])
    }).pipe(
      Effect.provide(
        Layer.mergeAll(FlowCustomers.Default, FlowPayments.Default).pipe(
          Layer.provideMerge(FlowEmulator.layerConfig({ batchPaceMs: 1 }, { timeout: "5 seconds" })),
          Layer.provide(FetchHttpClient.layer)
        )
      )
    ))

  it.effect("FlowEmulator.layer still gives the emulator alone", () =>
    Effect.gen(function*() {
      const emulator = yield* FlowEmulator
      expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/)
    }).pipe(Effect.provide(FlowEmulator.layer())))
})
