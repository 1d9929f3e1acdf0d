/**
 * `@flowcl/core/node`: FlowCustomers and FlowPayments in one call, on core's undici transport, against
 * the emulator; options from code or from Effect `Config`; bad options refused before anything is sent.
 */
import { FlowCustomers, FlowPayments } from "@flowcl/core"
import * as FlowNode from "@flowcl/core/node"
import { type RunningEmulator, start } from "@flowcl/emulator"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as http from "node:http"
import type { AddressInfo } from "node:net"

let emulator: RunningEmulator
beforeAll(async () => {
  emulator = await start({ port: 0 })
})
afterAll(() => emulator.close())

/** A customer created, then a payment read for an order Flow does not hold: both services, one layer. */
const program = Effect.gen(function*() {
  const customers = yield* FlowCustomers
  const payments = yield* FlowPayments
  const customer = yield* customers.create({ name: "Ana", email: "ana@example.cl", externalId: `node-${Math.random()}` })
  const read = yield* Effect.either(payments.getStatusByCommerceId("no-such-order"))
  return { customer, read }
})

describe("FlowNode", () => {
  it("layer: both services from options given in code", async () => {
    const { customer, read } = await Effect.runPromise(program.pipe(
      Effect.provide(FlowNode.layer({ apiKey: emulator.apiKey, secretKey: emulator.secretKey, baseUrl: emulator.url }))
    ))
    expect(customer.customerId).toMatch(/^cus_/)
    expect(read._tag).toBe("Left")
    expect(read._tag === "Left" && read.left._tag).toBe("FlowGetPaymentStatusByCommerceIdError")
    expect(emulator.requests.map((r) => r.endpoint).slice(-2)).toStrictEqual([
      "customer/create",
      "payment/getStatusByCommerceId"
    ])
  })

  it("layerConfig: the options from Effect Config (FLOW_API_KEY, …)", async () => {
    const provider = ConfigProvider.fromMap(new Map([
      ["FLOW_API_KEY", emulator.apiKey],
      ["FLOW_SECRET_KEY", emulator.secretKey],
      ["FLOW_BASE_URL", emulator.url]
    ]))
    const { customer } = await Effect.runPromise(program.pipe(
      Effect.provide(FlowNode.layerConfig()),
      Effect.withConfigProvider(provider)
    ))
    expect(customer.customerId).toMatch(/^cus_/)
  })

  it("a missing key fails the layer with FlowAuthenticationError, and nothing is sent", async () => {
    const before = emulator.requests.length
    const result = await Effect.runPromise(Effect.either(
      program.pipe(Effect.provide(FlowNode.layer({ apiKey: "", secretKey: emulator.secretKey, baseUrl: emulator.url })))
    ))
    expect(result._tag === "Left" && result.left._tag).toBe("FlowAuthenticationError")
    expect(emulator.requests.length).toBe(before)
  })

  it("connections that are not a whole number of 1 or more: FlowValidationError naming it, and nothing is sent", async () => {
    for (const connections of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const before = emulator.requests.length
      const result = await Effect.runPromise(Effect.either(
        program.pipe(Effect.provide(FlowNode.layer({
          apiKey: emulator.apiKey,
          secretKey: emulator.secretKey,
          baseUrl: emulator.url,
          connections
        })))
      ))
      expect(result._tag === "Left" && result.left).toMatchObject({ _tag: "FlowValidationError", field: "connections" })
      expect(emulator.requests.length).toBe(before)
    }
  })

  it("requests travel on undici's dispatcher, not fetch (no fetch-only headers such as sec-fetch-mode)", async () => {
    const seen: Array<http.IncomingHttpHeaders> = []
    const server = http.createServer((req, res) => {
      seen.push(req.headers)
      res.setHeader("content-type", "application/json")
      res.end(JSON.stringify({
        customerId: "cus_1",
        created: "2026-12-01 10:00:00",
        email: "ana@example.cl",
        name: "Ana",
        pay_mode: "manual",
        externalId: "42",
        status: 1
      }))
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    try {
      const { port } = server.address() as AddressInfo
      const layer = FlowNode.layer({ apiKey: "k", secretKey: "s", baseUrl: `http://127.0.0.1:${port}/api` })
      const customer = await Effect.runPromise(
        Effect.flatMap(FlowCustomers, (c) => c.get("cus_1")).pipe(Effect.provide(layer))
      )
      expect(customer.customerId).toBe("cus_1")
      expect(seen.length).toBeGreaterThan(0)
      for (const headers of seen) {
        expect(headers["sec-fetch-mode"]).toBeUndefined()
        expect(headers["accept"]).toBe("application/json")
      }
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })
})
