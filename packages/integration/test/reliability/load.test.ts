/**
 * Load: 2,000 concurrent mixed operations against ONE emulator, half through the Effect API
 * (`Effect.all(…, { concurrency: "unbounded" })`), half through the Promise API (`Promise.all`), at the
 * same time. Afterwards the emulator's state must be exactly what was sent: every customer created once,
 * every commerceOrder paid once (and reversed ones cancelled), one request per operation (no retries,
 * no duplicates), every operation a success. A second round of 2,000 then checks that the heap does not
 * grow per round.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { FlowConfig, FlowCustomers } from "@flowcl/core"
import { type RunningEmulator, start } from "@flowcl/emulator"
import { Flow } from "@flowcl/promise"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { setFlagsFromString } from "node:v8"
import { runInNewContext } from "node:vm"

/** Operations per round, split evenly between the two APIs. */
const OPERATIONS_PER_ROUND = 2_000
/** Heap growth allowed between the end of round 1 and the end of round 2. */
const HEAP_GROWTH_BOUND = 64 * 1024 * 1024

type Api = "effect" | "promise"

/** One unit of work; `chargeAndReverse` is two operations (the reverse waits for its charge). */
type Unit =
  | { readonly kind: "create"; readonly name: string; readonly email: string; readonly externalId: string }
  | { readonly kind: "get"; readonly customerId: string }
  | { readonly kind: "edit"; readonly customerId: string; readonly name: string }
  | { readonly kind: "list"; readonly filter: string }
  | { readonly kind: "charge"; readonly customerId: string; readonly commerceOrder: string; readonly amount: number }
  | {
    readonly kind: "chargeAndReverse"
    readonly customerId: string
    readonly commerceOrder: string
    readonly amount: number
  }
  | { readonly kind: "sendCharge"; readonly customerId: string; readonly commerceOrder: string; readonly amount: number }
  | { readonly kind: "listCharges"; readonly customerId: string }

/** Units of each kind per API (1,000 operations: chargeAndReverse counts twice). */
const MIX = {
  create: 200,
  get: 100,
  edit: 100,
  list: 100,
  charge: 150,
  chargeAndReverse: 100,
  sendCharge: 100,
  listCharges: 50
} as const satisfies Record<Unit["kind"], number>

const operationsOf = (unit: Unit): number => unit.kind === "chargeAndReverse" ? 2 : 1

/** The endpoint(s) each kind calls. */
const ENDPOINTS: Record<Unit["kind"], ReadonlyArray<string>> = {
  create: ["customer/create"],
  get: ["customer/get"],
  edit: ["customer/edit"],
  list: ["customer/list"],
  charge: ["customer/charge"],
  chargeAndReverse: ["customer/charge", "customer/reverseCharge"],
  sendCharge: ["customer/collect"],
  listCharges: ["customer/getCharges"]
}

interface Outcome {
  readonly api: Api
  readonly unit: Unit
  /** undefined: succeeded and the answer was as expected. */
  readonly problem: string | undefined
  /** create: the new customer's id. */
  readonly customerId?: string | undefined
}

/** A deterministic shuffle, so the kinds are interleaved in time. */
const shuffle = <A>(items: Array<A>, seed: number): Array<A> => {
  let state = seed
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return state / 2 ** 31
  }
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
  return items
}

/** `global.gc`, exposed at run time when node was not started with --expose-gc. */
const collectGarbage: (() => void) | undefined = (() => {
  const existing = (globalThis as { gc?: () => void }).gc
  if (existing !== undefined) return existing
  try {
    setFlagsFromString("--expose-gc")
    return runInNewContext("gc") as () => void
  } catch {
    return undefined
  }
})()

