/**
 * Automatic charges (docs/flow-api.md "Payment"): a card is needed; the answer is a PaymentStatus; a
 * commerceOrder that was paid is refused (Flow's 1605), one never paid may be charged again; magic
 * amounts are declined with Flow's payment-attempt codes (docs/flow-api.md "Errors") and logged as
 * charge attempts; CLP has no decimals and a 350 minimum (HTTP 400, Flow's messages);
 * getCharges / getChargeAttemps list and filter them.
 * (A suite: run from ../emulator.test.ts.)
 */
import { describe, expect, it } from "@effect/vitest"
import { MagicAmounts, MINIMUM_CLP } from "../../src/index.js"
import { DATE_TIME, expectError, items, type Json, num, obj, str, useEmulator } from "../support/emulator.js"

const flow = useEmulator()

describe("charge", () => {
  it("without a registered card is 401 code 1003, and the commerceOrder stays free", async () => {
    const customerId = await flow.seedCustomer({ card: false })
    expectError(await flow.charge(customerId, 1000, "o-1"), 401, 1003)
    expect(flow.emulator.state.payments).toHaveLength(0)
    const collect = await flow.post("collect", flow.collectParams(customerId, "o-1"))
    expect(collect.status).toBe(200)
  })

  it("of an unknown customer is 401 code 1001", async () => {
    expectError(await flow.charge("cus_0000000000", 1000, "o-1"), 401, 1001)
  })

  it("with a card is paid: status 2, a flowOrder, paymentData with fee and balance", async () => {
    const customerId = await flow.seedCustomer()
    const answer = await flow.charge(customerId, 10000, "o-1", { subject: "Plan mensual" })
    expect(answer.status, answer.text).toBe(200)
    const body = answer.body
    expect(body).toMatchObject({
      commerceOrder: "o-1",
      status: 2,
      subject: "Plan mensual",
      currency: "CLP",
      amount: 10000,
      payer: "carla@example.cl"
    })
    expect(Number.isInteger(body["flowOrder"])).toBe(true)
    expect(body["requestDate"]).toMatch(DATE_TIME)
    const paymentData = obj(body["paymentData"])
    const fee = num(paymentData["fee"])
    expect(fee).toBeGreaterThan(0)
    expect(fee).toBeLessThan(10000)
    expect(paymentData["balance"]).toBe(10000 - fee)
    expect(paymentData["amount"]).toBe(10000)
    expect(paymentData["date"]).toMatch(DATE_TIME)
  })

  it("gives each charge a new flowOrder", async () => {
    const customerId = await flow.seedCustomer()
    const a = num((await flow.charge(customerId, 1000, "o-1")).body["flowOrder"])
    const b = num((await flow.charge(customerId, 1000, "o-2")).body["flowOrder"])
    expect(b).toBeGreaterThan(a)
  })

  it("echoes optionals as the payment's optional object", async () => {
    const customerId = await flow.seedCustomer()
    const answer = await flow.charge(customerId, 1000, "o-1", { optionals: JSON.stringify({ rut: "9999999-9" }) })
    expect(answer.body["optional"]).toEqual({ rut: "9999999-9" })
  })
})

