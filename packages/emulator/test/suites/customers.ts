/**
 * Customers (docs/flow-api.md "Customer"): create, edit (only the fields sent), get, list (filter by
 * name, status, paging), delete (status "0"; refused while something is pending or subscribed).
 * (A suite: run from ../emulator.test.ts.)
 */
import { describe, expect, it } from "@effect/vitest"
import { DATE_TIME, expectError, items, type Json, str, useEmulator } from "../support/emulator.js"

const flow = useEmulator()

const idOf = (customer: Json) => str(customer["customerId"])

describe("create and get", () => {
  it("answers a Customer: cus_ + 10 lowercase alphanumerics, created as yyyy-mm-dd hh:mm:ss, status \"1\"", async () => {
    const customer = await flow.createCustomer({ name: "Ana Pérez", email: "ana@example.cl", externalId: "ext-9" })
    expect(customer["customerId"]).toMatch(/^cus_[a-z0-9]{10}$/)
    expect(customer["created"]).toMatch(DATE_TIME)
    expect(customer).toMatchObject({
      name: "Ana Pérez",
      email: "ana@example.cl",
      externalId: "ext-9",
      status: "1",
      pay_mode: "manual",
      creditCardType: "",
      last4CardDigits: "",
      registerDate: ""
    })
  })

  it("gives each customer its own id", async () => {
    const ids = new Set<string>()
    for (let i = 0; i < 20; i++) ids.add(idOf(await flow.createCustomer()))
    expect(ids.size).toBe(20)
  })

  it("dates `created` on the emulator clock in Santiago time", async () => {
    await flow.admin("POST", "/clock", { now: "2026-03-10T19:00:00Z" })
    expect((await flow.createCustomer())["created"]).toMatch(/^2026-03-10 16:00:0\d$/)
  })

  it("get answers the same customer as create", async () => {
    const created = await flow.createCustomer()
    const got = await flow.get("get", { customerId: idOf(created) })
    expect(got.status).toBe(200)
    expect(got.body).toEqual(created)
  })

  it("get of an unknown customer is 401 code 1001", async () => {
    expectError(await flow.get("get", { customerId: "cus_0000000000" }), 401, 1001, "cus_0000000000")
  })
})

describe("edit", () => {
  it("changes only the fields sent", async () => {
    const created = await flow.createCustomer({ name: "Ana", email: "ana@example.cl", externalId: "e-1" })
    const edited = await flow.post("edit", { customerId: idOf(created), name: "Ana María" })
    expect(edited.status).toBe(200)
    expect(edited.body).toEqual({ ...created, name: "Ana María" })

    const again = await flow.post("edit", { customerId: idOf(created), email: "am@example.cl", externalId: "e-2" })
    expect(again.body).toEqual({ ...created, name: "Ana María", email: "am@example.cl", externalId: "e-2" })
    expect((await flow.get("get", { customerId: idOf(created) })).body).toEqual(again.body)
  })

  it("of an unknown customer is 401 code 1001", async () => {
    expectError(await flow.post("edit", { customerId: "cus_0000000000", name: "X" }), 401, 1001)
  })
})

describe("list", () => {
  const names = Array.from({ length: 25 }, (_, i) => `Cliente ${String(i + 1).padStart(2, "0")}`)

  it("pages with start/limit: total, hasMore 0/1, default limit 10", async () => {
    const ids = await flow.seedNamed(names)
    const page = async (params: Record<string, string>) => (await flow.get("list", params)).body

    const first = await page({})
    expect(first["total"]).toBe(25)
    expect(first["hasMore"]).toBe(1)
    expect(items(first).map(idOf)).toEqual(ids.slice(0, 10))

    const last = await page({ start: "20", limit: "10" })
    expect(last["hasMore"]).toBe(0)
    expect(items(last).map(idOf)).toEqual(ids.slice(20))

    // exactly at the end: no more pages; one short of it: more
    expect((await page({ start: "10", limit: "15" }))["hasMore"]).toBe(0)
    expect((await page({ start: "10", limit: "14" }))["hasMore"]).toBe(1)

    const beyond = await page({ start: "30" })
    expect(beyond).toEqual({ total: 25, hasMore: 0, data: [] })
  })

  it("walking the pages with start += limit while hasMore is 1 yields every customer once, in order", async () => {
    const ids = await flow.seedNamed(names)
    const seen: Array<string> = []
    let start = 0
    let calls = 0
    for (;;) {
      const body = (await flow.get("list", { start: String(start), limit: "7" })).body
      calls++
      seen.push(...items(body).map(idOf))
      if (body["hasMore"] === 0) break
      start += 7
    }
    expect(calls).toBe(4)
    expect(seen).toEqual(ids)
  })

  it("filters by name, case-insensitively, and counts the filtered total", async () => {
    await flow.seedNamed([...names, "ANA Rojas", "Mariana Soto", "ana pérez", "Juan"])
    const answer = await flow.get("list", { filter: "Ana", limit: "2" })
    expect(answer.body["total"]).toBe(3)
    expect(answer.body["hasMore"]).toBe(1)
    expect(items(answer.body).map((c) => c["name"])).toEqual(["ANA Rojas", "Mariana Soto"])
    expect((await flow.get("list", { filter: "nobody" })).body).toEqual({ total: 0, hasMore: 0, data: [] })
  })

  it("filters by status 0 (deleted) and 1 (active)", async () => {
    await flow.seedNamed(names.slice(0, 4))
    await flow.seedNamed(["Borrado A", "Borrado B"], 0)
    const active = await flow.createCustomer({ name: "Activo luego borrado" })
    expect((await flow.post("delete", { customerId: idOf(active) })).status).toBe(200)

    const deleted = (await flow.get("list", { status: "0" })).body
    expect(deleted["total"]).toBe(3)
    expect(items(deleted).every((c) => c["status"] === "0")).toBe(true)
    expect((await flow.get("list", { status: "1" })).body["total"]).toBe(4)
    expect((await flow.get("list", {})).body["total"]).toBe(7)
    expect((await flow.get("list", { status: "0", filter: "borrado b" })).body["total"]).toBe(1)
  })
})

