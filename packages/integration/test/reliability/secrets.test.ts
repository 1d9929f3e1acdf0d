/**
 * The secret key never leaks: not in errors (however they are printed, down their `cause`/`reason`
 * chains), not in logs, not in spans, not in the configuration or the Promise client when printed.
 *
 * A distinctive secret is given to both the emulator and the clients. One scenario, written once
 * (support/SecretsScenario.ts), goes through each API (Effect `FlowCustomers`, Promise `Flow`) by its adapter
 * (support/Apis.ts): successful calls of all 16 operations, every failure kind (validation, Flow API
 * error, authentication with a wrong secret, timeout, connection, decode), and clients configured
 * badly. What only one API has is marked as such: Effect's configuration from the environment, the
 * FiberFailure `Effect.runPromise` rejects with, its logs and spans; Promise's per-call options. The
 * wrong secret must not leak either.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { FlowConfig, type FlowConfigShape, FlowCustomers } from "@flowcl/core"
import { type RunningEmulator, start } from "@flowcl/emulator"
import * as Cause from "effect/Cause"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Redacted from "effect/Redacted"
import { randomUUID } from "node:crypto"
import { inspect } from "node:util"
import { makeRecordingTracer } from "../../../core/test/support/RecordingTracer.js"
import {
  type Client,
  type EffectClient,
  effectApi,
  type Instrument,
  type OperationPath,
  type PromiseClient,
  promiseApi
} from "../support/Apis.js"
import { closedPort, expectNoneOf, INSPECT } from "../support/SecretSearch.js"
import {
  type Collected,
  FAILURE_KINDS,
  type Run,
  runScenario,
  type Subject,
  SUCCESSES
} from "../support/SecretsScenario.js"

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
] as const satisfies ReadonlyArray<OperationPath>

/** Fails naming where a secret (by default either one) showed up. */
const expectNoSecret = (label: string, value: unknown, needles: ReadonlyArray<string> = SECRETS): number =>
  expectNoneOf(needles, label, value)

it("the detector finds a secret however deep it hides", () => {
  const hidden = new Error("outer", { cause: { reason: new Error("inner", { cause: { detail: [`x${SECRET}x`] } }) } })
  expect(() => expectNoSecret("probe", hidden)).toThrow()
  const nonEnumerable = new Error("plain")
  Object.defineProperty(nonEnumerable, "secret", { value: WRONG_SECRET, enumerable: false })
  expect(() => expectNoSecret("probe", nonEnumerable)).toThrow()
  expect(() => expectNoSecret("probe", { key: Redacted.make(SECRET) })).not.toThrow()
})

// ---------------------------------------------------------------------------------------------
// One emulator for the file, knowing SECRET; each API's run of the scenario (support/SecretsScenario.ts)
// ---------------------------------------------------------------------------------------------

let emulator: RunningEmulator
/** A base URL where nothing listens. */
let deadUrl: string

/** The signature `s` of every request the emulator received. */
const signaturesSent = (): Array<string> =>
  emulator.requests.map((r) => r.params["s"]).filter((s): s is string => s !== undefined)

/** Each API's run, once, whichever describe block asks first. */
const runs = new Map<Subject<Client>, Promise<Run<Client>>>()
const runOf = <C extends Client>(subject: Subject<C>): Promise<Run<C>> => {
  const known = runs.get(subject) as Promise<Run<C>> | undefined
  if (known !== undefined) return known
  const run = runScenario(subject, { emulator, deadUrl, apiKey: API_KEY, secret: SECRET, wrongSecret: WRONG_SECRET })
  runs.set(subject, run)
  return run
}

// ---------------------------------------------------------------------------------------------
// Effect only: logging every outcome, recording spans, configuration from the environment
// ---------------------------------------------------------------------------------------------

const lines: Array<string> = []
const { spans, tracer } = makeRecordingTracer()

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

/**
 * Every Effect call, as a chatty app would run it: its value logged at debug level, its error logged
 * every way a user would log one; under the recording tracer, every log line captured.
 */
const instrument: Instrument = (label, effect) =>
  effect.pipe(
    Effect.tap((value) => Effect.logDebug(`${label} ok`, value)),
    Effect.tapErrorCause((cause) => Effect.logError(`${label} failed`, cause)),
    Effect.tapError((error) => {
      const { message, reason } = error as { readonly message?: string; readonly reason?: unknown }
      return Effect.all([
        Effect.logError(error),
        Effect.logWarning(message).pipe(Effect.annotateLogs({ error, reason })),
        Effect.logInfo("failure details", reason, Cause.fail(error))
      ], { discard: true })
    }),
    Effect.withLogSpan("secrets-scenario"),
    Effect.annotateLogs("suite", "secrets"),
    Effect.withTracer(tracer),
    Logger.withMinimumLogLevel(LogLevel.All),
    Effect.provide(Logger.replace(Logger.defaultLogger, capture))
  )

/** The configuration the Effect API's operations read (its main client's), for the Effect-only checks. */
let effectConfig: FlowConfigShape | undefined

