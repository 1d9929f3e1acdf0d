/**
 * Closing a client with calls under way, end to end against the emulator, through the Promise API
 * (`await flow.close()`, and `await using`) and the Effect API (closing the scope its layer was built
 * in), over both transports:
 * - a call made once closing has begun rejects at once with its operation's error, cause
 *   FlowClosedError, `requestSent: false`, outcome "not-sent";
 * - a read waiting to be tried again is not sent again: it rejects as never sent;
 * - a charge Flow stalls gets the grace (`closeGrace`), then is aborted: FlowClosedError,
 *   `requestSent: true`, outcome "unknown" (not reconciled: nothing more is sent once closing began),
 *   rejected by the time closing resolves;
 * - a call that finishes within the grace succeeds, and closing ends as soon as it has;
 * - closing resolves within the grace, and the emulator receives nothing once it was asked for.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { FlowConfig, FlowCustomers, type FlowOperationError } from "@flowcl/core"
import * as UndiciHttpClient from "@flowcl/core/UndiciHttpClient"
import { type RunningEmulator, start } from "@flowcl/emulator"
import { Flow, FlowChargeCardError, FlowClosedError, FlowError, FlowGetCustomerError } from "@flowcl/promise"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Scope from "effect/Scope"

/** The grace the clients are given; the stalled charge is held far longer. */
const GRACE_MILLIS = 300
/** The backoff before a read's retry (the first retry waits between half and all of it). */
const RETRY_DELAY_MILLIS = 1_500

let emulator: RunningEmulator
let customerId: string

beforeAll(async () => {
  emulator = await start()
})
afterAll(async () => {
  await emulator?.close()
})
beforeEach(async () => {
  emulator.reset()
  const response = await fetch(`${emulator.adminUrl}/seed`, {
    method: "POST",
    body: JSON.stringify({ customers: [{ name: "Cierre", email: "cierre@example.cl", card: {} }] })
  })
  customerId = ((await response.json()) as { customers: ReadonlyArray<{ customerId: string }> }).customers[0]!.customerId
})

/** What a rejection or an Effect failure says, in one shape for both APIs. */
interface Failure {
  readonly error: string
  readonly reason: string
  readonly requestSent: boolean | undefined
  readonly outcome: string | undefined
  /** For a charge whose outcome stayed unknown: what reconciliation came to. */
  readonly reconciliation?: string | undefined
}

const ofPromise = (error: unknown): Failure => {
  if (!(error instanceof FlowError) || !(error.cause instanceof FlowError)) throw error
  return {
    error: error.name,
    reason: error.cause.name,
    requestSent: error.cause instanceof FlowClosedError ? error.cause.requestSent : undefined,
    outcome: error.outcome,
    ...(error.reconciliation === undefined ? {} : { reconciliation: error.reconciliation.result })
  }
}

const ofEffect = (error: FlowOperationError): Failure => ({
  error: error._tag,
  reason: error.reason._tag,
  requestSent: error.reason._tag === "FlowClosedError" ? error.reason.requestSent : undefined,
  outcome: error.outcome,
  ...(error.reconciliation === undefined ? {} : { reconciliation: error.reconciliation.result })
})

/** A client under test: its calls answer what they came to, and `close` is the API's own. */
interface Client {
  readonly charge: (commerceOrder: string) => Promise<Failure | "ok">
  readonly get: () => Promise<Failure | "ok">
  readonly close: () => Promise<void>
  /**
   * Effect: closing is an effect of its own, so FlowHttp's finalizer runs a moment after `Scope.close`
   * starts (a call forked in that same moment may still go out); the Promise API is closed from the
   * instant `close()` is called.
   */
  readonly closingBegins: () => Promise<void>
}

const options = {
  closeGrace: GRACE_MILLIS,
  timeout: 10_000,
  retry: { retries: 2, baseDelay: RETRY_DELAY_MILLIS, maxDelay: 2 * RETRY_DELAY_MILLIS }
}

