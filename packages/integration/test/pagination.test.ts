/**
 * Auto-pagination against the emulator, through both APIs: exact counts and no duplicate over 0, 1,
 * 100, 101 and 1,000 customers; the other three lists; the next page fetched while this one is
 * consumed; an error on page 3 surfacing as the list's own error; `toArray({ max })` refusing early.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { FlowConfig, FlowCustomers } from "@flowcl/core"
import { type RunningEmulator, start } from "@flowcl/emulator"
import Flow, { FlowGetCustomerListError, FlowValidationError } from "@flowcl/promise"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"

let emulator: RunningEmulator
let flow: Flow
let customers: Layer.Layer<FlowCustomers>

const SIZES = [0, 1, 100, 101, 1_000] as const

/** Seeds `n` customers named `${prefix}-<i>` through the admin API. */
const seed = async (prefix: string, n: number, card = false) => {
  const seeded: Array<string> = []
  for (let from = 0; from < n; from += 500) {
    const batch = Array.from({ length: Math.min(500, n - from) }, (_, i) => ({
      name: `${prefix}-${from + i}`,
      email: `${prefix.toLowerCase()}${from + i}@example.cl`,
      ...(card ? { card: {} } : {})
    }))
    const answer = await fetch(`${emulator.adminUrl}/seed`, { method: "POST", body: JSON.stringify({ customers: batch }) })
    const body = (await answer.json()) as { customers: Array<{ customerId: string }> }
    seeded.push(...body.customers.map((c) => c.customerId))
  }
  return seeded
}

const listRequests = () => emulator.requests.filter((r) => r.endpoint === "customer/list").length

const runCore = <A, E>(effect: Effect.Effect<A, E, FlowCustomers>) => Effect.runPromise(Effect.provide(effect, customers))

beforeAll(async () => {
  emulator = await start({ batchPaceMs: 1 })
  flow = new Flow(emulator.apiKey, emulator.secretKey, "sandbox", { baseUrl: emulator.url })
  customers = FlowCustomers.Default.pipe(
    Layer.provide(FlowConfig.layer({ apiKey: emulator.apiKey, secretKey: emulator.secretKey, baseUrl: emulator.url })),
    Layer.provide(FetchHttpClient.layer),
    Layer.orDie
  )
  for (const n of SIZES) await seed(`Pag${n}`, n)
})

afterAll(async () => {
  await flow.close()
  await emulator.close()
})

