/**
 * The payment status reads (docs/flow-api.md "Payment status"): `payment/getStatus` (token),
 * `payment/getStatusByCommerceId` (commerceId: the merchant's order) and `payment/getStatusByFlowOrder`
 * (flowOrder), GET, signed like the customer endpoints, answering the PaymentStatus of a payment
 * made by `charge`, `collect` or a batch row, in every answer form (each decoded by @flowcl/core's
 * `Payment`). An unknown token, order or flowOrder is the emulator's 401 code 1006; the fault rules,
 * the request log, the legacy signature and GET-as-POST apply as to every endpoint.
 * (A suite: run from ../emulator.test.ts.)
 */
import { describe, expect, it } from "@effect/vitest"
import * as Core from "@flowcl/core"
import * as Schema from "effect/Schema"
import { ANSWER_FORMS } from "../../src/index.js"
import {
  type Answer,
  expectError,
  expectInvalidSignature,
  type Json,
  num,
  obj,
  str,
  TOKEN,
  useEmulator,
  waitUntil
} from "../support/emulator.js"
import { useReceiver } from "../support/receiver.js"

const flow = useEmulator()
const merchant = useReceiver()

const PAY = "/app/web/pay.php"
const decodePayment = Schema.decodeUnknownSync(Core.Payment)

const byToken = (token: string) => flow.get("payment/getStatus", { token })
const byOrder = (commerceId: string) => flow.get("payment/getStatusByCommerceId", { commerceId })
const byFlowOrder = (flowOrder: number | string) => flow.get("payment/getStatusByFlowOrder", { flowOrder: String(flowOrder) })

const ok = (answer: Answer): Json => {
  expect(answer.status, answer.text).toBe(200)
  return answer.body
}

/** A payment link (collect type 2) for `commerceOrder`; its token and flowOrder. */
const link = async (customerId: string, commerceOrder: string, amount = "5000") => {
  const answer = ok(
    await flow.post("collect", { ...flow.collectParams(customerId, commerceOrder, merchant.url), amount, ignore_auto_charging: "1" })
  )
  expect(answer["type"]).toBe(2)
  return { token: str(answer["token"]), flowOrder: num(answer["flowOrder"]) }
}

