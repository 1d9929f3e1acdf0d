/**
 * The three answer forms (docs/flow-api.md "Answer forms"): "spec" (the default, Flow's documented
 * types: list `data` an array, `hasMore` 0/1, string statuses, `paymenResult`), and two stress forms:
 * "alternative" (the spec's contradicting examples: `data` as JSON text, `hasMore` boolean, numbers as
 * text, numeric statuses, `paymentResult`) and "php" (what PHP's `json_encode` writes: `[]` for empty
 * objects, `""` and `null` for absent values, numbers as numeric text, one unknown field per object),
 * switched at runtime with POST /_admin/settings. Every php answer decodes with @flowcl/core.
 * (A suite: run from ../emulator.test.ts.)
 */
import { describe, expect, it } from "@effect/vitest"
import * as Core from "@flowcl/core"
import * as Schema from "effect/Schema"
import { type AnswerForm } from "../../src/index.js"
import { arr, type Json, obj, str, useEmulator, waitUntil } from "../support/emulator.js"

const flow = useEmulator()

const useForm = async (answerForm: AnswerForm) => {
  const answer = await flow.admin("POST", "/settings", { answerForm })
  expect(answer.body["answerForm"]).toBe(answerForm)
}
const alternative = () => useForm("alternative")
const php = () => useForm("php")

const batchRows = (customerId: string) =>
  JSON.stringify([
    { customerId, commerceOrder: "b-1", subject: "Fila", amount: 1000 },
    { customerId, commerceOrder: "b-2", subject: "Fila", amount: 1 }
  ])

const batchParams = (customerId: string) => ({
  urlCallBack: "http://127.0.0.1:9/cb",
  urlConfirmation: "http://127.0.0.1:9/conf",
  urlReturn: "http://127.0.0.1:9/ret",
  batchRows: batchRows(customerId)
})

describe("spec form (the default)", () => {
  it("lists: data an array, hasMore 0/1, total a number", async () => {
    await flow.seedNamed(["A", "B", "C"])
    const page = (await flow.get("list", { limit: "2" })).body
    expect(page["total"]).toBe(3)
    expect(page["hasMore"]).toBe(1)
    expect(Array.isArray(page["data"])).toBe(true)
    expect((await flow.get("list", { start: "2" })).body["hasMore"]).toBe(0)
  })

  it("customer status is \"1\" / \"0\"; absent card fields are \"\"", async () => {
    const customer = await flow.createCustomer()
    expect(customer).toMatchObject({ status: "1", creditCardType: "", last4CardDigits: "", registerDate: "" })
    const deleted = await flow.post("delete", { customerId: str(customer["customerId"]) })
    expect(deleted.body["status"]).toBe("0")
  })

  it("charge: numeric status, flowOrder and amount", async () => {
    const customerId = await flow.seedCustomer()
    expect((await flow.charge(customerId, 1000, "o-1")).body).toMatchObject({ status: 2, amount: 1000 })
  })

  it("collect: `paymenResult`, numeric type", async () => {
    const customerId = await flow.seedCustomer()
    const body = (await flow.post("collect", flow.collectParams(customerId, "o-1"))).body
    expect(body["type"]).toBe(1)
    expect(body).toHaveProperty("paymenResult")
    expect(body).not.toHaveProperty("paymentResult")
  })

  it("batchCollect: numeric counts", async () => {
    const customerId = await flow.seedCustomer()
    expect((await flow.post("batchCollect", batchParams(customerId))).body).toMatchObject({ receivedRows: 2, acceptedRows: 1 })
  })

  it("reverseCharge and getRegisterStatus: string statuses", async () => {
    const customerId = await flow.seedCustomer()
    await flow.charge(customerId, 1000, "o-1")
    expect((await flow.post("reverseCharge", { commerceOrder: "o-1" })).body["status"]).toBe("1")
    const token = str((await flow.post("register", { customerId, url_return: "http://127.0.0.1:9/r" })).body["token"])
    expect((await flow.get("getRegisterStatus", { token })).body["status"]).toBe("0")
  })
})

