/** `pnpm examples` keeps working: every example runs against the emulator and says so. */
import { describe, expect, it } from "@effect/vitest"
import { execFile } from "node:child_process"
import { resolve } from "node:path"

const root = resolve(import.meta.dirname, "..")

describe("pnpm examples", () => {
  it("runs every example against an in-process emulator", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env }
    delete env["FLOW_API_KEY"]
    delete env["FLOW_SECRET_KEY"]
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (done) => {
        const child = execFile(
          process.execPath,
          [resolve(root, "node_modules/tsx/dist/cli.mjs"), "--conditions=@flowcl/source", "examples/run-all.ts"],
          { cwd: root, env, timeout: 120_000 },
          (error, stdout, stderr) => done({ code: error ? (child.exitCode ?? 1) : 0, stdout, stderr })
        )
      }
    )
    expect(stderr).toBe("")
    expect(code).toBe(0)
    expect(stdout).toContain("against the Flow emulator")
    expect(stdout).toContain("All examples ran.")
    expect(stdout).not.toContain("✗")
    // one header per example file
    expect(stdout.match(/^▶ /gm)).toHaveLength(17)
  }, 150_000)
})
