/**
 * The fault matrix, against the emulator over loopback HTTP, through both APIs (matrix.ts has it as
 * data):
 * 1. the retry policy: for each fault the emulator injects, a read (`get`) and a write that is never
 *    reconciled (`create`) end in exactly the outcome the policy promises, and Flow sees exactly the
 *    promised number of requests;
 * 2. reconciliation: a `card.charge` or `card.sendCharge` whose first send meets a reset, a timeout,
 *    an HTML 502 or a malformed 200, before or after Flow processed it, resolves with the one payment
 *    Flow holds for the order (found by the lookup, or made by the resend); a write Flow refuses
 *    rejects with outcome "refused" and leaves no payment; when the lookups fail too, it rejects with
 *    outcome "unknown".
 * Nothing may crash or leave an unhandled rejection. The results are printed at the end of the run
 * (see reporter.ts) and RELIABILITY.md must hold the same tables.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { type CollectResponse, FlowConfig, FlowCustomers, type FlowOperationError, type Payment } from "@flowcl/core"
import { type FaultRequest, type RunningEmulator, start } from "@flowcl/emulator"
import Flow, { FlowAPIError, FlowError } from "@flowcl/promise"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { readFileSync, writeFileSync } from "node:fs"
import { resolve } from "node:path"
import {
  type Column,
  COLUMNS,
  expectedTable,
  expectedWriteTable,
  LOOKUP_ENDPOINT,
  MATRIX,
  type Outcome,
  renderTable,
  renderWriteTable,
  requestName,
  TEST_POLICY,
  WRITE_COLUMNS,
  WRITE_ENDPOINTS,
  WRITE_MATRIX,
  type WriteColumn,
  type WriteOutcome,
  type WriteRow,
  writeRowKey
} from "./matrix.js"

type Api = "Effect" | "Promise"

const ORDER = "matrix-1"
const NEW_CUSTOMER = { name: "Nueva", email: "nueva@example.cl", externalId: "matrix-new" }

/** What a call came to: `ok` (with the payment's flowOrder, for a charge or collect) or the error's reason. */
interface Result {
  readonly outcome: string
  readonly flowOrder?: number
}

const reasonOfEffect = (error: FlowOperationError): string =>
  error.reason._tag === "FlowAPIError" ? `FlowAPIError ${error.reason.statusCode}` : error.reason._tag

const reasonOfPromise = (error: unknown): string => {
  if (!(error instanceof FlowError)) throw error // not a library error: a crash, fail the test
  const cause = error.cause
  if (!(cause instanceof FlowError)) throw error
  return cause instanceof FlowAPIError ? `FlowAPIError ${cause.statusCode}` : cause.name
}

/** A write's error says whether Flow may have done it: `FlowAPIError 401 (refused)`. */
const writeFailureOfEffect = (error: FlowOperationError): Result => ({
  outcome: `${reasonOfEffect(error)} (${error.outcome})`
})
const writeFailureOfPromise = (error: unknown): Result => ({
  outcome: `${reasonOfPromise(error)} (${(error as FlowError).outcome})`
})

const policy = {
  timeout: TEST_POLICY.timeoutMillis,
  retry: { retries: TEST_POLICY.retries, baseDelay: TEST_POLICY.baseDelayMillis, maxDelay: TEST_POLICY.maxDelayMillis }
}

const effectClient = (emulator: RunningEmulator) =>
  FlowCustomers.Default.pipe(
    Layer.provide(FlowConfig.layer({ apiKey: emulator.apiKey, secretKey: emulator.secretKey, baseUrl: emulator.url, ...policy })),
    Layer.provide(FetchHttpClient.layer),
    Layer.orDie
  )

const runEffect = <A>(
  emulator: RunningEmulator,
  call: (customers: FlowCustomers) => Effect.Effect<A, FlowOperationError>,
  onSuccess: (a: A) => Result,
  onFailure: (error: FlowOperationError) => Result
): Promise<Result> =>
  Effect.runPromise(Effect.flatMap(FlowCustomers, call).pipe(
    Effect.match({ onSuccess, onFailure }),
    Effect.provide(effectClient(emulator))
  ))

const runPromise = async <A>(
  emulator: RunningEmulator,
  call: (flow: Flow) => Promise<A>,
  onSuccess: (a: A) => Result,
  onFailure: (error: unknown) => Result
): Promise<Result> => {
  const flow = new Flow(emulator.apiKey, emulator.secretKey, "sandbox", { baseUrl: emulator.url, ...policy })
  try {
    return await call(flow).then(onSuccess, onFailure)
  } finally {
    await flow.close()
  }
}

const ok = (): Result => ({ outcome: "ok" })

const charge = (customerId: string) => ({ customerId, amount: 5_000, subject: "Cuota", commerceOrder: ORDER })

