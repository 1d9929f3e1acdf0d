/**
 * The secrets scenario (reliability/secrets.test.ts), written once for both APIs: one API's adapter
 * (Apis.ts) makes successful calls of all 16 operations, provokes every failure kind (validation, Flow
 * API error, authentication with a wrong secret, timeout, connection, decode), and configures clients
 * badly; every value and error is collected, to be searched for the secrets. What only one API has
 * (`Subject.own`) runs after it.
 */
import { expect } from "@effect/vitest"
import type { RunningEmulator } from "@flowcl/emulator"
import * as Redacted from "effect/Redacted"
import { randomUUID } from "node:crypto"
import type { AnswerOf, Api, CallOptions, Client, ClientOptions, InputOf, OperationPath } from "./Apis.js"

/** The failure kinds the shared scenario provokes in either API. */
export const FAILURE_KINDS = [
  "FlowValidationError",
  "FlowAPIError",
  "FlowAuthenticationError",
  "FlowTimeoutError",
  "FlowConnectionError",
  "FlowDecodeError"
] as const

export type FailureKind = (typeof FAILURE_KINDS)[number]

/** Successful calls in the shared scenario (all 16 operations, charge and reverseCharge more than once). */
export const SUCCESSES = 20

/** Where the scenario runs: an emulator knowing `secret`, and a URL where nothing listens. */
export interface World {
  readonly emulator: RunningEmulator
  readonly deadUrl: string
  readonly apiKey: string
  readonly secret: string
  readonly wrongSecret: string
}

/** What a whole run produced, for the assertions. */
export interface Collected {
  readonly errors: Array<{ readonly label: string; readonly tag: string; readonly error: unknown }>
  readonly values: Array<{ readonly label: string; readonly value: unknown }>
}

/** A run's means, for the scenario and what an API adds to it. */
export interface Run<C extends Client> {
  readonly api: Api<C>
  readonly collected: Collected
  /** The client most calls go through. */
  readonly main: C
  /** A customer with a registered card. */
  readonly carded: string
  /** A client's settings for the emulator (no retries), with `options` changed. */
  readonly settings: (options?: Partial<ClientOptions>) => ClientOptions
  /** A call that must succeed: its value is collected. */
  readonly ok: <P extends OperationPath>(label: string, path: P, input: InputOf<P>) => Promise<AnswerOf<P>>
  /** A call that must fail with `reason`: its error is collected. */
  readonly fails: <P extends OperationPath>(
    label: string,
    reason: FailureKind,
    path: P,
    input: InputOf<P>,
    via?: { readonly client?: Client; readonly options?: CallOptions }
  ) => Promise<void>
}

/** One API under test: its adapter, and what only it does. */
export interface Subject<C extends Client> {
  readonly name: string
  readonly api: Api<C>
  /** Failure kinds only this API produces, collected by `own`. */
  readonly ownKinds: ReadonlyArray<string>
  /** Successful values only this API collects, in `own`. */
  readonly ownValues: number
  /** What only this API does, after the shared scenario. */
  own(run: Run<C>): Promise<void>
}

let sequence = 0
const order = (label: string) => `${label}-${Date.now()}-${++sequence}`

