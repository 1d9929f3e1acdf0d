/**
 * `pnpm bench`: the clients side by side against a Flow stand-in (the emulator's canned-answer mode)
 * running in separate processes on loopback. Clients alternate round by round, each run in a fresh
 * process; the median of the rounds is reported, with the ratio to the floor, in BENCHMARKS.md.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process"
import { readFileSync, writeFileSync } from "node:fs"
import { cpus, totalmem, type as osType, release } from "node:os"
import { resolve } from "node:path"
import { createInterface } from "node:readline"
import type { ClientName } from "./clients.js"
import type { Result, Workload } from "./worker.js"

const root = resolve(import.meta.dirname, "../../..")
const ROUNDS = Number(process.env["BENCH_ROUNDS"] ?? 3)
/**
 * `BENCH_QUICK=1`: only the floor, core and promise on `get` and `card.charge` at concurrency 32,
 * printed and not written to BENCHMARKS.md: the loop to iterate on the request path.
 */
const QUICK = process.env["BENCH_QUICK"] === "1"
const API_KEY = "bench-api-key"
const SECRET_KEY = "bench-secret-key"

const MAIN: ReadonlyArray<ClientName> = QUICK
  ? ["floor", "core", "promise"]
  : ["floor", "core", "promise", "flowcl-node-api-client"]
const MAIN_WORKLOADS: ReadonlyArray<Workload> = QUICK
  ? ["get-c32", "charge-c32"]
  : ["get-c1", "get-c32", "charge-c32", "list-100", "batch-5000"]
/** Transports measured for the choice of the Node default (get at concurrency 32). */
const TRANSPORTS: ReadonlyArray<ClientName> = ["core (fetch)", "core (platform-node undici)", "promise (fetch)"]

/** Starts a stand-in process serving `total` customers; resolves with its base URL. */
const standIn = (verifySignatures: boolean, total = 100_000): Promise<{ url: string; process: ChildProcess }> =>
  new Promise((done, fail) => {
    const child = spawn(process.execPath, [
      resolve(root, "packages/emulator/bin/flowcl-emulator.js"),
      "--canned",
      "--port",
      "0",
      "--api-key",
      API_KEY,
      "--secret-key",
      SECRET_KEY,
      "--canned-total",
      String(total),
      ...(verifySignatures ? [] : ["--no-verify-signatures"])
    ], { stdio: ["ignore", "pipe", "inherit"] })
    child.once("error", fail)
    createInterface({ input: child.stdout! }).on("line", (line) => {
      const match = /listening on (\S+)/.exec(line)
      if (match) done({ url: match[1]!, process: child })
    })
  })

const runWorker = (client: ClientName, url: string, workloads: ReadonlyArray<Workload>): Array<Result> => {
  const out = execFileSync(
    process.execPath,
    ["--expose-gc", "--import", "tsx", resolve(import.meta.dirname, "worker.ts"), client, url, API_KEY, SECRET_KEY, workloads.join(",")],
    { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 16 * 1024 * 1024 }
  )
  return out.trim().split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Result)
}

/**
 * Bytes allocated per call by `client` on `workload` (a loop of `calls` calls): the worker runs with
 * V8's GC trace, and the `allocated=` of every collection between its markers are summed (a full
 * collection at each marker closes the window).
 */
const allocationPerCall = (client: ClientName, url: string, workload: Workload, calls: number): number => {
  // V8 prints its GC trace through C's stdio, which a pipe buffers: stdbuf makes it line-buffered, so
  // the trace and the worker's marker lines come out in the order they happened
  const out = execFileSync(
    "stdbuf",
    [
      "-oL",
      process.execPath,
      "--expose-gc",
      "--trace-gc",
      "--trace-gc-nvp",
      "--import",
      "tsx",
      resolve(import.meta.dirname, "worker.ts"),
      client,
      url,
      API_KEY,
      SECRET_KEY,
      workload
    ],
    {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, BENCH_ALLOC: "1" },
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 256 * 1024 * 1024
    }
  )
  let inside = false
  let bytes = 0
  for (const line of out.split("\n")) {
    if (line.includes("__ALLOC_START__")) inside = true
    else if (line.includes("__ALLOC_END__")) inside = false
    // the full collection that closes the window is traced before the end marker
    else if (inside) bytes += Number(/\ballocated=(\d+)/.exec(line)?.[1] ?? 0)
  }
  return bytes / calls
}

