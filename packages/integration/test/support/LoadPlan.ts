/**
 * The load test's plan (reliability/load.test.ts), the same for both APIs: which operations each API
 * calls (healthy units and stalled calls, each on its own customers), the endpoint each one hits, the
 * error each one fails with, how a healthy answer and a stalled call's failure are checked, and how an
 * operation is sent through either API's adapter (Apis.ts).
 */
import * as http from "node:http"
import { expect } from "@effect/vitest"
import type { RunningEmulator } from "@flowcl/emulator"
import {
  FlowChargeCardError,
  FlowCreateCustomerError,
  FlowEditCustomerError,
  type FlowError,
  FlowGetCustomerError,
  FlowGetCustomerListError,
  FlowGetPaymentStatusByCommerceIdError,
  FlowGetPaymentStatusByFlowOrderError,
  FlowGetPaymentStatusError,
  FlowListChargesCardError,
  FlowReverseChargeCardError,
  FlowSendChargeCardError
} from "@flowcl/promise"
import type { CallOptions, Client, Failure, Outcome } from "./Apis.js"

/** Each API's half of the run. */
export type Half = "effect" | "promise"

// ---------------------------------------------------------------------------------------------- plan

/** One call to one operation. */
export type Op =
  | { readonly op: "create"; readonly name: string; readonly email: string; readonly externalId: string }
  | { readonly op: "get"; readonly customerId: string }
  | { readonly op: "edit"; readonly customerId: string; readonly name: string }
  | { readonly op: "list"; readonly filter: string }
  | { readonly op: "listCharges"; readonly customerId: string }
  | { readonly op: "charge"; readonly customerId: string; readonly commerceOrder: string; readonly amount: number }
  | { readonly op: "sendCharge"; readonly customerId: string; readonly commerceOrder: string; readonly amount: number }
  | { readonly op: "reverseCharge"; readonly commerceOrder: string }
  | { readonly op: "paymentByOrder"; readonly commerceOrder: string }
  | { readonly op: "paymentByFlowOrder"; readonly flowOrder: number }
  | { readonly op: "paymentByToken"; readonly token: string; readonly commerceOrder: string }

export type OpName = Op["op"]

export const ENDPOINT: Record<OpName, string> = {
  create: "customer/create",
  get: "customer/get",
  edit: "customer/edit",
  list: "customer/list",
  listCharges: "customer/getCharges",
  charge: "customer/charge",
  sendCharge: "customer/collect",
  reverseCharge: "customer/reverseCharge",
  paymentByOrder: "payment/getStatusByCommerceId",
  paymentByFlowOrder: "payment/getStatusByFlowOrder",
  paymentByToken: "payment/getStatus"
}

/** Each operation's error: the Promise class, whose name is the Effect error's `_tag`. */
export const ERROR = {
  create: FlowCreateCustomerError,
  get: FlowGetCustomerError,
  edit: FlowEditCustomerError,
  list: FlowGetCustomerListError,
  listCharges: FlowListChargesCardError,
  charge: FlowChargeCardError,
  sendCharge: FlowSendChargeCardError,
  reverseCharge: FlowReverseChargeCardError,
  paymentByOrder: FlowGetPaymentStatusByCommerceIdError,
  paymentByFlowOrder: FlowGetPaymentStatusByFlowOrderError,
  paymentByToken: FlowGetPaymentStatusError
} as const satisfies Record<OpName, new(...args: never) => FlowError>

export type PaymentOp = Extract<Op, { readonly op: "charge" | "sendCharge" }>

/** Charges and links are reconciled (the default): a stalled one looks its order up once. */
export const isReconciled = (op: Op): op is PaymentOp => op.op === "charge" || op.op === "sendCharge"

export type Answer = Record<string, unknown>

/** A healthy unit: one operation, or two when the second needs the first's answer. */
export interface Unit {
  readonly kind: keyof typeof HEALTHY_MIX
  readonly first: Op
  readonly then?: ((answer: Answer) => Op) | undefined
}

/** Healthy units of each kind per API: 4,500 operations (the last three kinds are two operations). */
export const HEALTHY_MIX = {
  create: 700,
  get: 600,
  edit: 400,
  list: 300,
  listCharges: 200,
  charge: 500,
  chargeAndReverse: 300,
  chargeAndRead: 300,
  linkAndRead: 300
} as const
export const HEALTHY_OPS_PER_API = 4_500

