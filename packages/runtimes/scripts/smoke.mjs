#!/usr/bin/env node
/**
 * `pnpm --filter @flowcl/runtimes smoke`: @flowcl/promise and @flowcl/core on real runtimes installed
 * from npm (workerd through miniflare without `nodejs_compat`, Bun, Deno), each creating a customer
 * and charging one against the emulator, run here in Node, over loopback. Needs the packages built
 * (`pnpm build`). Prints one line per runtime × API and exits 1 if any failed.
 *
 * - workerd: src/worker.ts bundled for the `workerd`, `worker` and `browser` conditions, as Wrangler
 *   bundles a Worker; the bundle must hold neither undici nor a `node:*` module.
 * - Bun, Deno: src/cli.ts, with the packages left as imports (esbuild's `packages: "external"`), so
 *   each runtime resolves them from node_modules with its own export conditions.
 */
import { start } from "@flowcl/emulator"
import { build } from "esbuild"
import { Miniflare } from "miniflare"
import { execFile } from "node:child_process"
import { mkdirSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const bin = (name) => join(root, "node_modules/.bin", name)
const TIMEOUT_MS = 60_000
mkdirSync(join(root, "dist"), { recursive: true })

/** [runtime, api, ok, detail] rows, printed as they come. */
const rows = []
const report = (runtime, api, ok, detail) => {
  rows.push(ok)
  console.log(`${runtime.padEnd(8)} ${api.padEnd(8)} ${ok ? "ok  " : "FAIL"} ${detail}`)
}

const withTimeout = (promise, what) =>
  Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer in ${TIMEOUT_MS} ms`)), TIMEOUT_MS).unref())
  ])

const workerd = async (target) => {
  const outfile = join(root, "dist/worker.js")
  const bundled = await build({
    entryPoints: [join(root, "src/worker.ts")],
    bundle: true,
    format: "esm",
    platform: "browser",
    conditions: ["workerd", "worker", "browser"],
    target: "es2022",
    outfile,
    metafile: true,
    logLevel: "error"
  })
  const inputs = Object.keys(bundled.metafile.inputs)
  const foreign = inputs.filter((path) => /(^|\/)undici\/|^node:/.test(path))
  if (foreign.length > 0) throw new Error(`the Worker bundle holds ${foreign.join(", ")}`)
  const kib = Math.round(bundled.metafile.outputs[Object.keys(bundled.metafile.outputs)[0]].bytes / 1024)
  const promiseEntry = inputs.find((path) => path.includes("promise/"))
  console.log(`workerd  bundle: ${kib} KiB from ${inputs.length} modules, no undici, no node:* (promise from ${promiseEntry})`)

  // no compatibilityFlags: without nodejs_compat
  const mf = new Miniflare({ modules: true, scriptPath: outfile, compatibilityDate: "2025-09-01", bindings: { TARGET: target } })
  try {
    const response = await withTimeout(mf.dispatchFetch("http://smoke.local/"), "workerd")
    const text = await response.text()
    if (!response.ok) throw new Error(`HTTP ${response.status}: ${text.slice(0, 2000)}`)
    const { nodeGlobals, results } = JSON.parse(text)
    if (nodeGlobals) throw new Error("the Worker sees Node globals: nodejs_compat is on")
    return results
  } finally {
    await mf.dispose()
  }
}

const cli = async () => {
  const outfile = join(root, "dist/cli.js")
  await build({
    entryPoints: [join(root, "src/cli.ts")],
    bundle: true,
    packages: "external",
    format: "esm",
    platform: "neutral",
    target: "es2022",
    outfile,
    logLevel: "error"
  })
  return outfile
}

/** Runs `command` (a runtime on dist/cli.js) and reads its JSON line. */
const child = (runtime, command, args) =>
  new Promise((resolve, reject) => {
    execFile(command, args, { cwd: root, timeout: TIMEOUT_MS, env: { ...process.env, DENO_NO_UPDATE_CHECK: "1" } }, (error, stdout, stderr) => {
      const line = stdout.trim().split("\n").at(-1) ?? ""
      try {
        const { resolved, results } = JSON.parse(line)
        console.log(`${runtime.padEnd(8)} resolved ${resolved.join(", ")}`)
        resolve(results)
      } catch {
        reject(new Error(`${runtime} ${error ? `failed (${error.code ?? error.signal})` : "printed no result"}: ${(stderr || stdout).trim().slice(-2000)}`))
      }
    })
  })

const emulator = await start({ port: 0 })
const target = JSON.stringify({ url: emulator.url, adminUrl: emulator.adminUrl, apiKey: emulator.apiKey, secretKey: emulator.secretKey })
console.log(`emulator on ${emulator.url} (Node ${process.version})`)
try {
  const script = await cli()
  const runtimes = [
    ["workerd", () => workerd(target)],
    ["bun", () => child("bun", bin("bun"), [script, target])],
    ["deno", () => child("deno", bin("deno"), ["run", "--allow-net=127.0.0.1", "--allow-env", "--allow-read", "--no-lock", script, target])]
  ]
  for (const [runtime, run] of runtimes) {
    const began = Date.now()
    try {
      const results = await run()
      for (const { api, ok, detail } of results) report(runtime, api, ok, `${detail} (${Date.now() - began} ms for the runtime)`)
    } catch (error) {
      report(runtime, "-", false, error instanceof Error ? error.message : String(error))
    }
  }
} finally {
  await emulator.close()
}
const failed = rows.filter((ok) => !ok).length
console.log(failed === 0 ? `runtimes: ${rows.length} passed` : `runtimes: ${failed} of ${rows.length} failed`)
process.exit(failed === 0 ? 0 : 1)
