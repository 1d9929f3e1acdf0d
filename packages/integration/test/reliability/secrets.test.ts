/**
 * The secret key never leaks: not in errors (however they are printed, down their `cause`/`reason`
 * chains), not in logs, not in spans, not in the configuration or the Promise client when printed.
 *
 * A distinctive secret is given to both the emulator and the clients; every failure kind (validation,
 * Flow API error, authentication with a wrong secret, timeout, connection, decode) and successful calls
 * of all 16 operations go through both APIs (Effect `FlowCustomers` and Promise `Flow`). The wrong
 * secret must not leak either.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import {
  FlowConfig,
  type FlowConfigOptions,
  type FlowConfigShape,
  FlowCustomers,
  type FlowErrorReason,
  type FlowOperationError,
  withCallOptions
} from "@flowcl/core"
import { type RunningEmulator, start } from "@flowcl/emulator"
import {
  Flow,
  FlowAPIError,
  FlowAuthenticationError,
  FlowConnectionError,
  FlowDecodeError,
  type FlowEnvironment,
  FlowError,
  FlowTimeoutError,
  FlowValidationError
} from "@flowcl/promise"
import * as Cause from "effect/Cause"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Redacted from "effect/Redacted"
import { randomUUID } from "node:crypto"
import { createServer } from "node:net"
import type { AddressInfo } from "node:net"
import { inspect } from "node:util"
import { makeRecordingTracer } from "./RecordingTracer.js"

const SECRET = `s3cr3t-${randomUUID()}`
const WRONG_SECRET = `wr0ng-s3cr3t-${randomUUID()}`
const API_KEY = `ak-${randomUUID()}`
const SECRETS = [SECRET, WRONG_SECRET] as const

/** Operation names, as the operation spans are named. */
const OPERATIONS = [
  "customers.create",
  "customers.get",
  "customers.edit",
  "customers.delete",
  "customers.list",
  "customers.card.register",
  "customers.card.status",
  "customers.card.delete",
  "customers.card.charge",
  "customers.card.sendCharge",
  "customers.card.sendMassiveCharge",
  "customers.card.massiveChargeStatus",
  "customers.card.reverseCharge",
  "customers.card.listCharges",
  "customers.card.listFailedCharges",
  "customers.card.subscriptions.list"
] as const

let sequence = 0
const order = (label: string) => `${label}-${Date.now()}-${++sequence}`

// ---------------------------------------------------------------------------------------------
// Printing things every way a user might, and looking for the secrets
// ---------------------------------------------------------------------------------------------

const INSPECT = { depth: 10, showHidden: true } as const

/** The ways a value gets printed: message, stack, String, JSON.stringify, util.inspect (depth 10, hidden too). */
const renderings = (value: unknown): Array<readonly [string, string]> => {
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
const chain = (label: string, value: unknown): Array<readonly [string, unknown]> => {
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

/** Fails naming where a secret showed up. */
const expectNoSecret = (label: string, value: unknown, needles: ReadonlyArray<string> = SECRETS): number => {
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

const closedPort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo
      server.close(() => resolve(port))
    })
  })

it("the detector finds a secret however deep it hides", () => {
  const hidden = new Error("outer", { cause: { reason: new Error("inner", { cause: { detail: [`x${SECRET}x`] } }) } })
  expect(() => expectNoSecret("probe", hidden)).toThrow()
  const nonEnumerable = new Error("plain")
  Object.defineProperty(nonEnumerable, "secret", { value: WRONG_SECRET, enumerable: false })
  expect(() => expectNoSecret("probe", nonEnumerable)).toThrow()
  expect(() => expectNoSecret("probe", { key: Redacted.make(SECRET) })).not.toThrow()
})

// ---------------------------------------------------------------------------------------------
// One emulator for the file, knowing SECRET
// ---------------------------------------------------------------------------------------------

let emulator: RunningEmulator
/** A base URL where nothing listens. */
let deadUrl: string

