/**
 * Test harness: one in-process emulator per test file, reset before each test, and a raw-wire
 * `call(method, name, params)` that signs like a merchant (docs/flow-api.md "Authentication and signature") and sends the params as a
 * GET query or a POST form, so the tests see exactly what the server does with bytes on the wire.
 */
import { afterAll, beforeAll, beforeEach, expect } from "@effect/vitest"
import { signParams } from "@flowcl/core"
import * as Redacted from "effect/Redacted"
import { createHmac } from "node:crypto"
import { type EmulatorOptions, type EmulatorSettings, type RunningEmulator, start } from "../../src/index.js"

/** A decoded JSON object; fields are `unknown` until a test narrows them. */
export type Json = { readonly [key: string]: unknown }

export interface Answer {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  /** The body when it is a JSON object, else `{}` (check `text` for the rest). */
  readonly body: Json
}

export type Method = "GET" | "POST" | "PUT" | "DELETE"

export interface CallOptions {
  /** Default true. */
  readonly sign?: boolean
  /** Sign with this secret instead of the emulator's. */
  readonly secretKey?: string
  /** Sign with Flow's legacy scheme (`k1=v1&k2=v2`) instead of the current one. */
  readonly legacy?: boolean
  /** Send this apiKey instead of the emulator's; `null` sends none. */
  readonly apiKey?: string | null
  /** How a POST carries its params. Default urlencoded. */
  readonly encoding?: "urlencoded" | "multipart" | "json"
  /** Changes the params after signing (to tamper with them). */
  readonly after?: (signed: Record<string, string>) => Record<string, string>
}

// ------------------------------------------------------------------------------------ narrowing

export const isJson = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value)

export const obj = (value: unknown): Json => {
  if (!isJson(value)) throw new Error(`expected a JSON object, got ${JSON.stringify(value)}`)
  return value
}

export const arr = (value: unknown): ReadonlyArray<unknown> => {
  if (!Array.isArray(value)) throw new Error(`expected an array, got ${JSON.stringify(value)}`)
  return value
}

export const str = (value: unknown): string => {
  if (typeof value !== "string") throw new Error(`expected a string, got ${JSON.stringify(value)}`)
  return value
}

export const num = (value: unknown): number => {
  if (typeof value !== "number") throw new Error(`expected a number, got ${JSON.stringify(value)}`)
  return value
}

/** `data` of a spec-form list answer, as objects. */
export const items = (body: Json): ReadonlyArray<Json> => arr(body["data"]).map(obj)

const parse = (text: string): Json => {
  try {
    const value: unknown = JSON.parse(text)
    return isJson(value) ? value : {}
  } catch {
    return {}
  }
}

