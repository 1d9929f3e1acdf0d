/**
 * @flowcl/promise against the emulator over loopback HTTP: the seed's API end to end, its error
 * classes, bad input from plain JavaScript, AbortSignal and per-call timeouts.
 */
import { type RunningEmulator, start } from "@flowcl/emulator"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import Flow, {
  FlowAbortedError,
  FlowAPIError,
  FlowAuthenticationError,
  FlowChargeCardError,
  FlowConnectionError,
  FlowCreateCustomerError,
  FlowError,
  FlowGetCustomerError,
  FlowPaymentMethods,
  FlowSendMassiveChargeCardError,
  FlowTimeoutError,
  FlowValidationError
} from "@flowcl/promise"

let emulator: RunningEmulator
let flow: Flow
let callbacks: Server
let callbackUrl: string
const received: Array<{ path: string; token: string }> = []

beforeAll(async () => {
  emulator = await start({ batchPaceMs: 2 })
  flow = new Flow(emulator.apiKey, emulator.secretKey, "sandbox", { baseUrl: emulator.url })
  callbacks = createServer((req, res) => {
    let body = ""
    req.on("data", (chunk: Buffer) => (body += chunk.toString()))
    req.on("end", () => {
      received.push({ path: req.url ?? "", token: new URLSearchParams(body).get("token") ?? "" })
      res.end()
    })
  })
  await new Promise<void>((resolve) => callbacks.listen(0, "127.0.0.1", resolve))
  callbackUrl = `http://127.0.0.1:${(callbacks.address() as AddressInfo).port}`
})
afterAll(async () => {
  await flow.close()
  await emulator.close()
  callbacks.closeAllConnections()
  await new Promise<void>((resolve) => callbacks.close(() => resolve()))
})
beforeEach(() => emulator.faults.clear())

