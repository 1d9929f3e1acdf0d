/**
 * batchCollect (docs/flow-api.md "Massive charges"): each row is checked at once with Flow's rejected-row
 * codes 100–110 (rowNumber 1-based; a row's optional as JSON text or an object); accepted rows are then
 * processed asynchronously (created → processing → processed), each row ending collected or
 * uncollected (105 if its order was paid meanwhile), and Flow POSTs the batch token to urlCallBack.
 * (A suite: run from ../emulator.test.ts.)
 */
import { describe, expect, it } from "@effect/vitest"
import { MagicAmounts, RowErrors } from "../../src/index.js"
import { DATE_TIME, expectError, type Json, obj, str, TOKEN, useEmulator, waitUntil } from "../support/emulator.js"
import { useReceiver } from "../support/receiver.js"

const flow = useEmulator()
const merchant = useReceiver()

const batch = (rows: unknown, extra: Record<string, string> = {}) =>
  flow.post("batchCollect", {
    urlCallBack: `${merchant.url}/batch`,
    urlConfirmation: `${merchant.url}/confirm`,
    urlReturn: `${merchant.url}/return`,
    batchRows: typeof rows === "string" ? rows : JSON.stringify(rows),
    ...extra
  })

const batchStatus = async (token: string) => {
  const answer = await flow.get("getBatchCollectStatus", { token })
  expect(answer.status, answer.text).toBe(200)
  return answer.body
}

const rowsOf = (status: Json) => (status["collectRows"] as ReadonlyArray<unknown>).map(obj)

/** The longest pace: a batch stays where it is (created, or at its next row) until {@link release}. */
const hold = () => flow.admin("POST", "/settings", { batchPaceMs: 60_000 })
/** Lets a held batch go on, one step every 5 ms (the suite's pace). */
const release = () => flow.admin("POST", "/settings", { batchPaceMs: 5 })

/** Waits (bounded) until the batch is processed. */
const processed = (token: string) =>
  waitUntil(async () => {
    const status = await batchStatus(token)
    return status["status"] === "processed" ? status : undefined
  })

const row = (customerId: string, commerceOrder: string, more: Record<string, unknown> = {}) => ({
  customerId,
  commerceOrder,
  subject: `Fila ${commerceOrder}`,
  amount: 1000,
  ...more
})

type RowCase = readonly [
  label: string,
  code: keyof typeof RowErrors,
  parameter: string,
  craft: (customerId: string) => unknown
]

const ROW_CASES: ReadonlyArray<RowCase> = [
  ["subject missing", 100, "subject", (c) => ({ customerId: c, commerceOrder: "bad", amount: 1000 })],
  ["customerId null", 100, "customerId", () => ({ customerId: null, commerceOrder: "bad", subject: "s", amount: 1000 })],
  ["amount 0", 101, "amount", (c) => row(c, "bad", { amount: 0 })],
  ["commerceOrder empty", 101, "commerceOrder", (c) => row(c, "", {})],
  ["a row that is not an object", 102, "row", () => "just text"],
  ["a row that is an array", 102, "row", (c) => [c, "bad", "s", 1000]],
  ["subject an object", 102, "subject", (c) => row(c, "bad", { subject: { text: "s" } })],
  ["a negative amount", 102, "amount", (c) => row(c, "bad", { amount: -1000 })],
  ["paymentMethod 0", 102, "paymentMethod", (c) => row(c, "bad", { paymentMethod: 0 })],
  ["an unknown customer", 103, "customerId", () => row("cus_0000000000", "bad")],
  ["currency USD", 106, "currency", (c) => row(c, "bad", { currency: "USD" })],
  ["amount not numeric", 107, "amount", (c) => row(c, "bad", { amount: "mil" })],
  ["CLP with decimals", 108, "amount", (c) => row(c, "bad", { amount: 1000.5 })],
  ["below the CLP minimum", 109, "amount", (c) => row(c, "bad", { amount: 349 })],
  ["optional not JSON", 110, "optional", (c) => row(c, "bad", { optional: "{rut: 1" })],
  ["optional JSON but not an object", 110, "optional", (c) => row(c, "bad", { optional: "[1,2]" })],
  ["optional JSON text of text", 110, "optional", (c) => row(c, "bad", { optional: "\"rut\"" })],
  ["optional a number", 110, "optional", (c) => row(c, "bad", { optional: 5 })],
  ["optional a nested array", 110, "optional", (c) => row(c, "bad", { optional: ["a"] })]
]

