/**
 * All 16 operations against the recording HttpClient double: exact verb, path, params and signature;
 * both documented answer forms; each failure kind mapped to the operation's own error.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as TestClock from "effect/TestClock"
import { createHmac } from "node:crypto"
import { FlowCustomers } from "../src/FlowCustomers.js"
import { withCallOptions } from "../src/FlowHttp.js"
import { type FlowOperationError, isFlowError } from "../src/FlowErrors.js"
import { type OperationCase, operations } from "./support/operations.js"
import {
  json,
  makeTestCustomers,
  type Responder,
  TEST_API_KEY,
  TEST_SECRET,
  transportFailure
} from "./support/RecordingHttpClient.js"

/** The signature computed here, independently of src/sign.ts. */
const expectedSignature = (params: Record<string, string>): string =>
  createHmac("sha256", TEST_SECRET)
    .update(Object.keys(params).filter((k) => k !== "s").sort().map((k) => k + params[k]).join(""), "utf8")
    .digest("hex")

const run = (op: OperationCase, respond: Responder, options: { readonly timeout?: number } = {}) => {
  const { layer, requests } = makeTestCustomers(respond, options)
  const effect = Effect.flatMap(FlowCustomers, op.call).pipe(Effect.either, Effect.provide(layer))
  return { effect, requests }
}

const failureOf = (result: Either.Either<unknown, FlowOperationError>): FlowOperationError => {
  if (Either.isRight(result)) throw new Error(`expected a failure, got ${JSON.stringify(result.right)}`)
  return result.left
}

describe.each(operations)("$name", (op) => {
  it.effect(`sends ${op.method} ${op.path} with exactly its params, signed`, () =>
    Effect.gen(function*() {
      const { effect, requests } = run(op, () => json(op.specAnswer))
      const result = yield* effect
      expect(Either.isRight(result)).toBe(true)
      expect(requests).toHaveLength(1)
      const [request] = requests
      expect(request!.method).toBe(op.method)
      expect(request!.url.origin + request!.path).toBe(`https://flow.test${op.path}`)
      const { s, ...rest } = request!.params
      expect(rest).toStrictEqual({ ...op.params, apiKey: TEST_API_KEY })
      expect(s).toBe(expectedSignature(request!.params))
      // no param travels twice, and none is the text "undefined"
      expect(new Set(request!.paramNames).size).toBe(request!.paramNames.length)
      expect(Object.values(request!.params)).not.toContain("undefined")
      if (op.method === "POST") {
        expect(request!.contentType).toBe("application/x-www-form-urlencoded")
        expect(request!.query).toBe("")
      } else {
        expect(request!.body).toBe("")
      }
    }))

  it.effect("decodes the spec's answer form", () =>
    Effect.gen(function*() {
      const result = yield* run(op, () => json(op.specAnswer)).effect
      expect(result).toStrictEqual(Either.right(op.decoded))
    }))

  it.effect("decodes the alternative answer form", () =>
    Effect.gen(function*() {
      const result = yield* run(op, () => json(op.altAnswer)).effect
      expect(result).toStrictEqual(Either.right(op.altDecoded))
    }))

  it.effect(`maps Flow's 400 {code, message} to ${op.errorTag} / FlowAPIError`, () =>
    Effect.gen(function*() {
      const error = failureOf(yield* run(op, () => json({ code: 1001, message: "There's some missing params" }, 400)).effect)
      expect(error._tag).toBe(op.errorTag)
      expect(error.reason._tag).toBe("FlowAPIError")
      expect(error.code).toBe(1001)
      expect(error.statusCode).toBe(400)
      expect(error.message).toBe(`${op.name} failed: There's some missing params`)
      expect(isFlowError(error)).toBe(true)
      expect(isFlowError(error.reason)).toBe(true)
    }))

  it.effect("maps a 401 business error (code as text) to FlowAPIError", () =>
    Effect.gen(function*() {
      const error = failureOf(yield* run(op, () => json({ code: "401", message: "Customer not found" }, 401)).effect)
      expect(error._tag).toBe(op.errorTag)
      expect(error.reason._tag).toBe("FlowAPIError")
      expect(error.code).toBe(401)
      expect(error.statusCode).toBe(401)
    }))

  it.effect("maps 108 Invalid Signature to FlowAuthenticationError", () =>
    Effect.gen(function*() {
      const error = failureOf(yield* run(op, () => json({ code: 108, message: "Invalid Signature" }, 401)).effect)
      expect(error._tag).toBe(op.errorTag)
      expect(error.reason._tag).toBe("FlowAuthenticationError")
      expect(error.code).toBe(108)
      expect(error.message).toContain("Invalid Signature")
    }))

  it.effect("maps an HTML 502 page to FlowAPIError without a Flow code", () =>
    Effect.gen(function*() {
      const html = "<html><body><h1>502 Bad Gateway</h1></body></html>"
      const error = failureOf(yield* run(op, () => new Response(html, { status: 502 })).effect)
      expect(error._tag).toBe(op.errorTag)
      expect(error.reason._tag).toBe("FlowAPIError")
      expect(error.code).toBeUndefined()
      expect(error.statusCode).toBe(502)
      expect(error.message).toContain("HTTP 502")
      expect(error.message).toContain("502 Bad Gateway")
    }))

  it.effect("maps a 200 that is not JSON to FlowDecodeError", () =>
    Effect.gen(function*() {
      const error = failureOf(yield* run(op, () => new Response("<html>maintenance</html>", { status: 200 })).effect)
      expect(error._tag).toBe(op.errorTag)
      expect(error.reason._tag).toBe("FlowDecodeError")
      expect(error.statusCode).toBe(200)
      expect(error.message).toContain("not JSON")
    }))

  it.effect("maps a 200 of the wrong shape to FlowDecodeError naming the field", () =>
    Effect.gen(function*() {
      const error = failureOf(yield* run(op, () => json({ unexpected: true })).effect)
      expect(error._tag).toBe(op.errorTag)
      const reason = error.reason
      if (reason._tag !== "FlowDecodeError") throw new Error(`unexpected reason ${reason._tag}`)
      expect(reason.path).not.toBe("")
      expect(reason.message).toContain(reason.path)
      expect(reason.body).toBe("{\"unexpected\":true}")
    }))

  it.effect("maps a transport failure to FlowConnectionError", () =>
    Effect.gen(function*() {
      const cause = new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED 127.0.0.1:9") })
      const error = failureOf(yield* run(op, (request) => transportFailure(request, cause)).effect)
      expect(error._tag).toBe(op.errorTag)
      expect(error.reason._tag).toBe("FlowConnectionError")
      expect(error.message).toContain("ECONNREFUSED")
      expect(error.code).toBeUndefined()
      expect(error.statusCode).toBeUndefined()
    }))

  it.effect("maps a call that outlives the timeout to FlowTimeoutError", () =>
    Effect.gen(function*() {
      const { effect, requests } = run(op, () => Effect.never, { timeout: 5_000 })
      const fiber = yield* Effect.fork(effect)
      yield* TestClock.adjust("4999 millis")
      expect(fiber.unsafePoll()).toBeNull()
      yield* TestClock.adjust("1 millis")
      const error = failureOf(yield* Fiber.join(fiber))
      expect(error._tag).toBe(op.errorTag)
      const reason = error.reason
      if (reason._tag !== "FlowTimeoutError") throw new Error(`unexpected reason ${reason._tag}`)
      expect(reason.timeoutMillis).toBe(5_000)
      expect(requests).toHaveLength(1)
    }))
})

