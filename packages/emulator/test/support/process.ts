/**
 * A child process as a user runs it: its output read as it comes, a bounded wait for a line, and a
 * stop that ends only the child the test started.
 */
import { type ChildProcess, spawn } from "node:child_process"

export interface Run {
  readonly child: ChildProcess
  readonly stdout: () => string
  readonly stderr: () => string
  /** Resolves with the first match of `pattern` in stdout (bounded). */
  readonly waitFor: (pattern: RegExp, timeoutMs: number) => Promise<RegExpMatchArray>
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

export const run = (command: string, args: ReadonlyArray<string>, cwd?: string): Run => {
  const child = spawn(command, args, { ...(cwd === undefined ? {} : { cwd }), stdio: ["ignore", "pipe", "pipe"] })
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
export const stop = async (child: ChildProcess) => {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill("SIGKILL")
    await new Promise((resolve) => child.once("exit", resolve))
  }
}

