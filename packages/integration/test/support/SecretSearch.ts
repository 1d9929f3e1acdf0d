/**
 * Looking for secrets in what a user might print: a value is printed every way a user might (message,
 * stack, String, JSON.stringify, util.inspect with hidden fields), and so is everything under its
 * `cause`, `reason` and `errors`.
 */
import { expect } from "@effect/vitest"
import { createServer } from "node:net"
import type { AddressInfo } from "node:net"
import { inspect } from "node:util"

export const INSPECT = { depth: 10, showHidden: true } as const

/** The ways a value gets printed: message, stack, String, JSON.stringify, util.inspect (depth 10, hidden too). */
export const renderings = (value: unknown): Array<readonly [string, string]> => {
  const out: Array<readonly [string, string]> = []
  const add = (how: string, render: () => unknown) => {
    try {
      out.push([how, String(render())])
    } catch (error) {
      // a printer that throws prints nothing; what it threw is checked too
      out.push([`${how} (threw)`, String(error)])
    }
  }
  if (typeof value === "object" && value !== null) {
    add("message", () => (value as { readonly message?: unknown }).message)
    add("stack", () => (value as { readonly stack?: unknown }).stack)
  }
  add("String", () => String(value))
  add("JSON.stringify", () => JSON.stringify(value))
  add("inspect", () => inspect(value, INSPECT))
  return out
}

/** The value and everything under its `cause`, `reason` and `errors`, as labelled nodes. */
export const chain = (label: string, value: unknown): Array<readonly [string, unknown]> => {
  const out: Array<readonly [string, unknown]> = []
  const seen = new Set<unknown>()
  const visit = (path: string, node: unknown, depth: number) => {
    if (node === undefined || node === null || seen.has(node) || depth > 12) return
    seen.add(node)
    out.push([path, node])
    if (typeof node !== "object") return
    const { cause, errors, reason } = node as { cause?: unknown; errors?: unknown; reason?: unknown }
    visit(`${path}.cause`, cause, depth + 1)
    visit(`${path}.reason`, reason, depth + 1)
    if (Array.isArray(errors)) errors.forEach((e, i) => visit(`${path}.errors[${i}]`, e, depth + 1))
  }
  visit(label, value, 0)
  return out
}

/** Fails naming where one of `needles` showed up; answers how many renderings were searched. */
export const expectNoneOf = (needles: ReadonlyArray<string>, label: string, value: unknown): number => {
  let checked = 0
  for (const [path, node] of chain(label, value)) {
    for (const [how, text] of renderings(node)) {
      checked++
      for (const needle of needles) {
        expect(text.includes(needle), `${path} printed with ${how} contains ${needle.slice(0, 12)}…:\n${text}`)
          .toBe(false)
      }
    }
  }
  return checked
}

/** A port on loopback where nothing listens. */
export const closedPort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo
      server.close(() => resolve(port))
    })
  })
