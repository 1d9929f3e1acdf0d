/**
 * Card registration (docs/flow-api.md "Card registration", "Callbacks"): register gives Flow's page URL and a token; the person
 * completes the page (one form POST); Flow POSTs `token` to url_return; getRegisterStatus and the
 * customer then show the card; unRegister removes it.
 * (A suite: run from ../emulator.test.ts.)
 */
import { describe, expect, it } from "@effect/vitest"
import { DATE_TIME, expectError, str, TOKEN, useEmulator } from "../support/emulator.js"
import { useReceiver } from "../support/receiver.js"

const flow = useEmulator()
const merchant = useReceiver()

const DISCLAIMER = "/app/customer/disclaimer.php"

/** A customer and a pending registration whose url_return is the receiver. */
const startRegistration = async () => {
  const customerId = str((await flow.createCustomer())["customerId"])
  const answer = await flow.post("register", { customerId, url_return: `${merchant.url}/registered` })
  expect(answer.status, answer.text).toBe(200)
  return { customerId, url: str(answer.body["url"]), token: str(answer.body["token"]) }
}

const status = async (token: string) => (await flow.get("getRegisterStatus", { token })).body

describe("register", () => {
  it("answers Flow's page url (…/app/customer/disclaimer.php) and a 40-char token", async () => {
    const { token, url } = await startRegistration()
    expect(url).toBe(`${flow.emulator.origin}${DISCLAIMER}`)
    expect(token).toMatch(TOKEN)
  })

  it("serves the page at url?token= as an HTML form posting back to the page", async () => {
    const { token } = await startRegistration()
    const page = await flow.page("GET", DISCLAIMER, { token })
    expect(page.status).toBe(200)
    expect(page.headers.get("content-type")).toContain("text/html")
    expect(page.text).toContain(`<form method="post" action="${DISCLAIMER}"`)
    expect(page.text).toContain(`value="${token}"`)
    expect(page.text).toContain("Ana Pérez")
  })

  it("the page of an unknown token is 404", async () => {
    expect((await flow.page("GET", DISCLAIMER, { token: "NOPE" })).status).toBe(404)
  })

  it("getRegisterStatus is \"0\" while pending", async () => {
    const { customerId, token } = await startRegistration()
    expect(await status(token)).toEqual({ status: "0", customerId, creditCardType: "", last4CardDigits: "" })
  })

  it("getRegisterStatus of an unknown token is 401 code 1004", async () => {
    expectError(await flow.get("getRegisterStatus", { token: "X".repeat(40) }), 401, 1004)
  })

  it("register for an unknown customer is 401 code 1001", async () => {
    expectError(await flow.post("register", { customerId: "cus_0000000000", url_return: "https://m.cl/r" }), 401, 1001)
  })
})