const median = (xs: ReadonlyArray<number>) => {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.floor((sorted.length - 1) / 2)]!
}

const started = Date.now()
const signed = await standIn(true)
// flowcl-node-api-client signs with Flow's legacy scheme (k=v&…): its stand-in checks only the apiKey
const legacy = await standIn(false)
// the pagination walks need as many customers as they walk
const signed10k = await standIn(true, 10_000)
const legacy10k = await standIn(false, 10_000)
const urlFor = (client: ClientName, total = 100_000) =>
  client === "flowcl-node-api-client"
    ? (total === 10_000 ? legacy10k : legacy).url
    : (total === 10_000 ? signed10k : signed).url

const results: Array<Result> = []
/** Bytes allocated per `get` at concurrency 32, by client. */
const allocations = new Map<string, number>()
const ALLOC_CLIENTS: ReadonlyArray<ClientName> = QUICK ? ["floor", "core", "promise"] : ["floor", "core", "promise", "core (fetch)"]
/** The calls of the get-c32 workload (worker.ts). */
const GET_C32_CALLS = 16_000
try {
  // the cost of a big batch on the client alone, without the network
  if (!QUICK) results.push(...runWorker("core", signed.url, ["batch-validate", "batch-in-process"]))
  for (let round = 1; round <= ROUNDS; round++) {
    // alternate the order each round, so no client always runs first or last
    const order = round % 2 === 1 ? MAIN : [...MAIN].reverse()
    for (const client of order) {
      process.stdout.write(`round ${round}/${ROUNDS}: ${client}… `)
      results.push(...runWorker(client, urlFor(client), MAIN_WORKLOADS))
      console.log("done")
    }
    if (!QUICK) for (const client of TRANSPORTS) results.push(...runWorker(client, urlFor(client), ["get-c32"]))
  }
  // memory: each walk in its own process, so its peak RSS is its own
  for (const workload of QUICK ? [] : ["walk-10k", "walk-100k"] as const) {
    for (const client of MAIN) {
      process.stdout.write(`${workload}: ${client}… `)
      results.push(...runWorker(client, urlFor(client, workload === "walk-10k" ? 10_000 : 100_000), [workload]))
      console.log("done")
    }
  }
  // allocation: each client once more, its GC traced (allocationPerCall)
  for (const client of ALLOC_CLIENTS) {
    process.stdout.write(`allocation: ${client}… `)
    allocations.set(client, allocationPerCall(client, urlFor(client), "get-c32", GET_C32_CALLS))
    console.log("done")
  }
} finally {
  for (const stand of [signed, legacy, signed10k, legacy10k]) stand.process.kill("SIGINT")
}

const allocationRatio = (client: string) => (allocations.get(client) ?? 0) / (allocations.get("floor") ?? 1)
if (QUICK) {
  for (const client of ["core", "promise"]) {
    console.log(
      `${client} allocation: ${(allocations.get(client)! / 1024).toFixed(1)} KB/call vs floor ${
        (allocations.get("floor")! / 1024).toFixed(1)
      } KB (${allocationRatio(client).toFixed(2)}×)`
    )
    for (const workload of MAIN_WORKLOADS) {
      const runs = (c: string) => results.filter((r) => r.client === c && r.workload === workload)
      const med = (c: string, key: "requestsPerSecond" | "cpuMicrosPerCall") => median(runs(c).map((r) => r[key]))
      console.log(
        `${client} ${workload}: ${(med(client, "requestsPerSecond") / med("floor", "requestsPerSecond")).toFixed(2)}× req/s, ` +
          `${(med(client, "cpuMicrosPerCall") / med("floor", "cpuMicrosPerCall")).toFixed(2)}× CPU ` +
          `(${Math.round(med(client, "cpuMicrosPerCall"))} µs vs ${Math.round(med("floor", "cpuMicrosPerCall"))} µs)`
      )
    }
  }
  process.exit(0)
}

