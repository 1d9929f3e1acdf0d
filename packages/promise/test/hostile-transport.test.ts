/**
 * Answers that are not Flow's, at the transport level, through the Promise API over both transports:
 * a redirect rejects with the operation's class (cause FlowAPIError 3xx) and nothing is sent to where
 * it points; an answer larger than `maxResponseBytes` (endless, or announced too large) stops the
 * read at once, drops the connection and rejects, with memory bounded.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import type { OperationKey } from "../../core/test/support/hostileAnswers.js"
import {
  announcedBody,
  endlessBody,
  eventually,
  type LoopbackServer,
  peakMemoryGrowth,
  startLoopbackServer
} from "../../core/test/support/LoopbackServer.js"
import { FlowAPIError, FlowDecodeError, type FlowOptions } from "@flowcl/promise"
import { callOperation, flowOver, reasonOf, rejection, settle, transports } from "./support/harness.js"

let flowServer: LoopbackServer
/** Where redirects point: it must never see a request. */
let elsewhere: LoopbackServer
beforeAll(async () => {
  flowServer = await startLoopbackServer()
  elsewhere = await startLoopbackServer()
})
afterAll(async () => {
  await flowServer.close()
  await elsewhere.close()
})
beforeEach(() => {
  flowServer.reset()
  elsewhere.reset()
})

const paidCharge = JSON.stringify({ flowOrder: 3567899, commerceOrder: "o-1", status: 2, amount: 9990, subject: "Plan mensual" })

const KiB = 1024
const MiB = 1024 * KiB

describe.each(transports)("over transport %s", (transport) => {
  /** Calls `op` on a Flow made for this call (closed after it). */
  const call = async (op: OperationKey, options: FlowOptions = {}) => {
    const flow = flowOver(transport, flowServer.baseUrl, options)
    try {
      return await settle(callOperation(flow, op))
    } finally {
      await flow.close()
    }
  }

  describe("a redirect is never followed", () => {
    it.each([301, 302, 303, 307, 308])("%i from customer/charge: FlowChargeCardError, nothing sent to the target", async (status) => {
      elsewhere.answer(paidCharge)
      flowServer.handle((_req, res) =>
        res.writeHead(status, { location: `${elsewhere.baseUrl}/customer/charge`, "content-type": "text/html" }).end("moved")
      )
      const error = rejection(await call("card.charge"), "FlowChargeCardError")
      expect(error.cause).toBeInstanceOf(FlowAPIError)
      expect(error.statusCode).toBe(status)
      expect((error.cause as FlowAPIError).statusCode).toBe(status)
      expect(flowServer.customerRequests()).toHaveLength(1)
      expect(elsewhere.requests).toHaveLength(0)
    })
  })

  describe("answers are size-capped", () => {
    /** Runs `op`, checking it ends well before the 30 s timeout, drops the connection and holds little memory. */
    const capped = async (op: OperationKey, options: FlowOptions = {}) => {
      const started = Date.now()
      const { growth, result } = await peakMemoryGrowth(() => call(op, options))
      expect(Date.now() - started).toBeLessThan(2_000)
      expect(growth).toBeLessThan(64 * MiB)
      await eventually(() => flowServer.droppedResponses() === 1)
      return result
    }

    it("an endless 200 body: FlowDecodeError at 64 KiB, the connection dropped", async () => {
      flowServer.handle(endlessBody(200))
      const error = rejection(await capped("card.charge", { maxResponseBytes: 64 * KiB }), "FlowChargeCardError")
      expect(error.cause).toBeInstanceOf(FlowDecodeError)
      expect(error.statusCode).toBe(200)
      expect(error.message).toContain("maxResponseBytes")
    })

    it("an endless 500 body: FlowAPIError 500", async () => {
      flowServer.handle(endlessBody(500))
      const error = rejection(await capped("get", { maxResponseBytes: 64 * KiB }), "FlowGetCustomerError")
      expect(reasonOf(error)).toBe("FlowAPIError")
      expect(error.statusCode).toBe(500)
    })

    it("an endless 200 body under the default cap (10 MiB)", async () => {
      flowServer.handle(endlessBody(200))
      const error = rejection(await capped("card.listCharges"), "FlowListChargesCardError")
      expect(reasonOf(error)).toBe("FlowDecodeError")
      expect(error.message).toContain(String(10 * MiB))
    })

    it("a content-length of 100 MB over a 64 KiB cap: refused before the body arrives", async () => {
      flowServer.handle(announcedBody(200, 100 * MiB))
      const error = rejection(await capped("card.charge", { maxResponseBytes: 64 * KiB }), "FlowChargeCardError")
      expect(reasonOf(error)).toBe("FlowDecodeError")
    })

    it("a 502 announcing 100 MB: FlowAPIError 502", async () => {
      flowServer.handle(announcedBody(502, 100 * MiB))
      const error = rejection(
        await capped("card.massiveChargeStatus", { maxResponseBytes: 64 * KiB }),
        "FlowMassiveChargeCardStatusError"
      )
      expect(reasonOf(error)).toBe("FlowAPIError")
      expect(error.statusCode).toBe(502)
    })

    it("an answer just under the cap decodes", async () => {
      flowServer.answer(`${paidCharge.slice(0, -1)},"padding":"${"x".repeat(60 * KiB)}"}`)
      const result = await call("card.charge", { maxResponseBytes: 64 * KiB })
      expect(result).toMatchObject({ value: { flowOrder: 3567899, status: 2, amount: 9990 } })
      expect(flowServer.droppedResponses()).toBe(0)
    })
  })
})
