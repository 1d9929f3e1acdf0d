/**
 * Answers that are not Flow's, at the transport level, over UndiciHttpClient and FetchHttpClient:
 * a redirect is the operation's error and nothing is sent to where it points; an answer larger than
 * `maxResponseBytes` (endless, or announced too large) stops the read at once, drops the connection
 * and fails the call, with memory bounded.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { FlowCustomers } from "../src/index.js"
import type { OperationKey } from "./support/hostileAnswers.js"
import { callOperation, customersOver, failureOf, outcome, transports } from "./support/hostileHarness.js"
import {
  announcedBody,
  endlessBody,
  eventually,
  type LoopbackServer,
  peakMemoryGrowth,
  startLoopbackServer
} from "./support/LoopbackServer.js"

let flow: LoopbackServer
/** Where redirects point: it must never see a request. */
let elsewhere: LoopbackServer
beforeAll(async () => {
  flow = await startLoopbackServer()
  elsewhere = await startLoopbackServer()
})
afterAll(async () => {
  await flow.close()
  await elsewhere.close()
})
beforeEach(() => {
  flow.reset()
  elsewhere.reset()
})

const paidCharge = JSON.stringify({
  flowOrder: 3567899,
  commerceOrder: "o-1",
  status: 2,
  amount: 9990,
  subject: "Plan mensual",
  currency: "CLP"
})

const KiB = 1024
const MiB = 1024 * KiB

describe.each(transports)("over %s", (_name, transport) => {
  const call = (op: OperationKey, options: { readonly maxResponseBytes?: number } = {}) =>
    Effect.runPromiseExit(
      Effect.flatMap(FlowCustomers, (customers) => callOperation(customers, op)).pipe(
        Effect.provide(customersOver(transport, () => flow.baseUrl, { timeout: 30_000, ...options }))
      )
    ).then(outcome)

  describe("a redirect is never followed", () => {
    it.each([301, 302, 303, 307, 308])("%i from customer/charge: FlowChargeCardError, nothing sent to the target", async (status) => {
      elsewhere.answer(paidCharge)
      flow.handle((_req, res) =>
        res.writeHead(status, { location: `${elsewhere.baseUrl}/customer/charge`, "content-type": "text/html" }).end(
          "<a href=\"elsewhere\">moved</a>"
        )
      )
      const error = failureOf(await call("card.charge"))
      expect(error._tag).toBe("FlowChargeCardError")
      expect(error.reason).toMatchObject({ _tag: "FlowAPIError", statusCode: status })
      expect(error.statusCode).toBe(status)
      expect(flow.customerRequests()).toHaveLength(1)
      expect(elsewhere.requests).toHaveLength(0)
    })

    it("302 from a read (customer/get): FlowGetCustomerError, nothing sent to the target", async () => {
      elsewhere.answer(JSON.stringify({ customerId: "cus_x", created: "", email: "e@x.cl", name: "X", status: 1 }))
      flow.handle((_req, res) => res.writeHead(302, { location: `${elsewhere.baseUrl}/customer/get` }).end())
      const error = failureOf(await call("get"))
      expect(error._tag).toBe("FlowGetCustomerError")
      expect(error.reason).toMatchObject({ _tag: "FlowAPIError", statusCode: 302 })
      expect(elsewhere.requests).toHaveLength(0)
    })
  })

  describe("answers are size-capped", () => {
    /** Runs `op`, checking it ends well before the 30 s timeout, drops the connection and holds little memory. */
    const capped = async (op: OperationKey, options: { readonly maxResponseBytes?: number } = {}) => {
      const started = Date.now()
      const { growth, result } = await peakMemoryGrowth(() => call(op, options))
      expect(Date.now() - started).toBeLessThan(2_000)
      expect(growth).toBeLessThan(64 * MiB)
      await eventually(() => flow.droppedResponses() === 1)
      return failureOf(result)
    }

    it("an endless 200 body: FlowDecodeError at 64 KiB, the connection dropped", async () => {
      flow.handle(endlessBody(200))
      const error = await capped("card.charge", { maxResponseBytes: 64 * KiB })
      expect(error._tag).toBe("FlowChargeCardError")
      expect(error.reason).toMatchObject({ _tag: "FlowDecodeError", statusCode: 200, path: "" })
      expect(error.message).toContain("maxResponseBytes")
    })

    it("an endless 500 body: FlowAPIError 500", async () => {
      flow.handle(endlessBody(500))
      const error = await capped("get", { maxResponseBytes: 64 * KiB })
      expect(error._tag).toBe("FlowGetCustomerError")
      expect(error.reason).toMatchObject({ _tag: "FlowAPIError", statusCode: 500 })
    })

    it("an endless 200 body under the default cap (10 MiB)", async () => {
      flow.handle(endlessBody(200))
      const error = await capped("card.listCharges")
      expect(error._tag).toBe("FlowListChargesCardError")
      expect(error.reason).toMatchObject({ _tag: "FlowDecodeError", statusCode: 200 })
      expect(error.message).toContain(String(10 * MiB))
    })

    it("a content-length of 100 MB over a 64 KiB cap: refused before the body arrives", async () => {
      flow.handle(announcedBody(200, 100 * MiB))
      const error = await capped("card.charge", { maxResponseBytes: 64 * KiB })
      expect(error.reason).toMatchObject({ _tag: "FlowDecodeError", statusCode: 200 })
    })

    it("a 502 announcing 100 MB: FlowAPIError 502", async () => {
      flow.handle(announcedBody(502, 100 * MiB))
      const error = await capped("card.massiveChargeStatus", { maxResponseBytes: 64 * KiB })
      expect(error._tag).toBe("FlowMassiveChargeCardStatusError")
      expect(error.reason).toMatchObject({ _tag: "FlowAPIError", statusCode: 502 })
    })

    it("an answer just under the cap decodes", async () => {
      const padded = `${paidCharge.slice(0, -1)},"padding":"${"x".repeat(60 * KiB)}"}`
      flow.answer(padded)
      const result = await call("card.charge", { maxResponseBytes: 64 * KiB })
      expect(result).toMatchObject({ value: { flowOrder: 3567899, status: 2, amount: 9990 } })
      expect(flow.droppedResponses()).toBe(0)
    })
  })
})

describe("a fetch that follows redirects anyway (a custom FetchHttpClient.Fetch ignoring redirect: \"manual\")", () => {
  it("the redirected answer is not believed: FlowChargeCardError, FlowAPIError", async () => {
    elsewhere.answer(paidCharge)
    flow.handle((_req, res) => res.writeHead(302, { location: `${elsewhere.baseUrl}/customer/charge` }).end())
    const following: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, { ...init, redirect: "follow" })
    const transport = FetchHttpClient.layer.pipe(Layer.provide(Layer.succeed(FetchHttpClient.Fetch, following)))
    const result = await Effect.runPromiseExit(
      Effect.flatMap(FlowCustomers, (customers) => callOperation(customers, "card.charge")).pipe(
        Effect.provide(customersOver(transport, () => flow.baseUrl))
      )
    ).then(outcome)
    // the custom fetch did follow (nothing can stop it), but its answer is another server's
    expect(elsewhere.customerRequests()).toHaveLength(1)
    const error = failureOf(result)
    expect(error._tag).toBe("FlowChargeCardError")
    expect(error.reason._tag).toBe("FlowAPIError")
    expect(error.message).toContain("followed a redirect")
  })
})