const heapUsed = (): number => {
  for (let i = 0; i < 3; i++) collectGarbage?.()
  return process.memoryUsage().heapUsed
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

let emulator: RunningEmulator
let effectRuntime: ManagedRuntime.ManagedRuntime<FlowCustomers, never>
let flow: Flow

beforeAll(async () => {
  emulator = await start({ batchPaceMs: 1 })
  effectRuntime = ManagedRuntime.make(
    FlowCustomers.Default.pipe(
      Layer.provide(FlowConfig.layer({ apiKey: emulator.apiKey, secretKey: emulator.secretKey, baseUrl: emulator.url })),
      Layer.provide(FetchHttpClient.layer),
      Layer.orDie
    )
  )
  flow = new Flow(emulator.apiKey, emulator.secretKey, "sandbox", { baseUrl: emulator.url })
})

afterAll(async () => {
  await flow?.close()
  await effectRuntime?.dispose()
  await emulator?.close()
})

interface Seeded {
  readonly carded: ReadonlyArray<string>
  readonly plain: ReadonlyArray<string>
}

/** Customers for one round: with a card (charges), without (edits, links). */
const seed = async (round: number): Promise<Seeded> => {
  const cardedCount = 2 * (MIX.charge + MIX.chargeAndReverse)
  const plainCount = 2 * (MIX.edit + MIX.sendCharge)
  const customers = [
    ...Array.from({ length: cardedCount }, (_, i) => ({
      name: `Carga ${round} tarjeta ${i}`,
      email: `r${round}.card${i}@example.cl`,
      card: {}
    })),
    ...Array.from({ length: plainCount }, (_, i) => ({ name: `Carga ${round} simple ${i}`, email: `r${round}.p${i}@example.cl` }))
  ]
  const response = await fetch(`${emulator.adminUrl}/seed`, { method: "POST", body: JSON.stringify({ customers }) })
  expect(response.status).toBe(201)
  const body = (await response.json()) as { readonly customers: ReadonlyArray<{ readonly customerId: string }> }
  const ids = body.customers.map((c) => c.customerId)
  expect(ids).toHaveLength(cardedCount + plainCount)
  return { carded: ids.slice(0, cardedCount), plain: ids.slice(cardedCount) }
}

/** 1,000 operations for one API, on its own half of the seeded customers. */
const plan = (round: number, api: Api, seeded: Seeded): Array<Unit> => {
  const half = api === "effect" ? 0 : 1
  const carded = seeded.carded.slice(half * (seeded.carded.length / 2), (half + 1) * (seeded.carded.length / 2))
  const plain = seeded.plain.slice(half * (seeded.plain.length / 2), (half + 1) * (seeded.plain.length / 2))
  const tag = `r${round}-${api}`
  let nextCarded = 0
  let nextPlain = 0
  const takeCarded = () => carded[nextCarded++]!
  const takePlain = () => plain[nextPlain++]!
  const units: Array<Unit> = []
  for (let i = 0; i < MIX.create; i++) {
    units.push({ kind: "create", name: `Nuevo ${tag} ${i}`, email: `${tag}.new${i}@example.cl`, externalId: `${tag}-${i}` })
  }
  for (let i = 0; i < MIX.charge; i++) {
    units.push({ kind: "charge", customerId: takeCarded(), commerceOrder: `${tag}-charge-${i}`, amount: 1_000 + i })
  }
  for (let i = 0; i < MIX.chargeAndReverse; i++) {
    units.push({ kind: "chargeAndReverse", customerId: takeCarded(), commerceOrder: `${tag}-rev-${i}`, amount: 2_000 + i })
  }
  for (let i = 0; i < MIX.edit; i++) units.push({ kind: "edit", customerId: takePlain(), name: `Editado ${tag} ${i}` })
  for (let i = 0; i < MIX.sendCharge; i++) {
    units.push({ kind: "sendCharge", customerId: takePlain(), commerceOrder: `${tag}-link-${i}`, amount: 3_000 + i })
  }
  for (let i = 0; i < MIX.get; i++) units.push({ kind: "get", customerId: plain[i % plain.length]! })
  for (let i = 0; i < MIX.list; i++) units.push({ kind: "list", filter: `Carga ${round}` })
  for (let i = 0; i < MIX.listCharges; i++) units.push({ kind: "listCharges", customerId: carded[i]! })
  return shuffle(units, round * 7 + half + 1)
}

const sink = () => `${emulator.adminUrl}/sink/load`

/** Checks an answer; returns what is wrong with it, if anything. */
const check = (unit: Unit, answer: Record<string, unknown>): string | undefined => {
  switch (unit.kind) {
    case "create":
      return answer["email"] === unit.email && typeof answer["customerId"] === "string" ? undefined : "bad create answer"
    case "get":
      return answer["customerId"] === unit.customerId ? undefined : "bad get answer"
    case "edit":
      return answer["name"] === unit.name ? undefined : "bad edit answer"
    case "list":
      return typeof answer["total"] === "number" ? undefined : "bad list answer"
    case "charge":
    case "chargeAndReverse":
      return answer["commerceOrder"] === unit.commerceOrder && answer["status"] === 2 ? undefined : "bad charge answer"
    case "sendCharge":
      return answer["commerceOrder"] === unit.commerceOrder && answer["type"] === 2 ? undefined : "bad sendCharge answer"
    case "listCharges":
      return Array.isArray(answer["data"]) ? undefined : "bad listCharges answer"
  }
}

const asRecord = (value: unknown): Record<string, unknown> => value as Record<string, unknown>

/** One unit through the Effect API; never fails (a failure becomes the outcome's problem). */
const viaEffect = (unit: Unit): Effect.Effect<Outcome, never, FlowCustomers> =>
  Effect.gen(function*() {
    const customers = yield* FlowCustomers
    const call = (): Effect.Effect<unknown, unknown> => {
      switch (unit.kind) {
        case "create":
          return customers.create({ name: unit.name, email: unit.email, externalId: unit.externalId })
        case "get":
          return customers.get(unit.customerId)
        case "edit":
          return customers.edit({ customerId: unit.customerId, name: unit.name })
        case "list":
          return customers.list({ filter: unit.filter, limit: 5 })
        case "charge":
        case "chargeAndReverse":
          return customers.card.charge({
            customerId: unit.customerId,
            commerceOrder: unit.commerceOrder,
            amount: unit.amount,
            subject: "Carga"
          })
        case "sendCharge":
          return customers.card.sendCharge({
            customerId: unit.customerId,
            commerceOrder: unit.commerceOrder,
            amount: unit.amount,
            subject: "Carga",
            urlConfirmation: sink(),
            urlReturn: sink()
          })
        case "listCharges":
          return customers.card.listCharges({ customerId: unit.customerId, limit: 5 })
      }
    }
    const result = yield* Effect.either(call())
    if (Either.isLeft(result)) return { api: "effect", unit, problem: String(result.left) } as const
    const answer = asRecord(result.right)
    const problem = check(unit, answer)
    if (problem !== undefined || unit.kind !== "chargeAndReverse") {
      return { api: "effect", unit, problem, customerId: unit.kind === "create" ? String(answer["customerId"]) : undefined }
    }
    const reversed = yield* Effect.either(customers.card.reverseCharge({ commerceOrder: unit.commerceOrder }))
    if (Either.isLeft(reversed)) return { api: "effect", unit, problem: `reverse: ${String(reversed.left)}` } as const
    return { api: "effect", unit, problem: reversed.right.status === 1 ? undefined : "bad reverse answer" } as const
  })

/** One unit through the Promise API; never rejects. */
const viaPromise = async (unit: Unit): Promise<Outcome> => {
  const customers = flow.customers
  try {
    const answer = asRecord(await (() => {
      switch (unit.kind) {
        case "create":
          return customers.create({ name: unit.name, email: unit.email, externalId: unit.externalId })
        case "get":
          return customers.get(unit.customerId)
        case "edit":
          return customers.edit({ customerId: unit.customerId, name: unit.name })
        case "list":
          return customers.list({ filter: unit.filter, limit: 5 })
        case "charge":
        case "chargeAndReverse":
          return customers.card.charge({
            customerId: unit.customerId,
            commerceOrder: unit.commerceOrder,
            amount: unit.amount,
            subject: "Carga"
          })
        case "sendCharge":
          return customers.card.sendCharge({
            customerId: unit.customerId,
            commerceOrder: unit.commerceOrder,
            amount: unit.amount,
            subject: "Carga",
            urlConfirmation: sink(),
            urlReturn: sink()
          })
        case "listCharges":
          return customers.card.listCharges({ customerId: unit.customerId, limit: 5 })
      }
    })())
    const problem = check(unit, answer)
    if (problem !== undefined || unit.kind !== "chargeAndReverse") {
      return { api: "promise", unit, problem, customerId: unit.kind === "create" ? String(answer["customerId"]) : undefined }
    }
    const reversed = await customers.card.reverseCharge({ commerceOrder: unit.commerceOrder })
    return { api: "promise", unit, problem: reversed.status === 1 ? undefined : "bad reverse answer" }
  } catch (error) {
    return { api: "promise", unit, problem: String(error) }
  }
}

const countBy = <A>(items: Iterable<A>, key: (a: A) => string): Map<string, number> => {
  const counts = new Map<string, number>()
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1)
  return counts
}