const effectSubject: Subject<EffectClient> = {
  name: "Effect API: FlowCustomers",
  api: effectApi({ transport: FetchHttpClient.layer, instrument }),
  ownKinds: ["ConfigError", "FiberFailure"],
  ownValues: 1,
  async own({ api, collected, main, settings }) {
    const environment = (variables: ReadonlyArray<readonly [string, string]>) =>
      Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["FLOW_API_KEY", API_KEY], ...variables])))
    // a bad environment variable: a ConfigError
    const fromBadEnvironment = await Effect.runPromise(Effect.either(instrument(
      "config",
      Layer.build(FlowConfig.layerConfig()).pipe(
        Effect.scoped,
        environment([["FLOW_SECRET_KEY", SECRET], ["FLOW_RETRIES", "lots"]])
      )
    )))
    if (fromBadEnvironment._tag === "Right") throw new Error("FLOW_RETRIES=lots was accepted")
    collected.errors.push({ label: "config: bad FLOW_RETRIES", tag: "ConfigError", error: fromBadEnvironment.left })
    // the resolved configuration, as every request reads it, and one read from the environment
    effectConfig = await main.config()
    const fromEnv = await Effect.runPromise(instrument(
      "config",
      Effect.provide(FlowConfig, FlowConfig.layerConfig()).pipe(environment([["FLOW_SECRET_KEY", SECRET]]))
    ))
    collected.values.push({ label: "FlowConfig from the environment", value: fromEnv })
    await Effect.runPromise(instrument("config", Effect.logDebug("config", effectConfig, fromEnv)))
    // what `Effect.runPromise` rejects with when a user does not handle the error (a FiberFailure)
    const rejection = await api.client(settings({ secretKey: WRONG_SECRET })).runtime.runPromise(
      Effect.flatMap(FlowCustomers, (c) => c.get("cus_nobodyhere"))
    ).then(() => undefined, (error: unknown) => error)
    expect(inspect(rejection)).toContain("Invalid Signature")
    collected.errors.push({ label: "Effect.runPromise rejection", tag: "FiberFailure", error: rejection })
  }
}

// ---------------------------------------------------------------------------------------------
// Promise only: per-call options are checked
// ---------------------------------------------------------------------------------------------

const promiseSubject: Subject<PromiseClient> = {
  name: "Promise API: Flow",
  api: promiseApi(),
  ownKinds: [],
  ownValues: 0,
  async own({ carded, fails }) {
    await fails("validation (per-call options)", "FlowValidationError", "customers.get", carded, {
      options: { timeout: -5 }
    })
  }
}

beforeAll(async () => {
  emulator = await start({ apiKey: API_KEY, secretKey: SECRET, batchPaceMs: 1 })
  deadUrl = `http://127.0.0.1:${await closedPort()}/api`
})

afterAll(async () => {
  await Promise.all([effectSubject.api.close(), promiseSubject.api.close()])
  await emulator?.close()
})

// ---------------------------------------------------------------------------------------------
// What both APIs must show, asserted once
// ---------------------------------------------------------------------------------------------

const SUBJECTS: ReadonlyArray<Subject<Client>> = [effectSubject, promiseSubject]

for (const subject of SUBJECTS) describe(subject.name, () => {
  let run: Run<Client>
  beforeAll(async () => {
    run = await runOf(subject)
  }, 30_000)

  it("every failure kind was produced", () => {
    const { collected } = run
    expect(new Set(collected.errors.map((e) => e.tag))).toStrictEqual(new Set([...FAILURE_KINDS, ...subject.ownKinds]))
    expect(collected.values.length).toBeGreaterThanOrEqual(SUCCESSES + subject.ownValues)
  })

  it("no error carries the secret (or the wrong one), however printed, down its cause and reason chain", () => {
    let checked = 0
    for (const { error, label } of run.collected.errors) checked += expectNoSecret(label, error)
    // operation error → reason → (connection) the fetch error → its cause: all were printed
    // five renderings per error at least, more where a cause chain was walked
    expect(checked).toBeGreaterThan(run.collected.errors.length * 5)
  })

  it("no successful answer carries the secret", () => {
    for (const { label, value } of run.collected.values) expectNoSecret(label, value)
  })

  it("errors carry neither the apiKey nor a request's signature either", () => {
    const needles = [API_KEY, ...signaturesSent()]
    for (const { error, label } of run.collected.errors) expectNoSecret(label, error, needles)
  })

  it("what a user holds (every client, its configuration) prints without the secret", async () => {
    const held = await run.api.inspectables()
    // five clients or more, three things or more of each
    expect(held.length).toBeGreaterThanOrEqual(15)
    for (const [label, value] of held) expectNoSecret(label, value)
  })
})

// ---------------------------------------------------------------------------------------------
// Effect only: logs, spans, the resolved FlowConfig
// ---------------------------------------------------------------------------------------------

describe("Effect API only: logs, spans, the resolved FlowConfig", () => {
  let collected: Collected
  beforeAll(async () => {
    collected = (await runOf(effectSubject)).collected
  }, 30_000)

  it("span exits carry neither the apiKey nor a request's signature", () => {
    const needles = [API_KEY, ...signaturesSent()]
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

  it("the resolved FlowConfig holds the secret, redacted when printed", () => {
    // printed every way without the secret: with every client's FlowConfig and service, in "what a user holds"
    expect(effectConfig).toBeDefined()
    expect(Redacted.value(effectConfig!.secretKey)).toBe(SECRET)
    expectNoSecret("FlowConfig", effectConfig)
    expectNoSecret("FlowConfig.secretKey", effectConfig!.secretKey)
    expect(inspect(effectConfig, INSPECT)).toContain("<redacted>")
    expect(JSON.stringify(effectConfig)).toContain("<redacted>")
  })
})

// ---------------------------------------------------------------------------------------------
// Promise only: a Flow instance
// ---------------------------------------------------------------------------------------------

describe("Promise API only: a Flow instance", () => {
  let flow: PromiseClient["flow"]
  beforeAll(async () => {
    flow = (await runOf(promiseSubject)).main.flow
  }, 30_000)

  it("prints without the secret, and with its base URL", () => {
    // every Flow made, with its `customers` and `payments`: in "what a user holds"
    expectNoSecret("Flow", flow)
    expectNoSecret("Flow.customers", flow.customers)
    expect(JSON.stringify(flow)).toContain(emulator.url)
  })
})
