/**
 * The admin API under /_admin (JSON, no signature): the route list, seeding, the request log, reset,
 * callbacks, the clock, settings, finishing registrations and paying links, and 400 for bad input.
 * (A suite: run from ../emulator.test.ts.)
 */
import { describe, expect, it } from "@effect/vitest"
import { arr, DATE_TIME, expectError, obj, str, useEmulator } from "../support/emulator.js"
import { useReceiver } from "../support/receiver.js"

const flow = useEmulator()
const merchant = useReceiver()

describe("GET /_admin", () => {
  it("lists the routes and the API url", async () => {
    const answer = await flow.admin("GET", "")
    expect(answer.status).toBe(200)
    expect(answer.body["url"]).toBe(flow.emulator.url)
    const routes = arr(answer.body["routes"]).map(str)
    for (const path of ["/_admin/seed", "/_admin/requests", "/_admin/reset", "/_admin/clock", "/_admin/faults", "/_admin/settings", "/_admin/callbacks"]) {
      expect(routes.some((r) => r.includes(path)), path).toBe(true)
    }
  })
})

describe("POST /_admin/seed", () => {
  it("creates customers (201) that the API sees at once, a card making them chargeable", async () => {
    const answer = await flow.admin("POST", "/seed", {
      customers: [
        { name: "Con Tarjeta", email: "a@example.cl", externalId: "x-1", card: { brand: "Mastercard", last4: "5100" } },
        { name: "Sin Tarjeta", email: "b@example.cl" }
      ]
    })
    expect(answer.status).toBe(201)
    const [withCard, without] = arr(answer.body["customers"]).map(obj)
    expect(withCard).toMatchObject({ status: "1", pay_mode: "auto", creditCardType: "Mastercard", last4CardDigits: "5100" })
    expect(withCard?.["customerId"]).toMatch(/^cus_[a-z0-9]{10}$/)
    expect(withCard?.["registerDate"]).toMatch(DATE_TIME)
    expect(without).toMatchObject({ pay_mode: "manual", externalId: "" })

    const customerId = str(withCard?.["customerId"])
    expect((await flow.get("get", { customerId })).body).toEqual(withCard)
    expect((await flow.charge(customerId, 1000, "o-1")).body["status"]).toBe(2)
    expectError(await flow.charge(str(without?.["customerId"]), 1000, "o-2"), 401, 1003)
  })

  it("a card without brand or last4 gets defaults", async () => {
    const answer = await flow.admin("POST", "/seed", { customers: [{ name: "X", email: "x@example.cl", card: {} }] })
    expect(obj(arr(answer.body["customers"])[0])).toMatchObject({ creditCardType: "Visa", last4CardDigits: "4242" })
  })

  it.each([
    ["a customer without email", { customers: [{ name: "X" }] }, "email"],
    ["a bad last4", { customers: [{ name: "X", email: "x@e.cl", card: { last4: "12" } }] }, "last4"],
    ["an unknown field", { customers: [{ name: "X", email: "x@e.cl", vip: true }] }, "vip"],
    ["a subscription without customerId", { subscriptions: [{ planId: "p" }] }, "customerId"]
  ])("refuses %s with 400 naming it", async (_label, body, field) => {
    const answer = await flow.admin("POST", "/seed", body)
    expect(answer.status).toBe(400)
    expect(answer.body["message"]).toContain(field)
    expect(flow.emulator.state.customers.size).toBe(0)
  })
})