const admin = async (path: string, body: unknown): Promise<unknown> => {
  const response = await fetch(`${emulator.adminUrl}${path}`, { method: "POST", body: JSON.stringify(body) })
  if (!response.ok) throw new Error(`admin ${path}: HTTP ${response.status} ${await response.text()}`)
  return response.json()
}

/** Seeds one customer with a registered card, returns its id. */
const seedCardCustomer = async (name: string): Promise<string> => {
  const answer = await admin("/seed", { customers: [{ name, email: `${randomUUID()}@example.cl`, card: {} }] })
  const [customer] = (answer as { readonly customers: ReadonlyArray<{ readonly customerId: string }> }).customers
  if (customer === undefined) throw new Error("seed returned no customer")
  return customer.customerId
}

beforeAll(async () => {
  emulator = await start({ apiKey: API_KEY, secretKey: SECRET, batchPaceMs: 1 })
  deadUrl = `http://127.0.0.1:${await closedPort()}/api`
})

afterAll(async () => {
  await emulator?.close()
})

/** The signature `s` of every request the emulator received. */
const signaturesSent = (): Array<string> =>
  emulator.requests.map((r) => r.params["s"]).filter((s): s is string => s !== undefined)

const sink = (what: string) => `${emulator.adminUrl}/sink/${what}`

/** What a whole run produced, for the assertions. */
interface Collected {
  readonly errors: Array<{ readonly label: string; readonly tag: string; readonly error: unknown }>
  readonly values: Array<{ readonly label: string; readonly value: unknown }>
}

// ---------------------------------------------------------------------------------------------
// Effect API
// ---------------------------------------------------------------------------------------------

