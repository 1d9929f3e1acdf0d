/**
 * reverseCharge (docs/flow-api.md "Reversals"): by commerceOrder or flowOrder, once, only a paid
 * charge, and only until the first 14:00 (Santiago) after the charge ("las 24 horas rigen desde las 14:00 hrs").
 * (A suite: run from ../emulator.test.ts.)
 */
import { describe, expect, it } from "@effect/vitest"
import { reversalDeadline } from "../../src/index.js"
import { expectError, items, num, useEmulator } from "../support/emulator.js"

const flow = useEmulator()

const REVERSED = { status: "1", message: "Reverse charge was successful" }

const setClock = async (now: string) => {
  const answer = await flow.admin("POST", "/clock", { now })
  expect(answer.status, answer.text).toBe(200)
}

const statusOf = async (customerId: string, commerceOrder: string) =>
  items((await flow.get("getCharges", { customerId })).body).find((c) => c["commerceOrder"] === commerceOrder)?.["status"]

describe("reverseCharge", () => {
  it("by commerceOrder: {status:\"1\"} and the charge is cancelled (status 4)", async () => {
    const customerId = await flow.seedCustomer()
    await flow.charge(customerId, 1000, "o-1")
    const answer = await flow.post("reverseCharge", { commerceOrder: "o-1" })
    expect(answer.status, answer.text).toBe(200)
    expect(answer.body).toEqual(REVERSED)
    expect(await statusOf(customerId, "o-1")).toBe(4)
  })

  it("by flowOrder", async () => {
    const customerId = await flow.seedCustomer()
    await flow.charge(customerId, 1000, "o-0")
    const flowOrder = num((await flow.charge(customerId, 1000, "o-1")).body["flowOrder"])
    expect((await flow.post("reverseCharge", { flowOrder: String(flowOrder) })).body).toEqual(REVERSED)
    expect(await statusOf(customerId, "o-1")).toBe(4)
    expect(await statusOf(customerId, "o-0")).toBe(2)
  })

  it("by both, naming the same charge", async () => {
    const customerId = await flow.seedCustomer()
    const flowOrder = num((await flow.charge(customerId, 1000, "o-1")).body["flowOrder"])
    expect((await flow.post("reverseCharge", { commerceOrder: "o-1", flowOrder: String(flowOrder) })).body)
      .toEqual(REVERSED)
  })

  it("a second reversal is 401 code 1008", async () => {
    const customerId = await flow.seedCustomer()
    const flowOrder = num((await flow.charge(customerId, 1000, "o-1")).body["flowOrder"])
    await flow.post("reverseCharge", { commerceOrder: "o-1" })
    expectError(await flow.post("reverseCharge", { commerceOrder: "o-1" }), 401, 1008)
    expectError(await flow.post("reverseCharge", { flowOrder: String(flowOrder) }), 401, 1008)
  })

  it("a reversed charge's commerceOrder was paid: it cannot be used again (401 code 1605)", async () => {
    const customerId = await flow.seedCustomer()
    await flow.charge(customerId, 1000, "o-1")
    await flow.post("reverseCharge", { commerceOrder: "o-1" })
    expectError(await flow.charge(customerId, 1000, "o-1"), 401, 1605, "has been previously paid")
  })

  it("a payment cancelled unpaid (a link superseded by a paid charge) is not paid: 401 code 1009", async () => {
    const customerId = await flow.seedCustomer()
    const link = await flow.post("collect", { ...flow.collectParams(customerId, "o-1"), ignore_auto_charging: "1" })
    await flow.charge(customerId, 5000, "o-1")
    expectError(await flow.post("reverseCharge", { flowOrder: String(num(link.body["flowOrder"])) }), 401, 1009)
  })

  it("with neither param is 400", async () => {
    expectError(await flow.post("reverseCharge", {}), 400, 100)
  })

  it("with both params naming different charges is 400, and nothing is reversed", async () => {
    const customerId = await flow.seedCustomer()
    await flow.charge(customerId, 1000, "o-1")
    const other = num((await flow.charge(customerId, 1000, "o-2")).body["flowOrder"])
    expectError(await flow.post("reverseCharge", { commerceOrder: "o-1", flowOrder: String(other) }), 400, 101)
    expectError(await flow.post("reverseCharge", { commerceOrder: "o-1", flowOrder: "999" }), 400, 101)
    expect([await statusOf(customerId, "o-1"), await statusOf(customerId, "o-2")]).toEqual([2, 2])
  })

  it("of an unpaid charge (a pending link) or a rejected one is 401 code 1009", async () => {
    const customerId = await flow.seedCustomer()
    await flow.post("collect", { ...flow.collectParams(customerId, "link"), ignore_auto_charging: "1" })
    await flow.charge(customerId, 9004, "rejected")
    expectError(await flow.post("reverseCharge", { commerceOrder: "link" }), 401, 1009)
    expectError(await flow.post("reverseCharge", { commerceOrder: "rejected" }), 401, 1009)
  })

  it("of an unknown charge is 401 code 1006", async () => {
    expectError(await flow.post("reverseCharge", { commerceOrder: "nope" }), 401, 1006)
    expectError(await flow.post("reverseCharge", { flowOrder: "424242" }), 401, 1006)
  })
})