/** Stalled calls per API: 500, 10% of each API's 5,000. */
export const STALLED_MIX = {
  get: 100,
  list: 50,
  paymentByFlowOrder: 50,
  create: 100,
  edit: 50,
  charge: 100,
  sendCharge: 50
} as const satisfies Partial<Record<OpName, number>>
export const STALLED_PER_API = 500

export const CARDED_PER_API = HEALTHY_MIX.charge + HEALTHY_MIX.chargeAndReverse + HEALTHY_MIX.chargeAndRead + STALLED_MIX.charge
export const PLAIN_PER_API = HEALTHY_MIX.edit + HEALTHY_MIX.linkAndRead + STALLED_MIX.edit + STALLED_MIX.sendCharge

export interface Seeded {
  readonly carded: ReadonlyArray<string>
  readonly plain: ReadonlyArray<string>
  /** Each seeded customer's name. */
  readonly names: ReadonlyMap<string, string>
}

/**
 * A POST on a connection of its own, closed with the answer (`agent: false`): the run counts open
 * sockets before and after, and a keep-alive socket of the global `fetch` pool would outlive the run
 * for as long as the emulator keeps idle connections (65 s).
 */
const postOnce = (url: string, body: string): Promise<{ readonly status: number; readonly text: string }> =>
  new Promise((resolve, reject) => {
    const request = http.request(url, { method: "POST", agent: false, headers: { "content-type": "application/json" } }, (res) => {
      const chunks: Array<Buffer> = []
      res.on("data", (chunk: Buffer) => chunks.push(chunk))
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }))
      res.on("error", reject)
    })
    request.on("error", reject)
    request.end(body)
  })

/** Customers: with a card (charges), without (edits, links, gets). */
export const seed = async (emulator: RunningEmulator): Promise<Seeded> => {
  const carded = 2 * CARDED_PER_API
  const plain = 2 * PLAIN_PER_API
  const customers = Array.from({ length: carded + plain }, (_, i) => ({
    name: `Carga cliente ${i}`,
    email: `seed${i}@example.cl`,
    ...(i < carded ? { card: {} } : {})
  }))
  const response = await postOnce(`${emulator.adminUrl}/seed`, JSON.stringify({ customers }))
  expect(response.status).toBe(201)
  const ids = (JSON.parse(response.text) as { readonly customers: ReadonlyArray<{ readonly customerId: string }> })
    .customers.map((c) => c.customerId)
  expect(ids).toHaveLength(carded + plain)
  return {
    carded: ids.slice(0, carded),
    plain: ids.slice(carded),
    names: new Map(ids.map((id, i) => [id, customers[i]!.name]))
  }
}

export interface Plan {
  readonly healthy: ReadonlyArray<Unit>
  readonly stalled: ReadonlyArray<Op>
}

/** A deterministic shuffle, so that the kinds are interleaved in time. */
const shuffle = <A>(items: Array<A>, seed: number): Array<A> => {
  let state = seed
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return state / 2 ** 31
  }
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
  return items
}

export const times = <A>(n: number, make: (i: number) => A): Array<A> => Array.from({ length: n }, (_, i) => make(i))