describe("alternative form (POST /_admin/settings {answerForm: \"alternative\"})", () => {
  it("lists: data is JSON text of the items, hasMore a boolean, total text", async () => {
    await flow.seedNamed(["A", "B", "C"])
    await alternative()
    const page = (await flow.get("list", { limit: "2" })).body
    expect(page["total"]).toBe("3")
    expect(page["hasMore"]).toBe(true)
    expect(typeof page["data"]).toBe("string")
    const data = arr(JSON.parse(str(page["data"]))).map(obj)
    expect(data.map((c) => c["name"])).toEqual(["A", "B"])
    expect(data[0]?.["status"]).toBe(1)
    expect((await flow.get("list", { start: "2" })).body["hasMore"]).toBe(false)
  })

  it("customer status is a number; absent card fields are null", async () => {
    await alternative()
    const customer = await flow.createCustomer()
    expect(customer).toMatchObject({ status: 1, creditCardType: null, last4CardDigits: null, registerDate: null })
    expect((await flow.post("delete", { customerId: str(customer["customerId"]) })).body["status"]).toBe(0)
  })

  it("charge: status, flowOrder and amount as text", async () => {
    const customerId = await flow.seedCustomer()
    await alternative()
    const body = (await flow.charge(customerId, 1000, "o-1")).body
    expect(body).toMatchObject({ status: "2", amount: "1000.00" })
    expect(body["flowOrder"]).toMatch(/^\d+$/)
  })

  it("collect: `paymentResult` spelled out, type as text", async () => {
    const customerId = await flow.seedCustomer()
    await alternative()
    const body = (await flow.post("collect", flow.collectParams(customerId, "o-1"))).body
    expect(body["type"]).toBe("1")
    expect(obj(body["paymentResult"])["status"]).toBe("2")
    expect(body).not.toHaveProperty("paymenResult")
  })

  it("batchCollect: counts as text", async () => {
    const customerId = await flow.seedCustomer()
    await alternative()
    expect((await flow.post("batchCollect", batchParams(customerId))).body).toMatchObject({
      receivedRows: "2",
      acceptedRows: "1"
    })
  })

  it("reverseCharge and getRegisterStatus: numeric statuses", async () => {
    const customerId = await flow.seedCustomer()
    await flow.charge(customerId, 1000, "o-1")
    await alternative()
    expect((await flow.post("reverseCharge", { commerceOrder: "o-1" })).body["status"]).toBe(1)
    const token = str((await flow.post("register", { customerId, url_return: "http://127.0.0.1:9/r" })).body["token"])
    expect((await flow.get("getRegisterStatus", { token })).body["status"]).toBe(0)
  })

  it("switching back to spec restores the spec form", async () => {
    await alternative()
    await flow.admin("POST", "/settings", { answerForm: "spec" })
    expect((await flow.get("list", {})).body).toEqual({ total: 0, hasMore: 0, data: [] })
  })
})

