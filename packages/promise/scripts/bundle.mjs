#!/usr/bin/env node
/**
 * `pnpm --filter @flowcl/promise bundle`: the package's JavaScript as published, each one file with
 * what it uses of effect, @effect/platform and @flowcl/core inside, tree-shaken, so that installing it
 * brings no Effect (a fresh `npm i` of the tarball installs itself and undici):
 *
 * - `dist/esm/index.js` and `dist/cjs/index.js`: Node (import / require), on core's undici transport,
 *   with `undici` left as an import of the package's one dependency;
 * - `dist/edge/index.js`: workerd, workers, browsers, Deno, Bun (ESM, the platform's fetch; no undici).
 *
 * Runs in well under a second, so the tests bundle first (test/support/bundle.ts). Each file is
 * written whole and renamed into place: a test that imports the bundle while another test (the
 * packaging one) rebuilds it never reads half a file.
 */
import { build } from "esbuild"
import { mkdirSync, renameSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")

/** Resolves `./transport.js` (src/transport.ts, the source variant) to `transport.<variant>.ts`. */
const transport = (variant) => ({
  name: "flowcl-transport",
  setup(build) {
    build.onResolve({ filter: /^\.\/transport\.js$/ }, (args) => ({ path: join(args.resolveDir, `transport.${variant}.ts`) }))
  }
})

/**
 * `import { Agent } from "undici"` (core's UndiciHttpClient uses nothing else of it) as a load of
 * undici's Agent module alone: undici's index also loads its fetch, WebSocket, cache and mock modules,
 * and importing it costs about three times as much as the Agent's (measured: the largest single part
 * of the cold start). undici has no "exports" map, so the module is reachable; should a later undici
 * move or hide it, the whole package is loaded instead.
 */
const undiciAgent = (format) => ({
  name: "flowcl-undici-agent",
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, (args) =>
      args.namespace === "flowcl-undici-agent"
        ? { path: "undici", external: true } // the fallback, from inside the module below
        : { path: "undici-agent", namespace: "flowcl-undici-agent" })
    build.onLoad({ filter: /.*/, namespace: "flowcl-undici-agent" }, () => ({
      loader: "js",
      resolveDir: root,
      contents: `${format === "esm" ? `import { createRequire } from "node:module"\nconst require = createRequire(import.meta.url)\n` : ""}
let Agent
try { Agent = require("undici/lib/dispatcher/agent.js") } catch { Agent = require("undici").Agent }
export { Agent }`
    }))
  }
})

const common = {
  entryPoints: [join(root, "src/index.ts")],
  bundle: true,
  write: false,
  // the workspace's TypeScript sources (no build of core needed first)
  conditions: ["@flowcl/source"],
  target: "es2022",
  minifySyntax: true,
  minifyWhitespace: true,
  // identifiers keep their names: stack traces and error classes stay readable
  minifyIdentifiers: false,
  keepNames: false,
  legalComments: "none",
  sourcemap: false,
  logLevel: "warning"
}

/** The bundles, as [file, esbuild options]. */
export const TARGETS = [
  ["dist/esm/index.js", {
    ...common,
    platform: "node",
    format: "esm",
    external: ["undici", "undici/*"],
    plugins: [transport("node"), undiciAgent("esm")]
  }],
  ["dist/cjs/index.js", {
    ...common,
    platform: "node",
    format: "cjs",
    external: ["undici", "undici/*"],
    plugins: [transport("node"), undiciAgent("cjs")]
  }],
  ["dist/edge/index.js", {
    ...common,
    platform: "neutral",
    format: "esm",
    mainFields: ["module", "main"],
    conditions: ["@flowcl/source", "worker", "browser"],
    // core's signing may import node:crypto (Web Crypto is on its way): left as an import, never bundled
    external: ["node:*"],
    plugins: [transport("edge")]
  }]
]

/** Builds every bundle (in parallel), writing each file atomically; resolves with their paths and sizes. */
export const bundle = async () =>
  Promise.all(TARGETS.map(async ([file, options]) => {
    const result = await build(options)
    const out = join(root, file)
    mkdirSync(dirname(out), { recursive: true })
    const text = result.outputFiles[0].contents
    const temporary = `${out}.${process.pid}.tmp`
    writeFileSync(temporary, text)
    renameSync(temporary, out)
    return { file: out, bytes: text.byteLength }
  })).then((files) => {
    // dist/cjs holds CommonJS in a "type": "module" package
    writeFileSync(join(root, "dist/cjs/package.json"), JSON.stringify({ type: "commonjs" }))
    return files
  })

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now()
  for (const { bytes, file } of await bundle()) console.log(`${file} (${Math.round(bytes / 1024)} KiB)`)
  console.log(`bundled in ${Math.round(performance.now() - started)} ms`)
}