/** One API's calls, on its own half of the seeded customers (each charge, link or edit its own customer). */
export const plan = (api: Half, seeded: Seeded): Plan => {
  const half = api === "effect" ? 0 : 1
  const carded = seeded.carded.slice(half * CARDED_PER_API, (half + 1) * CARDED_PER_API)
  const plain = seeded.plain.slice(half * PLAIN_PER_API, (half + 1) * PLAIN_PER_API)
  let nextCarded = 0
  let nextPlain = 0
  const takeCarded = () => carded[nextCarded++]!
  const takePlain = () => plain[nextPlain++]!

  const healthy: Array<Unit> = [
    ...times(HEALTHY_MIX.create, (i): Unit => ({
      kind: "create",
      first: { op: "create", name: `Nuevo ${api} ${i}`, email: `${api}.new${i}@example.cl`, externalId: `${api}-${i}` }
    })),
    ...times(HEALTHY_MIX.charge, (i): Unit => ({
      kind: "charge",
      first: { op: "charge", customerId: takeCarded(), commerceOrder: `${api}-charge-${i}`, amount: 1_000 + i }
    })),
    ...times(HEALTHY_MIX.chargeAndReverse, (i): Unit => {
      const commerceOrder = `${api}-rev-${i}`
      return {
        kind: "chargeAndReverse",
        first: { op: "charge", customerId: takeCarded(), commerceOrder, amount: 2_000 + i },
        then: () => ({ op: "reverseCharge", commerceOrder })
      }
    }),
    ...times(HEALTHY_MIX.chargeAndRead, (i): Unit => {
      const commerceOrder = `${api}-read-${i}`
      return {
        kind: "chargeAndRead",
        first: { op: "charge", customerId: takeCarded(), commerceOrder, amount: 3_000 + i },
        // half by the merchant's order, half by Flow's number from the charge's answer
        then: (answer) =>
          i % 2 === 0
            ? { op: "paymentByOrder", commerceOrder }
            : { op: "paymentByFlowOrder", flowOrder: answer["flowOrder"] as number }
      }
    }),
    ...times(HEALTHY_MIX.edit, (i): Unit => ({
      kind: "edit",
      first: { op: "edit", customerId: takePlain(), name: `Editado ${api} ${i}` }
    })),
    ...times(HEALTHY_MIX.linkAndRead, (i): Unit => {
      const commerceOrder = `${api}-link-${i}`
      return {
        kind: "linkAndRead",
        first: { op: "sendCharge", customerId: takePlain(), commerceOrder, amount: 4_000 + i },
        then: (answer) => ({ op: "paymentByToken", token: answer["token"] as string, commerceOrder })
      }
    }),
    ...times(HEALTHY_MIX.get, (i): Unit => ({ kind: "get", first: { op: "get", customerId: plain[i % plain.length]! } })),
    ...times(HEALTHY_MIX.list, (i): Unit => ({ kind: "list", first: { op: "list", filter: `cliente ${i % 10}` } })),
    ...times(HEALTHY_MIX.listCharges, (i): Unit => ({
      kind: "listCharges",
      first: { op: "listCharges", customerId: carded[i]! }
    }))
  ]
  const stalled: Array<Op> = [
    ...times(STALLED_MIX.get, (i): Op => ({ op: "get", customerId: plain[i]! })),
    ...times(STALLED_MIX.list, (i): Op => ({ op: "list", filter: `atascado ${i}` })),
    ...times(STALLED_MIX.paymentByFlowOrder, (i): Op => ({ op: "paymentByFlowOrder", flowOrder: i + 1 })),
    ...times(STALLED_MIX.create, (i): Op => ({
      op: "create",
      name: `Atascado ${api} ${i}`,
      email: `${api}.stalled${i}@example.cl`,
      externalId: `${api}-stalled-${i}`
    })),
    ...times(STALLED_MIX.edit, (i): Op => ({ op: "edit", customerId: takePlain(), name: `Atascado ${api} ${i}` })),
    ...times(STALLED_MIX.charge, (i): Op => ({
      op: "charge",
      customerId: takeCarded(),
      commerceOrder: `${api}-stalled-charge-${i}`,
      amount: 5_000 + i
    })),
    ...times(STALLED_MIX.sendCharge, (i): Op => ({
      op: "sendCharge",
      customerId: takePlain(),
      commerceOrder: `${api}-stalled-link-${i}`,
      amount: 6_000 + i
    }))
  ]
  expect(nextCarded).toBe(CARDED_PER_API)
  expect(nextPlain).toBe(PLAIN_PER_API)
  expect(healthy.reduce((n, u) => n + (u.then ? 2 : 1), 0)).toBe(HEALTHY_OPS_PER_API)
  expect(stalled).toHaveLength(STALLED_PER_API)
  return { healthy: shuffle(healthy, half + 1), stalled: shuffle(stalled, half + 11) }
}

/** The endpoints a unit calls, in order. */
export const endpointsOf = (unit: Unit): Array<string> => {
  switch (unit.kind) {
    case "chargeAndReverse":
      return [ENDPOINT.charge, ENDPOINT.reverseCharge]
    case "chargeAndRead":
      return [ENDPOINT.charge, ENDPOINT[unit.then!({ flowOrder: 1 }).op]]
    case "linkAndRead":
      return [ENDPOINT.sendCharge, ENDPOINT.paymentByToken]
    default:
      return [ENDPOINT[unit.first.op]]
  }
}

// --------------------------------------------------------------------------------------------- calls

