/**
 * Load: 10,000 concurrent calls against ONE in-process emulator over loopback, half through the Effect
 * API and half through the Promise API, at the same time, each on core's undici transport with its
 * default pool (at most 2,048 connections); 1,000 of them (10%) are stalled by the emulator.
 *
 * - The stalled calls (reads and writes: get, list, a payment read, create, edit, charge, payment link)
 *   go out first, with no retries and a timeout of STALL_TIMEOUT_MILLIS, and each meets a latency
 *   fault rule of two minutes (`times`: exactly the planned number of requests of its endpoint). Only
 *   once every one of them has reached the emulator (so each holds a connection) do the 9,000 healthy
 *   operations start, on what is left of each pool.
 * - Every healthy call must succeed with the expected answer, with the defaults (a timeout of 30 s
 *   per try, time waiting for a connection included; 2 retries). Every stalled call must fail with
 *   its operation's error, reason FlowTimeoutError with `requestSent: true`, outcome "unknown"; a
 *   stalled charge or link is reconciled (the default): its lookup finds no such order and, no resend
 *   being allowed, it ends with reconciliation "not-found".
 * - The emulator must hold exactly what the healthy calls did and nothing of the stalled writes: a
 *   stalled request is dropped unprocessed when its client gives up (the fault acts before Flow's
 *   work), so no stalled create, edit, charge or link happened; no write went out twice; each endpoint
 *   saw exactly the planned requests, plus exactly one lookup per stalled charge or link.
 * - Afterwards, with the clients closed and the emulator's data reset, the open handles are back to
 *   what they were before the clients existed (sockets exactly, timers within TIMER_TOLERANCE), and
 *   so is the heap after a forced GC (within HEAP_TOLERANCE).
 *
 * Client and emulator share one thread, where libuv accepts one connection per turn of the event
 * loop: a turn of this burst takes tens or hundreds of milliseconds, so a connection opened during it
 * waits long to be accepted, and past the accept queue (Node's default backlog, 511) the kernel drops
 * it and the client's SYN is retried a second or more later. So the calls are launched LAUNCH_STEP per
 * turn, each step once at most MAX_PENDING_CONNECTS connections wait to be accepted (counted through
 * undici's and net's diagnostics channels); all of them are nonetheless under way together. And the
 * stalled calls get a timeout longer than the healthy burst, so that Flow holds them for the whole of
 * it, and the connections their aborts drop (undici reopens one at once for each) are not reopened
 * under load. The figures (p50/p99 latency of the healthy calls, duration, peak memory) are printed at
 * the end and recorded in RELIABILITY.md, "Load and memory".
 *
 * The two halves are written once: each API's calls go through its adapter (support/Apis.ts), the plan
 * and the checks of each call are in support/LoadPlan.ts.
 */
import { describe, expect, it } from "@effect/vitest"
import * as UndiciHttpClient from "@flowcl/core/UndiciHttpClient"
import { type RunningEmulator, start } from "@flowcl/emulator"
import { type Client, type ClientOptions, effectApi, promiseApi } from "../support/Apis.js"
import {
  type Answer,
  checkAnswer,
  checkStalled,
  countBy,
  ENDPOINT,
  endpointsOf,
  type Half,
  interleave,
  isReconciled,
  type Op,
  type OpName,
  type PaymentOp,
  plan,
  seed,
  send,
  sorted,
  type Unit
} from "../support/LoadPlan.js"
import {
  collectGarbage,
  describeHandles,
  handlesAbove,
  heapAfterGc,
  launchInSteps,
  listenOverflows,
  mb,
  openHandles,
  percentile,
  type PeakMemory,
  samplePeakMemory,
  waitUntil,
  watchConnections
} from "../support/ProcessProbe.js"

/** Calls in the run: healthy operations plus stalled calls. */
const CALLS = 10_000
/** The stalled calls' timeout (longer than the healthy burst); the emulator holds them for STALL_MILLIS. */
const STALL_TIMEOUT_MILLIS = 25_000
const STALL_MILLIS = 120_000
/** Calls launched per turn of the event loop. */
const LAUNCH_STEP = 250
/** Connections allowed to wait for the emulator's accept when a step is launched (its queue holds 511). */
const MAX_PENDING_CONNECTS = 150
/**
 * Heap (after GC) allowed above its start once the run is over and the emulator's data is dropped.
 * Measured: about 8 MB after one run, 0.4 MB more after a second (code and caches the run warmed up,
 * not a per-call leak: 10,000 calls leaking 1 KB each would be 10 MB per run).
 */
