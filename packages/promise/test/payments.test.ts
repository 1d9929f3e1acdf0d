/**
 * `flow.payments` and the callback handlers through the Promise API, over both transports, against a
 * node:http stand-in for Flow that records every request: the three payment reads on the wire (GET,
 * path, exact params, a signature that verifies) decoding the spec's, the alternative and the PHP
 * answer forms; `payments.confirmation` and `card.massiveChargeCallback` with their bounds; and the
 * `outcome` and `reconciliation` that a charge's error carries.
 */
import { verify } from "@flowcl/core"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import * as F from "../../core/test/support/fixtures.js"
import {
  Flow,
  FlowAPIError,
  FlowChargeCardError,
  FlowError,
  FlowGetPaymentStatusByCommerceIdError,
  FlowGetPaymentStatusByFlowOrderError,
  FlowGetPaymentStatusError,
  FlowMassiveChargeCardStatusError,
  type FlowTransport,
  FlowValidationError
} from "@flowcl/promise"

const API_KEY = "K"
const SECRET = "S3cret"
const TOKEN = "41097C28B5BD78C77F589FE4BC59E18AC333F9EU"

interface Seen {
  readonly method: string
  readonly path: string
  readonly params: Record<string, string>
}
type Answer = (seen: Seen, res: ServerResponse) => void

let server: Server
let baseUrl: string
const seen: Array<Seen> = []
let answers: Record<string, Answer> = {}

