/**
 * collect (docs/flow-api.md "Collect"): a card gives an automatic charge (type 1); no card, or
 * ignore_auto_charging=1, a payment link (type 2); byEmail=1 an email charge (type 3). The spec form
 * spells the payment `paymenResult`. Paying the link on Flow's page POSTs the payment token to
 * urlConfirmation.
 * (A suite: run from ../emulator.test.ts.)
 */
import { describe, expect, it } from "@effect/vitest"
import { MagicAmounts } from "../../src/index.js"
import { expectError, items, obj, str, TOKEN, useEmulator } from "../support/emulator.js"
import { useReceiver } from "../support/receiver.js"

const flow = useEmulator()
const merchant = useReceiver()

const PAY = "/app/web/pay.php"

const collect = (customerId: string, commerceOrder: string, extra: Record<string, string> = {}) =>
  flow.post("collect", { ...flow.collectParams(customerId, commerceOrder, merchant.url), ...extra })

const chargeStatus = async (customerId: string, commerceOrder: string) => {
  const charges = items((await flow.get("getCharges", { customerId })).body)
  return charges.filter((c) => c["commerceOrder"] === commerceOrder).map((c) => c["status"])
}

describe("collect", () => {
  it("with a card: type 1, charged at once (paymenResult status 2), no url or token", async () => {
    const customerId = await flow.seedCustomer()
    const answer = await collect(customerId, "o-1")
    expect(answer.status, answer.text).toBe(200)
    expect(answer.body).toMatchObject({ type: 1, commerceOrder: "o-1", status: 1, url: "", token: "" })
    expect(Number.isInteger(answer.body["flowOrder"])).toBe(true)
    expect(obj(answer.body["paymenResult"])).toMatchObject({ status: 2, commerceOrder: "o-1", amount: 5000 })
    expect(obj(answer.body["paymenResult"])["flowOrder"]).toBe(answer.body["flowOrder"])
  })

  it("with a card, the automatic charge is confirmed to urlConfirmation", async () => {
    const customerId = await flow.seedCustomer()
    await collect(customerId, "o-1")
    const [post] = await merchant.waitFor("/confirm")
    expect(post?.token).toMatch(TOKEN)
  })

  it("with a card and ignore_auto_charging=1: type 2, a pending payment link", async () => {
    const customerId = await flow.seedCustomer()
    const answer = await collect(customerId, "o-1", { ignore_auto_charging: "1" })
    expect(answer.body).toMatchObject({ type: 2, status: 1, url: `${flow.emulator.origin}${PAY}` })
    expect(answer.body["token"]).toMatch(TOKEN)
    expect(obj(answer.body["paymenResult"])["status"]).toBe(1)
    expect(await chargeStatus(customerId, "o-1")).toEqual([1])
  })

  it("with a card and ignore_auto_charging=0 charges the card", async () => {
    const customerId = await flow.seedCustomer()
    expect((await collect(customerId, "o-1", { ignore_auto_charging: "0" })).body["type"]).toBe(1)
  })

  it("without a card: type 2 link", async () => {
    const customerId = await flow.seedCustomer({ card: false })
    const answer = await collect(customerId, "o-1")
    expect(answer.body).toMatchObject({ type: 2, url: `${flow.emulator.origin}${PAY}` })
    expect(answer.body["token"]).toMatch(TOKEN)
  })

  it.each([["with", true], ["without", false]])("byEmail=1 %s a card: type 3, pending", async (_label, card) => {
    const customerId = await flow.seedCustomer({ card })
    const answer = await collect(customerId, "o-1", { byEmail: "1" })
    expect(answer.body["type"]).toBe(3)
    expect(obj(answer.body["paymenResult"])["status"]).toBe(1)
    expect(await chargeStatus(customerId, "o-1")).toEqual([1])
  })

  it("answers `paymenResult` (sic) in the spec form, never `paymentResult`", async () => {
    const customerId = await flow.seedCustomer()
    const answer = await collect(customerId, "o-1")
    expect(Object.keys(answer.body)).toContain("paymenResult")
    expect(Object.keys(answer.body)).not.toContain("paymentResult")
  })

  it("a magic amount with a card: the charge is declined, recorded as an attempt, and a link goes out instead", async () => {
    const customerId = await flow.seedCustomer()
    const answer = await collect(customerId, "o-1", { amount: "9005" })
    expect(answer.body).toMatchObject({ type: 2, status: 1, url: `${flow.emulator.origin}${PAY}` })
    expect(obj(answer.body["paymenResult"])["status"]).toBe(1)

    const attempts = items((await flow.get("getChargeAttemps", { customerId })).body)
    expect(attempts).toMatchObject([{ commerceOrder: "o-1", errorCode: MagicAmounts[9005]!.code }])
    // the link is payable; paying it makes the order paid
    await flow.page("POST", PAY, { token: str(answer.body["token"]) })
    expect(await chargeStatus(customerId, "o-1")).toContain(2)
  })

  it("of an unknown customer is 401 code 1001", async () => {
    expectError(await collect("cus_0000000000", "o-1"), 401, 1001)
  })
})

describe("paying the link on Flow's page", () => {
  it("GET shows the amount in an HTML form", async () => {
    const customerId = await flow.seedCustomer({ card: false })
    const token = str((await collect(customerId, "o-1", { subject: "Cuota marzo" })).body["token"])
    const page = await flow.page("GET", PAY, { token })
    expect(page.status).toBe(200)
    expect(page.headers.get("content-type")).toContain("text/html")
    expect(page.text).toContain(`<form method="post" action="${PAY}"`)
    expect(page.text).toContain("Cuota marzo")
    expect(page.text).toContain("5000 CLP")
  })

  it("POST pays it (status 2) and Flow POSTs the payment token to urlConfirmation", async () => {
    const customerId = await flow.seedCustomer({ card: false })
    const token = str((await collect(customerId, "o-1")).body["token"])
    expect(merchant.at("/confirm")).toHaveLength(0)

    const paid = await flow.page("POST", PAY, { token })
    expect(paid.status).toBe(200)
    expect(await chargeStatus(customerId, "o-1")).toEqual([2])
    const charge = items((await flow.get("getCharges", { customerId })).body)[0]
    expect(obj(charge?.["paymentData"])).toMatchObject({ media: "webpay", amount: 5000 })
    expect(merchant.at("/confirm")).toMatchObject([{ token, body: `token=${token}` }])
    const callbacks = (await flow.adminList("/callbacks")).filter((c) => c["token"] === token)
    expect(callbacks).toMatchObject([{ kind: "payment-confirmation", status: 200 }])
  })

  it("an email charge (type 3) is paid the same way", async () => {
    const customerId = await flow.seedCustomer()
    const token = str((await collect(customerId, "o-1", { byEmail: "1" })).body["token"])
    expect((await flow.page("POST", PAY, { token })).status).toBe(200)
    expect(await chargeStatus(customerId, "o-1")).toEqual([2])
  })

  it("paying twice is 409 with no second confirmation; an unknown token is 404", async () => {
    const customerId = await flow.seedCustomer({ card: false })
    const token = str((await collect(customerId, "o-1")).body["token"])
    await flow.page("POST", PAY, { token })
    expect((await flow.page("POST", PAY, { token })).status).toBe(409)
    expect((await flow.page("GET", PAY, { token })).status).toBe(409)
    expect(merchant.at("/confirm")).toHaveLength(1)
    expect((await flow.page("POST", PAY, { token: "NOPE" })).status).toBe(404)
    expect((await flow.page("GET", PAY, { token: "NOPE" })).status).toBe(404)
  })
})