describe("the request log", () => {
  it("GET /_admin/requests shows each API request: method, path, params, status, code", async () => {
    const customerId = str((await flow.createCustomer())["customerId"])
    await flow.get("get", { customerId })
    await flow.charge(customerId, 1000, "o-1")
    const log = await flow.adminList("/requests")
    expect(log.map((r) => [r["seq"], r["method"], r["path"], r["endpoint"], r["status"], r["code"] ?? null])).toEqual([
      [1, "POST", "/api/customer/create", "customer/create", 200, null],
      [2, "GET", "/api/customer/get", "customer/get", 200, null],
      [3, "POST", "/api/customer/charge", "customer/charge", 401, 1003]
    ])
    expect(log[1]?.["params"]).toEqual(flow.signed({ customerId }))
    expect(obj(log[0]?.["params"])["name"]).toBe("Ana Pérez")
    expect(typeof log[0]?.["durationMs"]).toBe("number")
    expect(log[0]?.["contentType"]).toContain("application/x-www-form-urlencoded")
  })

  it("?endpoint= filters (customer/charge or just charge)", async () => {
    const customerId = await flow.seedCustomer()
    await flow.charge(customerId, 1000, "o-1")
    await flow.get("get", { customerId })
    await flow.charge(customerId, 1000, "o-1")
    for (const endpoint of ["customer/charge", "charge"]) {
      const log = await flow.adminList(`/requests?endpoint=${endpoint}`)
      expect(log.map((r) => [r["endpoint"], r["status"], r["code"] ?? null])).toEqual([
        ["customer/charge", 200, null],
        ["customer/charge", 401, 1605]
      ])
    }
  })

  it("records bad signatures, wrong verbs and unknown endpoints too", async () => {
    await flow.post("create", {}, { sign: false })
    await flow.get("create", {})
    await flow.get("nope", {})
    expect((await flow.adminList("/requests")).map((r) => [r["status"], r["code"]])).toEqual([
      [401, 108],
      [405, 405],
      [404, 404]
    ])
  })

  it("does not log admin calls or Flow's pages; emulator.requests is the same log", async () => {
    await flow.admin("GET", "/state")
    await flow.page("GET", "/app/web/pay.php", { token: "x" })
    await flow.get("list", {})
    expect(flow.emulator.requests.map((r) => r.endpoint)).toEqual(["customer/list"])
  })

  it("DELETE /_admin/requests clears it", async () => {
    await flow.get("list", {})
    expect((await flow.admin("DELETE", "/requests")).status).toBe(200)
    expect(await flow.adminList("/requests")).toEqual([])
    await flow.get("list", {})
    expect((await flow.adminList("/requests")).map((r) => r["seq"])).toEqual([1])
  })
})

describe("POST /_admin/reset", () => {
  it("clears customers, payments, faults and the log; settings stay", async () => {
    const customerId = await flow.seedCustomer()
    await flow.charge(customerId, 1000, "o-1")
    await flow.admin("POST", "/faults", { endpoint: "list", fault: { type: "status", status: 500 } })
    await flow.admin("POST", "/settings", { answerForm: "alternative" })

    expect((await flow.admin("POST", "/reset")).status).toBe(200)
    expect(await flow.adminList("/requests")).toEqual([])
    expect(await flow.adminList("/faults")).toEqual([])
    expectError(await flow.get("get", { customerId }), 401, 1001)
    // the commerceOrder is free again, and the list answers (no fault) in the kept alternative form
    expect((await flow.get("list", {})).body).toEqual({ total: "0", hasMore: false, data: "[]" })
    const again = await flow.seedCustomer()
    expect((await flow.charge(again, 1000, "o-1")).status).toBe(200)
  })
})

describe("GET /_admin/callbacks", () => {
  it("lists the callbacks sent, with the merchant's answer status", async () => {
    const customerId = str((await flow.createCustomer())["customerId"])
    const token = str((await flow.post("register", { customerId, url_return: `${merchant.url}/ok` })).body["token"])
    const finished = await flow.admin("POST", `/registrations/${token}`, { approve: true, brand: "Magna", last4: "7777" })
    expect(finished.body).toEqual({ token, status: "completed" })
    expect(merchant.at("/ok").map((p) => p.token)).toEqual([token])
    const callbacks = (await flow.adminList("/callbacks")).filter((c) => c["token"] === token)
    expect(callbacks).toMatchObject([{ kind: "card-registration", url: `${merchant.url}/ok`, status: 200 }])
    expect(callbacks[0]?.["at"]).toMatch(DATE_TIME)
    expect((await flow.get("get", { customerId })).body).toMatchObject({ creditCardType: "Magna", last4CardDigits: "7777" })
  })

  it("records a callback that could not be delivered, with its error", async () => {
    const customerId = str((await flow.createCustomer())["customerId"])
    // port 9 (discard) on localhost: nothing listens, the POST fails
    const token = str((await flow.post("register", { customerId, url_return: "http://127.0.0.1:9/x" })).body["token"])
    await flow.admin("POST", `/registrations/${token}`, { approve: false })
    const [callback] = (await flow.adminList("/callbacks")).filter((c) => c["token"] === token)
    expect(callback?.["status"]).toBeUndefined()
    expect(typeof callback?.["error"]).toBe("string")
    expect((await flow.get("getRegisterStatus", { token })).body["status"]).toBe("0")
  })
})