const HEAP_TOLERANCE = 16 * 1024 * 1024
/** Timers allowed above their start afterwards; sockets and servers: none. */
const TIMER_TOLERANCE = 2

// --------------------------------------------------------------------------------------------- calls

/** One API's half of the run: its client (through its adapter, support/Apis.ts) and its sink for links. */
interface Side {
  readonly half: Half
  readonly client: Client
  readonly sink: string
}

/** A healthy unit's result: the latency of each of its operations, or what went wrong. */
interface HealthyResult {
  readonly api: Half
  readonly unit: Unit
  readonly problem: string | undefined
  readonly millis: ReadonlyArray<number>
  /** create: the new customer's id. */
  readonly customerId?: string | undefined
}

/** A stalled call's result: what is wrong with its failure, if anything. */
interface StalledResult {
  readonly api: Half
  readonly op: Op
  readonly problem: string | undefined
  readonly millis: number
}

/** Runs a unit through either API; never rejects. */
const runUnit = async ({ client, half: api, sink }: Side, unit: Unit): Promise<HealthyResult> => {
  const millis: Array<number> = []
  const timed = async (op: Op): Promise<Answer> => {
    const started = performance.now()
    try {
      const outcome = await send(client, op, sink)
      if (!outcome.ok) throw outcome.error
      return outcome.value as Answer
    } finally {
      millis.push(performance.now() - started)
    }
  }
  try {
    const first = await timed(unit.first)
    const problem = checkAnswer(unit.first, first)
    const customerId = unit.first.op === "create" ? String(first["customerId"]) : undefined
    if (problem !== undefined || unit.then === undefined) return { api, unit, problem, millis, customerId }
    const next = unit.then(first)
    return { api, unit, problem: checkAnswer(next, await timed(next)), millis }
  } catch (error) {
    return { api, unit, problem: `${api} ${unit.kind}: ${String(error)}`, millis }
  }
}

/** Sends a stalled call (no retries, STALL_TIMEOUT_MILLIS) through either API; never rejects. */
const runStalled = async ({ client, half: api, sink }: Side, op: Op): Promise<StalledResult> => {
  const started = performance.now()
  const outcome = await send(client, op, sink, { timeout: STALL_TIMEOUT_MILLIS, retries: 0 })
  return {
    api,
    op,
    problem: outcome.ok ? `${op.op} succeeded` : checkStalled(op, outcome.failure),
    millis: performance.now() - started
  }
}

// ---------------------------------------------------------------------------------------------- run

/** The two clients, each on core's undici transport with its default pool. */
const makeClients = (emulator: RunningEmulator) => {
  const settings: ClientOptions = { apiKey: emulator.apiKey, secretKey: emulator.secretKey, baseUrl: emulator.url }
  const sink = `${emulator.adminUrl}/sink/load`
  const effect = effectApi({ transport: UndiciHttpClient.layer })
  const promise = promiseApi()
  const promiseClient = promise.client(settings)
  // the Promise API's default transport on Node
  expect(promiseClient.flow.transport).toBe("undici")
  const sides: Record<Half, Side> = {
    effect: { half: "effect", client: effect.client(settings), sink },
    promise: { half: "promise", client: promiseClient, sink }
  }
  return {
    sides,
    close: async () => {
      await promise.close()
      await effect.close()
    }
  }
}

/** What a run measured. */
interface Figures {
  readonly healthyOps: number
  readonly stalledCalls: number
  readonly runMillis: number
  readonly stalledArrivedMillis: number
  readonly burstMillis: number
  /** Whether every stalled call still held its connection when the burst ended. */
  readonly pinnedThroughout: boolean
  readonly stalledMillis: number
  readonly latency: Record<"all" | Half, { readonly p50: number; readonly p99: number; readonly max: number }>
  readonly peak: PeakMemory
  readonly connectionsOpened: number
  readonly overflows: number | undefined
}

/**
 * Seeds, stalls 1,000 calls, runs 9,000 healthy operations, and checks every call and the emulator;
 * answers only figures, so that nothing of the run is still referenced once it returns.
 */