describe.each(SIZES)("%i customers", (n) => {
  const filter = `Pag${n}-`
  const pages = Math.max(1, Math.ceil(n / 100))

  it("core: list.stream yields each exactly once, in pages of 100", async () => {
    const before = listRequests()
    const items = Chunk.toReadonlyArray(await runCore(Effect.flatMap(FlowCustomers, (c) =>
      Stream.runCollect(c.list.stream({ filter })))))
    expect(items).toHaveLength(n)
    expect(new Set(items.map((c) => c.customerId)).size).toBe(n)
    expect(listRequests() - before).toBe(pages)
  })

  it("core: list.pages yields the pages", async () => {
    const got = Chunk.toReadonlyArray(await runCore(Effect.flatMap(FlowCustomers, (c) =>
      Stream.runCollect(c.list.pages({ filter, limit: 100 })))))
    expect(got).toHaveLength(pages)
    expect(got.map((p) => p.hasMore)).toStrictEqual(got.map((_, i) => i < pages - 1))
    expect(got.every((p) => p.total === n)).toBe(true)
  })

  it("promise: for await walks every item; awaiting gives one page", async () => {
    const seen: Array<string> = []
    for await (const customer of flow.customers.list({ filter, limit: 100 })) seen.push(customer.customerId)
    expect(seen).toHaveLength(n)
    expect(new Set(seen).size).toBe(n)
    const page = await flow.customers.list({ filter, limit: 10 })
    expect(page.data).toHaveLength(Math.min(10, n))
    expect(page.total).toBe(n)
    expect(page.hasMore).toBe(n > 10)
  })

  it("promise: toArray({ max }) returns them all, and refuses one fewer from the first page", async () => {
    const all = await flow.customers.list({ filter, limit: 100 }).toArray({ max: n })
    expect(all).toHaveLength(n)
    if (n === 0) return
    const before = listRequests()
    const error = await flow.customers.list({ filter, limit: 100 }).toArray({ max: n - 1 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FlowGetCustomerListError)
    expect((error as FlowGetCustomerListError).field).toBe("max")
    expect((error as FlowGetCustomerListError).cause).toBeInstanceOf(FlowValidationError)
    // refused on the first page's total: at most the page ahead was asked for besides
    expect(listRequests() - before).toBeLessThanOrEqual(2)
  })
})

describe("paging", () => {
  it("the page size is configurable (limit 7 over 101 customers: 15 pages)", async () => {
    const got = Chunk.toReadonlyArray(await runCore(Effect.flatMap(FlowCustomers, (c) =>
      Stream.runCollect(c.list.pages({ filter: "Pag101-", limit: 7 })))))
    expect(got.map((p) => p.data.length)).toStrictEqual([...Array(14).fill(7), 3])
  })

  it("a limit over 100 fails with the list's own error, naming limit", async () => {
    const error = await runCore(Effect.flip(Effect.flatMap(FlowCustomers, (c) =>
      Stream.runDrain(c.list.stream({ limit: 101 })))))
    expect(error._tag).toBe("FlowGetCustomerListError")
    expect(error.reason).toMatchObject({ _tag: "FlowValidationError", field: "limit" })
  })

  it("the next page is asked for while the current one is consumed", async () => {
    const before = listRequests()
    const iterator = flow.customers.list({ filter: "Pag1000-", limit: 100 })[Symbol.asyncIterator]()
    await iterator.next()
    // the consumer holds the first item of page 1; page 2 is already on its way
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(listRequests() - before).toBe(2)
    await iterator.return?.()
  })

  it("an error on page 3 surfaces as the list's own error, after the first two pages (core and promise)", async () => {
    emulator.faults.add({
      endpoint: "customer/list",
      attempts: [3],
      fault: { type: "status", status: 400, body: { code: 1001, message: "Bad page" } }
    })
    let seen = 0
    const coreError = await runCore(Effect.flip(Effect.flatMap(FlowCustomers, (c) =>
      Stream.runForEach(c.list.stream({ filter: "Pag1000-", limit: 100 }), () => Effect.sync(() => seen++)))))
    expect(seen).toBe(200)
    expect(coreError._tag).toBe("FlowGetCustomerListError")
    expect(coreError.code).toBe(1001)

    emulator.faults.clear()
    emulator.faults.add({
      endpoint: "customer/list",
      attempts: [3],
      fault: { type: "status", status: 400, body: { code: 1001, message: "Bad page" } }
    })
    let promised = 0
    const promiseError = await (async () => {
      for await (const _ of flow.customers.list({ filter: "Pag1000-", limit: 100 })) promised++
    })().catch((e: unknown) => e)
    expect(promised).toBe(200)
    expect(promiseError).toBeInstanceOf(FlowGetCustomerListError)
    expect((promiseError as FlowGetCustomerListError).code).toBe(1001)
    emulator.faults.clear()
  })

  it("breaking out of for await stops the walk", async () => {
    const before = listRequests()
    let seen = 0
    for await (const _ of flow.customers.list({ filter: "Pag1000-", limit: 100 })) {
      if (++seen === 150) break
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(listRequests() - before).toBeLessThanOrEqual(3)
  })

  it("an aborted signal ends the walk with the list's error, FlowAbortedError, the signal's reason as its cause", async () => {
    const controller = new AbortController()
    let seen = 0
    const error = await (async () => {
      for await (const _ of flow.customers.list({ filter: "Pag1000-", limit: 100 }, { signal: controller.signal })) {
        if (++seen === 120) controller.abort(new Error("enough"))
      }
    })().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FlowGetCustomerListError)
    const cause = (error as FlowGetCustomerListError).cause as { readonly name: string; readonly cause: Error }
    expect(cause.name).toBe("FlowAbortedError")
    expect(cause.cause.message).toBe("enough")
    expect(seen).toBeLessThan(300)
  })
})

describe("the other lists", () => {
  it("listCharges, listFailedCharges and subscriptions.list walk every page", async () => {
    const [customerId] = await seed("Walker", 1, true)
    for (let i = 0; i < 130; i++) {
      await flow.customers.card.charge({ customerId: customerId!, amount: i % 2 === 0 ? 1_000 : 9006, subject: "x", commerceOrder: `walk-${i}` })
    }
    await fetch(`${emulator.adminUrl}/seed`, {
      method: "POST",
      body: JSON.stringify({
        subscriptions: Array.from({ length: 120 }, (_, i) => ({ customerId, subscriptionId: `sus_walk${i}`, status: 4 }))
      })
    })
    const charges: Array<number> = []
    for await (const charge of flow.customers.card.listCharges({ customerId: customerId!, limit: 50 })) {
      charges.push(charge.flowOrder)
    }
    expect(new Set(charges).size).toBe(130)
    const failed = await runCore(Effect.flatMap(FlowCustomers, (c) =>
      Stream.runCount(c.card.listFailedCharges.stream({ customerId: customerId! }))))
    expect(failed).toBe(65)
    const subscriptions = await flow.customers.card.subscriptions.list({ customerId: customerId! }).toArray({ max: 120 })
    expect(subscriptions.map((s) => s.subscriptionId)).toStrictEqual(Array.from({ length: 120 }, (_, i) => `sus_walk${i}`))
  })
})