let n = 0
const unique = (label: string) => `${label}-${Date.now()}-${++n}`
const waitFor = async (path: string) => {
  for (let i = 0; i < 500; i++) {
    const hit = received.find((r) => r.path === path)
    if (hit) return hit
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error(`no callback to ${path}`)
}

/** A customer with a card, through the real registration flow (the person's form POST included). */
const customerWithCard = async () => {
  const customer = await flow.customers.create({ name: "Ana Pérez", email: `${unique("ana")}@example.cl`, externalId: unique("x") })
  const registration = await flow.customers.card.register({
    customerId: customer.customerId,
    url_return: `${callbackUrl}/card-${customer.customerId}`
  })
  const page = await fetch(registration.url, {
    method: "POST",
    body: new URLSearchParams({ token: registration.token, action: "approve", brand: "Visa", last4: "4242" })
  })
  expect(page.status).toBe(200)
  await waitFor(`/card-${customer.customerId}`)
  return { customer, registration }
}

describe("new Flow(apiKey, secretKey, environment, options)", () => {
  it("throws FlowAuthenticationError synchronously for empty keys", () => {
    expect(() => new Flow("", "")).toThrow(FlowAuthenticationError)
    expect(() => new Flow("key", "")).toThrow(/secretKey/)
    const error = (() => {
      try {
        new Flow("", "secret")
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(FlowAuthenticationError)
    expect(error).toBeInstanceOf(FlowError)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).name).toBe("FlowAuthenticationError")
    expect((error as Error).message).toContain("apiKey")
  })

  it("defaults to sandbox, takes production, and an emulator's baseUrl", () => {
    expect(new Flow("k", "s").baseUrl).toBe("https://sandbox.flow.cl/api")
    expect(new Flow("k", "s").environment).toBe("sandbox")
    expect(new Flow("k", "s", "production").baseUrl).toBe("https://www.flow.cl/api")
    expect(new Flow("k", "s", "sandbox", { baseUrl: "http://127.0.0.1:8080/api/" }).baseUrl).toBe(
      "http://127.0.0.1:8080/api"
    )
  })

  it("refuses an unknown environment and a bad option, naming it", () => {
    expect(() => new Flow("k", "s", "staging" as "sandbox")).toThrow(FlowValidationError)
    try {
      new Flow("k", "s", "sandbox", { timeout: -5 })
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(FlowValidationError)
      expect((error as FlowValidationError).field).toBe("timeout")
    }
  })

  it("keeps the secret key out of what it prints", () => {
    const secretFlow = new Flow("k", "a-very-secret-key")
    expect(JSON.stringify(secretFlow)).not.toContain("a-very-secret-key")
    expect(String(Object.values(secretFlow))).not.toContain("a-very-secret-key")
  })
})

describe("flow.customers: every seed method against the emulator", () => {
  it("create, edit, get, list, delete", async () => {
    const name = unique("Cliente Promesa")
    const created = await flow.customers.create({ name, email: "promesa@example.cl", externalId: "p-1" })
    expect(created.customerId).toMatch(/^cus_[a-z0-9]{10}$/)
    const edited = await flow.customers.edit({ customerId: created.customerId, name: `${name} II` })
    expect(edited.email).toBe("promesa@example.cl")
    expect(await flow.customers.get(created.customerId)).toStrictEqual(edited)
    const page = await flow.customers.list({ filter: name, limit: 5 })
    expect(page.total).toBe(1)
    expect(page.hasMore).toBe(false)
    expect(page.data[0]!.customerId).toBe(created.customerId)
    expect((await flow.customers.delete(created.customerId)).status).toBe(0)
  })

  it("card.register, card.status, card.charge, card.listCharges, card.reverseCharge, card.delete", async () => {
    const { customer, registration } = await customerWithCard()
    expect(registration.redirectUrl).toBe(`${registration.url}?token=${registration.token}`)
    expect(await flow.customers.card.status(registration.token)).toMatchObject({ status: 1, last4CardDigits: "4242" })
    const commerceOrder = unique("order")
    const payment = await flow.customers.card.charge({
      customerId: customer.customerId,
      amount: 2_500,
      subject: "Suscripción",
      commerceOrder
    })
    expect(payment.status).toBe(2)
    const charges = await flow.customers.card.listCharges({ customerId: customer.customerId })
    expect(charges.data.map((c) => c.commerceOrder)).toStrictEqual([commerceOrder])
    expect(await flow.customers.card.reverseCharge({ commerceOrder })).toMatchObject({ status: 1 })
    expect((await flow.customers.card.delete(customer.customerId)).pay_mode).toBe("manual")
  })

  it("card.sendCharge, card.sendMassiveCharge, card.massiveChargeStatus", async () => {
    const { customer } = await customerWithCard()
    const link = await flow.customers.card.sendCharge({
      customerId: customer.customerId,
      commerceOrder: unique("collect"),
      subject: "Cuota",
      amount: 3_000,
      urlConfirmation: `${callbackUrl}/confirm`,
      urlReturn: `${callbackUrl}/return`,
      ignore_auto_charging: 1,
      paymentMethod: "webpay-plus"
    })
    expect(link.type).toBe(2)
    const batchPath = `/batch-${unique("b")}`
    const batch = await flow.customers.card.sendMassiveCharge({
      urlCallBack: `${callbackUrl}${batchPath}`,
      urlConfirmation: `${callbackUrl}/confirm`,
      urlReturn: `${callbackUrl}/return`,
      batchRows: [{ customerId: customer.customerId, commerceOrder: unique("row"), subject: "Cuota", amount: 3_000 }]
    })
    expect(batch.acceptedRows).toBe(1)
    expect((await waitFor(batchPath)).token).toBe(batch.token)
    const status = await flow.customers.card.massiveChargeStatus(batch.token)
    expect(status.status).toBe("processed")
    expect(status.collectRows[0]!.status).toBe("collected")
  })

  it("card.listFailedCharges and card.subscriptions.list", async () => {
    const { customer } = await customerWithCard()
    const declined = await flow.customers.card.charge({
      customerId: customer.customerId,
      amount: 9006,
      subject: "Rechazo",
      commerceOrder: unique("declined")
    })
    expect(declined.status).toBe(3)
    const failed = await flow.customers.card.listFailedCharges({ customerId: customer.customerId })
    expect(failed.data[0]).toMatchObject({ errorCode: -6 })
    await fetch(`${emulator.adminUrl}/seed`, {
      method: "POST",
      body: JSON.stringify({ subscriptions: [{ customerId: customer.customerId, planId: "mensual" }] })
    })
    const subscriptions = await flow.customers.card.subscriptions.list({ customerId: customer.customerId })
    expect(subscriptions.data[0]).toMatchObject({ planId: "mensual", customerId: customer.customerId })
  })

  it("exports the seed's payment methods", () => {
    expect(FlowPaymentMethods).toStrictEqual({ "webpay-plus": 1, onepay: 5, mach: 15, khipu: 22, redpay: 150, flow: 9 })
  })
})

describe("errors", () => {
  it("a business error rejects with the operation's class, Flow's code and message, and FlowAPIError as cause", async () => {
    const customer = await flow.customers.create({ name: "Sin tarjeta", email: "sin@example.cl", externalId: "st" })
    const error = await flow.customers.card
      .charge({ customerId: customer.customerId, amount: 1_000, subject: "x", commerceOrder: unique("nocard") })
      .then(() => expect.unreachable(), (e: unknown) => e)
    expect(error).toBeInstanceOf(FlowChargeCardError)
    expect(error).toBeInstanceOf(FlowError)
    expect(error).toBeInstanceOf(Error)
    expect(error).not.toBeInstanceOf(FlowCreateCustomerError)
    const charge = error as FlowChargeCardError
    expect(charge.name).toBe("FlowChargeCardError")
    expect(charge.message).toBe(`card.charge failed: Customer ${customer.customerId} has no registered card`)
    expect(charge.code).toBe(1003)
    expect(charge.statusCode).toBe(401)
    expect(charge.cause).toBeInstanceOf(FlowAPIError)
    expect((charge.cause as FlowAPIError).code).toBe(1003)
    expect(charge.stack).toContain("FlowChargeCardError: card.charge failed")
  })

  it("a bad signature rejects with FlowAuthenticationError as cause (code 108)", async () => {
    const wrong = new Flow(emulator.apiKey, "wrong-secret", "sandbox", { baseUrl: emulator.url })
    const error = await wrong.customers.get("cus_0000000000").catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FlowGetCustomerError)
    expect((error as FlowGetCustomerError).code).toBe(108)
    expect((error as FlowGetCustomerError).cause).toBeInstanceOf(FlowAuthenticationError)
    expect(JSON.stringify(error)).not.toContain("wrong-secret")
    await wrong.close()
  })

  it("an unreachable server rejects with FlowConnectionError as cause", async () => {
    const nowhere = new Flow("k", "s", "sandbox", { baseUrl: "http://127.0.0.1:9/api" })
    const error = await nowhere.customers.get("cus_0000000000").catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FlowGetCustomerError)
    expect((error as FlowError).cause).toBeInstanceOf(FlowConnectionError)
    // nothing listens on port 9: the connection was refused, so nothing was sent
    expect(((error as FlowError).cause as FlowConnectionError).mayHaveReachedFlow).toBe(false)
    expect((error as FlowError).code).toBeUndefined()
    await nowhere.close()
  })

  it("instanceof holds for an error from another copy of the package (ESM and CJS side by side)", () => {
    // what a second copy's error looks like: another class, same names under the shared symbol
    class Foreign extends Error {}
    const foreign = new Foreign("x")
    Object.defineProperty(foreign, Symbol.for("@flowcl/promise/FlowError/classNames"), {
      value: ["FlowChargeCardError", "FlowError"]
    })
    expect(foreign).toBeInstanceOf(FlowChargeCardError)
    expect(foreign).toBeInstanceOf(FlowError)
    expect(foreign).not.toBeInstanceOf(FlowCreateCustomerError)
    expect({}).not.toBeInstanceOf(FlowError)
  })
})