/** A payment link: the customer has a card, but `ignore_auto_charging` asks for a link. */
const collect = (emulator: RunningEmulator, customerId: string) => ({
  customerId,
  commerceOrder: ORDER,
  subject: "Cuota",
  amount: 5_000,
  urlConfirmation: `${emulator.adminUrl}/sink/confirm`,
  urlReturn: `${emulator.adminUrl}/sink/return`,
  ignore_auto_charging: 1 as const
})

/** The resolved charge must be Flow's paid payment; the resolved collect a link (type 2, pending). */
const charged = (payment: Payment): Result => {
  expect(payment.status).toBe(2)
  return { outcome: "ok", flowOrder: payment.flowOrder }
}
const linked = (answer: CollectResponse): Result => {
  expect(answer.type).toBe(2)
  expect(answer.paymentResult?.status).toBe(1)
  return { outcome: "ok", flowOrder: answer.flowOrder }
}

type Call = (emulator: RunningEmulator, customerId: string) => Promise<Result>

const calls: Record<Api, Record<"read" | "create" | WriteColumn, Call>> = {
  Effect: {
    read: (emulator, customerId) => runEffect(emulator, (c) => c.get(customerId), ok, (e) => ({ outcome: reasonOfEffect(e) })),
    create: (emulator) => runEffect(emulator, (c) => c.create(NEW_CUSTOMER), ok, (e) => ({ outcome: reasonOfEffect(e) })),
    "card.charge": (emulator, customerId) =>
      runEffect(emulator, (c) => c.card.charge(charge(customerId)), charged, writeFailureOfEffect),
    "card.sendCharge": (emulator, customerId) =>
      runEffect(emulator, (c) => c.card.sendCharge(collect(emulator, customerId)), linked, writeFailureOfEffect)
  },
  Promise: {
    read: (emulator, customerId) =>
      runPromise(emulator, (flow) => flow.customers.get(customerId), ok, (e) => ({ outcome: reasonOfPromise(e) })),
    create: (emulator) =>
      runPromise(emulator, (flow) => flow.customers.create(NEW_CUSTOMER), ok, (e) => ({ outcome: reasonOfPromise(e) })),
    "card.charge": (emulator, customerId) =>
      runPromise(emulator, (flow) => flow.customers.card.charge(charge(customerId)), charged, writeFailureOfPromise),
    "card.sendCharge": (emulator, customerId) =>
      runPromise(emulator, (flow) => flow.customers.card.sendCharge(collect(emulator, customerId)), linked, writeFailureOfPromise)
  }
}

// ------------------------------------------------------------------------------ the emulator, through its admin API

const admin = async <A>(emulator: RunningEmulator, path: string, body?: unknown): Promise<A> => {
  const init = body === undefined ? {} : { method: "POST", body: JSON.stringify(body) }
  const response = await fetch(`${emulator.adminUrl}${path}`, init)
  expect(response.ok, `${path}: ${response.status}`).toBe(true)
  return await response.json() as A
}

interface Seeded {
  readonly withCard: string
  readonly withoutCard: string
  readonly deleted: string
}

/** A fresh emulator with three customers: one with a card, one without, one deleted. */
const withEmulator = async <A>(use: (emulator: RunningEmulator, customers: Seeded) => Promise<A>): Promise<A> => {
  const emulator = await start()
  try {
    const seeded = await admin<{ customers: ReadonlyArray<{ customerId: string }> }>(emulator, "/seed", {
      customers: [
        { name: "Matriz", email: "matriz@example.cl", card: {} },
        { name: "Sin tarjeta", email: "sin.tarjeta@example.cl" },
        { name: "Borrada", email: "borrada@example.cl", status: 0 }
      ]
    })
    const [withCard, withoutCard, deleted] = seeded.customers.map((c) => c.customerId) as [string, string, string]
    return await use(emulator, { withCard, withoutCard, deleted })
  } finally {
    await emulator.close()
  }
}

const addFault = (emulator: RunningEmulator, rule: FaultRequest) => admin(emulator, "/faults", rule)

const requestLog = (emulator: RunningEmulator) =>
  admin<ReadonlyArray<{ readonly endpoint: string }>>(emulator, "/requests")

const paymentsOf = async (emulator: RunningEmulator, commerceOrder: string) => {
  const state = await admin<{ payments: ReadonlyArray<{ commerceOrder: string; flowOrder: number }> }>(emulator, "/state")
  return state.payments.filter((p) => p.commerceOrder === commerceOrder)
}

// ------------------------------------------------------------------------------ the cells

/** A cell of the retry-policy matrix: the fault on the read's or the write's endpoint, then the call. */
const runCell = (api: Api, row: (typeof MATRIX)[number], column: Column): Promise<Outcome> =>
  withEmulator(async (emulator, { withCard }) => {
    const write = column === "write, never reconciled (`create`)"
    const endpoint = write ? "customer/create" : "customer/get"
    await addFault(emulator, { endpoint, fault: row.fault, ...(column === "read, first try fails" ? { attempts: [1] } : {}) })
    const { outcome } = await calls[api][write ? "create" : "read"](emulator, withCard)
    const requests = (await requestLog(emulator)).filter((r) => r.endpoint === endpoint).length
    if (write) {
      // never sent twice: at most one customer made, and exactly one when Flow did the work
      const state = await admin<{ customers: ReadonlyArray<{ externalId: string }> }>(emulator, "/state")
      const made = state.customers.filter((c) => c.externalId === NEW_CUSTOMER.externalId)
      expect(made.length).toBeLessThanOrEqual(1)
      if (row.fault.type === "truncated") expect(made).toHaveLength(1)
    }
    return { outcome, requests }
  })