const json = (body: unknown, status = 200): Answer => (_seen, res) =>
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body))

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = ""
    req.setEncoding("utf8")
    req.on("data", (chunk: string) => (body += chunk))
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1")
      const path = url.pathname.replace("/api/", "")
      const request = {
        method: req.method ?? "",
        path,
        params: Object.fromEntries(req.method === "GET" ? url.searchParams : new URLSearchParams(body))
      }
      seen.push(request)
      const answer = answers[path]
      if (answer === undefined) res.writeHead(404).end()
      else answer(request, res)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`
})
afterAll(() =>
  new Promise<void>((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
)
beforeEach(() => {
  seen.length = 0
  answers = {}
})

const flowOver = (transport: FlowTransport, options: { readonly retries?: number; readonly timeout?: number } = {}) =>
  new Flow(API_KEY, SECRET, "sandbox", {
    baseUrl,
    transport,
    timeout: options.timeout ?? 5_000,
    retry: { retries: options.retries ?? 0, baseDelay: 1, maxDelay: 5 }
  })

const reads = [
  {
    name: "getStatus",
    path: "payment/getStatus",
    call: (flow: Flow) => flow.payments.getStatus(TOKEN),
    params: { token: TOKEN },
    error: FlowGetPaymentStatusError
  },
  {
    name: "getStatusByCommerceId",
    path: "payment/getStatusByCommerceId",
    call: (flow: Flow) => flow.payments.getStatusByCommerceId("sf12377"),
    params: { commerceId: "sf12377" },
    error: FlowGetPaymentStatusByCommerceIdError
  },
  {
    name: "getStatusByFlowOrder",
    path: "payment/getStatusByFlowOrder",
    call: (flow: Flow) => flow.payments.getStatusByFlowOrder(3567899),
    params: { flowOrder: "3567899" },
    error: FlowGetPaymentStatusByFlowOrderError
  }
] as const

const forms = [
  ["spec", F.paymentSpec, F.paymentNormalized],
  ["alternative", F.paymentAlt, F.paymentAltNormalized],
  ["php", F.paymentPhp, F.paymentPhpNormalized]
] as const

describe.each(["undici", "fetch"] as const)("flow.payments over %s", (transport) => {
  describe.each(reads)("$name", (read) => {
    it.each(forms)(`GET ${read.path}, signed, decoding the %s form`, async (_form, answer, decoded) => {
      answers[read.path] = json(answer)
      const flow = flowOver(transport)
      try {
        expect(await read.call(flow)).toStrictEqual(decoded)
      } finally {
        await flow.close()
      }
      expect(seen).toHaveLength(1)
      const { method, params, path } = seen[0]!
      expect([method, path]).toStrictEqual(["GET", read.path])
      const { apiKey, s: _s, ...rest } = params
      expect(rest).toStrictEqual(read.params)
      expect(apiKey).toBe(API_KEY)
      expect(verify(params, Redacted.make(SECRET))).toBe(true)
    })

    it("rejects with its own class, Flow's code and status one step away", async () => {
      answers[read.path] = json({ code: 105, message: "No services available" }, 400)
      const flow = flowOver(transport)
      const error = await read.call(flow).then(() => undefined, (e: unknown) => e)
      await flow.close()
      expect(error).toBeInstanceOf(read.error)
      expect(error).toBeInstanceOf(FlowError)
      expect(error).toMatchObject({ code: 105, statusCode: 400 })
      expect((error as FlowError).cause).toBeInstanceOf(FlowAPIError)
    })
  })
})

const form = (token: string, extra: Record<string, string> = {}) =>
  new Request("https://shop.cl/flow/confirm", { method: "POST", body: new URLSearchParams({ token, ...extra }) })

describe("callback handlers", () => {
  it("payments.confirmation reads the token (urlencoded or multipart) and resolves with the payment", async () => {
    answers["payment/getStatus"] = json(F.paymentPhp)
    const flow = flowOver("undici")
    const multipart = new FormData()
    multipart.append("token", TOKEN)
    try {
      expect(await flow.payments.confirmation(form(TOKEN))).toStrictEqual(F.paymentPhpNormalized)
      expect(
        await flow.payments.confirmation(new Request("https://shop.cl/c", { method: "POST", body: multipart }))
      ).toStrictEqual(F.paymentPhpNormalized)
    } finally {
      await flow.close()
    }
    expect(seen.map((s) => [s.path, s.params["token"]])).toStrictEqual([
      ["payment/getStatus", TOKEN],
      ["payment/getStatus", TOKEN]
    ])
  })

  it("a body over 8 KiB, or no token, is refused with the read's own class, and Flow is not asked", async () => {
    answers["payment/getStatus"] = json(F.paymentSpec)
    const flow = flowOver("undici")
    const big = await flow.payments.confirmation(form(TOKEN, { padding: "x".repeat(20_000) })).catch((e: unknown) => e)
    const none = await flow.payments.confirmation(form("")).catch((e: unknown) => e)
    await flow.close()
    expect(big).toBeInstanceOf(FlowGetPaymentStatusError)
    expect(big).toMatchObject({ field: "body", outcome: "not-sent" })
    expect((big as FlowError).cause).toBeInstanceOf(FlowValidationError)
    expect(none).toMatchObject({ field: "token" })
    expect(seen).toHaveLength(0)
  })

  it("concurrent posts of one token make one call to Flow", async () => {
    answers["payment/getStatus"] = (_seen, res) =>
      setTimeout(() => json(F.paymentSpec)(_seen, res), 30)
    const flow = flowOver("undici")
    try {
      const payments = await Promise.all(Array.from({ length: 8 }, () => flow.payments.confirmation(form(TOKEN))))
      expect(payments.every((p) => p.status === 2)).toBe(true)
    } finally {
      await flow.close()
    }
    expect(seen).toHaveLength(1)
  })

  it("card.massiveChargeCallback resolves with the batch's status", async () => {
    answers["customer/getBatchCollectStatus"] = json(F.batchStatusSpec)
    const flow = flowOver("fetch")
    try {
      expect(await flow.customers.card.massiveChargeCallback(form("AJ089FF5467367"))).toStrictEqual(
        F.batchStatusNormalized
      )
      const error = await flow.customers.card.massiveChargeCallback(form("")).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(FlowMassiveChargeCardStatusError)
    } finally {
      await flow.close()
    }
    expect(seen.map((s) => s.path)).toStrictEqual(["customer/getBatchCollectStatus"])
  })
})

const CHARGE = { customerId: "cus_onoolldvec", amount: 12000, subject: "Pago prueba", commerceOrder: "sf12377" }
const html502: Answer = (_seen, res) => res.writeHead(502, { "content-type": "text/html" }).end("<html>502</html>")

describe("a charge's error says its outcome", () => {
  it("a lost answer is reconciled: the call resolves with the payment Flow holds", async () => {
    answers["customer/charge"] = html502
    answers["payment/getStatusByCommerceId"] = json(F.paymentSpec)
    const flow = flowOver("undici")
    try {
      expect(await flow.customers.card.charge(CHARGE)).toStrictEqual(F.paymentNormalized)
    } finally {
      await flow.close()
    }
    expect(seen.map((s) => s.path)).toStrictEqual(["customer/charge", "payment/getStatusByCommerceId"])
  })

  it("the lookup fails: outcome unknown, with what reconciliation learnt", async () => {
    answers["customer/charge"] = html502
    answers["payment/getStatusByCommerceId"] = html502
    const flow = flowOver("fetch")
    const error = await flow.customers.card.charge(CHARGE).catch((e: unknown) => e) as FlowChargeCardError
    await flow.close()
    expect(error).toBeInstanceOf(FlowChargeCardError)
    expect(error.outcome).toBe("unknown")
    expect(error.cause).toBeInstanceOf(FlowAPIError)
    expect(error.reconciliation).toMatchObject({ commerceOrder: "sf12377", result: "lookup-failed" })
    expect(error.reconciliation?.lookupError).toBeInstanceOf(FlowAPIError)
  })

  it("refused by Flow: outcome refused, nothing looked up; reconcile: false leaves a lost answer as it came", async () => {
    answers["customer/charge"] = json({ code: 1003, message: "no card" }, 401)
    const flow = flowOver("undici")
    const refused = await flow.customers.card.charge(CHARGE).catch((e: unknown) => e) as FlowChargeCardError
    answers["customer/charge"] = html502
    const lost = await flow.customers.card.charge(CHARGE, { reconcile: false }).catch((e: unknown) => e) as FlowError
    const badOption = await flow.customers.card.charge(CHARGE, { reconcile: "yes" as unknown as boolean })
      .catch((e: unknown) => e) as FlowError
    await flow.close()
    expect(refused).toMatchObject({ outcome: "refused", code: 1003 })
    expect(refused.reconciliation).toBeUndefined()
    expect(lost).toMatchObject({ outcome: "unknown", statusCode: 502 })
    expect(lost.reconciliation).toBeUndefined()
    expect(badOption).toMatchObject({ field: "options.reconcile", outcome: "not-sent" })
    expect(seen.map((s) => s.path)).toStrictEqual(["customer/charge", "customer/charge"])
  })

  it("new Flow(…, { reconcile: false }) turns it off for every call", async () => {
    answers["customer/charge"] = html502
    const flow = new Flow(API_KEY, SECRET, "sandbox", { baseUrl, reconcile: false, retry: { retries: 0 } })
    const error = await flow.customers.card.charge(CHARGE).catch((e: unknown) => e) as FlowError
    await flow.close()
    expect(error.outcome).toBe("unknown")
    expect(seen.map((s) => s.path)).toStrictEqual(["customer/charge"])
    expect(() => new Flow(API_KEY, SECRET, "sandbox", { reconcile: "no" as unknown as boolean })).toThrow(
      FlowValidationError
    )
  })
})