describe("bad input from plain JavaScript: the operation's error names the field, nothing is sent", () => {
  const cases: ReadonlyArray<[string, () => Promise<unknown>, typeof FlowError, string]> = [
    ["a number for a name", () => flow.customers.create({ name: 42, email: "a@b.cl", externalId: "1" } as never), FlowCreateCustomerError, "name"],
    ["a missing customerId", () => flow.customers.get(undefined as never), FlowGetCustomerError, "customerId"],
    ["a negative amount", () =>
      flow.customers.card.charge({ customerId: "cus_x", amount: -1, subject: "s", commerceOrder: "o" }), FlowChargeCardError, "amount"],
    ["empty batchRows", () =>
      flow.customers.card.sendMassiveCharge({
        urlCallBack: "https://m.cl/cb",
        urlConfirmation: "https://m.cl/c",
        urlReturn: "https://m.cl/r",
        batchRows: []
      }), FlowSendMassiveChargeCardError, "batchRows"],
    ["a negative per-call timeout", () => flow.customers.get("cus_x", { timeout: -1 }), FlowGetCustomerError, "options.timeout"],
    ["a signal that is not an AbortSignal", () => flow.customers.get("cus_x", { signal: {} as AbortSignal }), FlowGetCustomerError, "options.signal"]
  ]
  it.each(cases)("%s", async (_title, call, ErrorClass, field) => {
    const before = emulator.requests.length
    const error = await call().then(() => expect.unreachable(), (e: unknown) => e)
    expect(error).toBeInstanceOf(ErrorClass)
    expect((error as FlowError).field).toBe(field)
    expect((error as FlowError).message).toContain(field)
    expect((error as FlowError).cause).toBeInstanceOf(FlowValidationError)
    expect(emulator.requests.length).toBe(before)
  })
})

