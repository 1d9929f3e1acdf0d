/**
 * The two answer forms (SPEC.md §1.7, §6.1): "spec" (the documented types: list `data` an array,
 * `hasMore` 0/1, string statuses, `paymenResult`) and "alternative" (the forms Flow's examples also
 * show: `data` as JSON text, `hasMore` boolean, numbers as text, numeric statuses, `paymentResult`),
 * switched at runtime with POST /_admin/settings.
 * (A suite: run from ../emulator.test.ts.)
 */
import { describe, expect, it } from "@effect/vitest"
import { arr, obj, str, useEmulator } from "../support/emulator.js"

const flow = useEmulator()

const alternative = async () => {
  const answer = await flow.admin("POST", "/settings", { answerForm: "alternative" })
  expect(answer.body["answerForm"]).toBe("alternative")
}

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