describe("registrations and payments", () => {
  it("POST /_admin/registrations/:token of an unknown token is 404; twice is 409", async () => {
    expect((await flow.admin("POST", "/registrations/NOPE", {})).status).toBe(404)
    const customerId = str((await flow.createCustomer())["customerId"])
    const token = str((await flow.post("register", { customerId, url_return: `${merchant.url}/r` })).body["token"])
    expect((await flow.admin("POST", `/registrations/${token}`, {})).status).toBe(200)
    expect((await flow.admin("POST", `/registrations/${token}`, {})).status).toBe(409)
  })

  it("POST /_admin/payments/:token/pay pays a link and confirms it; unknown is 404, twice 409", async () => {
    const customerId = await flow.seedCustomer({ card: false })
    const token = str((await flow.post("collect", flow.collectParams(customerId, "o-1", merchant.url))).body["token"])
    expect((await flow.admin("POST", `/payments/${token}/pay`)).body).toEqual({ token, status: "paid" })
    expect(merchant.at("/confirm").map((p) => p.token)).toEqual([token])
    expect((await flow.admin("POST", `/payments/${token}/pay`)).status).toBe(409)
    expect((await flow.admin("POST", "/payments/NOPE/pay")).status).toBe(404)
  })
})

describe("clock and settings", () => {
  it("GET/POST /_admin/clock set and advance the emulator's time (Santiago local)", async () => {
    const set = await flow.admin("POST", "/clock", { now: "2026-03-10T16:00:00-03:00" })
    expect(set.body["now"]).toMatch(/^2026-03-10 16:00:0\d$/)
    const advanced = await flow.admin("POST", "/clock", { advanceMs: 24 * 60 * 60 * 1000 })
    expect(advanced.body["now"]).toMatch(/^2026-03-11 16:00:0\d$/)
    expect((await flow.admin("GET", "/clock")).body["now"]).toMatch(/^2026-03-11 16:00:0\d$/)
    const epoch = await flow.admin("POST", "/clock", { now: Date.parse("2026-07-01T12:00:00Z") })
    expect(epoch.body["now"]).toMatch(/^2026-07-01 08:00:0\d$/)
  })

  it("GET/POST /_admin/settings read and change settings", async () => {
    expect((await flow.admin("GET", "/settings")).body).toEqual({
      answerForm: "spec",
      batchPaceMs: 5,
      verifySignatures: true,
      legacySignatures: true,
      postForGet: true
    })
    const changed = await flow.admin("POST", "/settings", { batchPaceMs: 0 })
    expect(changed.body["batchPaceMs"]).toBe(0)
    expect(flow.emulator.settings.batchPaceMs).toBe(0)
  })

  it("GET /_admin/state shows the data", async () => {
    const customerId = await flow.seedCustomer()
    const state = (await flow.admin("GET", "/state")).body
    expect(arr(state["customers"]).map((c) => obj(c)["customerId"])).toEqual([customerId])
    expect(state["now"]).toMatch(DATE_TIME)
  })
})

describe("bad admin input is 400 with a message", () => {
  it.each([
    ["seed", "{not json"],
    ["clock", "{\"now\":"],
    ["faults", "[1,2"],
    ["settings", "nope"]
  ])("POST /_admin/%s with broken JSON", async (path, body) => {
    const answer = await flow.admin("POST", `/${path}`, body)
    expect(answer.status).toBe(400)
    expect(answer.body).toEqual({ code: 400, message: "the body is not JSON" })
  })

  it.each([
    ["clock", { now: "not a date" }, "not a date"],
    ["clock", { now: true }, "now"],
    ["settings", { answerForm: "xml" }, "answerForm"],
    ["settings", { batchPaceMs: -1 }, "batchPaceMs"],
    ["settings", { verifySignatures: "no" }, "verifySignatures"],
    ["settings", { legacySignatures: 1 }, "legacySignatures"],
    ["settings", { postForGet: "yes" }, "postForGet"]
  ])("POST /_admin/%s with %j", async (path, body, named) => {
    const answer = await flow.admin("POST", `/${path}`, body)
    expect(answer.status).toBe(400)
    expect(str(answer.body["message"])).toContain(named)
  })

  it("a refused settings change changes nothing", async () => {
    await flow.admin("POST", "/settings", { answerForm: "alternative", batchPaceMs: -1 })
    expect(flow.emulator.settings.answerForm).toBe("spec")
  })
})
