/**
 * What a Promise caller gets for each answer of core's support/hostileAnswers.ts (PHP's forms, enum
 * values Flow adds later, malformed numbers, integers beyond 2^53, `__proto__` in data, deep values,
 * bodies that are not answers), over both transports against a loopback server: the decoded value, or
 * a rejection with the operation's class whose `cause` is the reason, naming the path.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { allAnswerCases } from "../../core/test/support/hostileAnswers.js"
import { type LoopbackServer, startLoopbackServer } from "../../core/test/support/LoopbackServer.js"
import type { Flow } from "@flowcl/promise"
import { callOperation, expectOutcome, flowOver, settle, transports } from "./support/harness.js"

let server: LoopbackServer
beforeAll(async () => {
  server = await startLoopbackServer()
})
afterAll(() => server.close())
beforeEach(() => server.reset())

describe.each(transports)("hostile answers over transport %s", (transport) => {
  let flow: Flow
  beforeAll(() => {
    flow = flowOver(transport, server.baseUrl, { timeout: 5_000 })
  })
  afterAll(() => flow.close())

  describe.each(allAnswerCases)("%s", (_theme, cases) => {
    it.each(cases)("$title", async (answer) => {
      server.answer(answer.body, answer.status ?? 200, { "content-type": answer.contentType ?? "application/json" })
      expectOutcome(await settle(callOperation(flow, answer.op)), answer)
      expect(server.customerRequests()).toHaveLength(1)
    })
  })
})