describe("rejected rows", () => {
  it.each(ROW_CASES)("%s → %i on %s", async (_label, code, parameter, craft) => {
    const customerId = await flow.seedCustomer()
    const answer = await batch([row(customerId, "good"), craft(customerId)])
    expect(answer.status, answer.text).toBe(200)
    expect(answer.body["token"]).toMatch(TOKEN)
    expect(answer.body).toMatchObject({ receivedRows: 2, acceptedRows: 1 })
    expect(answer.body["rejectedRows"]).toEqual([
      expect.objectContaining({ rowNumber: 2, errorCode: code, parameter, errorMsg: RowErrors[code] })
    ])
  })

  it("a rejected row echoes its customerId and commerceOrder", async () => {
    const answer = await batch([row("cus_0000000000", "ord-77")])
    expect(answer.body["rejectedRows"]).toEqual([{
      customerId: "cus_0000000000",
      commerceOrder: "ord-77",
      rowNumber: 1,
      parameter: "customerId",
      errorCode: 103,
      errorMsg: "customer not exist or deleted"
    }])
  })

  it("a deleted customer → 103", async () => {
    const customerId = await flow.seedCustomer({ status: 0 })
    expect((await batch([row(customerId, "o-1")])).body["rejectedRows"]).toMatchObject([{ errorCode: 103 }])
  })

  it("the same commerceOrder twice in the batch → 104 for the second", async () => {
    const customerId = await flow.seedCustomer()
    const answer = await batch([row(customerId, "dup"), row(customerId, "other"), row(customerId, "dup")])
    expect(answer.body).toMatchObject({ receivedRows: 3, acceptedRows: 2 })
    expect(answer.body["rejectedRows"]).toEqual([
      { customerId, commerceOrder: "dup", rowNumber: 3, parameter: "commerceOrder", errorCode: 104, errorMsg: RowErrors[104] }
    ])
  })

  it("a commerceOrder sent before (pending collect) → 104; one previously paid → 105", async () => {
    const customerId = await flow.seedCustomer()
    const other = await flow.seedCustomer({ card: false, name: "Sin tarjeta" })
    expect((await flow.post("collect", flow.collectParams(other, "pending"))).body["type"]).toBe(2)
    expect((await flow.charge(customerId, 1000, "paid")).body["status"]).toBe(2)
    const answer = await batch([row(customerId, "pending"), row(customerId, "paid")])
    expect(answer.body["rejectedRows"]).toMatchObject([
      { rowNumber: 1, errorCode: 104, parameter: "commerceOrder" },
      { rowNumber: 2, errorCode: 105, parameter: "commerceOrder", errorMsg: RowErrors[105] }
    ])
  })

  it("a commerceOrder accepted in one batch → 104 in the next", async () => {
    const customerId = await flow.seedCustomer()
    await batch([row(customerId, "o-1")])
    expect((await batch([row(customerId, "o-1")])).body["rejectedRows"]).toMatchObject([{ errorCode: 104 }])
  })

  it("rowNumbers are 1-based positions in the batch, and a rejected row's commerceOrder stays free", async () => {
    const customerId = await flow.seedCustomer()
    const answer = await batch([
      row(customerId, "r-1", { amount: 10 }),
      row(customerId, "r-2"),
      row(customerId, "r-3", { currency: "EUR" }),
      row(customerId, "r-4")
    ])
    expect(answer.body).toMatchObject({ receivedRows: 4, acceptedRows: 2 })
    expect((answer.body["rejectedRows"] as ReadonlyArray<unknown>).map((r) => obj(r)["rowNumber"])).toEqual([1, 3])
    expect((await flow.charge(customerId, 1000, "r-1")).status).toBe(200)
  })

  it("accepts optional as an object or as JSON text, numeric strings as amounts, and UF decimals", async () => {
    const customerId = await flow.seedCustomer()
    const answer = await batch([
      row(customerId, "a", { optional: { factura: "1" } }),
      row(customerId, "b", { optional: "{\"factura\":\"2\"}" }),
      row(customerId, "c", { amount: "2500" }),
      row(customerId, "d", { amount: 1.5, currency: "UF" }),
      row(customerId, "e", { paymentMethod: 9 })
    ])
    expect(answer.body).toMatchObject({ receivedRows: 5, acceptedRows: 5, rejectedRows: [] })
  })

  it("a row's optional, as JSON text (what the client sends) or as an object, shows in the payment made from it", async () => {
    const customerId = await flow.seedCustomer()
    const answer = await batch([
      row(customerId, "text", { optional: JSON.stringify({ factura: "F-1", nota: "a&b" }) }),
      row(customerId, "nested", { optional: { factura: "F-2" } }),
      row(customerId, "empty-text", { optional: "" }),
      row(customerId, "php-empty", { optional: "[]" }),
      row(customerId, "none")
    ])
    expect(answer.body).toMatchObject({ acceptedRows: 5, rejectedRows: [] })
    await processed(str(answer.body["token"]))
    const charges = (await flow.get("getCharges", { customerId })).body["data"] as ReadonlyArray<unknown>
    expect(charges.map(obj).map((c) => [c["commerceOrder"], c["optional"]])).toEqual([
      ["text", { factura: "F-1", nota: "a&b" }],
      ["nested", { factura: "F-2" }],
      ["empty-text", undefined],
      ["php-empty", {}],
      ["none", undefined]
    ])
  })

  it("a batch whose rows are all rejected still gets a token and is processed empty", async () => {
    const answer = await batch([row("cus_0000000000", "x")])
    expect(answer.body).toMatchObject({ receivedRows: 1, acceptedRows: 0 })
    expect((await processed(str(answer.body["token"])))["collectRows"]).toEqual([])
  })
})

