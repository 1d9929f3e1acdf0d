/**
 * The command line (src/cli.ts) as a user runs it: it prints its URL and keys, accepts calls signed
 * with the keys given, prints one line per request, stops on Ctrl-C (SIGINT), and refuses bad options with
 * exit code 2 and the usage text.
 */
import { describe, expect, it } from "@effect/vitest"
import { signParams } from "@flowcl/core"
import * as Redacted from "effect/Redacted"
import { createHmac } from "node:crypto"
import { fileURLToPath } from "node:url"
import { type Run, run as runProcess, stop } from "./support/process.js"

const ROOT = fileURLToPath(new URL("../../..", import.meta.url))
const TSX = "node_modules/.bin/tsx"
const CLI = "packages/emulator/src/cli.ts"

const run = (args: ReadonlyArray<string>): Run => runProcess(TSX, ["--conditions=@flowcl/source", CLI, ...args], ROOT)

// concurrent: each test waits mostly on a child process starting up
describe.concurrent("flowcl-emulator", () => {
  it("serves the API with the given keys and options, logs each request, and exits on SIGINT", async () => {
    const cli = run(["--port", "0", "--api-key", "K", "--secret-key", "S", "--answer-form", "php", "--no-legacy-signatures"])
    try {
      const [, url] = await cli.waitFor(/Flow emulator listening on (http:\/\/127\.0\.0\.1:\d+\/api)/, 15_000)
      // what a client in any language needs: the URL, both keys, the admin API
      await cli.waitFor(/admin API: +http:\/\/127\.0\.0\.1:\d+\/_admin/, 5_000)
      const [, inspector] = await cli.waitFor(/inspector: +(http:\/\/127\.0\.0\.1:\d+\/_inspector)/, 5_000)
      expect((await fetch(inspector!)).headers.get("content-type")).toMatch(/^text\/html/)
      expect(cli.stdout()).toMatch(/API key: +K\n +secret key: +S\n/)
      const params = signParams({ apiKey: "K", name: "Ana", email: "ana@example.cl", externalId: "1" }, Redacted.make("S"))
      const response = await fetch(`${url}/customer/create`, { method: "POST", body: new URLSearchParams(params) })
      expect(response.status).toBe(200)
      // the php answer form: an absent date is null
      expect(await response.json()).toMatchObject({ name: "Ana", status: "1", registerDate: null })

      // --no-legacy-signatures: Flow's legacy k=v& signature is refused
      const legacy = { apiKey: "K", limit: "1" }
      const s = createHmac("sha256", "S").update("apiKey=K&limit=1").digest("hex")
      expect((await fetch(`${url}/customer/list?${new URLSearchParams({ ...legacy, s })}`)).status).toBe(401)

      // the default keys are not accepted
      const other = signParams({ apiKey: "emulator-api-key", customerId: "cus_x" }, Redacted.make("emulator-secret-key"))
      expect((await fetch(`${url}/customer/get?${new URLSearchParams(other)}`)).status).toBe(401)

      await cli.waitFor(/POST \/api\/customer\/create 200 [\d.]+ms/, 5_000)
      await cli.waitFor(/GET \/api\/customer\/get 401 code=108/, 5_000)

      cli.child.kill("SIGINT")
      const exit = await Promise.race([
        cli.exited,
        new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), 5_000))
      ])
      expect(exit).not.toBe("timeout")
      // the port is closed once it has exited
      await expect(fetch(`${url}/customer/list`)).rejects.toThrow()
    } finally {
      await stop(cli.child)
    }
  }, 30_000)

  it("--port abc exits with code 2 and the usage text", async () => {
    const cli = run(["--port", "abc"])
    try {
      const exit = await cli.exited
      expect(exit.code).toBe(2)
      expect(cli.stderr()).toContain("--port must be 0..65535, got abc")
      expect(cli.stderr()).toContain("Usage: flowcl-emulator")
    } finally {
      await stop(cli.child)
    }
  }, 20_000)

  it("--answer-form xml exits with code 2 naming the forms", async () => {
    const cli = run(["--answer-form", "xml"])
    try {
      const exit = await cli.exited
      expect(exit.code).toBe(2)
      expect(cli.stderr()).toContain("--answer-form must be one of spec, alternative, php")
    } finally {
      await stop(cli.child)
    }
  }, 20_000)

  it("an unknown option exits with code 2 and the usage text", async () => {
    const cli = run(["--prot", "8080"])
    try {
      const exit = await cli.exited
      expect(exit.code).toBe(2)
      expect(cli.stderr()).toContain("Usage: flowcl-emulator")
    } finally {
      await stop(cli.child)
    }
  }, 20_000)
})
