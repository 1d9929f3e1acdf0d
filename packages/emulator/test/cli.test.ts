/**
 * The command line (src/cli.ts) as a user runs it: it prints its URL, accepts calls signed with the
 * keys given, prints one line per request, stops on Ctrl-C (SIGINT), and refuses bad options with
 * exit code 2 and the usage text.
 */
import { describe, expect, it } from "@effect/vitest"
import { signParams } from "@flowcl/core"
import * as Redacted from "effect/Redacted"
import { type ChildProcess, spawn } from "node:child_process"
import { createHmac } from "node:crypto"
import { fileURLToPath } from "node:url"

const ROOT = fileURLToPath(new URL("../../..", import.meta.url))
const TSX = "node_modules/.bin/tsx"
const CLI = "packages/emulator/src/cli.ts"

interface Run {
  readonly child: ChildProcess
  readonly stdout: () => string
  readonly stderr: () => string
  /** Resolves with the first match of `pattern` in stdout (bounded). */
  readonly waitFor: (pattern: RegExp, timeoutMs: number) => Promise<RegExpMatchArray>
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

const run = (args: ReadonlyArray<string>): Run => {
  const child = spawn(TSX, ["--conditions=@flowcl/source", CLI, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] })
  let out = ""
  let err = ""
  const listeners = new Set<() => void>()
  child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString("utf8")
    for (const listener of listeners) listener()
  })
  child.stderr?.on("data", (chunk: Buffer) => {
    err += chunk.toString("utf8")
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal }))
  )
  const waitFor = (pattern: RegExp, timeoutMs: number) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = out.match(pattern)
        if (match === null) return
        cleanup()
        resolve(match)
      }
      const timer = setTimeout(() => {
        cleanup()
        reject(new Error(`no ${pattern} in stdout after ${timeoutMs} ms:\n${out}\nstderr:\n${err}`))
      }, timeoutMs)
      const cleanup = () => {
        clearTimeout(timer)
        listeners.delete(check)
      }
      listeners.add(check)
      void exited.then(() => {
        cleanup()
        reject(new Error(`exited before ${pattern}:\n${out}\nstderr:\n${err}`))
      })
      check()
    })
  return { child, stdout: () => out, stderr: () => err, waitFor, exited }
}

/** Stops a child this test started, if it is still running. */
const stop = async (child: ChildProcess) => {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill("SIGKILL")
    await new Promise((resolve) => child.once("exit", resolve))
  }
}

// concurrent: each test waits mostly on a child process starting up
describe.concurrent("flowcl-emulator", () => {
  it("serves the API with the given keys and options, logs each request, and exits on SIGINT", async () => {
    const cli = run(["--port", "0", "--api-key", "K", "--secret-key", "S", "--answer-form", "php", "--no-legacy-signatures"])
    try {
      const [, url] = await cli.waitFor(/Flow emulator listening on (http:\/\/127\.0\.0\.1:\d+\/api)/, 15_000)
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
