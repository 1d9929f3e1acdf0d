/**
 * Whatever happens, a Promise rejects with the operation's own class (a FlowError whose `cause` is a
 * reason class), or with an aborted signal's reason: never a FiberFailure, a TypeError or a string.
 * And what a caller passes besides the input (`new Flow`'s options, each call's `{ signal, timeout,
 * retries }`, `untilProcessed`'s, `toArray`'s) is read once, checked, and used as read.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { type LoopbackServer, startLoopbackServer } from "../../core/test/support/LoopbackServer.js"
import {
  Flow,
  FlowClosedError,
  FlowConnectionError,
  FlowTimeoutError,
  FlowValidationError
} from "@flowcl/promise"
import { flowOver, rejection, settle } from "./support/harness.js"

let server: LoopbackServer
let flow: Flow
beforeAll(async () => {
  server = await startLoopbackServer()
  flow = flowOver("undici", server.baseUrl)
})
afterAll(async () => {
  await flow.close()
  await server.close()
})
beforeEach(() => {
  server.reset()
  server.answer(JSON.stringify({ customerId: "cus_x", created: "2024-05-02", email: "a@b.cl", name: "Ana", status: 1 }))
})

const customer = { customerId: "cus_x", created: "2024-05-02", email: "a@b.cl", name: "Ana", status: 1 }
const page = (delayMillis = 0) => (_req: unknown, res: import("node:http").ServerResponse) =>
  setTimeout(() => res.writeHead(200).end(JSON.stringify({ total: 1, hasMore: 0, data: [customer] })), delayMillis)

/** A Proxy over `target` counting the reads of each key. */
const counted = <T extends object>(target: T) => {
  const reads = new Map<PropertyKey, number>()
  const proxy = new Proxy(target, {
    get: (t, key) => {
      reads.set(key, (reads.get(key) ?? 0) + 1)
      return Reflect.get(t, key)
    }
  })
  return { proxy, reads }
}

/** The rejection of `call`: the operation's class, cause FlowValidationError naming `field`, nothing sent. */
const refusedOption = async (call: () => PromiseLike<unknown>, errorName: string, field: string) => {
  const error = rejection(await settle(call()), errorName)
  expect(error.cause).toBeInstanceOf(FlowValidationError)
  expect(error.field).toBe(field)
  expect(server.requests).toHaveLength(0)
}

describe("per-call options are read once", () => {
  it("a getter answering 50 ms, then 60 s: the call times out at 50 ms", async () => {
    server.handle((_req, res) => setTimeout(() => res.end("{}"), 500))
    let reads = 0
    const options = Object.defineProperty({}, "timeout", { enumerable: true, get: () => (reads++ === 0 ? 50 : 60_000) })
    const error = rejection(await settle(flow.customers.get("cus_x", options)), "FlowGetCustomerError")
    expect(error.cause).toBeInstanceOf(FlowTimeoutError)
    expect((error.cause as FlowTimeoutError).timeoutMillis).toBe(50)
    expect(reads).toBe(1)
  })

  it("a list awaited and iterated reads its options once", async () => {
    server.handle(page())
    const { proxy, reads } = counted({ timeout: 5_000, retries: 0 })
    const list = flow.customers.list({}, proxy)
    await list
    for await (const _ of list) {
      // every item
    }
    expect(reads.get("timeout")).toBe(1)
    expect(reads.get("retries")).toBe(1)
    expect(reads.get("signal")).toBe(1)
  })

  it("iterating a list honours the per-call timeout", async () => {
    server.handle(page(500))
    const iterate = async () => {
      for await (const _ of flow.customers.list({}, { timeout: 50 })) {
        // every item
      }
    }
    const error = rejection(await settle(iterate()), "FlowGetCustomerListError")
    expect(error.cause).toBeInstanceOf(FlowTimeoutError)
  })

  it.each<[string, unknown, string]>([
    ["a getter that throws", Object.defineProperty({}, "retries", { enumerable: true, get: () => { throw new Error("x") } }), "options.retries"],
    ["null", null, "options"],
    ["a number", 5, "options"],
    ["a forged AbortSignal", { signal: Object.create(AbortSignal.prototype) }, "options.signal"],
    ["a signal that is not one", { signal: { aborted: false, addEventListener: () => undefined } }, "options.signal"]
  ])("%s: the operation's error, nothing sent", async (_title, options, field) => {
    await refusedOption(() => flow.customers.get("cus_x", options as never), "FlowGetCustomerError", field)
  })

  it("a bad option of a list rejects when awaited and when iterated", async () => {
    const list = flow.customers.list({}, { timeout: -1 })
    await refusedOption(() => list, "FlowGetCustomerListError", "options.timeout")
    await refusedOption(() => list.toArray({ max: 10 }), "FlowGetCustomerListError", "options.timeout")
  })
})

