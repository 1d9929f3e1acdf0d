/**
 * One client, one process: runs the workloads named on the command line against the stand-in and
 * prints one JSON result per workload. A fresh process per client keeps CPU and RSS figures its own.
 *
 *   node worker.js <client> <url> <apiKey> <secretKey> <workload,...>
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { FlowConfig, FlowCustomers, type MassiveChargeRow, SendMassiveChargeRequest } from "@flowcl/core"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { type ClientName, CLIENTS, type Op } from "./clients.js"

export type Workload =
  | "get-c1"
  | "get-c32"
  | "charge-c32"
  | "list-100"
  | "batch-5000"
  | "batch-validate"
  | "batch-in-process"
  | "walk-10k"
  | "walk-100k"

export interface Result {
  readonly client: string
  readonly workload: Workload
  readonly calls: number
  readonly seconds: number
  readonly requestsPerSecond: number
  /** Client CPU (user + system) per call, microseconds. */
  readonly cpuMicrosPerCall: number
  readonly p50Ms: number
  readonly p99Ms: number
  /** Highest RSS seen while the workload ran, MB. */
  readonly peakRssMb: number
  /** Heap in use at the end of the workload, after a full garbage collection, MB: what the workload kept. */
  readonly heapMb: number
}

const [clientName, url, apiKey, secretKey, workloadList] = process.argv.slice(2)
if (!clientName || !url || !apiKey || !secretKey || !workloadList) {
  console.error("usage: worker <client> <url> <apiKey> <secretKey> <workload,...>")
  process.exit(2)
}

const percentile = (sorted: ReadonlyArray<number>, p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!

/** Samples RSS every 10 ms while `body` runs. */
const measure = async (workload: Workload, body: () => Promise<{ calls: number; latencies: Array<number> }>): Promise<Result> => {
  let peak = process.memoryUsage.rss()
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss())
  }, 10)
  const cpu = process.cpuUsage()
  const started = performance.now()
  const { calls, latencies } = await body()
  const seconds = (performance.now() - started) / 1000
  const used = process.cpuUsage(cpu)
  clearInterval(sampler)
  peak = Math.max(peak, process.memoryUsage.rss())
  const sorted = latencies.sort((a, b) => a - b)
  return {
    client: clientName,
    workload,
    calls,
    seconds: round(seconds, 3),
    requestsPerSecond: round(calls / seconds, 0),
    cpuMicrosPerCall: round((used.user + used.system) / calls, 0),
    p50Ms: round(percentile(sorted, 0.5), 2),
    p99Ms: round(percentile(sorted, 0.99), 2),
    peakRssMb: round(peak / 1024 / 1024, 1),
    heapMb: round(heapAfterGc() / 1024 / 1024, 1)
  }
}

/** Heap in use after a full collection (the worker runs with --expose-gc). */
const heapAfterGc = () => {
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  return process.memoryUsage().heapUsed
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits

const rows: ReadonlyArray<MassiveChargeRow> = Array.from({ length: 5_000 }, (_, i) => ({
  customerId: `cus_${String(i).padStart(10, "0")}`,
  commerceOrder: `batch-${i}`,
  subject: `Gastos comunes ${i}`,
  amount: 45_000 + i,
  paymentMethod: 9
}))

const client = CLIENTS[clientName as ClientName]({ url, apiKey, secretKey })

/**
 * With BENCH_ALLOC=1 (bench.ts runs the worker with --trace-gc --trace-gc-nvp then), a full collection
 * and a marker line around the measured loop: bench.ts sums the `allocated=` of the collections between
 * the markers, the bytes allocated by the loop.
 */
const allocationMark = (which: "start" | "end") => {
  if (process.env["BENCH_ALLOC"] !== "1") return
  ;(globalThis as { gc?: () => void }).gc?.()
  console.log(`__ALLOC_${which.toUpperCase()}__`)
}

const loopWorkload = async (op: Op, calls: number, concurrency: number) => {
  // warm up (connections, and the JIT: until its optimizing compiles are done, their CPU, on a thread
  // of this process, counts against the measured calls; 200 calls were too few for that, and the
  // ratios to the floor then swung by a third between runs)
  await client.loop(op, Math.min(3_000, calls), concurrency)
  allocationMark("start")
  const latencies = await client.loop(op, calls, concurrency)
  allocationMark("end")
  return { calls, latencies }
}

/**
 * Walks the stand-in's customers, 100 per page, keeping nothing but a count. The stand-in serves
 * `total` customers (its --canned-total); one call is one whole walk, its "latency" the walk's time.
 */
const walk = async (total: number) => {
  const started = performance.now()
  const { items, pages } = await client.walk(100)
  if (items !== total) throw new Error(`walked ${items} of ${total}`)
  return { calls: pages, latencies: [performance.now() - started] }
}

/** Runs `once` `times` times after one warm-up, timing each. */
const timedRepeats = async (times: number, once: () => Promise<unknown>) => {
  await once()
  const latencies: Array<number> = []
  for (let i = 0; i < times; i++) {
    const started = performance.now()
    await once()
    latencies.push(performance.now() - started)
  }
  return { calls: times, latencies }
}

const workloads: Record<Workload, () => Promise<{ calls: number; latencies: Array<number> }>> = {
  "get-c1": () => loopWorkload("get", 1_000, 1),
  "get-c32": () => loopWorkload("get", 16_000, 32),
  "charge-c32": () => loopWorkload("charge", 16_000, 32),
  "list-100": () => loopWorkload("list", 400, 1),
  "batch-5000": () => timedRepeats(15, () => client.batch(rows)),
  // core only, no network: the whole operation against a transport that answers at once, and its
  // Schema validation alone; the difference is what encoding and signing the batch costs
  "batch-in-process": () => {
    const answer = JSON.stringify({ token: "T", receivedRows: 5_000, acceptedRows: 5_000, rejectedRows: [] })
    const inProcess = HttpClient.make((request) =>
      Effect.sync(() => HttpClientResponse.fromWeb(request, new Response(answer, { status: 200 })))
    )
    const layer = FlowCustomers.Default.pipe(
      Layer.provide(FlowConfig.layer({ apiKey, secretKey, baseUrl: url })),
      Layer.provide(Layer.succeed(HttpClient.HttpClient, inProcess)),
      Layer.orDie
    )
    return timedRepeats(15, () =>
      Effect.runPromise(Effect.flatMap(FlowCustomers, (c) =>
        c.card.sendMassiveCharge({
          urlCallBack: "https://m.cl/cb",
          urlConfirmation: "https://m.cl/conf",
          urlReturn: "https://m.cl/ret",
          batchRows: rows
        })).pipe(Effect.provide(layer))))
  },
  "batch-validate": () => {
    const validate = Schema.decodeUnknownSync(SendMassiveChargeRequest, { errors: "all" })
    const input = { urlCallBack: "https://m.cl/cb", urlConfirmation: "https://m.cl/conf", urlReturn: "https://m.cl/ret", batchRows: rows }
    return timedRepeats(15, async () => validate(input))
  },
  "walk-10k": () => walk(10_000),
  "walk-100k": () => walk(100_000)
}

for (const workload of workloadList.split(",") as Array<Workload>) {
  const result = await measure(workload, workloads[workload])
  console.log(JSON.stringify(result))
}
await client.close()