describe("completing the page", () => {
  it("approve: status \"1\" with the card, the customer shows it, and Flow POSTed the token to url_return", async () => {
    const { customerId, token } = await startRegistration()
    const done = await flow.page("POST", DISCLAIMER, { token, action: "approve", brand: "Mastercard", last4: "1234" })
    expect(done.status).toBe(200)
    expect(done.headers.get("content-type")).toContain("text/html")

    // Flow notifies url_return before the person's page finishes: the POST is already there
    expect(merchant.at("/registered")).toEqual([{
      method: "POST",
      path: "/registered",
      contentType: expect.stringContaining("application/x-www-form-urlencoded"),
      body: `token=${token}`,
      token
    }])

    expect(await status(token)).toEqual({ status: "1", customerId, creditCardType: "Mastercard", last4CardDigits: "1234" })
    const customer = (await flow.get("get", { customerId })).body
    expect(customer).toMatchObject({ creditCardType: "Mastercard", last4CardDigits: "1234", pay_mode: "auto" })
    expect(customer["registerDate"]).toMatch(DATE_TIME)

    const callbacks = (await flow.adminList("/callbacks")).filter((c) => c["token"] === token)
    expect(callbacks).toMatchObject([{ kind: "card-registration", url: `${merchant.url}/registered`, status: 200 }])
  })

  it("the registered card can be charged right away", async () => {
    const { customerId, token } = await startRegistration()
    expectError(await flow.charge(customerId, 1000, "before"), 401, 1003)
    await flow.page("POST", DISCLAIMER, { token, action: "approve", brand: "Visa", last4: "4242" })
    expect((await flow.charge(customerId, 1000, "after")).body["status"]).toBe(2)
  })

  it("decline: status stays \"0\", no card, and the callback is still sent", async () => {
    const { customerId, token } = await startRegistration()
    expect((await flow.page("POST", DISCLAIMER, { token, action: "decline" })).status).toBe(200)
    expect(merchant.at("/registered").map((p) => p.token)).toEqual([token])
    expect((await status(token))["status"]).toBe("0")
    expect((await flow.get("get", { customerId })).body).toMatchObject({ pay_mode: "manual", creditCardType: "" })
  })

  it("completing twice is 409 and changes nothing (no second callback)", async () => {
    const { customerId, token } = await startRegistration()
    await flow.page("POST", DISCLAIMER, { token, action: "approve", brand: "Visa", last4: "1111" })
    const again = await flow.page("POST", DISCLAIMER, { token, action: "approve", brand: "Magna", last4: "2222" })
    expect(again.status).toBe(409)
    expect((await flow.page("POST", DISCLAIMER, { token, action: "decline" })).status).toBe(409)
    expect((await flow.get("get", { customerId })).body["last4CardDigits"]).toBe("1111")
    expect(merchant.at("/registered")).toHaveLength(1)
    expect((await flow.page("GET", DISCLAIMER, { token })).status).toBe(409)
  })

  it("completing an unknown token is 404", async () => {
    expect((await flow.page("POST", DISCLAIMER, { token: "NOPE", action: "approve" })).status).toBe(404)
  })

  it("a malformed last4 is refused and the registration stays pending", async () => {
    const { customerId, token } = await startRegistration()
    const refused = await flow.page("POST", DISCLAIMER, { token, action: "approve", last4: "12ab" })
    expect(refused.status).toBeGreaterThanOrEqual(400)
    expect(merchant.at("/registered")).toHaveLength(0)
    expect((await status(token))["status"]).toBe("0")
    expect((await flow.page("POST", DISCLAIMER, { token, action: "approve", last4: "9876" })).status).toBe(200)
    expect((await flow.get("get", { customerId })).body["last4CardDigits"]).toBe("9876")
  })

  it("a malformed last4 is 400, not 409 (which means \"already completed\")", async () => {
    const { token } = await startRegistration()
    expect((await flow.page("POST", DISCLAIMER, { token, action: "approve", last4: "12ab" })).status).toBe(400)
    expect((await flow.admin("POST", `/registrations/${token}`, { last4: "12" })).status).toBe(400)
  })

  it("a second registration replaces the card", async () => {
    const first = await startRegistration()
    await flow.page("POST", DISCLAIMER, { token: first.token, brand: "Visa", last4: "1111" })
    const second = await flow.post("register", { customerId: first.customerId, url_return: `${merchant.url}/registered` })
    const token = str(second.body["token"])
    expect(token).not.toBe(first.token)
    await flow.page("POST", DISCLAIMER, { token, brand: "Diners Club", last4: "3333" })
    expect((await flow.get("get", { customerId: first.customerId })).body)
      .toMatchObject({ creditCardType: "Diners Club", last4CardDigits: "3333" })
  })
})

describe("unRegister", () => {
  it("removes the card: the customer answer has no card and a charge is 401 code 1003", async () => {
    const customerId = await flow.seedCustomer()
    expect((await flow.charge(customerId, 1000, "o-1")).status).toBe(200)

    const answer = await flow.post("unRegister", { customerId })
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject({ customerId, pay_mode: "manual", creditCardType: "", last4CardDigits: "" })
    expectError(await flow.charge(customerId, 1000, "o-2"), 401, 1003, customerId)
  })
})
