/**
 * The emulator without Node packages: the one-file bundle (scripts/bundle.mjs) runs with plain `node`,
 * as the Dockerfile runs it. The image itself cannot be built here (no Docker engine): the test runs
 * the Dockerfile's own ENTRYPOINT against the file it COPYs, and its HEALTHCHECK URL. (The single
 * executable, scripts/sea.mjs, embeds the same bundle; CI builds and smoke-tests it: .ci/run.)
 */
import { describe, expect, it } from "@effect/vitest"
import { execFile } from "node:child_process"
import { createHmac } from "node:crypto"
import { existsSync, readFileSync } from "node:fs"
import { createServer } from "node:http"
import { builtinModules } from "node:module"
import type { AddressInfo } from "node:net"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { run, stop } from "./support/process.js"
import { raw } from "./support/raw.js"

const PACKAGE = fileURLToPath(new URL("..", import.meta.url))
const BUNDLE = join(PACKAGE, "dist/bundle/flowcl-emulator.cjs")
const DOCKERFILE = readFileSync(join(PACKAGE, "Dockerfile"), "utf8")

const bundled = new Promise<void>((resolve, reject) =>
  execFile(process.execPath, [join(PACKAGE, "scripts/bundle.mjs")], (error) => (error ? reject(error) : resolve()))
)

/** A signed form POST as the README describes signing. */
const create = (url: string, apiKey: string, secretKey: string) => {
  const params: Record<string, string> = { apiKey, name: "Bundle", email: "bundle@example.cl", externalId: "b-1" }
  const text = Object.keys(params).sort().map((name) => name + params[name]).join("")
  const s = createHmac("sha256", secretKey).update(text, "utf8").digest("hex")
  return fetch(`${url}/customer/create`, { method: "POST", body: new URLSearchParams({ ...params, s }) })
}

describe("the bundle and the container recipe", () => {
  it("the bundle is one file that needs no node_modules: it requires only Node's own modules", async () => {
    await bundled
    const source = readFileSync(BUNDLE, "utf8")
    const required = [...source.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!)
    expect(required.filter((name) => !name.startsWith("node:") && !builtinModules.includes(name))).toEqual([])
    expect(source.startsWith("#!/usr/bin/env node")).toBe(true)
  }, 60_000)

  it("runs with plain node from any directory: prints URL and keys, serves the API and the admin API, stops on SIGTERM", async () => {
    await bundled
    const cli = run(process.execPath, [BUNDLE, "--port", "0", "--api-key", "K", "--secret-key", "S"], "/")
    try {
      const [, url] = await cli.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+\/api)/, 15_000)
      await cli.waitFor(/secret key: +S/, 5_000)
      expect((await create(url!, "K", "S")).status).toBe(200)
      const log = await (await fetch(`${url!.replace(/\/api$/, "/_admin")}/requests`)).json() as Array<{ signature: string }>
      expect(log.map((r) => r.signature)).toEqual(["current"])
      cli.child.kill("SIGTERM")
      expect((await cli.exited).code).toBe(0)
    } finally {
      await stop(cli.child)
    }
  }, 60_000)

  it("a port already in use: exit code 1 and the reason, no stack trace", async () => {
    await bundled
    const holder = createServer()
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve))
    try {
      const port = String((holder.address() as AddressInfo).port)
      const cli = run(process.execPath, [BUNDLE, "--port", port], "/")
      expect((await cli.exited).code).toBe(1)
      expect(cli.stderr().trim()).toBe(`flowcl-emulator: the Flow emulator cannot start: listen EADDRINUSE: address already in use 127.0.0.1:${port}`)
    } finally {
      holder.close()
    }
  }, 60_000)

  it("the Dockerfile copies the bundle and runs it on 0.0.0.0; its ENTRYPOINT and HEALTHCHECK work", async () => {
    await bundled
    const copy = DOCKERFILE.match(/^COPY (\S+) (\S+)$/m)
    expect(copy?.[1]).toBe("dist/bundle/flowcl-emulator.cjs")
    expect(existsSync(join(PACKAGE, copy![1]!))).toBe(true)
    expect(readFileSync(join(PACKAGE, ".dockerignore"), "utf8")).toContain(`!${copy![1]}`)

    const entrypoint = JSON.parse(DOCKERFILE.match(/^ENTRYPOINT (\[.*\])$/m)![1]!) as Array<string>
    expect(entrypoint.slice(0, 2)).toEqual(["node", copy![2]])
    expect(entrypoint).toEqual(expect.arrayContaining(["--host", "0.0.0.0"]))
    // the image's command, with the file at its local path; a user's `--port 0` after it wins
    const args = [BUNDLE, ...entrypoint.slice(2), "--port", "0"]
    const cli = run(process.execPath, args, "/")
    try {
      const [, port] = await cli.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)\/api/, 15_000)
      const origin = `http://127.0.0.1:${port}`
      // a published port reaches it as localhost:<port> or 127.0.0.1:<port>
      for (const host of [`localhost:${port}`, `127.0.0.1:${port}`]) {
        expect((await raw(origin, "GET", "/_admin/settings", { host })).status).toBe(200)
      }
      // and it still refuses a name it was not given (DNS rebinding), and cross-site writes
      expect((await raw(origin, "GET", "/_admin/settings", { host: `evil.example:${port}` })).status).toBe(403)
      expect((await raw(origin, "POST", "/_admin/reset", { host: `localhost:${port}`, origin: "https://evil.example" }, "")).status)
        .toBe(403)
      const healthcheck = DOCKERFILE.match(/^HEALTHCHECK .* (http:\/\/\S+)/m)![1]!
      const path = new URL(healthcheck).pathname
      expect((await fetch(`${origin}${path}`)).status).toBe(200)
      expect((await create(`${origin}/api`, "emulator-api-key", "emulator-secret-key")).status).toBe(200)
    } finally {
      await stop(cli.child)
    }
  }, 60_000)
})
