/**
 * FlowCustomers over every HttpClient an Effect user may provide, against the emulator: core's
 * UndiciHttpClient, FetchHttpClient and @effect/platform-node's undici client. Each reads answers,
 * caps their size, and refuses a redirect; a transport whose answers are not web Responses (the
 * platform-node client) is read through its stream.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { FlowConfig, FlowCustomers } from "@flowcl/core"
import * as UndiciHttpClient from "@flowcl/core/UndiciHttpClient"
import { type RunningEmulator, start } from "@flowcl/emulator"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

let emulator: RunningEmulator
beforeAll(async () => {
  emulator = await start({ port: 0 })
})
afterAll(() => emulator.close())

const transports: ReadonlyArray<readonly [string, () => Layer.Layer<HttpClient.HttpClient>]> = [
  ["UndiciHttpClient", () => UndiciHttpClient.layer],
  ["FetchHttpClient", () => FetchHttpClient.layer],
  ["@effect/platform-node's undici client", () => NodeHttpClient.layerUndici]
]

describe.each(transports)("FlowCustomers over %s", (_name, transport) => {
  const run = <A, E>(effect: Effect.Effect<A, E, FlowCustomers>, maxResponseBytes?: number) =>
    Effect.runPromise(Effect.either(effect).pipe(
      Effect.provide(FlowCustomers.Default.pipe(
        Layer.provide(FlowConfig.layer({
          apiKey: emulator.apiKey,
          secretKey: emulator.secretKey,
          baseUrl: emulator.url,
          retry: { retries: 0 },
          ...(maxResponseBytes === undefined ? {} : { maxResponseBytes })
        })),
        Layer.provide(transport()),
        Layer.orDie
      ))
    ))

  it("creates, reads and lists customers", async () => {
    const created = await run(Effect.flatMap(FlowCustomers, (c) =>
      c.create({ name: "Transporte", email: "t@example.cl", externalId: `t-${Date.now()}` })))
    if (created._tag === "Left") throw created.left
    const got = await run(Effect.flatMap(FlowCustomers, (c) => c.get(created.right.customerId)))
    expect(got).toMatchObject({ _tag: "Right", right: { customerId: created.right.customerId, status: 1 } })
  })

  it("an answer over maxResponseBytes fails with the operation's error, not a defect", async () => {
    // 50 customers make a page well over the 1 KiB cap
    await Promise.all(Array.from({ length: 50 }, (_, i) =>
      run(Effect.flatMap(FlowCustomers, (c) =>
        c.create({ name: `Lista ${i}`, email: `l${i}@example.cl`, externalId: `l-${i}-${Date.now()}` })))))
    const result = await run(Effect.flatMap(FlowCustomers, (c) => c.list({ limit: 50 })), 1024)
    expect(result._tag).toBe("Left")
    if (result._tag === "Left") {
      expect(result.left).toMatchObject({ _tag: "FlowGetCustomerListError", reason: { _tag: "FlowDecodeError" } })
      expect(result.left.reason.message).toMatch(/larger than 1024 bytes/)
    }
  })
})
