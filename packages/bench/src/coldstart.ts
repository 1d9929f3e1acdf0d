/**
 * Cold start and install size of @flowcl/promise against stripe-node, as a serverless function pays
 * them: each package is installed from the registry's point of view (a fresh `npm i` of promise's
 * packed tarball, of `stripe` at the bench's version) into its own temporary project; then fresh
 * `node` processes, alternating between the two, each import the package, construct a client and make
 * a first call to a closed local port (the connection is refused: what is timed is the client, not a
 * network). Medians of the rounds: time to the first call's answer, its phases, and RSS.
 *
 * Part of `pnpm bench` (bench.ts, which builds first); alone: `tsx packages/bench/src/coldstart.ts`
 * (builds core and promise, then prints the section and writes it into BENCHMARKS.md).
 */
import { execFileSync } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { createServer } from "node:net"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"
import { fileURLToPath } from "node:url"

const root = resolve(import.meta.dirname, "../../..")
const ROUNDS = Math.max(7, Number(process.env["COLDSTART_ROUNDS"] ?? 9))

type Contender = "@flowcl/promise" | "stripe"

export interface ColdStartRun {
  readonly importMs: number
  readonly constructMs: number
  readonly firstCallMs: number
  /** import + construct + first call. */
  readonly totalMs: number
  /** A second call on the same client: the first call's cost beyond it is its one-time work. */
  readonly secondCallMs: number
  /** CPU (user + system) spent from the import to the first call's end: steadier than wall time on a busy machine. */
  readonly cpuMs: number
  readonly rssMb: number
}

export interface Installed {
  readonly packages: number
  readonly megabytes: number
}

/** The program each fresh process runs: it prints one JSON line (a ColdStartRun). */
const program = (contender: Contender, port: number) => {
  const construct = contender === "stripe"
    ? `const { default: Stripe } = mod
const client = new Stripe("sk_test_coldstart", { host: "127.0.0.1", port: ${port}, protocol: "http", maxNetworkRetries: 0 })
const call = () => client.customers.retrieve("cus_coldstart").catch((e) => e)`
    : `const { default: Flow } = mod
const client = new Flow("K", "S", "sandbox", { baseUrl: "http://127.0.0.1:${port}/api", retry: { retries: 0 } })
const call = () => client.customers.get("cus_coldstart").catch((e) => e)`
  return `const c0 = process.cpuUsage()
const t0 = performance.now()
const mod = await import(${JSON.stringify(contender)})
const t1 = performance.now()
${construct}
const t2 = performance.now()
const first = await call()
const t3 = performance.now()
const c3 = process.cpuUsage(c0)
await call()
const t4 = performance.now()
if (!(first instanceof Error)) throw new Error("the call to a closed port did not fail")
console.log(JSON.stringify({
  importMs: t1 - t0, constructMs: t2 - t1, firstCallMs: t3 - t2, totalMs: t3 - t0, secondCallMs: t4 - t3,
  cpuMs: (c3.user + c3.system) / 1000, rssMb: process.memoryUsage().rss / 2 ** 20
}))
process.exit(0)
`
}

/** A local port nothing listens on: taken from the system, then let go. */
const closedPort = (): Promise<number> =>
  new Promise((done, fail) => {
    const server = createServer().once("error", fail).listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number }
      server.close(() => done(port))
    })
  })

const npm = (args: ReadonlyArray<string>, cwd: string) =>
  execFileSync("npm", [...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })

/** Bytes under `dir`, as `du` counts them (apparent sizes). */
const bytesUnder = (dir: string) => Number(execFileSync("du", ["-sb", dir], { encoding: "utf8" }).split("\t")[0])

/** A fresh project in `dir` with `spec` installed by npm: its package count (itself included) and size. */
const install = (dir: string, spec: string): Installed => {
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "coldstart", private: true, type: "module" }))
  npm(["install", "--no-audit", "--no-fund", "--loglevel=error", spec], dir)
  const lock = JSON.parse(readFileSync(join(dir, "package-lock.json"), "utf8")) as { packages: Record<string, unknown> }
  return {
    packages: Object.keys(lock.packages).filter((key) => key !== "").length,
    megabytes: bytesUnder(join(dir, "node_modules")) / 1e6
  }
}

const median = (xs: ReadonlyArray<number>) => {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.floor((sorted.length - 1) / 2)]!
}

export interface ColdStart {
  readonly rounds: number
  readonly runs: Record<Contender, ReadonlyArray<ColdStartRun>>
  readonly medians: Record<Contender, ColdStartRun>
  readonly installed: Record<Contender, Installed>
  readonly stripeVersion: string
}