const promiseClient = (transport: "undici" | "fetch") => (): Client => {
  const flow = new Flow(emulator.apiKey, emulator.secretKey, "sandbox", { baseUrl: emulator.url, transport, ...options })
  const settle = (call: Promise<unknown>) => call.then(() => "ok" as const, ofPromise)
  return {
    charge: (commerceOrder) =>
      settle(flow.customers.card.charge({ customerId, amount: 9_990, subject: "Plan", commerceOrder })),
    get: () => settle(flow.customers.get(customerId)),
    close: () => flow.close(),
    closingBegins: () => Promise.resolve()
  }
}

const effectClient = (transport: Layer.Layer<HttpClient.HttpClient>) => async (): Promise<Client> => {
  const scope = Effect.runSync(Scope.make())
  const customers = await Effect.runPromise(
    Layer.buildWithScope(
      FlowCustomers.Default.pipe(
        Layer.provide(FlowConfig.layer({ apiKey: emulator.apiKey, secretKey: emulator.secretKey, baseUrl: emulator.url, ...options })),
        Layer.provide(transport),
        Layer.orDie
      ),
      scope
    ).pipe(Effect.map(Context.get(FlowCustomers)))
  )
  const settle = <A>(call: Effect.Effect<A, FlowOperationError>) =>
    Effect.runPromise(Effect.match(call, { onSuccess: () => "ok" as const, onFailure: ofEffect }))
  return {
    charge: (commerceOrder) => settle(customers.card.charge({ customerId, amount: 9_990, subject: "Plan", commerceOrder })),
    get: () => settle(customers.get(customerId)),
    close: () => Effect.runPromise(Scope.close(scope, Exit.void)),
    closingBegins: () => new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const clients: ReadonlyArray<readonly [string, () => Client | Promise<Client>]> = [
  ["Promise API, undici: await flow.close()", promiseClient("undici")],
  ["Promise API, fetch: await flow.close()", promiseClient("fetch")],
  ["Effect API, UndiciHttpClient: closing the layer's scope", effectClient(UndiciHttpClient.layer)],
  ["Effect API, FetchHttpClient: closing the layer's scope", effectClient(FetchHttpClient.layer)]
]

const closedBeforeSending = (error: string): Failure => ({
  error,
  reason: "FlowClosedError",
  requestSent: false,
  outcome: "not-sent"
})

/**
 * The stalled charge, aborted when the grace ran out: its request had left, so Flow may hold the
 * payment. Nothing more is sent once closing began, so it is not reconciled: the error says so.
 */
const abortedAfterGrace: Failure = {
  error: FlowChargeCardError.name,
  reason: "FlowClosedError",
  requestSent: true,
  outcome: "unknown"
}

const until = async (ready: () => boolean) => {
  const deadline = Date.now() + 5_000
  while (!ready()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the emulator")
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

describe.each(clients)("%s", (_name, makeClient) => {
  it("refuses new calls at once, fails a read waiting to retry as never sent, aborts the stalled charge after the grace as sent; sends nothing more", async () => {
    const stall = emulator.faults.add({ endpoint: "customer/charge", fault: { type: "latency", ms: 60_000 }, times: 1 })
    const unavailable = emulator.faults.add({ endpoint: "customer/get", fault: { type: "status", status: 503 }, times: 1 })
    const client = await makeClient()
    const stalled = client.charge("cierre-1")
    const retrying = client.get()
    await until(() => stall.applied === 1 && unavailable.applied === 1)
    // the read is now waiting (750–1,500 ms) to be tried again; the charge is held by Flow

    const requestsAtClose = emulator.requests.length
    const closeStarted = performance.now()
    const closing = client.close()
    await client.closingBegins()
    const lateStarted = performance.now()
    const [lateRead, lateCharge] = await Promise.all([client.get(), client.charge("cierre-2")])
    const lateMillis = performance.now() - lateStarted
    await closing
    const closeMillis = performance.now() - closeStarted

    expect(lateRead).toStrictEqual(closedBeforeSending(FlowGetCustomerError.name))
    expect(lateCharge).toStrictEqual(closedBeforeSending(FlowChargeCardError.name))
    expect(lateMillis).toBeLessThan(100)
    // close() resolves once the grace has run out and the stalled charge is aborted
    expect(closeMillis).toBeGreaterThanOrEqual(GRACE_MILLIS - 20)
    expect(closeMillis).toBeLessThan(GRACE_MILLIS + 1_000)
    expect(await stalled).toStrictEqual(abortedAfterGrace)
    expect(await retrying).toStrictEqual(closedBeforeSending(FlowGetCustomerError.name))

    // nothing reached the emulator once closing began (no retry, no lookup, no late call), and the
    // stalled charge was dropped unprocessed when the client gave up on it
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(emulator.requests.slice(requestsAtClose)).toStrictEqual([])
    expect(emulator.requests.map((r) => `${r.endpoint} ${r.status}`).sort()).toStrictEqual([
      "customer/charge 0",
      "customer/get 503"
    ])
    expect(emulator.state.payments).toHaveLength(0)
  })

  it("lets a call that finishes within the grace succeed, and closes as soon as it has", async () => {
    emulator.faults.add({ endpoint: "customer/charge", fault: { type: "latency", ms: 150 }, times: 1 })
    const client = await makeClient()
    const slow = client.charge("cierre-3")
    await until(() => emulator.requests.length === 1)
    const closeStarted = performance.now()
    await client.close()
    const closeMillis = performance.now() - closeStarted
    expect(await slow).toBe("ok")
    expect(closeMillis).toBeLessThan(GRACE_MILLIS)
    expect(emulator.state.payments.map((p) => p.commerceOrder)).toStrictEqual(["cierre-3"])
  })
})

describe("await using flow = new Flow(…)", () => {
  it("closes the client when the block ends, aborting a stalled charge after the grace", async () => {
    emulator.faults.add({ endpoint: "customer/charge", fault: { type: "latency", ms: 60_000 }, times: 1 })
    let outer: Flow | undefined
    let stalled: Promise<Failure | "ok"> | undefined
    let closeStarted = 0
    {
      await using flow = new Flow(emulator.apiKey, emulator.secretKey, "sandbox", { baseUrl: emulator.url, ...options })
      outer = flow
      expect(await flow.customers.get(customerId)).toMatchObject({ customerId })
      stalled = flow.customers.card.charge({ customerId, amount: 9_990, subject: "Plan", commerceOrder: "cierre-4" })
        .then(() => "ok" as const, ofPromise)
      await until(() => emulator.requests.length === 2)
      closeStarted = performance.now()
    }
    const blockMillis = performance.now() - closeStarted
    expect(blockMillis).toBeGreaterThanOrEqual(GRACE_MILLIS - 20)
    expect(blockMillis).toBeLessThan(GRACE_MILLIS + 1_000)
    expect(await stalled).toStrictEqual(abortedAfterGrace)
    expect(await outer.customers.get(customerId).then(() => "ok", ofPromise)).toStrictEqual(
      closedBeforeSending(FlowGetCustomerError.name)
    )
    expect(emulator.requests).toHaveLength(2)
  })
})

describe("a charge aborted by close()", () => {
  // Reconciliation skips a FlowClosedError (nothing may be sent once closing), so the charge's
  // promise has settled by the time close() resolves.
  it("has rejected by the time close() resolves", async () => {
    const stall = emulator.faults.add({ endpoint: "customer/charge", fault: { type: "latency", ms: 60_000 }, times: 1 })
    const client = promiseClient("undici")()
    const stalled = client.charge("cierre-5")
    await until(() => stall.applied === 1)
    await client.close()
    const settled = await Promise.race([
      stalled.then(() => "settled"),
      new Promise((resolve) => setTimeout(() => resolve("still pending"), 50))
    ])
    expect(settled).toBe("settled")
  })
})