const sorted = (m: Map<string, number>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))

interface RoundReport {
  readonly operations: number
  readonly millis: number
}

/** Seeds, runs 2,000 operations through both APIs at once, and checks the emulator holds exactly that. */
const runRound = async (round: number): Promise<RoundReport> => {
  emulator.reset()
  const seeded = await seed(round)
  const effectUnits = plan(round, "effect", seeded)
  const promiseUnits = plan(round, "promise", seeded)
  const units = [...effectUnits, ...promiseUnits]
  const operations = units.reduce((n, u) => n + operationsOf(u), 0)
  expect(operations).toBe(OPERATIONS_PER_ROUND)

  const started = performance.now()
  const [effectOutcomes, promiseOutcomes] = await Promise.all([
    effectRuntime.runPromise(Effect.all(effectUnits.map(viaEffect), { concurrency: "unbounded" })),
    Promise.all(promiseUnits.map(viaPromise))
  ])
  const millis = performance.now() - started
  const outcomes = [...effectOutcomes, ...promiseOutcomes]

  // ---- every operation succeeded with the expected answer
  const problems = outcomes.filter((o) => o.problem !== undefined)
  expect(problems.slice(0, 5).map((o) => `${o.api} ${o.unit.kind}: ${o.problem}`)).toStrictEqual([])
  expect(outcomes).toHaveLength(units.length)

  // ---- customers: the seeded ones plus exactly one per create
  const state = emulator.state
  const creates = units.filter((u) => u.kind === "create")
  expect(state.customers.size).toBe(seeded.carded.length + seeded.plain.length + creates.length)
  const byEmail = countBy(state.customers.values(), (c) => c.email)
  for (const unit of creates) expect(byEmail.get(unit.email), unit.email).toBe(1)
  const createdIds = outcomes.flatMap((o) => (o.unit.kind === "create" && o.customerId !== undefined ? [o.customerId] : []))
  expect(new Set(createdIds).size).toBe(creates.length)
  for (const id of createdIds) expect(state.customers.has(id)).toBe(true)
  for (const unit of units) {
    if (unit.kind === "edit") expect(state.customers.get(unit.customerId)?.name).toBe(unit.name)
  }

  // ---- payments: each commerceOrder sent exactly once, nothing else
  const charges = units.filter((u) => u.kind === "charge")
  const reversed = units.filter((u) => u.kind === "chargeAndReverse")
  const links = units.filter((u) => u.kind === "sendCharge")
  const expectedOrders = [...charges, ...reversed, ...links].map((u) => u.commerceOrder)
  const paymentOrders = countBy(state.payments, (p) => p.commerceOrder)
  expect(state.payments).toHaveLength(expectedOrders.length)
  expect([...paymentOrders.keys()].sort()).toStrictEqual([...expectedOrders].sort())
  expect([...paymentOrders.values()].every((n) => n === 1)).toBe(true)
  const payment = (order: string) => state.paymentsByOrder.get(order)
  for (const unit of charges) {
    expect(payment(unit.commerceOrder)).toMatchObject({ status: 2, type: 1, amount: unit.amount, customerId: unit.customerId })
  }
  for (const unit of reversed) expect(payment(unit.commerceOrder)).toMatchObject({ status: 4, type: 1, amount: unit.amount })
  for (const unit of links) expect(payment(unit.commerceOrder)).toMatchObject({ status: 1, type: 2, amount: unit.amount })
  expect(state.attempts).toHaveLength(0)

  // ---- requests: one per operation and endpoint; no retries, no duplicates
  const requests = emulator.requests
  expect(requests).toHaveLength(operations)
  const expectedByEndpoint = countBy(units.flatMap((u) => ENDPOINTS[u.kind]), (e) => e)
  expect(sorted(countBy(requests, (r) => r.endpoint))).toStrictEqual(sorted(expectedByEndpoint))
  expect(requests.filter((r) => r.status !== 200 || r.fault !== undefined)).toStrictEqual([])
  const byOrder = countBy(
    requests.filter((r) => r.params["commerceOrder"] !== undefined),
    (r) => `${r.endpoint} ${r.params["commerceOrder"]}`
  )
  const expectedByOrder = countBy(
    [...charges, ...reversed, ...links].flatMap((u) => ENDPOINTS[u.kind].map((e) => `${e} ${u.commerceOrder}`)),
    (k) => k
  )
  expect(sorted(byOrder)).toStrictEqual(sorted(expectedByOrder))
  const createsByEmail = countBy(requests.filter((r) => r.endpoint === "customer/create"), (r) => r.params["email"] ?? "")
  expect([...createsByEmail.values()].every((n) => n === 1)).toBe(true)
  expect(createsByEmail.size).toBe(creates.length)
  // no write went out twice: every POST differs (a commerceOrder, an email, a customer), so its signature does too
  // (reads may repeat: the same list twice is the same signed request, as Flow's signature has no nonce)
  const writes = requests.filter((r) => r.method === "POST")
  expect(writes).toHaveLength(units.filter((u) => u.kind !== "get" && u.kind !== "list" && u.kind !== "listCharges")
    .reduce((n, u) => n + operationsOf(u), 0))
  expect(new Set(writes.map((r) => r.params["s"])).size).toBe(writes.length)

  return { operations, millis }
}

describe("2,000 concurrent operations against one emulator", () => {
  it("leave exactly what was sent, each once; the heap does not grow per round", { timeout: 120_000 }, async () => {
    const before = heapUsed()
    const first = await runRound(1)
    const afterFirst = heapUsed()
    const second = await runRound(2)
    const afterSecond = heapUsed()
    const growth = afterSecond - afterFirst
    console.log(
      `load: round 1 ${first.operations} ops in ${first.millis.toFixed(0)} ms, ` +
        `round 2 ${second.operations} ops in ${second.millis.toFixed(0)} ms; heap ${mb(before)} → ${mb(afterFirst)} → ` +
        `${mb(afterSecond)} (round 2 growth ${mb(growth)}, gc ${collectGarbage ? "forced" : "unavailable"})`
    )
    expect(growth).toBeLessThan(HEAP_GROWTH_BOUND)
  })
})