describe("card.register", () => {
  it.effect("adds the token to a url that already has a query", () =>
    Effect.gen(function*() {
      const op = operations.find((o) => o.name === "card.register")!
      const result = yield* run(op, () => json({ url: "https://flow.test/app/disclaimer.php?lang=es", token: "T 1" }))
        .effect
      expect(result).toStrictEqual(Either.right({
        url: "https://flow.test/app/disclaimer.php?lang=es",
        token: "T 1",
        redirectUrl: "https://flow.test/app/disclaimer.php?lang=es&token=T%201"
      }))
    }))
})

describe("withCallOptions", () => {
  it.scoped("a per-call timeout overrides FlowConfig's for the calls it wraps", () =>
    Effect.gen(function*() {
      const { layer } = makeTestCustomers(() => Effect.never, { timeout: 30_000 })
      const customers = yield* Layer.build(layer).pipe(Effect.map(Context.get(FlowCustomers)))
      const fiber = yield* Effect.fork(Effect.flip(customers.get("cus_onoolldvec").pipe(withCallOptions({ timeout: "1 second" }))))
      yield* TestClock.adjust("1 second")
      const error = yield* Fiber.join(fiber)
      if (error.reason._tag !== "FlowTimeoutError") throw new Error(`unexpected reason ${error.reason._tag}`)
      expect(error.reason.timeoutMillis).toBe(1_000)
      // outside the wrapper, FlowConfig's 30 s apply again
      const other = yield* Effect.fork(customers.get("cus_onoolldvec"))
      yield* TestClock.adjust("29 seconds")
      expect(other.unsafePoll()).toBeNull()
      yield* Fiber.interrupt(other)
    }))
})
