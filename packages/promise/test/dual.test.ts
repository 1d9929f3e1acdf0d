/**
 * The published bundles side by side: an error made by the CommonJS copy (dist/cjs, what `require`
 * loads) is `instanceof` the ESM copy's classes (dist/esm, what `import` loads) and the other way
 * round, since each bundle carries its own classes; and the edge bundle carries no undici.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Esm from "@flowcl/promise"
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"

const dist = join(import.meta.dirname, "../dist")
const Cjs = createRequire(import.meta.url)(join(dist, "cjs/index.js")) as typeof Esm

/** A call that fails at once: nothing listens on port 1. */
const failedCall = (flow: Esm.Flow) => flow.customers.get("cus_1").then(() => expect.unreachable(), (e: unknown) => e)
const unreachable = { baseUrl: "http://127.0.0.1:1/api", retry: { retries: 0 } } as const

describe("the ESM and CommonJS bundles", () => {
  it("are two copies", () => {
    expect(Cjs.Flow).not.toBe(Esm.Flow)
    expect(Cjs.FlowError).not.toBe(Esm.FlowError)
  })

  it("an error of the CommonJS copy is instanceof the ESM classes", async () => {
    let sync: unknown
    try {
      new Cjs.Flow("", "")
    } catch (e) {
      sync = e
    }
    expect(sync).toBeInstanceOf(Esm.FlowAuthenticationError)
    expect(sync).toBeInstanceOf(Esm.FlowError)
    expect(sync).not.toBeInstanceOf(Esm.FlowValidationError)
    const flow = new Cjs.Flow("K", "S", "sandbox", unreachable)
    const error = await failedCall(flow)
    expect(error).toBeInstanceOf(Esm.FlowGetCustomerError)
    expect(error).toBeInstanceOf(Esm.FlowError)
    expect(error).not.toBeInstanceOf(Esm.FlowChargeCardError)
    expect((error as Error).cause).toBeInstanceOf(Esm.FlowConnectionError)
    await flow.close()
  })

  it("an error of the ESM copy is instanceof the CommonJS classes", async () => {
    const flow = new Esm.Flow("K", "S", "sandbox", unreachable)
    const error = await failedCall(flow)
    expect(error).toBeInstanceOf(Cjs.FlowGetCustomerError)
    expect(error).toBeInstanceOf(Cjs.FlowError)
    expect(error).toBeInstanceOf(Error)
    expect(error).not.toBeInstanceOf(Cjs.FlowChargeCardError)
    expect((error as Error).cause).toBeInstanceOf(Cjs.FlowConnectionError)
    expect((error as Error).cause).not.toBeInstanceOf(Cjs.FlowTimeoutError)
    expect(new Esm.FlowValidationError("bad", { field: "x" })).toBeInstanceOf(Cjs.FlowValidationError)
    await flow.close()
  })
})

describe("the bundles' imports", () => {
  /** What a bundle imports or requires: only what the package does not carry. */
  const imports = (file: string) =>
    [...readFileSync(join(dist, file), "utf8").matchAll(/(?:from\s*|require\d*\(|import\()"([^"]+)"/g)].map((m) => m[1])

  it("the Node bundles import only undici and Node's own modules", () => {
    for (const file of ["esm/index.js", "cjs/index.js"]) {
      const outside = imports(file).filter((m) => !m!.startsWith("node:"))
      expect(outside.length).toBeGreaterThan(0)
      for (const m of outside) expect(m).toMatch(/^undici(\/|$)/)
    }
  })

  it("the edge bundle imports nothing, undici least of all", () => {
    expect(imports("edge/index.js").filter((m) => !m!.startsWith("node:"))).toStrictEqual([])
    // core's undici transport (its BufferedResponse) stays out, not only the import
    expect(readFileSync(join(dist, "edge/index.js"), "utf8")).not.toContain("BufferedResponse")
    expect(readFileSync(join(dist, "esm/index.js"), "utf8")).toContain("BufferedResponse")
  })
})