describe("a repeated commerceOrder", () => {
  const PAID = (order: string) => `This commerceOrder ${order} has been previously paid`
  const statuses = async (customerId: string, order: string) =>
    items((await flow.get("getCharges", { customerId })).body).filter((c) => c["commerceOrder"] === order).map((c) => c["status"])

  it("paid, then charged again: 401 code 1605 with Flow's message, nothing charged", async () => {
    const customerId = await flow.seedCustomer()
    expect((await flow.charge(customerId, 1000, "o-1")).status).toBe(200)
    const refused = await flow.charge(customerId, 2000, "o-1")
    expectError(refused, 401, 1605)
    expect(refused.body["message"]).toBe(PAID("o-1"))
    expect(flow.emulator.state.payments).toHaveLength(1)
  })

  it("the refused charge is listed as a failed attempt with code 1605, as in Flow's own example", async () => {
    const customerId = await flow.seedCustomer()
    await flow.charge(customerId, 1000, "o-1")
    await flow.charge(customerId, 2000, "o-1")
    expect(items((await flow.get("getChargeAttemps", { customerId })).body)).toMatchObject([
      { commerceOrder: "o-1", amount: 2000, errorCode: 1605, errorDescription: PAID("o-1") }
    ])
  })

  it("paid by one customer, refused for another", async () => {
    const a = await flow.seedCustomer()
    const b = await flow.seedCustomer({ name: "Beto" })
    await flow.charge(a, 1000, "o-1")
    expectError(await flow.charge(b, 1000, "o-1"), 401, 1605)
  })

  it("declined, then charged again: accepted; both payments are listed, the lookup finds the newest", async () => {
    const customerId = await flow.seedCustomer()
    expect((await flow.charge(customerId, 9006, "o-1")).body["status"]).toBe(3)
    const again = await flow.charge(customerId, 1000, "o-1")
    expect(again.status, again.text).toBe(200)
    expect(again.body["status"]).toBe(2)
    expect(await statuses(customerId, "o-1")).toEqual([3, 2])
    // reverseCharge by commerceOrder looks the order up: it finds the paid one
    expect((await flow.post("reverseCharge", { commerceOrder: "o-1" })).body["status"]).toBe("1")
    expect(await statuses(customerId, "o-1")).toEqual([3, 4])
  })

  it("a pending link, then a card charge of the same order: charged; the link is cancelled and cannot be paid", async () => {
    const customerId = await flow.seedCustomer()
    const link = await flow.post("collect", { ...flow.collectParams(customerId, "o-1"), ignore_auto_charging: "1" })
    expect(link.body["type"]).toBe(2)
    expect((await flow.charge(customerId, 5000, "o-1")).body["status"]).toBe(2)
    expect(await statuses(customerId, "o-1")).toEqual([4, 2])
    const paying = await flow.page("POST", "/app/web/pay.php", { token: str(link.body["token"]) })
    expect(paying.status).toBe(409)
    expect(paying.text).toContain(PAID("o-1"))
  })

  it("two pending links of one order: paying one cancels the other, and the order is then refused", async () => {
    const customerId = await flow.seedCustomer({ card: false })
    const first = await flow.post("collect", flow.collectParams(customerId, "o-1"))
    const second = await flow.post("collect", flow.collectParams(customerId, "o-1"))
    expect(second.status, second.text).toBe(200)
    expect((await flow.page("POST", "/app/web/pay.php", { token: str(first.body["token"]) })).status).toBe(200)
    expect(await statuses(customerId, "o-1")).toEqual([2, 4])
    expect((await flow.page("POST", "/app/web/pay.php", { token: str(second.body["token"]) })).status).toBe(409)
    expectError(await flow.post("collect", flow.collectParams(customerId, "o-1")), 401, 1605)
    // the order's lookup is the payment that paid it, though a newer one exists
    expect((await flow.post("reverseCharge", { commerceOrder: "o-1" })).body["status"]).toBe("1")
    expect(flow.emulator.state.payments.map((p) => [p.status, p.paidAt !== undefined])).toEqual([[4, true], [4, false]])
  })

  it("charge then collect, and a paid collect then charge: 1605", async () => {
    const customerId = await flow.seedCustomer()
    expect((await flow.charge(customerId, 1000, "o-ch")).status).toBe(200)
    expectError(await flow.post("collect", flow.collectParams(customerId, "o-ch")), 401, 1605)
    expect((await flow.post("collect", flow.collectParams(customerId, "o-c"))).body["type"]).toBe(1)
    expectError(await flow.charge(customerId, 1000, "o-c"), 401, 1605)
  })

  it("an unpaid collect (link or email) then collect or charge again: accepted", async () => {
    const customerId = await flow.seedCustomer()
    expect((await flow.post("collect", { ...flow.collectParams(customerId, "o-1"), byEmail: "1" })).body["type"]).toBe(3)
    expect((await flow.post("collect", { ...flow.collectParams(customerId, "o-1"), byEmail: "1" })).status).toBe(200)
    expect((await flow.charge(customerId, 5000, "o-1")).body["status"]).toBe(2)
    expect(await statuses(customerId, "o-1")).toEqual([4, 4, 2])
  })
})