describe("processing", () => {
  it("goes created → processing → processed; rows end collected or uncollected; the token is POSTed to urlCallBack", async () => {
    await hold()
    const withCard = await flow.seedCustomer()
    const noCard = await flow.seedCustomer({ card: false, name: "Sin tarjeta" })
    const answer = await batch([row(withCard, "card"), row(withCard, "magic", { amount: 9007 }), row(noCard, "link")])
    const token = str(answer.body["token"])

    const first = await batchStatus(token)
    expect(first).toMatchObject({ token, status: "created", processedDate: null })
    expect(first["createdDate"]).toMatch(DATE_TIME)
    expect(rowsOf(first).map((r) => r["status"])).toEqual(["unprocessed", "unprocessed", "unprocessed"])
    await flow.admin("POST", "/settings", { batchPaceMs: 60 })

    // poll and keep each distinct status, in the order seen
    const seen: Array<unknown> = [first["status"]]
    const final = await waitUntil(async () => {
      const status = await batchStatus(token)
      if (seen[seen.length - 1] !== status["status"]) seen.push(status["status"])
      return status["status"] === "processed" ? status : undefined
    })
    expect(seen).toEqual(["created", "processing", "processed"])

    expect(final["processedDate"]).toMatch(DATE_TIME)
    const [card, magic, link] = rowsOf(final)
    expect(card).toMatchObject({ commerceOrder: "card", status: "collected", type: 1, errorCode: 0, errorMsg: "" })
    expect(Number.isInteger(card?.["flowOrder"])).toBe(true)
    expect(magic).toMatchObject({
      commerceOrder: "magic",
      status: "uncollected",
      errorCode: MagicAmounts[9007]!.code,
      errorMsg: MagicAmounts[9007]!.description
    })
    expect(link).toMatchObject({ commerceOrder: "link", status: "collected", type: 2, url: `${flow.emulator.origin}/app/web/pay.php` })
    expect(link?.["token"]).toMatch(TOKEN)

    const [callback] = await merchant.waitFor("/batch")
    expect(callback).toMatchObject({ method: "POST", token, body: `token=${token}` })
    expect(callback?.contentType).toContain("application/x-www-form-urlencoded")
  })

  it("makes the charges: paid by card, rejected (with an attempt) for the magic amount, pending for the link", async () => {
    const withCard = await flow.seedCustomer()
    const token = str((await batch([row(withCard, "card"), row(withCard, "magic", { amount: 9011 })])).body["token"])
    await processed(token)
    const charges = (await flow.get("getCharges", { customerId: withCard })).body["data"] as ReadonlyArray<unknown>
    expect(charges.map(obj).map((c) => [c["commerceOrder"], c["status"]])).toEqual([["card", 2], ["magic", 3]])
    expect((await flow.get("getChargeAttemps", { customerId: withCard })).body).toMatchObject({
      total: 1,
      data: [{ commerceOrder: "magic", errorCode: MagicAmounts[9011]!.code }]
    })
  })

  it("a batch link, once paid, is confirmed to the batch's urlConfirmation with its payment token", async () => {
    const noCard = await flow.seedCustomer({ card: false })
    const token = str((await batch([row(noCard, "link")])).body["token"])
    const [link] = rowsOf(await processed(token))
    const paymentToken = str(link?.["token"])
    expect((await flow.page("POST", "/app/web/pay.php", { token: paymentToken })).status).toBe(200)
    expect(merchant.at("/confirm").map((p) => p.token)).toEqual([paymentToken])
  })

  it("a row charged to the card is confirmed to urlConfirmation, as collect's automatic charge is", async () => {
    const withCard = await flow.seedCustomer()
    const token = str((await batch([row(withCard, "card")])).body["token"])
    expect(rowsOf(await processed(token))).toMatchObject([{ status: "collected", type: 1 }])
    const [confirmation] = await merchant.waitFor("/confirm")
    expect(confirmation?.token).toMatch(TOKEN)
  })

  it("byEmail=1 makes every row an email charge (type 3), card or not", async () => {
    const withCard = await flow.seedCustomer()
    const token = str((await batch([row(withCard, "e-1")], { byEmail: "1" })).body["token"])
    expect(rowsOf(await processed(token))).toMatchObject([{ status: "collected", type: 3 }])
  })

  it("a customer deleted before its row is processed → uncollected 103", async () => {
    await hold()
    const customerId = await flow.seedCustomer({ card: false })
    const token = str((await batch([row(customerId, "o-1")])).body["token"])
    expect((await flow.post("delete", { customerId })).status).toBe(200)
    await release()
    expect(rowsOf(await processed(token))).toMatchObject([{ status: "uncollected", errorCode: 103 }])
  })

  it("a row's order, sent before processing and charged meanwhile by charge or collect, is not charged again: uncollected 105", async () => {
    await hold()
    const customerId = await flow.seedCustomer()
    const token = str((await batch([row(customerId, "o-row"), row(customerId, "o-other")])).body["token"])
    // the batch has not charged it yet: the order was never paid, so charge accepts it
    expect((await flow.charge(customerId, 1000, "o-row")).body["status"]).toBe(2)
    await release()
    const [first, second] = rowsOf(await processed(token))
    expect(first).toMatchObject({ status: "uncollected", errorCode: 105, errorMsg: "o-row has been previously paid" })
    expect(second).toMatchObject({ status: "collected" })
    expect(flow.emulator.state.payments.filter((p) => p.commerceOrder === "o-row")).toHaveLength(1)
  })

  it("an unprocessed row's order can be collected meanwhile (it was never paid)", async () => {
    await hold()
    const customerId = await flow.seedCustomer({ card: false })
    await batch([row(customerId, "o-row")])
    expect((await flow.post("collect", flow.collectParams(customerId, "o-row"))).body["type"]).toBe(2)
  })

  it("a long batchPaceMs holds a batch where it is; lowering it applies to the batch in progress", async () => {
    await hold()
    const customerId = await flow.seedCustomer()
    const token = str((await batch([row(customerId, "o-1")])).body["token"])
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect((await batchStatus(token))["status"]).toBe("created")
    const started = performance.now()
    await release()
    expect(rowsOf(await processed(token))).toMatchObject([{ status: "collected" }])
    expect(performance.now() - started).toBeLessThan(1_000)
  })

  it("getBatchCollectStatus of an unknown token is 401 code 1010", async () => {
    expectError(await flow.get("getBatchCollectStatus", { token: "Z".repeat(40) }), 401, 1010)
  })
})