describe("reading a payment", () => {
  it("a link reads the same by token, by commerceOrder and by flowOrder: status 1, nothing paid", async () => {
    const customerId = await flow.seedCustomer()
    const { flowOrder, token } = await link(customerId, "o-1")
    const answers = [ok(await byToken(token)), ok(await byOrder("o-1")), ok(await byFlowOrder(flowOrder))]
    expect(answers[1]).toEqual(answers[0])
    expect(answers[2]).toEqual(answers[0])
    expect(answers[0]).toMatchObject({ flowOrder, commerceOrder: "o-1", status: 1, amount: 5000, currency: "CLP" })
    expect(obj(answers[0]?.["paymentData"])["date"]).toBeNull()
  })

  it("a charge reads by commerceOrder and by flowOrder what its answer said", async () => {
    const customerId = await flow.seedCustomer()
    const charged = ok(await flow.charge(customerId, 12990, "o-1", { optionals: "{\"rut\":\"9999999-9\"}" }))
    expect(charged).not.toHaveProperty("token")
    expect(ok(await byOrder("o-1"))).toEqual(charged)
    expect(ok(await byFlowOrder(num(charged["flowOrder"])))).toEqual(charged)
  })

  it("a collect's card charge reads status 2 by the token Flow POSTs to urlConfirmation", async () => {
    const customerId = await flow.seedCustomer()
    const collected = ok(await flow.post("collect", flow.collectParams(customerId, "o-1", merchant.url)))
    expect(collected).toMatchObject({ type: 1, token: "" })
    const [confirmation] = await merchant.waitFor("/confirm")
    const token = str(confirmation?.token)
    expect(token).toMatch(TOKEN)
    expect(ok(await byToken(token))).toMatchObject({ flowOrder: collected["flowOrder"], status: 2 })
  })

  it("a link paid on Flow's page reads status 2, with its payment data, by the token POSTed to urlConfirmation", async () => {
    const customerId = await flow.seedCustomer({ card: false })
    const { token } = await link(customerId, "o-1")
    expect((await flow.page("POST", PAY, { token })).status).toBe(200)
    const [confirmation] = await merchant.waitFor("/confirm")
    expect(confirmation?.token).toBe(token)
    const paid = ok(await byToken(token))
    expect(paid).toMatchObject({ commerceOrder: "o-1", status: 2 })
    expect(obj(paid["paymentData"])).toMatchObject({ media: "webpay", amount: 5000, currency: "CLP" })
    expect(ok(await byOrder("o-1"))["status"]).toBe(2)
  })

  it("by commerceOrder: the newest payment of the order, or, once the order is paid, the one that paid it", async () => {
    const customerId = await flow.seedCustomer({ card: false })
    const first = await link(customerId, "o-1")
    const second = await link(customerId, "o-1")
    expect(ok(await byOrder("o-1"))["flowOrder"]).toBe(second.flowOrder)
    // the older link is paid: it is the order's payment now, and the newer one is cancelled
    await flow.page("POST", PAY, { token: first.token })
    expect(ok(await byOrder("o-1"))).toMatchObject({ flowOrder: first.flowOrder, status: 2 })
    expect(ok(await byToken(second.token))).toMatchObject({ flowOrder: second.flowOrder, status: 4 })
  })

  it("a declined charge reads status 3; a reversed one status 4", async () => {
    const customerId = await flow.seedCustomer()
    await flow.charge(customerId, 9006, "o-declined")
    await flow.charge(customerId, 5000, "o-reversed")
    expect(ok(await flow.post("reverseCharge", { commerceOrder: "o-reversed" }))["status"]).toBe("1")
    expect(ok(await byOrder("o-declined"))["status"]).toBe(3)
    expect(ok(await byOrder("o-reversed"))["status"]).toBe(4)
  })

  it("a batch row's payment reads by its token and by its commerceOrder", async () => {
    const [withoutCard] = await flow.seedNamed(["Sin tarjeta"])
    const withCard = await flow.seedCustomer()
    const rows = [
      { customerId: withoutCard, commerceOrder: "row-link", subject: "Fila", amount: 4000 },
      { customerId: withCard, commerceOrder: "row-card", subject: "Fila", amount: 6000 }
    ]
    const batch = ok(
      await flow.post("batchCollect", {
        urlCallBack: `${merchant.url}/batch`,
        urlConfirmation: `${merchant.url}/confirm`,
        urlReturn: `${merchant.url}/return`,
        batchRows: JSON.stringify(rows)
      })
    )
    const status = await waitUntil(async () => {
      const answer = ok(await flow.get("getBatchCollectStatus", { token: str(batch["token"]) }))
      return answer["status"] === "processed" ? answer : undefined
    })
    const [linkRow, cardRow] = (status["collectRows"] as ReadonlyArray<unknown>).map(obj)
    expect(linkRow).toMatchObject({ commerceOrder: "row-link", type: 2, status: "collected" })
    expect(ok(await byToken(str(linkRow?.["token"])))).toMatchObject({
      commerceOrder: "row-link",
      flowOrder: linkRow?.["flowOrder"],
      status: 1,
      amount: 4000
    })
    expect(ok(await byOrder("row-link"))["flowOrder"]).toBe(linkRow?.["flowOrder"])
    // a card row has no token in the status (as collect's card charge); its confirmation carries it
    expect(cardRow).toMatchObject({ commerceOrder: "row-card", type: 1, token: "" })
    const [confirmation] = await merchant.waitFor("/confirm")
    expect(ok(await byToken(str(confirmation?.token)))).toMatchObject({ commerceOrder: "row-card", status: 2 })
    expect(ok(await byOrder("row-card"))).toMatchObject({ flowOrder: cardRow?.["flowOrder"], status: 2, amount: 6000 })
  })
})

describe("in every answer form", () => {
  it.each(ANSWER_FORMS)("%s: each read of a paid charge and of a pending link decodes with @flowcl/core's Payment", async (answerForm) => {
    const customerId = await flow.seedCustomer()
    const charged = ok(await flow.charge(customerId, 12990, "o-charge", { optionals: "{\"rut\":\"9999999-9\"}" }))
    const pending = await link(customerId, "o-link")
    await flow.admin("POST", "/settings", { answerForm })
    const reads = [
      [await byOrder("o-charge"), num(charged["flowOrder"]), 2],
      [await byFlowOrder(num(charged["flowOrder"])), num(charged["flowOrder"]), 2],
      [await byToken(pending.token), pending.flowOrder, 1],
      [await byOrder("o-link"), pending.flowOrder, 1],
      [await byFlowOrder(pending.flowOrder), pending.flowOrder, 1]
    ] as const
    for (const [answer, flowOrder, status] of reads) {
      const payment = decodePayment(ok(answer))
      expect(payment).toMatchObject({ flowOrder, status })
    }
    expect(decodePayment(ok(await byOrder("o-charge")))).toMatchObject({ amount: 12990, optional: { rut: "9999999-9" } })
  })
})

