/**
 * `node .ci/publint-tarball.mjs <tarball>…`: publint on each packed tarball (what npm would publish),
 * printing every message and exiting 1 if any is left after the one exception below.
 *
 * The exception: publint warns that `dist/cjs/package.json`'s "imports" field is ignored by Node.js
 * (NESTED_PACKAGE_JSON_FIELD_IGNORED). It is not: Node resolves `#name` imports against the nearest
 * package.json, its package scope, which for the CommonJS build is `dist/cjs/package.json` (it exists to
 * say `"type": "commonjs"`), so core's CommonJS files find `#hmac` (node:crypto or Web Crypto) there.
 * Checked from a fresh install of the tarball with Node 20 (require), Bun, Deno, and esbuild for the
 * browser platform (which picks the Web Crypto signer), and without it `require("@flowcl/core")` fails
 * with "Cannot find module '#hmac'".
 */
import { readFileSync } from "node:fs"
import { basename } from "node:path"
import { publint } from "publint"
import { formatMessage } from "publint/utils"

const ignored = (message) =>
  message.code === "NESTED_PACKAGE_JSON_FIELD_IGNORED" && message.args.field === "imports" &&
  /(^|\/)dist\/cjs\/package\.json$/.test(message.args.filePath)

let failed = 0
for (const tarball of process.argv.slice(2)) {
  const bytes = readFileSync(tarball)
  const { messages, pkg } = await publint({
    pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
    level: "suggestion"
  })
  const kept = messages.filter((message) => !ignored(message))
  const skipped = messages.length - kept.length
  console.log(`publint ${basename(tarball)}: ${kept.length === 0 ? "ok" : `${kept.length} message(s)`}` +
    (skipped > 0 ? ` (${skipped} ignored: nested "imports", see .ci/publint-tarball.mjs)` : ""))
  for (const message of kept) console.log(`  ${message.type}: ${formatMessage(message, pkg)}`)
  failed += kept.length
}
process.exit(failed === 0 ? 0 : 1)