/** Packs the built @flowcl/promise, installs both into temporary projects, and times fresh processes. */
export const measureColdStart = async (): Promise<ColdStart> => {
  const work = mkdtempSync(join(tmpdir(), "flowcl-coldstart-"))
  try {
    const promiseDir = join(root, "packages/promise")
    if (!existsSync(join(promiseDir, "dist/esm/index.js"))) throw new Error("@flowcl/promise is not built: pnpm build")
    npm(["pack", "--silent", "--pack-destination", work], promiseDir)
    const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"))!
    const stripeVersion = (JSON.parse(
      readFileSync(join(root, "packages/bench/node_modules/stripe/package.json"), "utf8")
    ) as { version: string }).version
    const dirs: Record<Contender, string> = { "@flowcl/promise": join(work, "promise"), stripe: join(work, "stripe") }
    const installed: Record<Contender, Installed> = {
      "@flowcl/promise": install(dirs["@flowcl/promise"], join(work, tarball)),
      stripe: install(dirs.stripe, `stripe@${stripeVersion}`)
    }
    const port = await closedPort()
    for (const contender of Object.keys(dirs) as Array<Contender>) {
      writeFileSync(join(dirs[contender], "coldstart.mjs"), program(contender, port))
    }
    const runs: Record<Contender, Array<ColdStartRun>> = { "@flowcl/promise": [], stripe: [] }
    const run = (contender: Contender) => {
      const out = execFileSync(process.execPath, ["coldstart.mjs"], { cwd: dirs[contender], encoding: "utf8" })
      runs[contender].push(JSON.parse(out.trim().split("\n").at(-1)!) as ColdStartRun)
    }
    // one unmeasured run each, so the first measured one does not pay for a cold disk cache
    for (const contender of Object.keys(dirs) as Array<Contender>) {
      execFileSync(process.execPath, ["coldstart.mjs"], { cwd: dirs[contender], encoding: "utf8" })
    }
    for (let round = 0; round < ROUNDS; round++) {
      // alternate which goes first, so neither always runs right after the other
      const order: Array<Contender> = round % 2 === 0 ? ["@flowcl/promise", "stripe"] : ["stripe", "@flowcl/promise"]
      for (const contender of order) run(contender)
    }
    const medianRun = (xs: ReadonlyArray<ColdStartRun>): ColdStartRun => ({
      importMs: median(xs.map((x) => x.importMs)),
      constructMs: median(xs.map((x) => x.constructMs)),
      firstCallMs: median(xs.map((x) => x.firstCallMs)),
      totalMs: median(xs.map((x) => x.totalMs)),
      secondCallMs: median(xs.map((x) => x.secondCallMs)),
      cpuMs: median(xs.map((x) => x.cpuMs)),
      rssMb: median(xs.map((x) => x.rssMb))
    })
    return {
      rounds: ROUNDS,
      runs,
      medians: { "@flowcl/promise": medianRun(runs["@flowcl/promise"]), stripe: medianRun(runs.stripe) },
      installed,
      stripeVersion
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })

/** The BENCHMARKS.md section. */
export const coldStartSection = (result: ColdStart): string => {
  const promise = result.medians["@flowcl/promise"]
  const stripe = result.medians.stripe
  const row = (name: string, m: ColdStartRun, i: Installed) =>
    `| ${name} | ${fmt(m.totalMs)} | ${fmt(m.cpuMs)} | ${fmt(m.importMs)} | ${fmt(m.constructMs, 1)} | ${
      fmt(m.firstCallMs, 1)
    } | ${fmt(m.secondCallMs, 1)} | ${fmt(m.rssMb)} | ${i.packages} | ${fmt(i.megabytes, 1)} |`
  const met = promise.totalMs <= stripe.totalMs
  return `## Cold start and install size

What a serverless function pays before its first answer: fresh \`node\` processes (Node ${process.version}), alternating
between the two packages, each importing the package, constructing a client and making a first call to a closed
local port (refused at once: the time is the client's); medians of ${result.rounds} rounds each. Each package is installed
with a fresh \`npm i\` into its own temporary project: @flowcl/promise from its packed tarball (\`npm pack\`, the
built bundle), stripe-node ${result.stripeVersion} from the registry.

| package | import + construct + first call, ms | its CPU ms | import ms | construct ms | first call ms | second call ms | RSS MB | packages installed | \`node_modules\` MB |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${row("@flowcl/promise", promise, result.installed["@flowcl/promise"])}
${row(`stripe-node ${result.stripeVersion}`, stripe, result.installed.stripe)}

- Target: @flowcl/promise's cold start at most stripe-node's: ${fmt(promise.totalMs)} ms vs ${fmt(stripe.totalMs)} ms, ${
    met ? "**met**" : "**not met**"
  } (CPU: ${fmt(promise.cpuMs)} ms vs ${fmt(stripe.cpuMs)} ms); packages installed at most 3: ${result.installed["@flowcl/promise"].packages}, ${
    result.installed["@flowcl/promise"].packages <= 3 ? "**met**" : "**not met**"
  }.
- The first call's extra cost over the second (${fmt(promise.firstCallMs - promise.secondCallMs, 1)} ms for
  @flowcl/promise) is one-time work: building the client's services (one scoped Effect, core's FlowServices.ts, rather
  than a graph of layers) and the first run of each code path, undici's connection code included.
`
}

/** Writes `section` into BENCHMARKS.md in place of an older one, or at its end. */
export const writeSection = (section: string, file = resolve(root, "BENCHMARKS.md")) => {
  const text = existsSync(file) ? readFileSync(file, "utf8") : ""
  const start = text.indexOf("## Cold start and install size")
  if (start === -1) return writeFileSync(file, `${text.trimEnd()}\n\n${section}`)
  const next = text.indexOf("\n## ", start + 1)
  writeFileSync(file, `${text.slice(0, start)}${section}${next === -1 ? "" : text.slice(next)}`)
}

/** Measures, prints, and writes the section into BENCHMARKS.md (what `pnpm bench` calls last). */
export const coldStart = async (): Promise<ColdStart> => {
  console.log(`cold start: ${ROUNDS} rounds…`)
  const result = await measureColdStart()
  const section = coldStartSection(result)
  writeSection(section)
  console.log(`\n${section}`)
  return result
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // alone: build what is packed (core's declarations feed promise's)
  for (const pkg of ["core", "promise"]) {
    execFileSync("npm", ["run", "--silent", "build"], { cwd: join(root, "packages", pkg), stdio: "inherit" })
  }
  await coldStart()
}