/** A cell of the reconciliation matrix: the fault (or the refusal), the write, what Flow saw and holds. */
const runWriteCell = (api: Api, row: WriteRow, column: WriteColumn): Promise<WriteOutcome> =>
  withEmulator(async (emulator, customers) => {
    const endpoint = WRITE_ENDPOINTS[column]
    const setup = row.setup
    let customerId = customers.withCard
    switch (setup._tag) {
      case "first-send":
        await addFault(emulator, { endpoint, fault: setup.fault, phase: setup.phase, attempts: [1] })
        break
      case "lookup-fails":
        await addFault(emulator, { endpoint, fault: setup.fault, phase: setup.phase })
        await addFault(emulator, { endpoint: LOOKUP_ENDPOINT, fault: setup.fault })
        break
      case "refused":
        // 401: a charge needs a registered card (1003); nothing can be collected from a deleted customer (1001)
        customerId = column === "card.charge" ? customers.withoutCard : customers.deleted
        break
    }
    const result = await calls[api][column](emulator, customerId)
    const payments = await paymentsOf(emulator, ORDER)
    // a resolved call carries the payment Flow holds
    if (result.flowOrder !== undefined) expect(payments.map((p) => p.flowOrder)).toStrictEqual([result.flowOrder])
    return {
      outcome: result.outcome,
      requests: (await requestLog(emulator)).map((r) => requestName(r.endpoint)),
      payments: payments.length
    }
  })

// ------------------------------------------------------------------------------ the run

type Row<C extends string, O> = Record<C, O>
const results: Record<Api, Array<{ readonly name: string } & Row<Column, Outcome>>> = { Effect: [], Promise: [] }
const writeResults: Record<Api, Array<Pick<WriteRow, "name" | "when"> & Row<WriteColumn, WriteOutcome>>> = {
  Effect: [],
  Promise: []
}
const unhandled: Array<unknown> = []
const onUnhandled = (reason: unknown) => unhandled.push(reason)

beforeAll(() => {
  process.on("unhandledRejection", onUnhandled)
})

afterAll(() => {
  process.off("unhandledRejection", onUnhandled)
  expect(unhandled).toStrictEqual([])
  /** The rows in the matrix's order (they finish in any order). */
  const ordered = <R>(rows: ReadonlyArray<R>, key: (row: R) => string, order: ReadonlyArray<string>) =>
    order.flatMap((k) => rows.filter((r) => key(r) === k))
  const report = (["Effect", "Promise"] as const).map((api) =>
    [
      `Fault matrix (${api} API; retries ${TEST_POLICY.retries}, timeout ${TEST_POLICY.timeoutMillis} ms):`,
      renderTable(ordered(results[api], (r) => r.name, MATRIX.map((m) => m.name))),
      "",
      `Reconciliation matrix (${api} API):`,
      renderWriteTable(ordered(writeResults[api], writeRowKey, WRITE_MATRIX.map(writeRowKey)))
    ].join("\n")
  ).join("\n\n")
  const target = process.env["FLOWCL_FAULT_MATRIX_REPORT"]
  if (target) writeFileSync(target, report)
  else console.log(report)
})

describe.concurrent.each(["Effect", "Promise"] as const)("fault matrix, %s API", (api) => {
  it.each(MATRIX.map((row) => [row.name, row] as const))("%s", async (_name, row) => {
    const outcomes = {} as Record<Column, Outcome>
    for (const column of COLUMNS) outcomes[column] = await runCell(api, row, column)
    results[api].push({ name: row.name, ...outcomes })
    expect(outcomes).toStrictEqual(row.expected)
  }, 30_000)
})

describe.concurrent.each(["Effect", "Promise"] as const)("reconciliation matrix, %s API", (api) => {
  it.each(WRITE_MATRIX.map((row) => [writeRowKey(row), row] as const))("%s", async (_key, row) => {
    const outcomes = {} as Record<WriteColumn, WriteOutcome>
    for (const column of WRITE_COLUMNS) outcomes[column] = await runWriteCell(api, row, column)
    writeResults[api].push({ name: row.name, when: row.when, ...outcomes })
    expect(outcomes).toStrictEqual(row.expected)
  }, 30_000)
})

describe("RELIABILITY.md", () => {
  it("holds the matrices these tests check, cell for cell", () => {
    const doc = readFileSync(resolve(import.meta.dirname, "../../../../RELIABILITY.md"), "utf8")
    expect(doc).toContain(expectedTable())
    expect(doc).toContain(expectedWriteTable())
  })
})