describe("errors", () => {
  it("an unknown token, commerceOrder or flowOrder is 401 code 1006, and says which", async () => {
    const customerId = await flow.seedCustomer()
    await flow.charge(customerId, 5000, "o-1")
    expectError(await byToken("A".repeat(40)), 401, 1006, `token ${"A".repeat(40)}`)
    expectError(await byOrder("o-2"), 401, 1006, "commerceOrder o-2")
    expectError(await byFlowOrder(424242), 401, 1006, "flowOrder 424242")
  })

  it.each([
    ["payment/getStatus", "token"],
    ["payment/getStatusByCommerceId", "commerceId"],
    ["payment/getStatusByFlowOrder", "flowOrder"]
  ])("%s without %s is 400 code 100 naming it", async (endpoint, param) => {
    expectError(await flow.get(endpoint, {}), 400, 100, `Missing required param: ${param}`)
    expectError(await flow.get(endpoint, { [param]: "" }), 400, 100, param)
  })

  it.each(["abc", "0", "-3", "1.5"])("payment/getStatusByFlowOrder with flowOrder=%j is 400 code 101", async (flowOrder) => {
    expectError(await byFlowOrder(flowOrder), 400, 101, "flowOrder")
  })

  it("a wrong secret, a missing signature or another apiKey is 108, and nothing is answered", async () => {
    const customerId = await flow.seedCustomer()
    await flow.charge(customerId, 5000, "o-1")
    expectInvalidSignature(await flow.get("payment/getStatusByCommerceId", { commerceId: "o-1" }, { secretKey: "nope" }))
    expectInvalidSignature(await flow.get("payment/getStatusByCommerceId", { commerceId: "o-1" }, { sign: false }))
    expectInvalidSignature(await flow.get("payment/getStatusByFlowOrder", { flowOrder: "1000001" }, { apiKey: "other" }))
    expectInvalidSignature(
      await flow.get("payment/getStatus", { token: "A".repeat(40) }, { after: (s) => ({ ...s, token: "B".repeat(40) }) })
    )
  })
})

describe("like every endpoint", () => {
  it("Flow's legacy signature is accepted, and marked in the request log", async () => {
    const customerId = await flow.seedCustomer()
    await flow.charge(customerId, 5000, "o-1")
    expect(ok(await flow.get("payment/getStatusByCommerceId", { commerceId: "o-1" }, { legacy: true }))["status"]).toBe(2)
    expect(flow.emulator.requests.at(-1)).toMatchObject({ endpoint: "payment/getStatusByCommerceId", signature: "legacy" })
    await flow.admin("POST", "/settings", { legacySignatures: false })
    expectInvalidSignature(await flow.get("payment/getStatusByCommerceId", { commerceId: "o-1" }, { legacy: true }))
  })

  it("GET reads; sent as POST they are served with the body's params (405 with postForGet off); PUT is 405", async () => {
    const customerId = await flow.seedCustomer()
    const { token } = await link(customerId, "o-1")
    const viaGet = ok(await byToken(token))
    expect(ok(await flow.post("payment/getStatus", { token }))).toEqual(viaGet)
    expect(ok(await flow.post("payment/getStatusByCommerceId", { commerceId: "o-1" }, { encoding: "multipart" }))).toEqual(viaGet)
    expectError(await flow.call("PUT", "payment/getStatus", { token }), 405, 405, "GET")
    await flow.admin("POST", "/settings", { postForGet: false })
    expectError(await flow.post("payment/getStatus", { token }), 405, 405, "GET")
  })

  it("fault rules keyed by the read's path apply to it alone", async () => {
    const customerId = await flow.seedCustomer()
    await flow.charge(customerId, 5000, "o-1")
    await flow.admin("POST", "/faults", {
      endpoint: "payment/getStatusByCommerceId",
      fault: { type: "html", status: 502 },
      attempts: [1]
    })
    const first = await byOrder("o-1")
    expect(first.status).toBe(502)
    expect(first.headers.get("content-type")).toContain("text/html")
    expect(ok(await byOrder("o-1"))["commerceOrder"]).toBe("o-1")
    expect(ok(await byToken(flow.emulator.state.payments[0]!.token))["commerceOrder"]).toBe("o-1")

    await flow.admin("POST", "/faults", { endpoint: "/api/payment/getStatus", fault: { type: "reset" }, times: 1 })
    await expect(byToken("A".repeat(40))).rejects.toThrow()
    expect(ok(await byOrder("o-1"))["status"]).toBe(2)

    const log = await flow.adminList("/requests?endpoint=payment/getStatusByCommerceId")
    expect(log.map((r) => [r["status"], r["fault"] ?? null])).toEqual([[502, "html"], [200, null], [200, null]])
    expect((await flow.adminList("/requests?endpoint=payment/getStatus")).map((r) => r["status"])).toEqual([200, 0])
  })

  it("a read changes nothing, whatever it finds", async () => {
    const customerId = await flow.seedCustomer()
    await link(customerId, "o-1")
    const before = JSON.stringify(flow.emulator.state.payments)
    await byOrder("o-1")
    await byOrder("o-2")
    await byFlowOrder(1)
    expect(JSON.stringify(flow.emulator.state.payments)).toBe(before)
    expect(flow.emulator.state.commerceOrders.has("o-2")).toBe(false)
  })
})