export const runScenario = async <C extends Client>({ api, own }: Subject<C>, world: World): Promise<Run<C>> => {
  const { deadUrl, emulator, secret, wrongSecret } = world
  const admin = async (path: string, request: unknown): Promise<unknown> => {
    const response = await fetch(`${emulator.adminUrl}${path}`, { method: "POST", body: JSON.stringify(request) })
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
  const sink = (what: string) => `${emulator.adminUrl}/sink/${what}`
  const settings = (options: Partial<ClientOptions> = {}): ClientOptions => ({
    apiKey: world.apiKey,
    secretKey: secret,
    baseUrl: emulator.url,
    retries: 0,
    ...options
  })

  const collected: Collected = { errors: [], values: [] }
  const main = api.client(settings())
  const name = api.name
  const tag = name.toLowerCase()
  const carded = await seedCardCustomer(`${name} Tarjeta`)
  const run: Run<C> = {
    api,
    collected,
    main,
    carded,
    settings,
    ok: async (label, path, input) => {
      const outcome = await main.call(path, input)
      if (!outcome.ok) throw new Error(`${name} ${label}: ${outcome.failure.reason}: ${outcome.failure.message}`)
      collected.values.push({ label, value: outcome.value })
      return outcome.value
    },
    fails: async (label, reason, path, input, via = {}) => {
      const outcome = await (via.client ?? main).call(path, input, via.options)
      if (outcome.ok) throw new Error(`${name} ${label}: expected ${reason}, got a success`)
      collected.errors.push({ label, tag: outcome.failure.reason, error: outcome.error })
      expect(outcome.failure.reason, `${name} ${label}: ${outcome.failure.message}`).toBe(reason)
    }
  }
  const { fails, ok } = run

  // ---- successful calls of all 16 operations
  const created = await ok("create", "customers.create", {
    name: `${name} Secreto`,
    email: `${tag}@example.cl`,
    externalId: `${tag}-1`
  })
  await ok("get", "customers.get", created.customerId)
  await ok("edit", "customers.edit", {
    customerId: created.customerId,
    name: `${name} Editado`,
    email: `${tag}.nueva@example.cl`
  })
  await ok("list", "customers.list", { filter: name, limit: 5 })
  const registration = await ok("card.register", "customers.card.register", {
    customerId: created.customerId,
    url_return: sink("register")
  })
  await ok("card.status", "customers.card.status", registration.token)
  await admin(`/registrations/${registration.token}`, {})
  const charge = await ok("card.charge", "customers.card.charge", {
    customerId: carded,
    amount: 2_500,
    subject: "Cuota",
    commerceOrder: order(`${tag}-charge`)
  })
  await ok("card.listCharges", "customers.card.listCharges", { customerId: carded })
  await ok("card.reverseCharge (by flowOrder)", "customers.card.reverseCharge", { flowOrder: charge.flowOrder })
  const second = await ok("card.charge (second)", "customers.card.charge", {
    customerId: carded,
    amount: 2_600,
    subject: "Cuota",
    commerceOrder: order(`${tag}-charge2`)
  })
  await ok("card.reverseCharge (by commerceOrder)", "customers.card.reverseCharge", {
    commerceOrder: second.commerceOrder
  })
  await ok("card.charge (declined)", "customers.card.charge", {
    customerId: carded,
    amount: 9008,
    subject: "Vencida",
    commerceOrder: order(`${tag}-decl`)
  })
  await ok("card.listFailedCharges", "customers.card.listFailedCharges", { customerId: carded })
  await ok("card.sendCharge", "customers.card.sendCharge", {
    customerId: carded,
    commerceOrder: order(`${tag}-collect`),
    subject: "Cuota",
    amount: 3_000,
    urlConfirmation: sink("confirm"),
    urlReturn: sink("return"),
    ignore_auto_charging: 1
  })
  await ok("card.subscriptions.list", "customers.card.subscriptions.list", { customerId: carded })
  const batch = await ok("card.sendMassiveCharge", "customers.card.sendMassiveCharge", {
    urlCallBack: sink("batch"),
    urlConfirmation: sink("confirm"),
    urlReturn: sink("return"),
    batchRows: [{ customerId: carded, commerceOrder: order(`${tag}-batch`), subject: "Cuota", amount: 4_000 }]
  })
  await ok("card.massiveChargeStatus", "customers.card.massiveChargeStatus", batch.token)
  await ok("card.delete", "customers.card.delete", created.customerId)
  const doomed = await ok("create (to delete)", "customers.create", {
    name: `${name} Borrar`,
    email: `${tag}.borrar@example.cl`,
    externalId: `${tag}-2`
  })
  await ok("delete", "customers.delete", doomed.customerId)

  // ---- every failure kind
  const charging = (label: string, customerId = carded, amount = 1_000) => ({
    customerId,
    amount,
    subject: "x",
    commerceOrder: order(`${tag}-${label}`)
  })
  const someone = (label: string) => ({ name: "X", email: `${tag}.${label}@example.cl`, externalId: label })
  await fails("validation (negative amount)", "FlowValidationError", "customers.card.charge", charging("neg", carded, -1))
  await fails("validation (zero amount)", "FlowValidationError", "customers.card.charge", charging("zero", carded, 0))
  await fails("validation (email)", "FlowValidationError", "customers.create", {
    name: "X",
    email: "not-an-email",
    externalId: "x"
  })
  await fails("API error (no card)", "FlowAPIError", "customers.card.charge", charging("nocard", created.customerId))
  const wrongRedacted = api.client(settings({ secretKey: Redacted.make(wrongSecret) }))
  const wrong = api.client(settings({ secretKey: wrongSecret }))
  await fails("authentication (wrong secret, GET)", "FlowAuthenticationError", "customers.get", created.customerId, {
    client: wrongRedacted
  })
  await fails("authentication (wrong secret, POST charge)", "FlowAuthenticationError", "customers.card.charge", charging("auth"), {
    client: wrong
  })
  await fails("authentication (wrong secret, POST create)", "FlowAuthenticationError", "customers.create", someone("auth"), {
    client: wrong
  })
  emulator.faults.add({ endpoint: "customer/get", fault: { type: "latency", ms: 600 }, times: 1 })
  await fails("timeout (per call)", "FlowTimeoutError", "customers.get", carded, { options: { timeout: 100, retries: 0 } })
  emulator.faults.add({ endpoint: "customer/list", fault: { type: "latency", ms: 600 }, times: 1 })
  await fails("timeout (per client)", "FlowTimeoutError", "customers.list", undefined, {
    client: api.client(settings({ timeout: 100 }))
  })
  const dead = api.client(settings({ baseUrl: deadUrl }))
  await fails("connection (closed port, GET)", "FlowConnectionError", "customers.list", undefined, { client: dead })
  await fails("connection (closed port, POST create)", "FlowConnectionError", "customers.create", someone("dead"), {
    client: dead
  })
  await fails("connection (closed port, POST charge)", "FlowConnectionError", "customers.card.charge", charging("dead"), {
    client: dead
  })
  emulator.faults.add({ endpoint: "customer/create", fault: { type: "reset" }, times: 1 })
  await fails("connection (reset)", "FlowConnectionError", "customers.create", someone("reset"))
  emulator.faults.add({ endpoint: "customer/list", fault: { type: "malformed" }, times: 1 })
  await fails("decode (malformed)", "FlowDecodeError", "customers.list", undefined)
  emulator.faults.add({ endpoint: "customer/get", fault: { type: "truncated" }, times: 1 })
  await fails("decode (truncated)", "FlowDecodeError", "customers.get", carded)
  emulator.faults.add({ endpoint: "customer/get", fault: { type: "empty" }, times: 1 })
  await fails("decode (empty)", "FlowDecodeError", "customers.get", carded)
  emulator.faults.add({ endpoint: "customer/getCharges", fault: { type: "html", status: 502 }, times: 1 })
  await fails("API error (HTML 502)", "FlowAPIError", "customers.card.listCharges", { customerId: carded })
  emulator.faults.add({ endpoint: "customer/getCharges", fault: { type: "html", status: 503 }, times: 1 })
  await fails("API error (HTML 503)", "FlowAPIError", "customers.card.listCharges", { customerId: carded })
  emulator.faults.add({ endpoint: "customer/edit", fault: { type: "status", status: 500 }, times: 1 })
  await fails("API error (500)", "FlowAPIError", "customers.edit", { customerId: carded, name: "Quinientos" })

  // ---- clients configured badly (Effect: FlowConfig.make; Promise: what `new Flow(...)` throws)
  for (
    const [label, options, reason] of [
      ["config: empty apiKey", { apiKey: "" }, "FlowAuthenticationError"],
      ["config: empty secretKey", { secretKey: "" }, "FlowAuthenticationError"],
      ["config: bad timeout", { timeout: -1 }, "FlowValidationError"],
      ["config: bad environment", { environment: "staging" as "sandbox" }, "FlowValidationError"],
      ["config: bad baseUrl", { secretKey: Redacted.make(secret), baseUrl: "ftp://flow" }, "FlowValidationError"],
      ["config: bad baseUrl (wrong secret)", { secretKey: wrongSecret, baseUrl: "not a url" }, "FlowValidationError"]
    ] as const
  ) {
    const outcome = await api.configure(settings(options))
    if (outcome.ok) throw new Error(`${name} ${label}: expected ${reason}, got a client`)
    collected.errors.push({ label, tag: outcome.failure.reason, error: outcome.error })
    expect(outcome.failure.reason, `${name} ${label}: ${outcome.failure.message}`).toBe(reason)
  }

  await own(run)
  return run
}
