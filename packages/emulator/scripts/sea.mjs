#!/usr/bin/env node
/**
 * `pnpm --filter @flowcl/emulator sea [--smoke]`: a single executable file of the emulator, with
 * Node's single executable applications (https://nodejs.org/api/single-executable-applications.html):
 * the bundle (scripts/bundle.mjs) is turned into a blob, and `postject` injects it into a copy of the
 * `node` binary running this script. The result, `dist/sea/flowcl-emulator`, runs on machines of the
 * same OS and architecture with nothing installed. `--smoke` then starts it, checks that it prints
 * its URL and keys, makes a signed call and an admin call, and stops it.
 */
import { execFileSync, spawn } from "node:child_process"
import { createHmac } from "node:crypto"
import { chmodSync, copyFileSync, mkdirSync, statSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { bundle } from "./bundle.mjs"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const out = join(root, "dist/sea")
const executable = join(out, process.platform === "win32" ? "flowcl-emulator.exe" : "flowcl-emulator")
const FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2"

const build = async () => {
  const started = Date.now()
  const main = await bundle()
  mkdirSync(out, { recursive: true })
  const blob = join(out, "sea-prep.blob")
  const config = join(out, "sea-config.json")
  writeFileSync(config, JSON.stringify({ main, output: blob, disableExperimentalSEAWarning: true, useCodeCache: false }))
  execFileSync(process.execPath, ["--experimental-sea-config", config], { stdio: "inherit" })
  copyFileSync(process.execPath, executable)
  chmodSync(executable, 0o755)
  if (process.platform === "darwin") execFileSync("codesign", ["--remove-signature", executable])
  const postject = createRequire(import.meta.url).resolve("postject/dist/cli.js")
  const args = [postject, executable, "NODE_SEA_BLOB", blob, "--sentinel-fuse", FUSE]
  if (process.platform === "darwin") args.push("--macho-segment-name", "NODE_SEA")
  // LIEF (inside postject) warns about ELF note sections on stderr; only a failure is worth showing
  execFileSync(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] })
  if (process.platform === "darwin") execFileSync("codesign", ["--sign", "-", executable])
  console.log(`${executable} (${Math.round(statSync(executable).size / 1024 / 1024)} MiB) in ${Date.now() - started} ms`)
}

/** Runs `command` with `args` as a user would, then checks it serves the API and the admin API. */
export const smoke = (command, args = []) =>
  new Promise((resolve, reject) => {
    const child = spawn(command, [...args, "--port", "0", "--api-key", "smoke-key", "--secret-key", "smoke-secret"], {
      stdio: ["ignore", "pipe", "inherit"]
    })
    let out = ""
    const timer = setTimeout(() => finish(new Error(`no banner after 20 s:\n${out}`)), 20_000)
    const finish = (error) => {
      clearTimeout(timer)
      child.kill("SIGTERM")
      if (error) reject(error)
      else resolve(out)
    }
    child.on("exit", (code) => finish(code === 0 || code === null ? undefined : new Error(`exited with ${code}:\n${out}`)))
    child.stdout.on("data", async (chunk) => {
      out += chunk
      const url = out.match(/listening on (http:\/\/\S+\/api)/)?.[1]
      if (url === undefined || !out.includes("secret key: smoke-secret")) return
      child.stdout.removeAllListeners("data")
      try {
        const params = { apiKey: "smoke-key", name: "Smoke", email: "smoke@example.cl", externalId: "s-1" }
        const text = Object.keys(params).sort().map((name) => name + params[name]).join("")
        const s = createHmac("sha256", "smoke-secret").update(text).digest("hex")
        const created = await fetch(`${url}/customer/create`, { method: "POST", body: new URLSearchParams({ ...params, s }) })
        if (created.status !== 200) throw new Error(`customer/create answered ${created.status}: ${await created.text()}`)
        const log = await (await fetch(`${url.replace(/\/api$/, "/_admin")}/requests`)).json()
        if (log.length !== 1 || log[0].signature !== "current") throw new Error(`unexpected log ${JSON.stringify(log)}`)
        finish()
      } catch (error) {
        finish(error)
      }
    })
  })

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await build()
  if (process.argv.includes("--smoke")) {
    const started = Date.now()
    await smoke(executable)
    console.log(`smoke test of ${executable} passed in ${Date.now() - started} ms`)
  }
}
