/**
 * The package's source holds together: no import cycle among its modules (type-only imports
 * included), each file under 400 lines, and no dependency beyond core's own packages.
 * (A suite: run from ../emulator.test.ts.)
 */
import { describe, expect, it } from "@effect/vitest"
import { readdirSync, readFileSync, statSync } from "node:fs"
import { dirname, join, relative, resolve } from "node:path"
import { fileURLToPath } from "node:url"

const PACKAGE = fileURLToPath(new URL("../..", import.meta.url))
const SRC = join(PACKAGE, "src")

const sources = (dir: string): ReadonlyArray<string> =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : []
  })

/** Each module's relative imports and re-exports, type-only ones included. */
const graph = (): ReadonlyMap<string, ReadonlyArray<string>> =>
  new Map(sources(SRC).map((file) => {
    const text = readFileSync(file, "utf8")
    const targets = [...text.matchAll(/(?:import|export)\s[^"';]*?from\s+"(\.[^"]+)"/g)]
      .map((m) => resolve(dirname(file), m[1]!.replace(/\.js$/, ".ts")))
    return [file, targets]
  }))

describe("the emulator's source", () => {
  it("has no import cycle", () => {
    const edges = graph()
    const cycles: Array<string> = []
    const state = new Map<string, "open" | "done">()
    const stack: Array<string> = []
    const visit = (file: string) => {
      state.set(file, "open")
      stack.push(file)
      for (const target of edges.get(file) ?? []) {
        if (state.get(target) === "open") {
          cycles.push([...stack.slice(stack.indexOf(target)), target].map((f) => relative(SRC, f)).join(" → "))
        } else if (!state.has(target)) visit(target)
      }
      stack.pop()
      state.set(file, "done")
    }
    for (const file of edges.keys()) if (!state.has(file)) visit(file)
    expect(edges.size).toBeGreaterThan(30)
    expect(cycles).toEqual([])
  })

  it("keeps each file under 400 lines", () => {
    const long = sources(SRC).filter((file) => readFileSync(file, "utf8").split("\n").length > 400)
    expect(long.map((file) => relative(SRC, file))).toEqual([])
  })

  it("depends on @flowcl/core, effect and @effect/platform only (core's own packages)", () => {
    const manifest = JSON.parse(readFileSync(join(PACKAGE, "package.json"), "utf8")) as { dependencies: object }
    expect(Object.keys(manifest.dependencies).sort()).toEqual(["@effect/platform", "@flowcl/core", "effect"])
    const imported = new Set(sources(SRC).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/from\s+"([^".][^"]*)"/g)].map((m) => m[1]!.replace(/^(@[^/]+\/[^/]+|[^@/][^/]*).*$/, "$1"))
    ))
    expect([...imported].filter((name) => !name.startsWith("node:")).sort()).toEqual(["@effect/platform", "@flowcl/core", "effect"])
  })
})