// the fixed costs of one core call, piece by piece, in process
const breakdown = JSON.parse(
  execFileSync(process.execPath, ["--import", "tsx", resolve(import.meta.dirname, "breakdown.ts")], {
    cwd: root,
    encoding: "utf8"
  }).trim().split("\n").at(-1)!
) as Record<string, number>

// ------------------------------------------------------------------------------------------- report

type Row = Omit<Result, "seconds" | "calls"> & { readonly rounds: number }
const summarize = (client: string, workload: Workload): Row | undefined => {
  const runs = results.filter((r) => r.client === client && r.workload === workload)
  if (runs.length === 0) return undefined
  return {
    client,
    workload,
    rounds: runs.length,
    requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
    cpuMicrosPerCall: median(runs.map((r) => r.cpuMicrosPerCall)),
    p50Ms: median(runs.map((r) => r.p50Ms)),
    p99Ms: median(runs.map((r) => r.p99Ms)),
    peakRssMb: median(runs.map((r) => r.peakRssMb)),
    heapMb: median(runs.map((r) => r.heapMb))
  }
}

const TITLES: Record<Workload, string> = {
  "get-c1": "`get`, concurrency 1",
  "get-c32": "`get`, concurrency 32",
  "charge-c32": "`card.charge`, concurrency 32",
  "list-100": "`list`, a 100-item page, concurrency 1",
  "batch-5000": "`card.sendMassiveCharge` of 5,000 rows (validate + encode + sign + send)",
  "batch-validate": "5,000-row `sendMassiveCharge`: Schema validation alone (in process)",
  "batch-in-process": "5,000-row `sendMassiveCharge`: the whole operation, answered at once (in process)",
  "walk-10k":
    "walking 10,000 customers, 100 per page (req/s and CPU per page; p50 = the whole walk; core and promise use their auto-pagination)",
  "walk-100k":
    "walking 100,000 customers, 100 per page (req/s and CPU per page; p50 = the whole walk; core and promise use their auto-pagination)"
}

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })
const ratio = (n: number, floor: number | undefined) => floor ? `${(n / floor).toFixed(2)}×` : "—"

const table = (workload: Workload, clients: ReadonlyArray<string>) => {
  const floor = summarize("floor", workload)
  const rows = clients.map((c) => summarize(c, workload)).filter((r) => r !== undefined)
  const heavy = workload.startsWith("batch") || workload.startsWith("walk")
  return [
    `### ${TITLES[workload]}`,
    "",
    `| client | req/s | client CPU ${heavy ? "ms" : "µs"}/call | p50 ms | p99 ms | peak RSS MB | heap kept MB | req/s vs floor | CPU vs floor |`,
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map((r) =>
      `| ${r.client} | ${fmt(r.requestsPerSecond)} | ${heavy ? fmt(r.cpuMicrosPerCall / 1000, 1) : fmt(r.cpuMicrosPerCall)} | ${
        fmt(r.p50Ms, 2)
      } | ${fmt(r.p99Ms, 2)} | ${fmt(r.peakRssMb, 1)} | ${fmt(r.heapMb, 1)} | ${ratio(r.requestsPerSecond, floor?.requestsPerSecond)} | ${
        ratio(r.cpuMicrosPerCall, floor?.cpuMicrosPerCall)
      } |`
    ),
    ""
  ].join("\n")
}