const runLoad = async (emulator: RunningEmulator, connections: ReturnType<typeof watchConnections>): Promise<Figures> => {
  const seeded = await seed(emulator)
  const effectPlan = plan("effect", seeded)
  const promisePlan = plan("promise", seeded)
  const healthyUnits = [...effectPlan.healthy, ...promisePlan.healthy]
  const stalledOps = [...effectPlan.stalled, ...promisePlan.stalled]
  const healthyOps = healthyUnits.reduce((n, u) => n + (u.then ? 2 : 1), 0)
  expect(healthyOps + stalledOps.length).toBe(CALLS)

  const clients = makeClients(emulator)
  const { effect, promise } = clients.sides
  // a step is launched once at most MAX_PENDING_CONNECTS connections wait for the emulator's accept
  const connectionsAccepted = () => connections.pending() <= MAX_PENDING_CONNECTS
  try {
    const firstRequest = emulator.requests.length

    // ---- the fault rules: the first N requests of each stalled endpoint stall for two minutes
    const stalledByEndpoint = countBy(stalledOps, (op) => ENDPOINT[op.op])
    const rules = [...stalledByEndpoint].map(([endpoint, count]) =>
      emulator.faults.add({ endpoint, fault: { type: "latency", ms: STALL_MILLIS }, times: count })
    )
    const stalledArrived = () => rules.every((rule) => rule.applied === rule.times)

    const overflowsAtStart = listenOverflows()
    const openedAtStart = connections.opened()
    const peak = samplePeakMemory()
    const runStarted = performance.now()

    // ---- 1,000 stalled calls first; each must reach the emulator (and so hold a connection)
    const stalledDone = launchInSteps(
      interleave<readonly [Side, Op]>(
        effectPlan.stalled.map((op) => [effect, op]),
        promisePlan.stalled.map((op) => [promise, op])
      ),
      LAUNCH_STEP,
      ([side, op]) => runStalled(side, op),
      connectionsAccepted
    )
    expect(
      await waitUntil(stalledArrived, 10_000),
      `stalled requests arrived: ${rules.map((r) => `${r.endpoint} ${r.applied}/${r.times}`)}; connections opened ` +
        `${connections.opened() - openedAtStart}, ${connections.pending()} waiting to be accepted; requests ` +
        `${emulator.requests.length - firstRequest}`
    ).toBe(true)
    const stalledArrivedMillis = performance.now() - runStarted

    // ---- then 9,000 healthy operations (7,200 units), both APIs at once, on what is left of the pools
    const burstStarted = performance.now()
    const healthy = await launchInSteps(
      interleave<readonly [Side, Unit]>(
        effectPlan.healthy.map((unit) => [effect, unit]),
        promisePlan.healthy.map((unit) => [promise, unit])
      ),
      LAUNCH_STEP,
      ([side, unit]) => runUnit(side, unit),
      connectionsAccepted
    )
    const burstMillis = performance.now() - burstStarted
    const pinnedThroughout = performance.now() - runStarted < STALL_TIMEOUT_MILLIS
    const stalled = await stalledDone
    const runMillis = performance.now() - runStarted
    const memory = peak.stop()
    const overflowsAtEnd = listenOverflows()

    // ---- every healthy call succeeded with the expected answer (default timeout: 30 s per try; a try
    // whose time ran out waiting for a connection would have been tried again, as nothing had left)
    const problems = healthy.filter((r) => r.problem !== undefined)
    expect(problems.slice(0, 5).map((r) => r.problem), `${problems.length} healthy units failed`).toStrictEqual([])
    const latencies = healthy.flatMap((r) => r.millis)
    expect(latencies).toHaveLength(healthyOps)
    // ---- every stalled call failed with its operation's error, as sent, outcome "unknown", at its timeout
    const stalledProblems = stalled.filter((r) => r.problem !== undefined)
    expect(stalledProblems.slice(0, 5).map((r) => `${r.api} ${r.problem}`), `${stalledProblems.length} stalled calls`)
      .toStrictEqual([])
    for (const r of stalled) expect(r.millis).toBeGreaterThanOrEqual(STALL_TIMEOUT_MILLIS - 50)

    // ---- the emulator holds exactly what the healthy calls did, and nothing of the stalled writes
    const state = emulator.state
    const ofOp = <N extends OpName>(ops: ReadonlyArray<Op>, name: N) =>
      ops.filter((op): op is Extract<Op, { readonly op: N }> => op.op === name)
    const healthyFirst = healthyUnits.map((u) => u.first)
    const creates = ofOp(healthyFirst, "create")
    expect(state.customers.size).toBe(seeded.names.size + creates.length)
    const byEmail = countBy(state.customers.values(), (c) => c.email)
    for (const op of creates) expect(byEmail.get(op.email), op.email).toBe(1)
    for (const op of ofOp(stalledOps, "create")) expect(byEmail.has(op.email), op.email).toBe(false)
    const createdIds = healthy.flatMap((r) => (r.customerId === undefined ? [] : [r.customerId]))
    expect(new Set(createdIds).size).toBe(creates.length)
    for (const id of createdIds) expect(state.customers.has(id)).toBe(true)
    for (const op of ofOp(healthyFirst, "edit")) expect(state.customers.get(op.customerId)?.name).toBe(op.name)
    for (const op of ofOp(stalledOps, "edit")) {
      expect(state.customers.get(op.customerId)?.name).toBe(seeded.names.get(op.customerId))
    }

    const ordersOf = (kind: Unit["kind"]) =>
      healthyUnits.filter((u) => u.kind === kind).map((u) => (u.first as PaymentOp).commerceOrder)
    const paidOrders = [...ordersOf("charge"), ...ordersOf("chargeAndRead")]
    const reversedOrders = ordersOf("chargeAndReverse")
    const linkOrders = ordersOf("linkAndRead")
    const expectedOrders = [...paidOrders, ...reversedOrders, ...linkOrders]
    expect(state.payments).toHaveLength(expectedOrders.length)
    expect(sorted(countBy(state.payments, (p) => p.commerceOrder))).toStrictEqual(sorted(countBy(expectedOrders, (o) => o)))
    const payment = (order: string) => state.paymentsByOrder.get(order)
    for (const order of paidOrders) expect(payment(order)).toMatchObject({ status: 2, type: 1 })
    for (const order of reversedOrders) expect(payment(order)).toMatchObject({ status: 4, type: 1 })
    for (const order of linkOrders) expect(payment(order)).toMatchObject({ status: 1, type: 2 })
    const stalledPayments = stalledOps.filter(isReconciled)
    for (const op of stalledPayments) expect(payment(op.commerceOrder), op.commerceOrder).toBeUndefined()
    expect(state.attempts).toHaveLength(0)

    // ---- the requests: the healthy ones exactly as planned, all answered 200; each stalled one exactly
    // once, dropped unanswered; exactly one lookup per stalled charge or link (Flow: no such order), and
    // no resend
    const requests = emulator.requests.slice(firstRequest)
    const faulted = requests.filter((r) => r.fault !== undefined)
    expect(faulted.filter((r) => r.fault !== "latency" || r.status !== 0)).toStrictEqual([])
    expect(sorted(countBy(faulted, (r) => r.endpoint))).toStrictEqual(sorted(stalledByEndpoint))
    const keyOf = (params: Readonly<Record<string, string>>) =>
      params["commerceOrder"] ?? params["email"] ?? params["customerId"] ?? ""
    const stalledWriteKey = (op: Op) =>
      op.op === "create" ? op.email : op.op === "edit" ? op.customerId : isReconciled(op) ? op.commerceOrder : undefined
    expect(sorted(countBy(faulted.filter((r) => r.method === "POST"), (r) => keyOf(r.params)))).toStrictEqual(
      sorted(countBy(stalledOps.flatMap((op) => stalledWriteKey(op) ?? []), (k) => k))
    )
    const stalledOrders = new Set(stalledPayments.map((op) => op.commerceOrder))
    const lookups = requests.filter((r) =>
      r.endpoint === ENDPOINT.paymentByOrder && stalledOrders.has(r.params["commerceId"] ?? "")
    )
    expect(sorted(countBy(lookups, (r) => r.params["commerceId"] ?? ""))).toStrictEqual(sorted(countBy(stalledOrders, (o) => o)))
    expect(lookups.filter((r) => r.status !== 401)).toStrictEqual([])
    expect(requests.filter((r) => r.method === "POST" && stalledOrders.has(r.params["commerceOrder"] ?? "")))
      .toHaveLength(stalledOrders.size)
    const healthyRequests = requests.filter((r) => r.fault === undefined && !lookups.includes(r))
    expect(healthyRequests).toHaveLength(healthyOps)
    expect(sorted(countBy(healthyRequests, (r) => r.endpoint))).toStrictEqual(
      sorted(countBy(healthyUnits.flatMap(endpointsOf), (e) => e))
    )
    expect(healthyRequests.filter((r) => r.status !== 200)).toStrictEqual([])
    // no write went out twice: every POST differs (an order, an email, a customer), so its signature does too
    const writes = requests.filter((r) => r.method === "POST")
    expect(new Set(writes.map((r) => r.params["s"])).size).toBe(writes.length)
    expect(requests).toHaveLength(healthyOps + stalledOps.length + lookups.length)

    const summary = (values: ReadonlyArray<number>) => ({
      p50: percentile(values, 50),
      p99: percentile(values, 99),
      max: percentile(values, 100)
    })
    const of = (api: Half) => healthy.filter((r) => r.api === api).flatMap((r) => r.millis)
    return {
      healthyOps,
      stalledCalls: stalled.length,
      runMillis,
      stalledArrivedMillis,
      burstMillis,
      pinnedThroughout,
      stalledMillis: percentile(stalled.map((r) => r.millis), 50),
      latency: { all: summary(latencies), effect: summary(of("effect")), promise: summary(of("promise")) },
      peak: memory,
      connectionsOpened: connections.opened() - openedAtStart,
      overflows: overflowsAtStart === undefined || overflowsAtEnd === undefined ? undefined : overflowsAtEnd - overflowsAtStart
    }
  } finally {
    await clients.close()
  }
}