describe("Effect API: FlowCustomers", () => {
  const collected: Collected = { errors: [], values: [] }
  const lines: Array<string> = []
  const { spans, tracer } = makeRecordingTracer()
  let config: FlowConfigShape | undefined
  let customersService: FlowCustomers | undefined

  const client = (options: Partial<FlowConfigOptions> = {}) =>
    FlowCustomers.Default.pipe(
      Layer.provide(FlowConfig.layer({
        apiKey: API_KEY,
        secretKey: SECRET,
        baseUrl: emulator.url,
        retry: { retries: 0 },
        ...options
      })),
      Layer.provide(FetchHttpClient.layer),
      Layer.orDie
    )

  /** Every log line, printed by Effect's own formatters and by util.inspect. */
  const capture = Logger.make((options) => {
    lines.push(
      Logger.logfmtLogger.log(options),
      Logger.stringLogger.log(options),
      Logger.jsonLogger.log(options),
      inspect(Logger.structuredLogger.log(options), INSPECT),
      inspect({ message: options.message, annotations: options.annotations, cause: options.cause }, INSPECT),
      Cause.pretty(options.cause, { renderErrorCause: true })
    )
  })

  /** A call that must succeed; logs its value at debug level, as a chatty app would. */
  const ok = <A, E, R>(label: string, effect: Effect.Effect<A, E, R>) =>
    Effect.tap(effect, (value) =>
      Effect.zipRight(
        Effect.sync(() => collected.values.push({ label, value })),
        Effect.logDebug(`${label} ok`, value)
      ))

  /** A call that must fail with `reason`; the error is logged the ways a user would log it. */
  const fails = <A, E extends FlowOperationError, R>(
    label: string,
    reason: FlowErrorReason["_tag"],
    effect: Effect.Effect<A, E, R>
  ) =>
    Effect.gen(function*() {
      const result = yield* effect.pipe(
        Effect.tapErrorCause((cause) => Effect.logError(`${label} failed`, cause)),
        Effect.either
      )
      if (Either.isRight(result)) return yield* Effect.dieMessage(`${label}: expected ${reason}, got a success`)
      const error = result.left
      yield* Effect.logError(error)
      yield* Effect.logWarning(error.message).pipe(Effect.annotateLogs({ error, reason: error.reason }))
      yield* Effect.logInfo("failure details", error.reason, Cause.fail(error))
      collected.errors.push({ label, tag: error.reason._tag, error })
      expect(error.reason._tag, label).toBe(reason)
      return error
    })

  const scenario = Effect.gen(function*() {
    const customers = yield* FlowCustomers
    customersService = customers
    const carded = yield* Effect.promise(() => seedCardCustomer("Efecto Tarjeta"))

    // ---- successful calls of all 16 operations
    const created = yield* ok(
      "create",
      customers.create({ name: "Efecto Secreto", email: "efecto@example.cl", externalId: "eff-1" })
    )
    yield* ok("get", customers.get(created.customerId))
    yield* ok("edit", customers.edit({ customerId: created.customerId, name: "Efecto Editado" }))
    yield* ok("list", customers.list({ filter: "Efecto", limit: 5 }))
    const registration = yield* ok(
      "card.register",
      customers.card.register({ customerId: created.customerId, url_return: sink("register") })
    )
    yield* ok("card.status", customers.card.status(registration.token))
    yield* Effect.promise(() => admin(`/registrations/${registration.token}`, {}))
    const charge = yield* ok(
      "card.charge",
      customers.card.charge({ customerId: carded, amount: 2_500, subject: "Cuota", commerceOrder: order("eff-charge") })
    )
    yield* ok("card.listCharges", customers.card.listCharges({ customerId: carded }))
    yield* ok("card.reverseCharge", customers.card.reverseCharge({ flowOrder: charge.flowOrder }))
    yield* ok(
      "card.charge (declined)",
      customers.card.charge({ customerId: carded, amount: 9008, subject: "Vencida", commerceOrder: order("eff-decl") })
    )
    yield* ok("card.listFailedCharges", customers.card.listFailedCharges({ customerId: carded }))
    yield* ok(
      "card.sendCharge",
      customers.card.sendCharge({
        customerId: carded,
        commerceOrder: order("eff-collect"),
        subject: "Cuota",
        amount: 3_000,
        urlConfirmation: sink("confirm"),
        urlReturn: sink("return")
      })
    )
    yield* ok("card.subscriptions.list", customers.card.subscriptions.list({ customerId: carded }))
    const batch = yield* ok(
      "card.sendMassiveCharge",
      customers.card.sendMassiveCharge({
        urlCallBack: sink("batch"),
        urlConfirmation: sink("confirm"),
        urlReturn: sink("return"),
        batchRows: [{ customerId: carded, commerceOrder: order("eff-batch"), subject: "Cuota", amount: 4_000 }]
      })
    )
    yield* ok("card.massiveChargeStatus", customers.card.massiveChargeStatus(batch.token))
    yield* ok("card.delete", customers.card.delete(created.customerId))
    const doomed = yield* ok(
      "create (to delete)",
      customers.create({ name: "Efecto Borrar", email: "borrar@example.cl", externalId: "eff-2" })
    )
    yield* ok("delete", customers.delete(doomed.customerId))

    // ---- every failure kind
    yield* fails(
      "validation",
      "FlowValidationError",
      customers.card.charge({ customerId: carded, amount: -1, subject: "x", commerceOrder: order("eff-bad") })
    )
    yield* fails(
      "validation (email)",
      "FlowValidationError",
      customers.create({ name: "X", email: "not-an-email", externalId: "x" })
    )
    yield* fails(
      "API error (no card)",
      "FlowAPIError",
      customers.card.charge({
        customerId: created.customerId,
        amount: 1_000,
        subject: "Sin tarjeta",
        commerceOrder: order("eff-nocard")
      })
    )
    yield* fails(
      "authentication (wrong secret, GET)",
      "FlowAuthenticationError",
      Effect.flatMap(FlowCustomers, (c) => c.get(created.customerId)).pipe(
        Effect.provide(client({ secretKey: Redacted.make(WRONG_SECRET) }))
      )
    )
    yield* fails(
      "authentication (wrong secret, POST)",
      "FlowAuthenticationError",
      Effect.flatMap(FlowCustomers, (c) =>
        c.card.charge({ customerId: carded, amount: 1_000, subject: "x", commerceOrder: order("eff-auth") })).pipe(
          Effect.provide(client({ secretKey: WRONG_SECRET }))
        )
    )
    emulator.faults.add({ endpoint: "customer/get", fault: { type: "latency", ms: 600 }, times: 1 })
    yield* fails(
      "timeout",
      "FlowTimeoutError",
      customers.get(carded).pipe(withCallOptions({ timeout: "100 millis", retries: 0 }))
    )
    yield* fails(
      "connection (closed port, GET)",
      "FlowConnectionError",
      Effect.flatMap(FlowCustomers, (c) => c.list()).pipe(Effect.provide(client({ baseUrl: deadUrl })))
    )
    yield* fails(
      "connection (closed port, POST)",
      "FlowConnectionError",
      Effect.flatMap(FlowCustomers, (c) => c.create({ name: "X", email: "x@example.cl", externalId: "x" })).pipe(
        Effect.provide(client({ baseUrl: deadUrl }))
      )
    )
    emulator.faults.add({ endpoint: "customer/create", fault: { type: "reset" }, times: 1 })
    yield* fails(
      "connection (reset)",
      "FlowConnectionError",
      customers.create({ name: "Reset", email: "reset@example.cl", externalId: "r" })
    )
    emulator.faults.add({ endpoint: "customer/list", fault: { type: "malformed" }, times: 1 })
    yield* fails("decode (malformed)", "FlowDecodeError", customers.list())
    emulator.faults.add({ endpoint: "customer/get", fault: { type: "truncated" }, times: 1 })
    yield* fails("decode (truncated)", "FlowDecodeError", customers.get(carded))
    emulator.faults.add({ endpoint: "customer/getCharges", fault: { type: "html", status: 502 }, times: 1 })
    yield* fails("API error (HTML 502)", "FlowAPIError", customers.card.listCharges({ customerId: carded }))
    emulator.faults.add({ endpoint: "customer/edit", fault: { type: "status", status: 500 }, times: 1 })
    yield* fails("API error (500)", "FlowAPIError", customers.edit({ customerId: carded, name: "Quinientos" }))

    // ---- configuration errors (no operation): a missing key, a bad option, a bad environment variable
    for (
      const [label, options] of [
        ["config: empty apiKey", { apiKey: "", secretKey: SECRET }],
        ["config: bad timeout", { apiKey: API_KEY, secretKey: SECRET, timeout: -1 }],
        ["config: bad baseUrl", { apiKey: API_KEY, secretKey: Redacted.make(SECRET), baseUrl: "ftp://flow" }]
      ] as const
    ) {
      const error = yield* Effect.flip(FlowConfig.make(options))
      yield* Effect.logError(error)
      collected.errors.push({ label, tag: error._tag, error })
    }
    const configError = yield* Effect.flip(
      Layer.build(FlowConfig.layerConfig()).pipe(
        Effect.scoped,
        Effect.withConfigProvider(ConfigProvider.fromMap(
          new Map([["FLOW_API_KEY", API_KEY], ["FLOW_SECRET_KEY", SECRET], ["FLOW_RETRIES", "lots"]])
        ))
      )
    )
    yield* Effect.logError(configError)
    collected.errors.push({ label: "config: bad FLOW_RETRIES", tag: "ConfigError", error: configError })

    // ---- the resolved configuration, as every request reads it
    config = yield* Effect.provide(
      FlowConfig,
      FlowConfig.layer({ apiKey: API_KEY, secretKey: SECRET, baseUrl: emulator.url })
    )
    const fromEnv = yield* Effect.provide(FlowConfig, FlowConfig.layerConfig()).pipe(
      Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["FLOW_API_KEY", API_KEY], ["FLOW_SECRET_KEY", SECRET]])))
    )
    collected.values.push({ label: "FlowConfig from the environment", value: fromEnv })
    yield* Effect.logDebug("config", config, fromEnv)
  }).pipe(Effect.withLogSpan("secrets-scenario"), Effect.annotateLogs("suite", "secrets"))

  beforeAll(async () => {
    await Effect.runPromise(scenario.pipe(
      Effect.provide(client()),
      Effect.withTracer(tracer),
      Logger.withMinimumLogLevel(LogLevel.All),
      Effect.provide(Logger.replace(Logger.defaultLogger, capture))
    ))
    // what `Effect.runPromise` rejects with when a user does not handle the error (a FiberFailure)
    const rejection = await Effect.runPromise(
      Effect.flatMap(FlowCustomers, (c) => c.get("cus_nobodyhere")).pipe(
        Effect.provide(client({ secretKey: WRONG_SECRET }))
      )
    ).then(() => undefined, (error: unknown) => error)
    expect(inspect(rejection)).toContain("Invalid Signature")
    collected.errors.push({ label: "Effect.runPromise rejection", tag: "FiberFailure", error: rejection })
  }, 30_000)

  it("every failure kind was produced", () => {
    expect(new Set(collected.errors.map((e) => e.tag))).toStrictEqual(
      new Set([
        "FlowValidationError",
        "FlowAPIError",
        "FlowAuthenticationError",
        "FlowTimeoutError",
        "FlowConnectionError",
        "FlowDecodeError",
        "ConfigError",
        "FiberFailure"
      ])
    )
    expect(collected.values.length).toBeGreaterThanOrEqual(19)
  })

  it("no error carries the secret (or the wrong one), however printed, down its cause and reason chain", () => {
    let checked = 0
    for (const { error, label } of collected.errors) checked += expectNoSecret(label, error)
    // operation error → reason → (connection) the fetch error → its cause: all were printed
    // five renderings per error at least, more where a cause chain was walked
    expect(checked).toBeGreaterThan(collected.errors.length * 5)
  })

  it("no successful answer carries the secret", () => {
    for (const { label, value } of collected.values) expectNoSecret(label, value)
  })

  it("errors and span exits carry neither the apiKey nor a request's signature either", () => {
    const needles = [API_KEY, ...signaturesSent()]
    for (const { error, label } of collected.errors) expectNoSecret(label, error, needles)
    for (const span of spans) {
      const text = inspect(span.exit, { depth: 10 })
      for (const needle of needles) expect(text.includes(needle), `span ${span.name}:\n${text}`).toBe(false)
    }
  })

  it("no log line carries the secret, though the errors were logged", () => {
    expect(lines.length).toBeGreaterThan(100)
    expect(lines.some((line) => line.includes("Invalid Signature"))).toBe(true)
    expect(lines.some((line) => line.includes("FlowTimeoutError"))).toBe(true)
    for (const line of lines) {
      for (const secret of SECRETS) expect(line.includes(secret), `log line contains a secret:\n${line}`).toBe(false)
    }
  })

  it("no span attribute, event or exit carries the secret", () => {
    // one span per operation call (29 or more)
    expect(spans.length).toBeGreaterThanOrEqual(29)
    for (const span of spans) {
      const texts = [
        inspect([...span.attributes], INSPECT),
        JSON.stringify([...span.attributes]),
        inspect(span.events, INSPECT),
        inspect(span.exit, { depth: 10 })
      ]
      for (const text of texts) {
        for (const secret of SECRETS) expect(text.includes(secret), `span ${span.name}:\n${text}`).toBe(false)
      }
    }
  })

  it("operation spans carry a URL without the apiKey and the signature", () => {
    const signatures = signaturesSent()
    expect(signatures.length).toBeGreaterThan(20)
    // every operation span of a call that went out carries the HTTP attributes
    const sentSpans = spans.filter((s) => s.name.startsWith("customers.") && s.attributes.has("url.full"))
    const sent = collected.values.filter((v) => !v.label.startsWith("FlowConfig")).length +
      collected.errors.filter((e) => !["FlowValidationError", "ConfigError", "FiberFailure"].includes(e.tag) &&
        !e.label.startsWith("config")).length
    expect(sentSpans.length).toBe(sent)
    expect(sent).toBeGreaterThanOrEqual(29)
    expect(sentSpans.some((s) => s.attributes.get("http.request.method") === "GET")).toBe(true)
    expect(sentSpans.some((s) => s.attributes.get("http.request.method") === "POST")).toBe(true)
    for (const span of sentSpans) {
      const text = String(span.attributes.get("url.full"))
      if (span.attributes.get("http.request.method") === "GET") {
        expect(text).toContain("apiKey=%3Credacted%3E")
        expect(text).toContain("s=%3Credacted%3E")
      } else {
        expect(new URL(text).search, text).toBe("")
      }
      const everything = inspect([...span.attributes], INSPECT) + inspect(span.events, INSPECT)
      expect(everything.includes(API_KEY), `${span.name} has the apiKey: ${text}`).toBe(false)
      for (const s of signatures) expect(everything.includes(s), `${span.name} has a signature: ${text}`).toBe(false)
    }
    // and no other span exists that could hold the raw URL (the platform's client span is off)
    expect(spans.filter((s) => !s.name.startsWith("customers."))).toStrictEqual([])
  })

  it("every operation has its span", () => {
    const names = [...new Set(spans.map((s) => s.name))]
    for (const operation of OPERATIONS) expect(names, operation).toContain(operation)
    const charge = spans.find((s) => s.name === "customers.card.charge" && s.attributes.has("url.full"))
    expect(charge?.attributes.get("url.path")).toBe("/api/customer/charge")
  })

  it("the resolved FlowConfig and the FlowCustomers service print without the secret", () => {
    expect(config).toBeDefined()
    expect(Redacted.value(config!.secretKey)).toBe(SECRET)
    expectNoSecret("FlowConfig", config)
    expectNoSecret("FlowConfig.secretKey", config!.secretKey)
    expectNoSecret("FlowCustomers", customersService)
    expect(inspect(config, INSPECT)).toContain("<redacted>")
    expect(JSON.stringify(config)).toContain("<redacted>")
  })
})

