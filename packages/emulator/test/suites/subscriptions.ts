/**
 * getSubscriptions (docs/flow-api.md "Lists"): subscriptions seeded through the admin API, listed per
 * customer, filtered by subscription id, paged.
 * (A suite: run from ../emulator.test.ts.)
 */
import { describe, expect, it } from "@effect/vitest"
import { arr, expectError, items, type Json, obj, str, useEmulator } from "../support/emulator.js"

const flow = useEmulator()

const seed = async (subscriptions: ReadonlyArray<Record<string, unknown>>) => {
  const answer = await flow.admin("POST", "/seed", { subscriptions })
  expect(answer.status, answer.text).toBe(201)
  return answer.body
}

const ids = (body: Json) => items(body).map((s) => s["subscriptionId"])

describe("getSubscriptions", () => {
  it("lists the customer's seeded subscriptions with Flow's Subscription fields", async () => {
    const customerId = str((await flow.createCustomer())["customerId"])
    const other = str((await flow.createCustomer({ name: "Otro" }))["customerId"])
    await seed([
      { customerId, subscriptionId: "sus_alpha00001", planId: "plan-gold" },
      { customerId: other, subscriptionId: "sus_other0001" },
      { customerId, subscriptionId: "sus_beta000001", status: 2, trial_period_days: 7 }
    ])
    const answer = await flow.get("getSubscriptions", { customerId })
    expect(answer.status, answer.text).toBe(200)
    expect(answer.body["total"]).toBe(2)
    expect(answer.body["hasMore"]).toBe(0)
    const [gold, trial] = items(answer.body)
    expect(gold).toMatchObject({ subscriptionId: "sus_alpha00001", customerId, planId: "plan-gold", status: 1 })
    expect(gold).toHaveProperty("next_invoice_date")
    expect(trial).toMatchObject({ subscriptionId: "sus_beta000001", status: 2, trial_period_days: 7 })
  })

  it("gives a seeded subscription without an id a sus_ id", async () => {
    const customerId = str((await flow.createCustomer())["customerId"])
    const seeded = await seed([{ customerId }])
    const subscriptionId = str(obj(arr(seeded["subscriptions"])[0])["subscriptionId"])
    expect(subscriptionId).toMatch(/^sus_[a-z0-9]{10}$/)
    expect(ids((await flow.get("getSubscriptions", { customerId })).body)).toEqual([subscriptionId])
  })

  it("filters by subscription id (case-insensitive, partial)", async () => {
    const customerId = str((await flow.createCustomer())["customerId"])
    await seed([
      { customerId, subscriptionId: "sus_alpha00001" },
      { customerId, subscriptionId: "sus_beta000001" },
      { customerId, subscriptionId: "sus_alpha00002" }
    ])
    const answer = await flow.get("getSubscriptions", { customerId, filter: "ALPHA" })
    expect(answer.body["total"]).toBe(2)
    expect(ids(answer.body)).toEqual(["sus_alpha00001", "sus_alpha00002"])
  })

  it("pages with start/limit", async () => {
    const customerId = str((await flow.createCustomer())["customerId"])
    await seed(Array.from({ length: 5 }, (_, i) => ({ customerId, subscriptionId: `sus_page00000${i}` })))
    const first = (await flow.get("getSubscriptions", { customerId, limit: "2" })).body
    expect(first).toMatchObject({ total: 5, hasMore: 1 })
    expect(ids(first)).toEqual(["sus_page000000", "sus_page000001"])
    const last = (await flow.get("getSubscriptions", { customerId, start: "4", limit: "2" })).body
    expect(last).toMatchObject({ total: 5, hasMore: 0 })
    expect(ids(last)).toEqual(["sus_page000004"])
  })

  it("a customer without subscriptions has an empty list; an unknown customer is 401 code 1001", async () => {
    const customerId = str((await flow.createCustomer())["customerId"])
    expect((await flow.get("getSubscriptions", { customerId })).body).toEqual({ total: 0, hasMore: 0, data: [] })
    expectError(await flow.get("getSubscriptions", { customerId: "cus_0000000000" }), 401, 1001)
  })
})