const ms = (millis: number) => `${Math.round(millis).toLocaleString("en")} ms`
const n = (count: number) => count.toLocaleString("en")

describe("10,000 concurrent calls, 10% of them stalled by Flow, against one emulator", () => {
  it("every healthy call succeeds, every stalled one fails as sent, the emulator holds exactly the healthy work; handles and heap come back", {
    timeout: 120_000
  }, async () => {
    const emulator = await start({ batchPaceMs: 1 })
    const connections = watchConnections()
    try {
      // ---- the start: the emulator running, every module and code path a client uses loaded (one
      // call through each API, on clients then closed), no client open
      const warm = makeClients(emulator)
      for (const side of [warm.sides.effect, warm.sides.promise]) {
        await send(side.client, { op: "get", customerId: "cus_warm" }, side.sink)
      }
      await warm.close()
      const noSockets = (counts: ReadonlyMap<string, number>) => !counts.has("TCPSocketWrap")
      expect(await waitUntil(() => noSockets(openHandles()), 5_000)).toBe(true)
      emulator.reset()
      const handlesAtStart = openHandles()
      const heapAtStart = await heapAfterGc()

      const figures = await runLoad(emulator, connections)

      // ---- afterwards: the clients closed, the emulator's data dropped; handles and heap back to the start
      emulator.reset()
      const tolerance = (kind: string) => (kind === "Timeout" ? TIMER_TOLERANCE : 0)
      const handlesBack = await waitUntil(() => handlesAbove(handlesAtStart, openHandles(), tolerance).length === 0, 5_000)
      const handlesAtEnd = openHandles()
      const heapAtEnd = await heapAfterGc()

      const { latency } = figures
      const overflows = figures.overflows === undefined ? "n/a" : n(figures.overflows)
      console.log(
        [
          `load: ${n(CALLS)} calls, ${n(figures.healthyOps)} healthy operations and ${n(figures.stalledCalls)} stalled ` +
          `calls, half through each API, on core's undici transport (pools of at most ` +
          `${n(UndiciHttpClient.DEFAULT_CONNECTIONS)}; ${n(figures.connectionsOpened)} connections opened)`,
          `  run ${ms(figures.runMillis)}: the stalled calls all at the emulator after ${ms(figures.stalledArrivedMillis)}, ` +
          `the healthy burst ${ms(figures.burstMillis)}${figures.pinnedThroughout ? " (the stalled calls pinned throughout)" : ""}, ` +
          `the stalled calls failed after ${ms(figures.stalledMillis)} (p50, lookup included)`,
          `  healthy latency: p50 ${ms(latency.all.p50)}, p99 ${ms(latency.all.p99)}, max ${ms(latency.all.max)} ` +
          `(Effect p50 ${ms(latency.effect.p50)}, p99 ${ms(latency.effect.p99)}; Promise p50 ${ms(latency.promise.p50)}, ` +
          `p99 ${ms(latency.promise.p99)})`,
          `  peak memory: heap ${mb(figures.peak.heapUsed)}, rss ${mb(figures.peak.rss)}; heap after GC ${mb(heapAtStart)} ` +
          `at the start, ${mb(heapAtEnd)} after (gc ${collectGarbage ? "forced" : "unavailable"})`,
          `  open handles: start ${describeHandles(handlesAtStart)}; after ${describeHandles(handlesAtEnd)}; ` +
          `accept-queue overflows ${overflows}`
        ].join("\n")
      )

      expect(handlesBack, `above the start: ${handlesAbove(handlesAtStart, handlesAtEnd, tolerance).join(", ")}`).toBe(true)
      expect(heapAtEnd - heapAtStart).toBeLessThan(HEAP_TOLERANCE)
    } finally {
      connections.stop()
      await emulator.close()
    }
  })
})