describe("untilProcessed's and toArray's options", () => {
  it.each<[string, unknown, string]>([
    ["null", null, "options"],
    ["an interval that is text", { interval: "fast" }, "options.interval"],
    ["an onStatus that is not a function", { onStatus: 1 }, "options.onStatus"],
    ["a getter that throws", Object.defineProperty({}, "signal", { enumerable: true, get: () => { throw new Error("x") } }), "options.signal"]
  ])("%s: FlowMassiveChargeCardStatusError, nothing sent", async (_title, options, field) => {
    await refusedOption(
      () => flow.customers.card.massiveChargeStatus.untilProcessed("B1", options as never),
      "FlowMassiveChargeCardStatusError",
      field
    )
  })

  it("an onStatus that throws: the operation's error, the thrown error as cause.cause", async () => {
    server.answer(JSON.stringify({ token: "B1", status: "processed", collectRows: [] }))
    const thrown = new TypeError("my bug")
    const result = await settle(flow.customers.card.massiveChargeStatus.untilProcessed("B1", {
      interval: 10,
      onStatus: () => {
        throw thrown
      }
    }))
    const error = rejection(result, "FlowMassiveChargeCardStatusError")
    expect(error.cause).toBeInstanceOf(FlowConnectionError)
    expect((error.cause as FlowConnectionError).cause).toMatchObject({ name: "TypeError", message: "my bug" })
  })

  it("toArray's max read by a getter that throws: the list's error naming max", async () => {
    server.handle(page())
    const max = Object.defineProperty({}, "max", { get: () => { throw new Error("x") } })
    const error = rejection(await settle(flow.customers.list().toArray(max as never)), "FlowGetCustomerListError")
    expect(error.field).toBe("max")
  })
})

describe("nothing but the operation's error", () => {
  it("a call after close(): the operation's error, nothing sent", async () => {
    const closed = flowOver("undici", server.baseUrl)
    await closed.close()
    const error = rejection(await settle(closed.customers.get("cus_x")), "FlowGetCustomerError")
    expect(error.cause).toBeInstanceOf(FlowClosedError)
    expect((error.cause as FlowClosedError).requestSent).toBe(false)
    expect(error.outcome).toBe("not-sent")
    const iterate = async () => {
      for await (const _ of closed.customers.list()) {
        // nothing
      }
    }
    rejection(await settle(iterate()), "FlowGetCustomerListError")
    expect(server.requests).toHaveLength(0)
  })

  it("a registration callback given something that is not a Request: refused as bad input, nothing sent", async () => {
    for (const request of [null, {}]) {
      const error = rejection(await settle(flow.customers.card.registrationCallback(request as never)), "FlowRegisterCardStatusError")
      expect(error.cause).toBeInstanceOf(FlowValidationError)
    }
    expect(server.requests).toHaveLength(0)
  })

  it("an aborted signal rejects with the operation's error, FlowAbortedError, the signal's reason as its cause", async () => {
    server.handle(() => {
      // never answers
    })
    const controller = new AbortController()
    const reason = new Error("the user left")
    const pending = flow.customers.get("cus_x", { signal: controller.signal })
    setTimeout(() => controller.abort(reason), 20)
    const error = rejection(await settle(pending), "FlowGetCustomerError")
    expect(error.cause).toMatchObject({ name: "FlowAbortedError", requestSent: true, cause: reason })
    expect(error.outcome).toBe("unknown")
  })
})

describe("new Flow reads its options once", () => {
  const thrownBy = (make: () => unknown) => {
    try {
      make()
    } catch (error) {
      expect(error).toBeInstanceOf(FlowValidationError)
      return error as FlowValidationError
    }
    throw new Error("new Flow accepted it")
  }
  const throwingGetter = (key: string, base: object = {}) =>
    Object.defineProperty(base, key, { enumerable: true, get: () => { throw new Error("x") } })

  it.each<[string, unknown, string]>([
    ["null options", null, "options"],
    ["a baseUrl getter that throws", throwingGetter("baseUrl"), "baseUrl"],
    ["a retry getter that throws", throwingGetter("retry"), "retry"],
    ["a retry.retries getter that throws", { retry: throwingGetter("retries") }, "retry.retries"],
    ["retry that is not an object", { retry: 3 }, "retry"],
    ["maxResponseBytes below 1 KiB", { maxResponseBytes: 100 }, "maxResponseBytes"],
    ["maxResponseBytes beyond 256 MiB (more than a string should hold)", { maxResponseBytes: 2 ** 30 }, "maxResponseBytes"],
    ["a transport that is not a name", { transport: 1n }, "transport"]
  ])("%s: FlowValidationError naming it", (_title, options, field) => {
    expect(thrownBy(() => new Flow("K", "S", "sandbox", options as never)).field).toBe(field)
  })

  it("each option is read once", () => {
    const { proxy, reads } = counted({ baseUrl: "http://127.0.0.1:8080/api", timeout: 1_000, maxResponseBytes: 65_536 })
    expect(new Flow("K", "S", "sandbox", proxy).baseUrl).toBe("http://127.0.0.1:8080/api")
    for (const key of ["baseUrl", "timeout", "maxResponseBytes", "transport", "retry"]) expect(reads.get(key)).toBe(1)
  })
})