// ---------------------------------------------------------------------------------------------
// Promise API
// ---------------------------------------------------------------------------------------------

describe("Promise API: Flow", () => {
  const collected: Collected = { errors: [], values: [] }
  const clients: Array<Flow> = []
  let flow: Flow | undefined

  const newFlow = (secretKey: string, options: { readonly baseUrl?: string; readonly timeout?: number } = {}) => {
    const made = new Flow(API_KEY, secretKey, "sandbox", {
      baseUrl: options.baseUrl ?? emulator.url,
      retry: { retries: 0 },
      ...(options.timeout === undefined ? {} : { timeout: options.timeout })
    })
    clients.push(made)
    return made
  }

  const ok = async <A>(label: string, call: Promise<A>): Promise<A> => {
    const value = await call
    collected.values.push({ label, value })
    return value
  }

  /** A call that must reject with an operation error whose `cause` is `reason`. */
  const rejects = async (
    label: string,
    reason: new(...args: never) => FlowError,
    call: () => Promise<unknown>
  ): Promise<void> => {
    let outcome: { readonly error: unknown } | undefined
    try {
      await call()
    } catch (error) {
      outcome = { error }
    }
    if (outcome === undefined) throw new Error(`${label}: expected a rejection`)
    const { error } = outcome
    expect(error, label).toBeInstanceOf(FlowError)
    const cause = (error as FlowError).cause
    expect(cause, `${label}: ${String(cause)}`).toBeInstanceOf(reason)
    collected.errors.push({ label, tag: (cause as FlowError).name, error })
  }

  /** What `new Flow(...)` throws. */
  const throws = (label: string, make: () => Flow): void => {
    let thrown: unknown
    try {
      clients.push(make())
    } catch (error) {
      thrown = error
    }
    expect(thrown, label).toBeInstanceOf(FlowError)
    collected.errors.push({ label, tag: (thrown as FlowError).name, error: thrown })
  }

  beforeAll(async () => {
    const f = newFlow(SECRET)
    flow = f
    const c = f.customers
    const carded = await seedCardCustomer("Promesa Tarjeta")

    // ---- successful calls of all 16 operations
    const created = await ok(
      "create",
      c.create({ name: "Promesa Secreta", email: "promesa@example.cl", externalId: "pro-1" })
    )
    await ok("get", c.get(created.customerId))
    await ok("edit", c.edit({ customerId: created.customerId, email: "promesa.nueva@example.cl" }))
    await ok("list", c.list({ filter: "Promesa", limit: 5 }))
    const registration = await ok(
      "card.register",
      c.card.register({ customerId: created.customerId, url_return: sink("register") })
    )
    await ok("card.status", c.card.status(registration.token))
    await admin(`/registrations/${registration.token}`, {})
    const charge = await ok(
      "card.charge",
      c.card.charge({ customerId: carded, amount: 2_500, subject: "Cuota", commerceOrder: order("pro-charge") })
    )
    await ok("card.listCharges", c.card.listCharges({ customerId: carded }))
    await ok("card.reverseCharge", c.card.reverseCharge({ commerceOrder: charge.commerceOrder }))
    await ok(
      "card.charge (declined)",
      c.card.charge({ customerId: carded, amount: 9008, subject: "Vencida", commerceOrder: order("pro-decl") })
    )
    await ok("card.listFailedCharges", c.card.listFailedCharges({ customerId: carded }))
    await ok(
      "card.sendCharge",
      c.card.sendCharge({
        customerId: carded,
        commerceOrder: order("pro-collect"),
        subject: "Cuota",
        amount: 3_000,
        urlConfirmation: sink("confirm"),
        urlReturn: sink("return"),
        ignore_auto_charging: 1
      })
    )
    await ok("card.subscriptions.list", c.card.subscriptions.list({ customerId: carded }))
    const batch = await ok(
      "card.sendMassiveCharge",
      c.card.sendMassiveCharge({
        urlCallBack: sink("batch"),
        urlConfirmation: sink("confirm"),
        urlReturn: sink("return"),
        batchRows: [{ customerId: carded, commerceOrder: order("pro-batch"), subject: "Cuota", amount: 4_000 }]
      })
    )
    await ok("card.massiveChargeStatus", c.card.massiveChargeStatus(batch.token))
    await ok("card.delete", c.card.delete(created.customerId))
    const doomed = await ok("create (to delete)", c.create({ name: "Promesa Borrar", email: "b@example.cl", externalId: "p2" }))
    await ok("delete", c.delete(doomed.customerId))

    // ---- every failure kind
    await rejects(
      "validation",
      FlowValidationError,
      () => c.card.charge({ customerId: carded, amount: 0, subject: "x", commerceOrder: order("pro-bad") })
    )
    await rejects("validation (per-call options)", FlowValidationError, () => c.get(carded, { timeout: -5 }))
    await rejects(
      "API error (no card)",
      FlowAPIError,
      () =>
        c.card.charge({
          customerId: created.customerId,
          amount: 1_000,
          subject: "Sin tarjeta",
          commerceOrder: order("pro-nocard")
        })
    )
    const wrong = newFlow(WRONG_SECRET)
    await rejects("authentication (wrong secret, GET)", FlowAuthenticationError, () => wrong.customers.get(carded))
    await rejects(
      "authentication (wrong secret, POST)",
      FlowAuthenticationError,
      () => wrong.customers.create({ name: "X", email: "x@example.cl", externalId: "x" })
    )
    emulator.faults.add({ endpoint: "customer/get", fault: { type: "latency", ms: 600 }, times: 1 })
    await rejects("timeout (per call)", FlowTimeoutError, () => c.get(carded, { timeout: 100 }))
    emulator.faults.add({ endpoint: "customer/list", fault: { type: "latency", ms: 600 }, times: 1 })
    await rejects("timeout (per client)", FlowTimeoutError, () => newFlow(SECRET, { timeout: 100 }).customers.list())
    const dead = newFlow(SECRET, { baseUrl: deadUrl })
    await rejects("connection (closed port, GET)", FlowConnectionError, () => dead.customers.list())
    await rejects(
      "connection (closed port, POST)",
      FlowConnectionError,
      () => dead.customers.card.charge({ customerId: carded, amount: 1_000, subject: "x", commerceOrder: order("pro-d") })
    )
    emulator.faults.add({ endpoint: "customer/create", fault: { type: "reset" }, times: 1 })
    await rejects(
      "connection (reset)",
      FlowConnectionError,
      () => c.create({ name: "Reset", email: "reset@example.cl", externalId: "r" })
    )
    emulator.faults.add({ endpoint: "customer/list", fault: { type: "malformed" }, times: 1 })
    await rejects("decode (malformed)", FlowDecodeError, () => c.list())
    emulator.faults.add({ endpoint: "customer/get", fault: { type: "empty" }, times: 1 })
    await rejects("decode (empty)", FlowDecodeError, () => c.get(carded))
    emulator.faults.add({ endpoint: "customer/getCharges", fault: { type: "html", status: 503 }, times: 1 })
    await rejects("API error (HTML 503)", FlowAPIError, () => c.card.listCharges({ customerId: carded }))

    // ---- what the constructor throws
    throws("constructor: empty apiKey", () => new Flow("", SECRET))
    throws("constructor: empty secretKey", () => new Flow(API_KEY, ""))
    throws("constructor: bad timeout", () => new Flow(API_KEY, SECRET, "sandbox", { timeout: -1 }))
    throws("constructor: bad environment", () => new Flow(API_KEY, SECRET, "staging" as unknown as FlowEnvironment))
    throws("constructor: bad baseUrl", () => new Flow(API_KEY, WRONG_SECRET, "sandbox", { baseUrl: "not a url" }))
  }, 30_000)

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()))
  })

  it("every failure kind was produced", () => {
    expect(new Set(collected.errors.map((e) => e.tag))).toStrictEqual(
      new Set([
        "FlowValidationError",
        "FlowAPIError",
        "FlowAuthenticationError",
        "FlowTimeoutError",
        "FlowConnectionError",
        "FlowDecodeError"
      ])
    )
    expect(collected.values.length).toBeGreaterThanOrEqual(18)
  })

  it("no error carries the secret (or the wrong one), however printed, down its cause chain", () => {
    let checked = 0
    for (const { error, label } of collected.errors) checked += expectNoSecret(label, error)
    // five renderings per error at least, more where a cause chain was walked
    expect(checked).toBeGreaterThan(collected.errors.length * 5)
  })

  it("no successful answer carries the secret", () => {
    for (const { label, value } of collected.values) expectNoSecret(label, value)
  })

  it("errors carry neither the apiKey nor a request's signature either", () => {
    const needles = [API_KEY, ...signaturesSent()]
    for (const { error, label } of collected.errors) expectNoSecret(label, error, needles)
  })

  it("a Flow instance prints without the secret", () => {
    expect(flow).toBeDefined()
    expectNoSecret("Flow", flow)
    expectNoSecret("Flow.customers", flow!.customers)
    for (const client of clients) expectNoSecret("Flow (any)", client)
    expect(JSON.stringify(flow)).toContain(emulator.url)
  })
})