/** What is wrong with a healthy answer, if anything. */
export const checkAnswer = (op: Op, answer: Answer): string | undefined => {
  const ok = (() => {
    switch (op.op) {
      case "create":
        return answer["email"] === op.email && typeof answer["customerId"] === "string"
      case "get":
        return answer["customerId"] === op.customerId
      case "edit":
        return answer["name"] === op.name
      case "list":
        return typeof answer["total"] === "number" && Array.isArray(answer["data"])
      case "listCharges":
        return Array.isArray(answer["data"])
      case "charge":
        return answer["commerceOrder"] === op.commerceOrder && answer["status"] === 2
      case "sendCharge":
        return answer["commerceOrder"] === op.commerceOrder && answer["type"] === 2 && typeof answer["token"] === "string"
      case "reverseCharge":
        return answer["status"] === 1
      case "paymentByOrder":
        return answer["commerceOrder"] === op.commerceOrder && answer["status"] === 2
      case "paymentByFlowOrder":
        return answer["flowOrder"] === op.flowOrder && answer["status"] === 2
      case "paymentByToken":
        return answer["commerceOrder"] === op.commerceOrder && answer["status"] === 1
    }
  })()
  return ok ? undefined : `unexpected ${op.op} answer ${JSON.stringify(answer).slice(0, 200)}`
}


// --------------------------------------------------------------------------------------------- calls

/** Sends `op` through either API's client; never rejects on the operation's failure. */
export const send = (client: Client, op: Op, sink: string, options?: CallOptions): Promise<Outcome<unknown>> => {
  switch (op.op) {
    case "create":
      return client.call("customers.create", { name: op.name, email: op.email, externalId: op.externalId }, options)
    case "get":
      return client.call("customers.get", op.customerId, options)
    case "edit":
      return client.call("customers.edit", { customerId: op.customerId, name: op.name }, options)
    case "list":
      return client.call("customers.list", { filter: op.filter, limit: 5 }, options)
    case "listCharges":
      return client.call("customers.card.listCharges", { customerId: op.customerId, limit: 5 }, options)
    case "charge":
      return client.call("customers.card.charge", {
        customerId: op.customerId,
        commerceOrder: op.commerceOrder,
        amount: op.amount,
        subject: "Carga"
      }, options)
    case "sendCharge":
      return client.call("customers.card.sendCharge", {
        customerId: op.customerId,
        commerceOrder: op.commerceOrder,
        amount: op.amount,
        subject: "Carga",
        urlConfirmation: sink,
        urlReturn: sink
      }, options)
    case "reverseCharge":
      return client.call("customers.card.reverseCharge", { commerceOrder: op.commerceOrder }, options)
    case "paymentByOrder":
      return client.call("payments.getStatusByCommerceId", op.commerceOrder, options)
    case "paymentByFlowOrder":
      return client.call("payments.getStatusByFlowOrder", op.flowOrder, options)
    case "paymentByToken":
      return client.call("payments.getStatus", op.token, options)
  }
}

/**
 * What is wrong with a stalled call's failure, if anything: its operation's error, reason
 * FlowTimeoutError as sent, outcome "unknown"; a charge or link reconciled to "not-found".
 */
export const checkStalled = (op: Op, failure: Failure): string | undefined => {
  if (failure.error !== ERROR[op.op].name) return `${op.op} failed with ${failure.error}: ${failure.message}`
  if (failure.reason !== "FlowTimeoutError") return `${op.op}: reason ${failure.reason}: ${failure.message}`
  if (failure.requestSent !== true) return `${op.op}: requestSent ${failure.requestSent}`
  if (failure.outcome !== "unknown") return `${op.op}: outcome ${failure.outcome}`
  // a stalled charge or link was looked up once: Flow held no such order (the stalled request was never
  // processed), and no resend was allowed
  const expected = isReconciled(op) ? "not-found" : undefined
  if (failure.reconciliation !== expected) return `${op.op}: reconciliation ${failure.reconciliation}`
  return undefined
}

// -------------------------------------------------------------------------------------------- counts

export const countBy = <A>(items: Iterable<A>, key: (a: A) => string): Map<string, number> => {
  const counts = new Map<string, number>()
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1)
  return counts
}

export const sorted = (m: Map<string, number>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))

export const interleave = <A>(as: ReadonlyArray<A>, bs: ReadonlyArray<A>): Array<A> =>
  times(Math.max(as.length, bs.length), (i) => [as[i], bs[i]]).flat().filter((x): x is A => x !== undefined)