describe("delete", () => {
  it("sets status \"0\"; the customer can still be read", async () => {
    const customerId = idOf(await flow.createCustomer())
    const deleted = await flow.post("delete", { customerId })
    expect(deleted.status).toBe(200)
    expect(deleted.body["status"]).toBe("0")
    expect((await flow.get("get", { customerId })).body["status"]).toBe("0")
  })

  it("a deleted customer cannot be charged, collected, registered, edited or deleted again (401 code 1001)", async () => {
    const customerId = await flow.seedCustomer()
    expect((await flow.post("delete", { customerId })).status).toBe(200)
    expectError(await flow.charge(customerId, 1000, "o-1"), 401, 1001)
    expectError(await flow.post("collect", flow.collectParams(customerId, "o-2")), 401, 1001)
    expectError(await flow.post("register", { customerId, url_return: "https://m.cl/r" }), 401, 1001)
    expectError(await flow.post("edit", { customerId, name: "X" }), 401, 1001)
    expectError(await flow.post("delete", { customerId }), 401, 1001)
    expectError(await flow.post("unRegister", { customerId }), 401, 1001)
    expect(flow.emulator.state.payments).toHaveLength(0)
  })

  it("is refused (401 code 1002) while a payment link is unpaid, and allowed once it is paid", async () => {
    const customerId = idOf(await flow.createCustomer())
    const collect = await flow.post("collect", flow.collectParams(customerId, "o-1"))
    expect(collect.body["type"]).toBe(2)

    expectError(await flow.post("delete", { customerId }), 401, 1002, customerId)
    expect((await flow.get("get", { customerId })).body["status"]).toBe("1")

    const paid = await flow.admin("POST", `/payments/${str(collect.body["token"])}/pay`)
    expect(paid.status).toBe(200)
    expect((await flow.post("delete", { customerId })).body["status"]).toBe("0")
  })

  it("is refused while an email charge (collect byEmail=1) is unpaid", async () => {
    const customerId = await flow.seedCustomer()
    await flow.post("collect", { ...flow.collectParams(customerId, "o-1"), byEmail: "1" })
    expectError(await flow.post("delete", { customerId }), 401, 1002)
  })

  it("is allowed after a paid or a rejected automatic charge (nothing pending)", async () => {
    const customerId = await flow.seedCustomer()
    expect((await flow.charge(customerId, 1000, "o-paid")).body["status"]).toBe(2)
    expect((await flow.charge(customerId, 9006, "o-rejected")).body["status"]).toBe(3)
    expect((await flow.post("delete", { customerId })).status).toBe(200)
  })

  it.each([[1, "active"], [2, "in trial"]])(
    "is refused while a subscription is %s (status %s)",
    async (status) => {
      const customerId = idOf(await flow.createCustomer())
      await flow.admin("POST", "/seed", { subscriptions: [{ customerId, status }] })
      expectError(await flow.post("delete", { customerId }), 401, 1002)
    }
  )

  it("is allowed when the only subscription is cancelled (status 4) or belongs to someone else", async () => {
    const customerId = idOf(await flow.createCustomer())
    const other = idOf(await flow.createCustomer({ name: "Otro" }))
    await flow.admin("POST", "/seed", { subscriptions: [{ customerId, status: 4 }, { customerId: other }] })
    expect((await flow.post("delete", { customerId })).status).toBe(200)
  })
})