describe("AbortSignal and timeouts", () => {
  it("aborting rejects at once with the operation's error: FlowAbortedError, sent, the signal's reason as its cause", async () => {
    emulator.faults.add({ endpoint: "customer/get", fault: { type: "latency", ms: 5_000 } })
    const controller = new AbortController()
    const started = Date.now()
    const pending = flow.customers.get("cus_0000000000", { signal: controller.signal })
    setTimeout(() => controller.abort(), 50)
    const error = await pending.catch((e: unknown) => e)
    expect(Date.now() - started).toBeLessThan(1_000)
    expect(error).toBeInstanceOf(FlowGetCustomerError)
    const cause = (error as FlowGetCustomerError).cause
    expect(cause).toBeInstanceOf(FlowAbortedError)
    expect((cause as FlowAbortedError).requestSent).toBe(true)
    expect((error as FlowGetCustomerError).outcome).toBe("unknown")
    expect((cause as FlowAbortedError).cause).toBeInstanceOf(DOMException)
    expect(((cause as FlowAbortedError).cause as DOMException).name).toBe("AbortError")
  })

  it("an already-aborted signal rejects without sending: FlowAbortedError, not sent", async () => {
    const before = emulator.requests.length
    const reason = new Error("user left")
    const error = await flow.customers.get("cus_0000000000", { signal: AbortSignal.abort(reason) }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FlowGetCustomerError)
    expect((error as FlowGetCustomerError).outcome).toBe("not-sent")
    expect((error as FlowGetCustomerError).cause).toMatchObject({ name: "FlowAbortedError", requestSent: false, cause: reason })
    expect(emulator.requests.length).toBe(before)
  })

  it("a charge aborted before it is sent: not-sent, and Flow holds nothing", async () => {
    const customer = await flow.customers.create({ name: "Abortada", email: "abort@example.cl", externalId: `abort-${Date.now()}` })
    const before = emulator.requests.length
    const error = await flow.customers.card
      .charge(
        { customerId: customer.customerId, amount: 1_000, subject: "x", commerceOrder: `abort-before-${Date.now()}` },
        { signal: AbortSignal.abort("stop") }
      )
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FlowChargeCardError)
    expect((error as FlowChargeCardError).outcome).toBe("not-sent")
    // a bare string reason stays the cause's cause: what the promise rejects with is the operation's error
    expect((error as FlowChargeCardError).cause).toMatchObject({ name: "FlowAbortedError", requestSent: false, cause: "stop" })
    expect(emulator.requests.length).toBe(before)
  })

  it("a charge aborted while Flow holds it: outcome unknown, said plainly, and not looked up", async () => {
    const customer = await flow.customers.create({ name: "Retenida", email: "held@example.cl", externalId: `held-${Date.now()}` })
    emulator.faults.add({ endpoint: "customer/charge", fault: { type: "latency", ms: 5_000 } })
    const controller = new AbortController()
    const pending = flow.customers.card.charge(
      { customerId: customer.customerId, amount: 1_000, subject: "x", commerceOrder: `abort-during-${Date.now()}` },
      { signal: controller.signal }
    )
    setTimeout(() => controller.abort(), 100)
    const error = await pending.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FlowChargeCardError)
    expect((error as FlowChargeCardError).outcome).toBe("unknown")
    expect((error as FlowChargeCardError).cause).toMatchObject({ name: "FlowAbortedError", requestSent: true })
    expect((error as FlowChargeCardError).message).toMatch(/Flow may have acted on it/)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(emulator.requests.filter((r) => r.endpoint === "payment/getStatusByCommerceId")).toHaveLength(0)
  })

  it("a per-call timeout rejects with FlowTimeoutError as cause", async () => {
    emulator.faults.add({ endpoint: "customer/get", fault: { type: "latency", ms: 2_000 } })
    const error = await flow.customers.get("cus_0000000000", { timeout: 100 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FlowGetCustomerError)
    expect((error as FlowError).cause).toBeInstanceOf(FlowTimeoutError)
    expect(((error as FlowError).cause as FlowTimeoutError).timeoutMillis).toBe(100)
  })

  it("after close() calls reject", async () => {
    const closing = new Flow(emulator.apiKey, emulator.secretKey, "sandbox", { baseUrl: emulator.url })
    await closing.close()
    await expect(closing.customers.get("cus_0000000000")).rejects.toBeDefined()
  })
})
