/**
 * The fault matrix, against the emulator over loopback HTTP, through both APIs: for each fault the
 * emulator injects, a read (`get`) and a write (`card.charge`) end in exactly the outcome the retry
 * policy promises, Flow sees exactly the promised number of requests, a charge is never sent twice,
 * and nothing crashes or leaves an unhandled rejection. The results are printed at the end of the
 * run (see reporter.ts) and RELIABILITY.md must hold the same table.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { FlowConfig, FlowCustomers, type FlowOperationError } from "@flowcl/core"
import { type RunningEmulator, start } from "@flowcl/emulator"
import Flow, { FlowAPIError, FlowError } from "@flowcl/promise"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { readFileSync, writeFileSync } from "node:fs"
import { resolve } from "node:path"
import { type Column, COLUMNS, expectedTable, MATRIX, type Outcome, renderTable, TEST_POLICY } from "./matrix.js"

type Api = "Effect" | "Promise"

/** One operation through one API: resolves to `ok` or to the reason of the operation's error. */
type Call = (emulator: RunningEmulator, customerId: string) => Promise<string>

const reasonOfEffect = (error: FlowOperationError): string =>
  error.reason._tag === "FlowAPIError" ? `FlowAPIError ${error.reason.statusCode}` : error.reason._tag

const reasonOfPromise = (error: unknown): string => {
  if (!(error instanceof FlowError)) throw error // not a library error: a crash, fail the test
  const cause = error.cause
  if (!(cause instanceof FlowError)) throw error
  return cause instanceof FlowAPIError ? `FlowAPIError ${cause.statusCode}` : cause.name
}

const effectClient = (emulator: RunningEmulator) =>
  FlowCustomers.Default.pipe(
    Layer.provide(FlowConfig.layer({
      apiKey: emulator.apiKey,
      secretKey: emulator.secretKey,
      baseUrl: emulator.url,
      timeout: TEST_POLICY.timeoutMillis,
      retry: {
        retries: TEST_POLICY.retries,
        baseDelay: TEST_POLICY.baseDelayMillis,
        maxDelay: TEST_POLICY.maxDelayMillis
      }
    })),
    Layer.provide(FetchHttpClient.layer),
    Layer.orDie
  )

const promiseClient = (emulator: RunningEmulator) =>
  new Flow(emulator.apiKey, emulator.secretKey, "sandbox", {
    baseUrl: emulator.url,
    timeout: TEST_POLICY.timeoutMillis,
    retry: {
      retries: TEST_POLICY.retries,
      baseDelay: TEST_POLICY.baseDelayMillis,
      maxDelay: TEST_POLICY.maxDelayMillis
    }
  })

const charge = (customerId: string) => ({ customerId, amount: 5_000, subject: "Cuota", commerceOrder: "matrix-1" })

const calls: Record<Api, Record<"read" | "write", Call>> = {
  Effect: {
    read: (emulator, customerId) =>
      Effect.runPromise(Effect.flatMap(FlowCustomers, (c) => c.get(customerId)).pipe(
        Effect.match({ onSuccess: () => "ok", onFailure: reasonOfEffect }),
        Effect.provide(effectClient(emulator))
      )),
    write: (emulator, customerId) =>
      Effect.runPromise(Effect.flatMap(FlowCustomers, (c) => c.card.charge(charge(customerId))).pipe(
        Effect.match({ onSuccess: () => "ok", onFailure: reasonOfEffect }),
        Effect.provide(effectClient(emulator))
      ))
  },
  Promise: {
    read: async (emulator, customerId) => {
      const flow = promiseClient(emulator)
      try {
        return await flow.customers.get(customerId).then(() => "ok", reasonOfPromise)
      } finally {
        await flow.close()
      }
    },
    write: async (emulator, customerId) => {
      const flow = promiseClient(emulator)
      try {
        return await flow.customers.card.charge(charge(customerId)).then(() => "ok", reasonOfPromise)
      } finally {
        await flow.close()
      }
    }
  }
}

/** One cell: a fresh emulator, a customer with a card, the fault, the call; what came of it. */
const runCell = async (api: Api, row: (typeof MATRIX)[number], column: Column): Promise<Outcome> => {
  const emulator = await start({ batchPaceMs: 1 })
  try {
    const seeded = await fetch(`${emulator.adminUrl}/seed`, {
      method: "POST",
      body: JSON.stringify({ customers: [{ name: "Matriz", email: "matriz@example.cl", card: {} }] })
    }).then((r) => r.json() as Promise<{ customers: Array<{ customerId: string }> }>)
    const customerId = seeded.customers[0]!.customerId
    const write = column === "write (any)"
    const endpoint = write ? "customer/charge" : "customer/get"
    emulator.faults.add({
      endpoint,
      fault: row.fault,
      ...(column === "read, first try fails" ? { attempts: [1] } : {})
    })
    const outcome = await calls[api][write ? "write" : "read"](emulator, customerId)
    const requests = emulator.requests.filter((r) => r.endpoint === endpoint).length
    if (write) {
      // never charged twice: at most one payment for the order, and exactly one when Flow did the work
      const payments = emulator.state.payments.filter((p) => p.commerceOrder === "matrix-1")
      expect(payments.length).toBeLessThanOrEqual(1)
      if (row.fault.type === "truncated") expect(payments).toHaveLength(1)
    }
    return { outcome, requests }
  } finally {
    await emulator.close()
  }
}

const results: Record<Api, Array<{ readonly name: string } & Record<Column, Outcome>>> = { Effect: [], Promise: [] }
const unhandled: Array<unknown> = []
const onUnhandled = (reason: unknown) => unhandled.push(reason)

beforeAll(() => {
  process.on("unhandledRejection", onUnhandled)
})

afterAll(() => {
  process.off("unhandledRejection", onUnhandled)
  expect(unhandled).toStrictEqual([])
  const order = (rows: typeof results.Effect) => MATRIX.map((m) => rows.find((r) => r.name === m.name)).filter((r) => r !== undefined)
  const report = (["Effect", "Promise"] as const)
    .map((api) => `Fault matrix (${api} API; retries ${TEST_POLICY.retries}, timeout ${TEST_POLICY.timeoutMillis} ms):\n${renderTable(order(results[api]))}`)
    .join("\n\n")
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

describe("RELIABILITY.md", () => {
  it("holds the matrix these tests check, cell for cell", () => {
    const doc = readFileSync(resolve(import.meta.dirname, "../../../../RELIABILITY.md"), "utf8")
    expect(doc).toContain(expectedTable())
  })
})