describe("php form (POST /_admin/settings {answerForm: \"php\"})", () => {
  it("lists: data an array, total and hasMore as text", async () => {
    await flow.seedNamed(["A", "B", "C"])
    await php()
    const page = (await flow.get("list", { limit: "2" })).body
    expect(page).toMatchObject({ total: "3", hasMore: "1" })
    expect(arr(page["data"])).toHaveLength(2)
    expect((await flow.get("list", { start: "2" })).body["hasMore"]).toBe("0")
    expect((await flow.get("list", { filter: "nadie" })).body).toEqual({ total: "0", hasMore: "0", data: [] })
  })

  it("customer: status text, absent card fields \"\" and null, one unknown field", async () => {
    await php()
    const customer = await flow.createCustomer()
    expect(customer).toMatchObject({ status: "1", creditCardType: "", last4CardDigits: "", registerDate: null, cardNumber: "" })
    const carded = obj((await flow.get("get", { customerId: await flow.seedCustomer() })).body)
    expect(carded).toMatchObject({ creditCardType: "Visa", last4CardDigits: "4242", cardNumber: "457630 **** **** 4242" })
  })

  it("charge: numbers as text, pending_info [], paymentData with text amounts, merchantId \"\", unknown lastError", async () => {
    const customerId = await flow.seedCustomer()
    await php()
    const body = (await flow.charge(customerId, 12000, "o-1")).body
    expect(body).toMatchObject({ status: "2", amount: "12000.00", pending_info: [], merchantId: "", optional: null })
    expect(body["flowOrder"]).toMatch(/^\d+$/)
    const paymentData = obj(body["paymentData"])
    expect(paymentData).toMatchObject({ amount: "12000.00", conversionDate: null, transferDate: "" })
    expect(paymentData["fee"]).toMatch(/^\d+\.00$/)
    expect(Number(paymentData["balance"]) + Number(paymentData["fee"])).toBe(12000)
    expect(body["lastError"]).toEqual({ code: "", message: "", medioCode: "" })
  })

  it("a declined charge: paymentData [], lastError with the decline", async () => {
    const customerId = await flow.seedCustomer()
    await php()
    const body = (await flow.charge(customerId, 9006, "o-1")).body
    expect(body).toMatchObject({ status: "3", paymentData: [], lastError: { code: "-6", message: "Rechazo general" } })
    const attempt = obj(arr((await flow.get("getChargeAttemps", { customerId })).body["data"])[0])
    expect(attempt).toMatchObject({ id: "1", amount: "9006.0000", errorCode: "-6", invoiceId: null })
  })

  it("optional: an object as sent, an empty one as [], none as null", async () => {
    const customerId = await flow.seedCustomer()
    await php()
    expect((await flow.charge(customerId, 1000, "o-1", { optionals: "{\"rut\":\"9-9\"}" })).body["optional"]).toEqual({ rut: "9-9" })
    expect((await flow.charge(customerId, 1000, "o-2", { optionals: "{}" })).body["optional"]).toEqual([])
  })

  it("collect: a link's paymenResult is [] (no payment yet), an automatic charge's a payment; type as text", async () => {
    const withCard = await flow.seedCustomer()
    const noCard = await flow.seedCustomer({ card: false, name: "Sin tarjeta" })
    await php()
    const link = (await flow.post("collect", flow.collectParams(noCard, "o-link"))).body
    expect(link).toMatchObject({ type: "2", status: "1", paymenResult: [], amount: "5000.00" })
    const charged = (await flow.post("collect", flow.collectParams(withCard, "o-auto"))).body
    expect(charged).toMatchObject({ type: "1", token: "", url: "" })
    expect(obj(charged["paymenResult"])["status"]).toBe("2")
  })

  it("batchCollect: counts as text, rejected rows' numbers as text", async () => {
    const customerId = await flow.seedCustomer()
    await php()
    const body = (await flow.post("batchCollect", batchParams(customerId))).body
    expect(body).toMatchObject({ receivedRows: "2", acceptedRows: "1" })
    expect(body["rejectedRows"]).toMatchObject([{ rowNumber: "2", errorCode: "109" }])
  })

  it("an unprocessed batch row: flowOrder, type and errorCode \"\"; processed, they are numeric text", async () => {
    const customerId = await flow.seedCustomer()
    await flow.admin("POST", "/settings", { answerForm: "php", batchPaceMs: 150 })
    const token = str((await flow.post("batchCollect", batchParams(customerId))).body["token"])
    const first = (await flow.get("getBatchCollectStatus", { token })).body
    expect(first).toMatchObject({ status: "created", processedDate: "" })
    expect(arr(first["collectRows"])).toMatchObject([
      { commerceOrder: "b-1", status: "unprocessed", flowOrder: "", type: "", errorCode: "", subject: "Fila" }
    ])
    await flow.admin("POST", "/settings", { batchPaceMs: 1 })
    const done = await waitUntil(async () => {
      const status = (await flow.get("getBatchCollectStatus", { token })).body
      return status["status"] === "processed" ? status : undefined
    })
    expect(obj(arr(done["collectRows"])[0])).toMatchObject({ status: "collected", type: "1", errorCode: "0" })
    expect(obj(arr(done["collectRows"])[0])["flowOrder"]).toMatch(/^\d+$/)
  })

  it("reverseCharge, getRegisterStatus and subscriptions: statuses as text", async () => {
    const customerId = await flow.seedCustomer()
    await flow.charge(customerId, 1000, "o-1")
    await flow.admin("POST", "/seed", { subscriptions: [{ customerId, subscriptionId: "sus_php0000001", status: 1 }] })
    await php()
    expect((await flow.post("reverseCharge", { commerceOrder: "o-1" })).body).toMatchObject({ status: "1" })
    const token = str((await flow.post("register", { customerId, url_return: "http://127.0.0.1:9/r" })).body["token"])
    expect((await flow.get("getRegisterStatus", { token })).body).toMatchObject({ status: "0", last4CardDigits: null })
    const subscription = obj(arr((await flow.get("getSubscriptions", { customerId })).body["data"])[0])
    expect(subscription).toMatchObject({ status: "1", trial_period_days: "0", subscription_end: null, invoices: [] })
  })

  it("every answer decodes with @flowcl/core's Schemas", async () => {
    const customerId = await flow.seedCustomer()
    const noCard = await flow.seedCustomer({ card: false, name: "Sin tarjeta" })
    await flow.admin("POST", "/seed", { subscriptions: [{ customerId, subscriptionId: "sus_php0000002" }] })
    await php()
    const decode = <A, I>(schema: Schema.Schema<A, I>, body: Json) => Schema.decodeUnknownSync(schema)(body)

    const customer = decode(Core.Customer, (await flow.get("get", { customerId: noCard })).body)
    expect(customer).toMatchObject({ status: 1 })
    expect(customer.registerDate).toBeUndefined()
    expect(decode(Core.CustomerList, (await flow.get("list", {})).body)).toMatchObject({ total: 2, hasMore: false })
    const payment = decode(Core.Payment, (await flow.charge(customerId, 12000, "o-1", { optionals: "{}" })).body)
    expect(payment).toMatchObject({ status: 2, amount: 12000 })
    expect(payment.pending_info).toBeUndefined()
    expect(payment.optional).toBeUndefined()
    expect(decode(Core.Payment, (await flow.charge(customerId, 9006, "o-2")).body).paymentData).toBeUndefined()
    const link = decode(Core.CollectResponse, (await flow.post("collect", flow.collectParams(noCard, "o-3"))).body)
    expect(link).toMatchObject({ type: 2, status: 1 })
    expect(link.paymentResult).toBeUndefined()
    const batch = decode(Core.BatchCollectResponse, (await flow.post("batchCollect", batchParams(customerId))).body)
    expect(batch).toMatchObject({ receivedRows: 2, acceptedRows: 1, rejectedRows: [{ rowNumber: 2, errorCode: 109 }] })
    const status = decode(Core.BatchCollectStatus, (await flow.get("getBatchCollectStatus", { token: batch.token })).body)
    expect(status.collectRows[0]?.commerceOrder).toBe("b-1")
    const token = str((await flow.post("register", { customerId, url_return: "http://127.0.0.1:9/r" })).body["token"])
    expect(decode(Core.RegisterCardStatus, (await flow.get("getRegisterStatus", { token })).body).status).toBe(0)
    const charges = decode(Core.ChargeList, (await flow.get("getCharges", { customerId, limit: "2" })).body)
    expect(charges.data.map((c) => [c.commerceOrder, c.status])).toEqual([["o-1", 2], ["o-2", 3]])
    expect(decode(Core.ChargeAttemptList, (await flow.get("getChargeAttemps", { customerId })).body).data[0])
      .toMatchObject({ amount: 9006, errorCode: -6 })
    expect(decode(Core.SubscriptionList, (await flow.get("getSubscriptions", { customerId })).body).data[0])
      .toMatchObject({ status: 1, periods_number: 12 })
    expect(decode(Core.ReverseChargeResponse, (await flow.post("reverseCharge", { commerceOrder: "o-1" })).body).status)
      .toBe(1)
  })
})
