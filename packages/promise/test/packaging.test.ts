/**
 * Packaging smoke test: build and pack @flowcl/core, @flowcl/promise and @flowcl/emulator as they
 * would be published, install the tarballs into a throwaway project, and from there (ESM, CJS,
 * TypeScript with moduleResolution node16 in both module kinds, and bundler) make a call against the
 * emulator and check `instanceof` on the errors.
 */
import { describe, expect, it } from "@effect/vitest"
import { execFile } from "node:child_process"
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, resolve } from "node:path"

const root = resolve(import.meta.dirname, "../../..")
const tsc = join(root, "node_modules/typescript/bin/tsc")
/**
 * A child process, awaited. Never `execFileSync`: a build takes tens of seconds, and a worker blocked
 * that long cannot answer vitest's RPC, which then fails the whole run ("Timeout calling onTaskUpdate").
 */
const exec = (file: string, args: ReadonlyArray<string>, cwd: string): Promise<string> =>
  new Promise((resolve, reject) =>
    execFile(file, args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? reject(Object.assign(error, { stdout, stderr })) : resolve(stdout))
  )
const pnpm = (args: ReadonlyArray<string>, cwd: string) => exec("npx", ["-y", "pnpm@10", ...args], cwd)

/** What every project runs: a signed call that works, one that fails, and instanceof checks. */
const program = (imports: string) =>
  `${imports}
const emulator = await start({ port: 0 })
try {
  const flow = new Flow(emulator.apiKey, emulator.secretKey, "sandbox", { baseUrl: emulator.url })
  const customer = await flow.customers.create({ name: "Smoke", email: "smoke@example.cl", externalId: "s-1" })
  const error = await flow.customers.card
    .charge({ customerId: customer.customerId, amount: 1000, subject: "x", commerceOrder: "o-1" })
    .catch((e: unknown) => e)
  let sync: unknown
  try { new Flow("", "") } catch (e) { sync = e }
  console.log(JSON.stringify({
    customerId: customer.customerId,
    chargeError: error instanceof FlowChargeCardError && error instanceof FlowError && error instanceof Error,
    name: (error as Error).name,
    code: (error as FlowChargeCardError).code,
    cause: (error as Error).cause instanceof FlowAPIError,
    authError: sync instanceof FlowAuthenticationError && sync instanceof FlowError
  }))
  await flow.close()
} finally {
  await emulator.close()
}
`

const esmImports = `import Flow, { FlowAPIError, FlowAuthenticationError, FlowChargeCardError, FlowError } from "@flowcl/promise"
import { start } from "@flowcl/emulator"`

const cjsImports = `const { default: Flow, FlowAPIError, FlowAuthenticationError, FlowChargeCardError, FlowError } = require("@flowcl/promise")
const { start } = require("@flowcl/emulator")`

/** Plain JS: drop the TypeScript casts. */
const js = (source: string) => source.replace(/ as [A-Za-z]+\)/g, ")").replace(/\(e: unknown\)/g, "(e)").replace(/let sync: unknown/, "let sync")

const expected = {
  chargeError: true,
  name: "FlowChargeCardError",
  code: 1003,
  cause: true,
  authError: true
}

describe("packed packages in a throwaway project", () => {
  it("install, then ESM, CJS, TypeScript node16 (ESM and CJS) and bundler projects call the emulator", async () => {
    const work = mkdtempSync(join(tmpdir(), "flowcl-smoke-"))
    try {
      const tarballs = join(work, "tarballs")
      mkdirSync(tarballs)
      for (const pkg of ["core", "emulator", "promise"]) {
        const dir = join(root, "packages", pkg)
        await exec("npm", ["run", "--silent", "build"], dir)
        await pnpm(["pack", "--pack-destination", tarballs], dir)
      }
      const tgz = (name: string) => `file:./tarballs/${readdirSync(tarballs).find((f) => f.startsWith(`flowcl-${name}-`))}`
      writeFileSync(join(work, "package.json"), JSON.stringify({
        name: "smoke",
        private: true,
        dependencies: { "@flowcl/core": tgz("core"), "@flowcl/promise": tgz("promise"), "@flowcl/emulator": tgz("emulator") },
        pnpm: { overrides: { "@flowcl/core": tgz("core") } }
      }))
      await pnpm(["install", "--prefer-offline", "--config.confirmModulesPurge=false"], work)

      const project = async (name: string, type: "module" | "commonjs", file: string, source: string, tsconfig?: object) => {
        const dir = join(work, name)
        mkdirSync(dir)
        writeFileSync(join(dir, "package.json"), JSON.stringify({ type }))
        writeFileSync(join(dir, file), source)
        if (tsconfig) {
          writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig))
          await exec(process.execPath, [tsc, "-p", dir], dir)
        }
        return dir
      }
      const run = async (dir: Promise<string>, file: string) =>
        JSON.parse((await exec(process.execPath, [file], await dir)).trim().split("\n").at(-1)!)

      const strict = { strict: true, exactOptionalPropertyTypes: true, skipLibCheck: false, target: "ES2022", outDir: "out" }
      const results = {
        esm: await run(project("esm", "module", "index.js", js(program(esmImports))), "index.js"),
        cjs: await run(project("cjs", "commonjs", "index.js", `(async () => {\n${js(program(cjsImports))}\n})()`), "index.js"),
        tsNode16Esm: await run(
          project("ts-node16-esm", "module", "index.ts", program(esmImports), {
            compilerOptions: { ...strict, module: "Node16", moduleResolution: "Node16" }
          }),
          "out/index.js"
        ),
        tsNode16Cjs: await run(
          project("ts-node16-cjs", "commonjs", "index.ts", `import Flow, { FlowAPIError, FlowAuthenticationError, FlowChargeCardError, FlowError } from "@flowcl/promise"
import { start } from "@flowcl/emulator"
async function main() {
${program("")}
}
void main()`, { compilerOptions: { ...strict, module: "Node16", moduleResolution: "Node16" } }),
          "out/index.js"
        ),
        tsBundler: await run(
          project("ts-bundler", "module", "index.ts", program(esmImports), {
            compilerOptions: { ...strict, module: "ESNext", moduleResolution: "Bundler" }
          }),
          "out/index.js"
        )
      }
      for (const [project, result] of Object.entries(results)) {
        // the project's name rides along so a failure says which project broke
        expect({ ...result, customerId: undefined, project }).toStrictEqual({ ...expected, customerId: undefined, project })
        expect(result.customerId).toMatch(/^cus_[a-z0-9]{10}$/)
      }
    } finally {
      rmSync(work, { recursive: true, force: true })
    }
  }, 240_000)
})