describe("the reversal window", () => {
  it("a charge at 16:00 can be reversed the next day at 13:59", async () => {
    const customerId = await flow.seedCustomer()
    await setClock("2026-03-10T16:00:00-03:00")
    await flow.charge(customerId, 1000, "o-1")
    await setClock("2026-03-11T13:59:00-03:00")
    expect((await flow.post("reverseCharge", { commerceOrder: "o-1" })).body).toEqual(REVERSED)
  })

  it("but not the next day at 14:01 (401 code 1007, naming the deadline)", async () => {
    const customerId = await flow.seedCustomer()
    await setClock("2026-03-10T16:00:00-03:00")
    await flow.charge(customerId, 1000, "o-2")
    await setClock("2026-03-11T14:01:00-03:00")
    expectError(await flow.post("reverseCharge", { commerceOrder: "o-2" }), 401, 1007, "2026-03-11 14:00:00")
    expect(await statusOf(customerId, "o-2")).toBe(2)
  })

  it("a charge at 10:00 has its deadline at 14:00 the same day", async () => {
    const customerId = await flow.seedCustomer()
    await setClock("2026-03-10T10:00:00-03:00")
    await flow.charge(customerId, 1000, "morning-1")
    await flow.charge(customerId, 1000, "morning-2")
    await setClock("2026-03-10T13:59:00-03:00")
    expect((await flow.post("reverseCharge", { commerceOrder: "morning-1" })).status).toBe(200)
    await setClock("2026-03-10T14:01:00-03:00")
    expectError(await flow.post("reverseCharge", { commerceOrder: "morning-2" }), 401, 1007, "2026-03-10 14:00:00")
  })

  it("advancing the clock (advanceMs) closes the window too", async () => {
    const customerId = await flow.seedCustomer()
    await setClock("2026-03-10T13:00:00-03:00")
    await flow.charge(customerId, 1000, "o-1")
    await flow.admin("POST", "/clock", { advanceMs: 2 * 60 * 60 * 1000 })
    expectError(await flow.post("reverseCharge", { commerceOrder: "o-1" }), 401, 1007)
  })
})

describe("reversalDeadline", () => {
  it.each([
    ["10:00 → same day 14:00", "2026-03-10T10:00:00-03:00", "2026-03-10 14:00:00"],
    ["13:59:59 → same day", "2026-03-10T13:59:59-03:00", "2026-03-10 14:00:00"],
    ["14:00 exactly → next day", "2026-03-10T14:00:00-03:00", "2026-03-11 14:00:00"],
    ["16:00 → next day 14:00", "2026-03-10T16:00:00-03:00", "2026-03-11 14:00:00"],
    ["late on the last day of the month → first of the next", "2026-03-31T23:30:00-03:00", "2026-04-01 14:00:00"],
    ["New Year's Eve → next year", "2026-12-31T18:00:00-03:00", "2027-01-01 14:00:00"],
    ["a UTC instant on the next UTC day is still the Santiago evening", "2026-03-11T01:00:00Z", "2026-03-11 14:00:00"],
    ["in winter time (UTC-4)", "2026-07-10T10:00:00-04:00", "2026-07-10 14:00:00"]
  ])("%s", (_label, at, deadline) => {
    expect(reversalDeadline(Date.parse(at))).toBe(deadline)
  })
})