const verdict = (ok: boolean) => ok ? "**met**" : "**not met**"
/** Issue 14's targets: core ≥ 0.8× the floor's req/s at ≤ 1.5× its CPU per call; Promise ≥ 0.75× at ≤ 1.6×. */
const TARGETS: Record<string, { readonly rps: number; readonly cpu: number }> = {
  core: { rps: 0.8, cpu: 1.5 },
  promise: { rps: 0.75, cpu: 1.6 }
}
const targetLines: Array<string> = []
const chargeLines: Array<string> = []
for (const client of ["core", "promise"]) {
  const target = TARGETS[client]!
  const ratios = (["get-c32", "charge-c32"] as const).map((workload) => {
    const floor = summarize("floor", workload)!
    const row = summarize(client, workload)!
    const rps = row.requestsPerSecond / floor.requestsPerSecond
    const cpu = row.cpuMicrosPerCall / floor.cpuMicrosPerCall
    targetLines.push(
      `| ${client} | ${TITLES[workload]} | ${rps.toFixed(2)}× ${verdict(rps >= target.rps)} (≥ ${target.rps}×) | ${
        cpu.toFixed(2)
      }× ${verdict(cpu <= target.cpu)} (≤ ${target.cpu}×) |`
    )
    return { rps, cpu }
  })
  const [get, charge] = ratios as [{ rps: number; cpu: number }, { rps: number; cpu: number }]
  // "within 10% of get's ratios": no more than 10% worse than get on either ratio
  const within = charge.rps >= get.rps * 0.9 && charge.cpu <= get.cpu * 1.1
  chargeLines.push(
    `- ${client}: \`card.charge\` ${charge.rps.toFixed(2)}× req/s and ${charge.cpu.toFixed(2)}× CPU against \`get\`'s ` +
      `${get.rps.toFixed(2)}× and ${get.cpu.toFixed(2)}× (within 10%: ${verdict(within)})`
  )
}

// the previous run's targets table, kept as "before" (the file is rewritten below)
const previous = (() => {
  try {
    const text = readFileSync(resolve(root, "BENCHMARKS.md"), "utf8")
    const date = /on (\d{4}-\d{2}-\d{2})/.exec(text)?.[1] ?? "an earlier date"
    const start = text.indexOf("## Targets")
    const end = text.indexOf("\n## ", start + 1)
    if (start < 0) return undefined
    // this run's own table only, not the "Before" one it kept
    const section = text.slice(start, end < 0 ? undefined : end).split("\nBefore (")[0]!
    const rows = section.split("\n").filter((line) => line.startsWith("| core") || line.startsWith("| promise"))
    return rows.length === 0 ? undefined : { date, rows: rows.filter((row) => !row.includes(" KB ")) }
  } catch {
    return undefined
  }
})()
const allocationLines = ["core", "promise", "core (fetch)"].map((client) =>
  `| ${client} | \`get\`, concurrency 32 | ${(allocations.get(client)! / 1024).toFixed(1)} KB | ${
    (allocations.get("floor")! / 1024).toFixed(1)
  } KB | ${allocationRatio(client).toFixed(2)}× ${verdict(allocationRatio(client) <= 2)} |`
)
const batch = summarize("core", "batch-5000")!
const inProcess = summarize("core", "batch-in-process")!
const validation = summarize("core", "batch-validate")!
const encodeSign = inProcess.p50Ms - validation.p50Ms
const walkSmall = summarize("core", "walk-10k")!
const walkBig = summarize("core", "walk-100k")!

const cpu = cpus()[0]
const report = `# Benchmarks

Written by \`pnpm bench\` (packages/bench) on ${new Date().toISOString().slice(0, 10)}; do not edit by hand.

- Machine: ${cpu?.model ?? "unknown CPU"}, ${cpus().length} cores, ${fmt(totalmem() / 2 ** 30, 1)} GiB, ${osType()} ${release()}
- Node ${process.version}; ${ROUNDS} rounds, clients alternating round by round, each run in a fresh process; medians of the rounds
- Stand-in: the emulator's canned-answer mode (\`flowcl-emulator --canned\`: bare \`node:http\`, fixed answers, no
  state) in its own process on loopback, so server cost does not vary. It verifies every signature, except for
  **flowcl-node-api-client**, which signs with Flow's legacy scheme (\`k=v&…\`): its stand-in checks only the apiKey.
- Clients: **floor** = hand-written undici \`request\` + node:crypto, no validation, the lower bound;
  **core** = @flowcl/core on its UndiciHttpClient, loops driven inside one Effect program;
  **promise** = @flowcl/promise as its users call it (undici by default on Node);
  **flowcl-node-api-client** ${"1.1.6"} (npm), the published alternative (axios, legacy signature).
- Client CPU is the user + system time of the client process per call; peak RSS the highest RSS sampled
  every 10 ms while the workload ran (the worker's baseline, with its TypeScript loader, is about 170 MB);
  heap kept is the heap in use after a full collection at the end; latency is per call, under the given
  concurrency. Each loop workload first runs up to 3,000 calls unmeasured (connections, and the JIT's
  optimizing compiles, whose CPU would otherwise count against the measured calls); \`get\` and
  \`card.charge\` at concurrency 32 then measure 16,000 calls each. (Earlier runs warmed up with 200
  calls and measured 8,000 and 6,000: their ratios to the floor swung by a third between runs.)
- Run time of this benchmark: ${fmt((Date.now() - started) / 1000)} s.

## Targets

| client | workload | req/s vs floor | CPU per call vs floor |
|---|---|---|---|
${targetLines.join("\n")}

${chargeLines.join("\n")}
${
  previous === undefined ? "" : `
