#!/usr/bin/env node
/**
 * `pnpm --filter @flowcl/emulator bundle`: the CLI and everything it uses (@flowcl/core, effect,
 * @effect/platform) as ONE CommonJS file, `dist/bundle/flowcl-emulator.cjs`, that runs with plain
 * `node` and nothing installed. It is what the Dockerfile copies and what the single executable
 * (scripts/sea.mjs) embeds.
 */
import { build } from "esbuild"
import { mkdirSync, statSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
export const BUNDLE = join(root, "dist/bundle/flowcl-emulator.cjs")

export const bundle = async () => {
  mkdirSync(dirname(BUNDLE), { recursive: true })
  await build({
    entryPoints: [join(root, "src/cli.ts")],
    outfile: BUNDLE,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    // the workspace's TypeScript sources, as tests and examples use them (no build needed first)
    conditions: ["@flowcl/source"],
    minifySyntax: true,
    legalComments: "none",
    banner: { js: "#!/usr/bin/env node" },
    logLevel: "warning"
  })
  return BUNDLE
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = await bundle()
  console.log(`${file} (${Math.round(statSync(file).size / 1024)} KiB)`)
}
