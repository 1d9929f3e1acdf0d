/**
 * What an Effect caller gets for each answer of support/hostileAnswers.ts (PHP's forms, enum values
 * Flow adds later, malformed numbers, integers beyond 2^53, `__proto__` in data, deep values, bodies
 * that are not answers), over UndiciHttpClient and FetchHttpClient against a loopback server: the
 * decoded value, or the operation's own error whose reason names the path. Never a defect.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import { FlowCustomers } from "../src/index.js"
import { allAnswerCases } from "./support/hostileAnswers.js"
import { callOperation, customersOver, expectOutcome, outcome, transports } from "./support/hostileHarness.js"
import { type LoopbackServer, startLoopbackServer } from "./support/LoopbackServer.js"

let server: LoopbackServer
beforeAll(async () => {
  server = await startLoopbackServer()
})
afterAll(() => server.close())
beforeEach(() => server.reset())

describe.each(transports)("hostile answers over %s", (_name, transport) => {
  const layer = customersOver(transport, () => server.baseUrl, { timeout: 5_000 })

  describe.each(allAnswerCases)("%s", (_theme, cases) => {
    it.each(cases)("$title", async (answer) => {
      server.answer(answer.body, answer.status ?? 200, { "content-type": answer.contentType ?? "application/json" })
      const exit = await Effect.runPromiseExit(
        Effect.flatMap(FlowCustomers, (customers) => callOperation(customers, answer.op)).pipe(Effect.provide(layer))
      )
      expectOutcome(outcome(exit), answer)
      expect(server.customerRequests()).toHaveLength(1)
    })
  })
})