Before (the previous run of \`pnpm bench\`, ${previous.date}, as it wrote this table):

| client | workload | req/s vs floor | CPU per call vs floor |
|---|---|---|---|
${previous.rows.join("\n")}
`
}
Allocation per call (bytes the client allocates, summed from V8's GC trace over the measured loop):

| client | workload | allocated per call | floor | vs floor (≤ 2×) |
|---|---|---:|---:|---|
${allocationLines.join("\n")}

- 5,000-row \`sendMassiveCharge\`, encode + sign: ${fmt(encodeSign, 1)} ms (target < 50 ms): ${verdict(encodeSign < 50)}.
  Measured in process, without the network: the whole operation against a transport that answers at
  once takes ${fmt(inProcess.p50Ms, 1)} ms (median), of which ${fmt(validation.p50Ms, 1)} ms are the Schema validation of
  the 5,000 rows; the rest is building \`batchRows\`, encoding the form and signing it. Over loopback,
  the whole call costs ${fmt(batch.cpuMicrosPerCall / 1000, 1)} ms of client CPU.
- Pagination memory (core): walking 10,000 customers peaks at ${fmt(walkSmall.peakRssMb, 1)} MB RSS and keeps
  ${fmt(walkSmall.heapMb, 1)} MB of heap; 100,000 peak at ${fmt(walkBig.peakRssMb, 1)} MB and keep ${fmt(walkBig.heapMb, 1)} MB
  (flat in the number of customers: ${verdict(walkBig.heapMb < walkSmall.heapMb + 8 && walkBig.peakRssMb < walkSmall.peakRssMb * 1.25)}).

## Results

${MAIN_WORKLOADS.map((w) => table(w, MAIN)).join("\n")}
${table("batch-in-process", ["core"])}
${table("batch-validate", ["core"])}
${table("walk-10k", MAIN)}
${table("walk-100k", MAIN)}
## Where a core call's time goes

Fixed costs of one \`get\` through @flowcl/core, measured in process on this run (µs of CPU per call,
median of 5 × 20,000). The floor pays parsing and signing too; a call on core's undici transport runs
the input's validation, the fast decoder and no span (none is opened unless a tracer records), and
the rest of the gap to the floor is the Effect runtime's own bookkeeping per step (fibers, context,
the retry and timeout wiring), which no single piece shows. The last two rows are what a failed call
adds: its reason and its operation's error, made as core makes them and, for comparison, with Schema's
check on construction (median of 5 × 2,000).

| piece | µs per call |
|---|---:|
${Object.entries(breakdown).map(([piece, micros]) => `| ${piece} | ${fmt(micros, 1)} |`).join("\n")}

## Transport (the Node default)

\`get\` at concurrency 32 through each transport. \`core\` and \`promise\` above use core's UndiciHttpClient.

${table("get-c32", ["floor", "core", ...TRANSPORTS.filter((t) => t.startsWith("core")), "promise", "promise (fetch)"])}
`

writeFileSync(resolve(root, "BENCHMARKS.md"), report)
console.log(`\n${report}`)

// cold start and install size against stripe-node (coldstart.ts): its own section of BENCHMARKS.md
await (await import("./coldstart.js")).coldStart()