/** Polls `probe` until it returns something other than undefined (bounded: tests must not hang). */
export const waitUntil = async <A>(
  probe: () => Promise<A | undefined> | A | undefined,
  timeoutMs = 2_000,
  intervalMs = 5
): Promise<A> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`waitUntil: nothing after ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}

/**
 * Flow's legacy signature, written here from its description (not imported from the emulator): the
 * params sorted by name as `k1=v1&k2=v2`, HMAC-SHA256 hex with the secret key.
 */
export const legacySignature = (params: Readonly<Record<string, string>>, secretKey: string): string =>
  createHmac("sha256", secretKey)
    .update(Object.keys(params).sort().map((name) => `${name}=${params[name]}`).join("&"))
    .digest("hex")

// ------------------------------------------------------------------------------------ the harness

export class Harness {
  private running: RunningEmulator | undefined
  private initialSettings: EmulatorSettings | undefined

  get emulator(): RunningEmulator {
    if (this.running === undefined) throw new Error("the emulator is not running (used outside a test?)")
    return this.running
  }

  async start(options: EmulatorOptions): Promise<void> {
    this.running = await start(options)
    this.initialSettings = { ...this.running.settings }
  }

  async close(): Promise<void> {
    await this.running?.close()
  }

  /** Data, faults and the request log, plus the settings (which `reset()` keeps). */
  resetAll(): void {
    this.emulator.reset()
    if (this.initialSettings !== undefined) Object.assign(this.emulator.settings, this.initialSettings)
  }

  /** The signed params a merchant would send (apiKey added, `s` computed). */
  signed(params: Readonly<Record<string, string>>, options: CallOptions = {}): Record<string, string> {
    const withKey: Record<string, string> = options.apiKey === null
      ? { ...params }
      : { ...params, apiKey: options.apiKey ?? this.emulator.apiKey }
    const secretKey = options.secretKey ?? this.emulator.secretKey
    const signed = options.sign === false
      ? withKey
      : options.legacy
      ? { ...withKey, s: legacySignature(withKey, secretKey) }
      : { ...signParams(withKey, Redacted.make(secretKey)) }
    return options.after ? options.after(signed) : signed
  }

  /** One request to `/api/customer/<name>`, or to `/api/<name>` when `name` has a resource (`payment/getStatus`). */
  async call(
    method: Method,
    name: string,
    params: Readonly<Record<string, string>> = {},
    options: CallOptions = {}
  ): Promise<Answer> {
    const sent = this.signed(params, options)
    const url = new URL(`${this.emulator.url}/${name.includes("/") ? name : `customer/${name}`}`)
    let init: RequestInit = { method }
    if (method === "GET") {
      url.search = new URLSearchParams(sent).toString()
    } else if (options.encoding === "multipart") {
      const form = new FormData()
      for (const [key, value] of Object.entries(sent)) form.append(key, value)
      init = { method, body: form }
    } else if (options.encoding === "json") {
      init = { method, body: JSON.stringify(sent), headers: { "content-type": "application/json" } }
    } else {
      init = { method, body: new URLSearchParams(sent) }
    }
    return answerOf(await fetch(url, init))
  }

  get(name: string, params: Readonly<Record<string, string>> = {}, options: CallOptions = {}): Promise<Answer> {
    return this.call("GET", name, params, options)
  }

  post(name: string, params: Readonly<Record<string, string>> = {}, options: CallOptions = {}): Promise<Answer> {
    return this.call("POST", name, params, options)
  }

  /** `/_admin/<path>` with a JSON body (a string is sent as is, to send broken JSON). */
  async admin(method: Method, path: string, body?: unknown): Promise<Answer> {
    const init: RequestInit = body === undefined
      ? { method }
      : {
        method,
        body: typeof body === "string" ? body : JSON.stringify(body),
        headers: { "content-type": "application/json" }
      }
    return answerOf(await fetch(`${this.emulator.adminUrl}${path}`, init))
  }

  /** `/_admin/<path>` answering a JSON array. */
  async adminList(path: string): Promise<ReadonlyArray<Json>> {
    const response = await fetch(`${this.emulator.adminUrl}${path}`)
    expect(response.status).toBe(200)
    return arr(await response.json()).map(obj)
  }

  /** A form POST to one of Flow's pages (`/app/...`), as the person's browser sends it. */
  async page(method: "GET" | "POST", path: string, form: Readonly<Record<string, string>>): Promise<Answer> {
    const response = method === "GET"
      ? await fetch(`${this.emulator.origin}${path}?${new URLSearchParams(form)}`)
      : await fetch(`${this.emulator.origin}${path}`, { method, body: new URLSearchParams(form) })
    return answerOf(response)
  }

  // ---------------------------------------------------------------------------------- fixtures

  /** A customer created through the API (no card). */
  async createCustomer(fields: Partial<Record<"name" | "email" | "externalId", string>> = {}): Promise<Json> {
    const answer = await this.post("create", {
      name: fields.name ?? "Ana Pérez",
      email: fields.email ?? "ana@example.cl",
      externalId: fields.externalId ?? "ext-1"
    })
    expect(answer.status, answer.text).toBe(200)
    return answer.body
  }

  /** A customer seeded through the admin API, with a registered card unless `card: false`. */
  async seedCustomer(options: { readonly name?: string; readonly card?: boolean; readonly status?: 0 | 1 } = {}) {
    const answer = await this.admin("POST", "/seed", {
      customers: [{
        name: options.name ?? "Carla Card",
        email: "carla@example.cl",
        externalId: "seed-1",
        ...(options.status === undefined ? {} : { status: options.status }),
        ...(options.card === false ? {} : { card: { brand: "Visa", last4: "4242" } })
      }]
    })
    expect(answer.status, answer.text).toBe(201)
    return str(obj(arr(answer.body["customers"])[0])["customerId"])
  }

  /** Seeds customers with these names (no card), in order; returns their ids. */
  async seedNamed(names: ReadonlyArray<string>, status?: 0 | 1): Promise<ReadonlyArray<string>> {
    const answer = await this.admin("POST", "/seed", {
      customers: names.map((name, i) => ({
        name,
        email: `c${i}@example.cl`,
        ...(status === undefined ? {} : { status })
      }))
    })
    expect(answer.status, answer.text).toBe(201)
    return arr(answer.body["customers"]).map((c) => str(obj(c)["customerId"]))
  }

  async charge(customerId: string, amount: string | number, commerceOrder: string, extra: Record<string, string> = {}) {
    return this.post("charge", {
      customerId,
      amount: String(amount),
      subject: extra["subject"] ?? `Cargo ${commerceOrder}`,
      commerceOrder,
      ...extra
    })
  }

  collectParams(customerId: string, commerceOrder: string, receiverUrl = "http://127.0.0.1:9/none") {
    return {
      customerId,
      commerceOrder,
      subject: `Cobro ${commerceOrder}`,
      amount: "5000",
      urlConfirmation: `${receiverUrl}/confirm`,
      urlReturn: `${receiverUrl}/return`
    }
  }
}

const answerOf = async (response: Response): Promise<Answer> => {
  const text = await response.text()
  return { status: response.status, headers: response.headers, text, body: parse(text) }
}

/** Starts one emulator for the file (fast batches by default) and resets it before each test. */
export const useEmulator = (options: EmulatorOptions = {}): Harness => {
  const harness = new Harness()
  beforeAll(() => harness.start({ batchPaceMs: 5, ...options }))
  afterAll(() => harness.close())
  beforeEach(() => harness.resetAll())
  return harness
}

/** Flow's error answer, `{ code, message }` (docs/flow-api.md "Errors"). */
export const expectError = (answer: Answer, status: number, code: number, messagePart?: string | RegExp) => {
  expect(answer.status, answer.text).toBe(status)
  expect(answer.headers.get("content-type")).toContain("application/json")
  expect(answer.body["code"]).toBe(code)
  expect(typeof answer.body["message"]).toBe("string")
  if (messagePart !== undefined) expect(answer.body["message"]).toMatch(messagePart)
}

export const expectInvalidSignature = (answer: Answer) => {
  expect(answer.status).toBe(401)
  expect(JSON.parse(answer.text)).toEqual({ code: 108, message: "Invalid Signature" })
}

export const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/
export const TOKEN = /^[A-Z0-9]{40}$/