describe("magic amounts are declined", () => {
  const magic = Object.entries(MagicAmounts).map(([amount, decline]) => [Number(amount), decline] as const)

  it("the table holds Flow's payment-attempt codes -1…-11 and 999", () => {
    expect(magic.map(([, d]) => d.code).sort((a, b) => a - b)).toEqual([-11, -10, -9, -8, -7, -6, -5, -4, -3, -2, -1, 999])
  })

  it.each(magic)("%i: status 3, no fee, and a failed attempt with its code and description", async (amount, decline) => {
    const customerId = await flow.seedCustomer()
    const answer = await flow.charge(customerId, amount, `magic-${amount}`)
    expect(answer.status).toBe(200)
    expect(answer.body["status"]).toBe(3)
    expect(obj(answer.body["paymentData"])["fee"]).toBeNull()

    const attempts = (await flow.get("getChargeAttemps", { customerId })).body
    expect(attempts["total"]).toBe(1)
    expect(items(attempts)[0]).toMatchObject({
      customerId,
      commerceOrder: `magic-${amount}`,
      amount,
      currency: "CLP",
      errorCode: decline.code,
      errorDescription: decline.description
    })
    expect(items(attempts)[0]?.["date"]).toMatch(DATE_TIME)
  })

  it("a magic amount in UF is declined too", async () => {
    const customerId = await flow.seedCustomer()
    expect((await flow.charge(customerId, 9002, "uf-magic", { currency: "UF" })).body["status"]).toBe(3)
  })

  it("an approved charge records no attempt", async () => {
    const customerId = await flow.seedCustomer()
    await flow.charge(customerId, 9000, "o-1")
    expect((await flow.get("getChargeAttemps", { customerId })).body["total"]).toBe(0)
  })
})

describe("amounts and currencies", () => {
  it("CLP with decimals is 400 with Flow's message", async () => {
    const customerId = await flow.seedCustomer()
    expectError(await flow.charge(customerId, "1000.5", "o-1"), 400, 101, "Amount can not contain decimals for this currency")
    expect(flow.emulator.state.payments).toHaveLength(0)
  })

  it(`below ${MINIMUM_CLP} CLP is HTTP 400 with Flow's message; exactly ${MINIMUM_CLP} is fine`, async () => {
    const customerId = await flow.seedCustomer()
    const below = await flow.charge(customerId, MINIMUM_CLP - 1, "o-1")
    expectError(below, 400, 101)
    expect(below.body["message"]).toBe("The minimum amount is 350 CLP")
    const collect = await flow.post("collect", { ...flow.collectParams(customerId, "o-c"), amount: "349" })
    expectError(collect, 400, 101, "The minimum amount is 350 CLP")
    expect((await flow.charge(customerId, MINIMUM_CLP, "o-2")).body["status"]).toBe(2)
  })

  it("UF takes decimals and has no CLP minimum", async () => {
    const customerId = await flow.seedCustomer()
    const answer = await flow.charge(customerId, "1.2345", "uf-1", { currency: "UF" })
    expect(answer.status, answer.text).toBe(200)
    expect(answer.body).toMatchObject({ currency: "UF", amount: 1.2345, status: 2 })
    expect((await flow.charge(customerId, "0.5", "uf-2", { currency: "UF" })).status).toBe(200)
  })
})

