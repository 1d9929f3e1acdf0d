/**
 * The Bun and Deno entry: `bun src/cli.ts '<target JSON>'`, `deno run --allow-net src/cli.ts '<target JSON>'`.
 * Runs both APIs against the emulator, prints their results as one JSON line, and exits 1 if one failed.
 * The packages resolve from node_modules with each runtime's own export conditions.
 */
import { runBoth, type Target } from "./smoke.js"

interface DenoGlobal {
  readonly args: ReadonlyArray<string>
  readonly exit: (code: number) => never
}
const deno = (globalThis as { Deno?: DenoGlobal }).Deno
const runtime = deno !== undefined ? "deno" : "Bun" in globalThis ? "bun" : "node"
const args = deno !== undefined ? deno.args : process.argv.slice(2)

const results = await runBoth(JSON.parse(args[0] ?? "") as Target, runtime)
// which files the runtime's own conditions chose (the Promise package's edge bundle on both)
const resolved = ["@flowcl/promise", "@flowcl/core"].map((name) => import.meta.resolve(name).replace(/^.*\/packages\//, ""))
console.log(JSON.stringify({ runtime, resolved, results }))
const code = results.every((result) => result.ok) ? 0 : 1
if (deno !== undefined) deno.exit(code)
else process.exit(code)