describe("getCharges", () => {
  const orders = (body: Json) => items(body).map((c) => c["commerceOrder"])

  it("lists the customer's charges only", async () => {
    const a = await flow.seedCustomer()
    const b = await flow.seedCustomer({ name: "Beto" })
    await flow.charge(a, 1000, "a-1")
    await flow.charge(b, 1000, "b-1")
    await flow.charge(a, 1000, "a-2")
    const body = (await flow.get("getCharges", { customerId: a })).body
    expect(body["total"]).toBe(2)
    expect(orders(body)).toEqual(["a-1", "a-2"])
    expect(items(body)[0]).toMatchObject({ status: 2, subject: "Cargo a-1", amount: 1000 })
  })

  it("filters by subject (case-insensitive) and by status", async () => {
    const customerId = await flow.seedCustomer()
    await flow.charge(customerId, 1000, "o-1", { subject: "Plan Mensual marzo" })
    await flow.charge(customerId, 9006, "o-2", { subject: "Plan mensual abril" })
    await flow.charge(customerId, 1000, "o-3", { subject: "Recargo" })
    const mensual = (await flow.get("getCharges", { customerId, filter: "MENSUAL" })).body
    expect(orders(mensual)).toEqual(["o-1", "o-2"])
    expect(orders((await flow.get("getCharges", { customerId, status: "3" })).body)).toEqual(["o-2"])
    expect(orders((await flow.get("getCharges", { customerId, status: "2", filter: "plan" })).body)).toEqual(["o-1"])
    expect((await flow.get("getCharges", { customerId, status: "4" })).body["total"]).toBe(0)
  })

  it("filters by fromDate (yyyy-mm-dd, Santiago dates on the emulator clock)", async () => {
    const customerId = await flow.seedCustomer()
    await flow.admin("POST", "/clock", { now: "2026-03-01T12:00:00-03:00" })
    await flow.charge(customerId, 1000, "early")
    await flow.admin("POST", "/clock", { now: "2026-03-10T12:00:00-03:00" })
    await flow.charge(customerId, 1000, "late")
    expect(orders((await flow.get("getCharges", { customerId, fromDate: "2026-03-05" })).body)).toEqual(["late"])
    expect(orders((await flow.get("getCharges", { customerId, fromDate: "2026-03-10" })).body)).toEqual(["late"])
    expect(orders((await flow.get("getCharges", { customerId, fromDate: "2026-03-01" })).body)).toEqual(["early", "late"])
    expect((await flow.get("getCharges", { customerId, fromDate: "2026-03-11" })).body["total"]).toBe(0)
  })

  it("pages with start/limit", async () => {
    const customerId = await flow.seedCustomer()
    for (let i = 1; i <= 12; i++) await flow.charge(customerId, 1000, `o-${i}`)
    const page = (await flow.get("getCharges", { customerId, start: "5", limit: "5" })).body
    expect(page["total"]).toBe(12)
    expect(page["hasMore"]).toBe(1)
    expect(orders(page)).toEqual(["o-6", "o-7", "o-8", "o-9", "o-10"])
    const last = (await flow.get("getCharges", { customerId, start: "10", limit: "5" })).body
    expect(last["hasMore"]).toBe(0)
    expect(orders(last)).toEqual(["o-11", "o-12"])
  })

  it("of an unknown customer is 401 code 1001", async () => {
    expectError(await flow.get("getCharges", { customerId: "cus_0000000000" }), 401, 1001)
  })
})

describe("getChargeAttemps", () => {
  it("filters by error description and by commerceOrder, and pages", async () => {
    const customerId = await flow.seedCustomer()
    await flow.charge(customerId, 9007, "o-1")
    await flow.charge(customerId, 9008, "o-2")
    await flow.charge(customerId, 9008, "o-3")
    const attemptOrders = async (params: Record<string, string>) =>
      items((await flow.get("getChargeAttemps", { customerId, ...params })).body).map((a) => str(a["commerceOrder"]))
    expect(await attemptOrders({ filter: "tarjeta VENCIDA" })).toEqual(["o-2", "o-3"])
    expect(await attemptOrders({ commerceOrder: "o-1" })).toEqual(["o-1"])
    expect(await attemptOrders({ start: "1", limit: "1" })).toEqual(["o-2"])
    expect((await flow.get("getChargeAttemps", { customerId, limit: "2" })).body["hasMore"]).toBe(1)
  })
})
