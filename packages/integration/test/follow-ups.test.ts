/**
 * The follow-ups beyond the seed, against the emulator: a massive charge followed until processed
 * (created → processing → processed, both APIs, and a timeout), and Flow's card-registration callback
 * handled by an @effect/platform server and by a plain web-Request handler.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "@effect/vitest"
import { type BatchCollectStatus, FlowConfig, FlowCustomers, type RegisterCardStatus, RegistrationCallback } from "@flowcl/core"
import { type RunningEmulator, start } from "@flowcl/emulator"
import Flow, { FlowMassiveChargeCardStatusError, FlowTimeoutError } from "@flowcl/promise"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Stream from "effect/Stream"
import { createServer, type IncomingMessage } from "node:http"
import type { AddressInfo } from "node:net"

let emulator: RunningEmulator
let flow: Flow
let customers: Layer.Layer<FlowCustomers>

const runCore = <A, E>(effect: Effect.Effect<A, E, FlowCustomers>) => Effect.runPromise(Effect.provide(effect, customers))

/**
 * Each batch below is sent held in `created` (the emulator's longest pace: a change of the pace applies
 * to a batch in progress), so the first status read sees `created` however long it takes to arrive.
 * Seeing it, the test lets the batch go on at PACE per step: `processing` then lasts a step per row
 * plus one, dozens of 5 ms polls.
 */
const PACE = 40
const hold = () => {
  emulator.settings.batchPaceMs = 60_000
}
const release = (status: { readonly status: string }) => {
  if (status.status === "created") emulator.settings.batchPaceMs = PACE
}

beforeAll(async () => {
  emulator = await start({ batchPaceMs: PACE })
  flow = new Flow(emulator.apiKey, emulator.secretKey, "sandbox", { baseUrl: emulator.url })
  customers = FlowCustomers.Default.pipe(
    Layer.provide(FlowConfig.layer({ apiKey: emulator.apiKey, secretKey: emulator.secretKey, baseUrl: emulator.url })),
    Layer.provide(FetchHttpClient.layer),
    Layer.orDie
  )
})

afterAll(async () => {
  await flow.close()
  await emulator.close()
})

afterEach(() => {
  emulator.settings.batchPaceMs = PACE
})

let n = 0
const newBatch = async (rows = 3) => {
  const customer = await flow.customers.create({ name: "Lote", email: `lote${++n}@example.cl`, externalId: `l-${n}` })
  hold()
  return flow.customers.card.sendMassiveCharge({
    urlCallBack: `${emulator.adminUrl}/sink/batch`,
    urlConfirmation: `${emulator.adminUrl}/sink/confirm`,
    urlReturn: `${emulator.adminUrl}/sink/return`,
    batchRows: Array.from({ length: rows }, (_, i) => ({
      customerId: customer.customerId,
      commerceOrder: `lote-${n}-${i}`,
      subject: "Gastos comunes",
      amount: 5_000
    }))
  })
}

describe("massive charge follow-up", () => {
  it("core: massiveChargeStatus.watch sees created → processing → processed, then ends", async () => {
    const batch = await newBatch()
    const statuses = Chunk.toReadonlyArray(await runCore(Effect.flatMap(FlowCustomers, (c) =>
      Stream.runCollect(
        c.card.massiveChargeStatus.watch(batch.token, { interval: "5 millis" }).pipe(
          Stream.tap((status) => Effect.sync(() => release(status)))
        )
      ))))
    expect(statuses.map((s) => s.status)).toStrictEqual(["created", "processing", "processed"])
    expect(statuses.at(-1)!.collectRows.map((r) => r.status)).toStrictEqual(["collected", "collected", "collected"])
  })

  it("core: untilProcessed returns the final status with each row's outcome", async () => {
    const batch = await newBatch(2)
    const seen: Array<string> = []
    const final = await runCore(Effect.flatMap(FlowCustomers, (c) =>
      c.card.massiveChargeStatus.untilProcessed(batch.token, {
        interval: "5 millis",
        onStatus: (status) => {
          seen.push(status.status)
          release(status)
        }
      })))
    expect(final.status).toBe("processed")
    expect(final.processedDate).toMatch(/^\d{4}-\d{2}-\d{2} /)
    expect(final.collectRows).toHaveLength(2)
    expect(seen).toStrictEqual(["created", "processing", "processed"])
  })

  it("promise: massiveChargeStatus.untilProcessed reports each status and resolves processed", async () => {
    const batch = await newBatch()
    const seen: Array<BatchCollectStatus["status"]> = []
    const final = await flow.customers.card.massiveChargeStatus.untilProcessed(batch.token, {
      interval: 5,
      onStatus: (status) => {
        seen.push(status.status)
        release(status)
      }
    })
    expect(seen).toStrictEqual(["created", "processing", "processed"])
    expect(final.status).toBe("processed")
    expect(final.collectRows.every((row) => row.status === "collected")).toBe(true)
  })

  it("promise: a batch not processed in time rejects with the operation's error, FlowTimeoutError as cause", async () => {
    const batch = await newBatch() // held in created: it cannot be processed within the timeout
    const error = await flow.customers.card.massiveChargeStatus.untilProcessed(batch.token, { interval: 5, timeout: 100 })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FlowMassiveChargeCardStatusError)
    expect((error as FlowMassiveChargeCardStatusError).cause).toBeInstanceOf(FlowTimeoutError)
    expect((error as Error).message).toContain("not processed within")
  })
})

/** A node:http request as a web Request (what most frameworks hand you, or can). */
const toWebRequest = async (req: IncomingMessage, origin: string): Promise<Request> => {
  const chunks: Array<Buffer> = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return new Request(new URL(req.url ?? "/", origin), {
    method: req.method ?? "POST",
    headers: req.headers as Record<string, string>,
    body: Buffer.concat(chunks)
  })
}

/** Completes a registration on the emulator's page (the person's form POST). */
const completeRegistration = async (registration: { url: string; token: string }, last4: string) => {
  const page = await fetch(registration.url, {
    method: "POST",
    body: new URLSearchParams({ token: registration.token, action: "approve", brand: "Visa", last4 })
  })
  expect(page.status).toBe(200)
}

describe("card registration callback", () => {
  it("promise: card.registrationCallback(request) turns Flow's POST into the registration's outcome", async () => {
    const outcomes: Array<RegisterCardStatus> = []
    const server = createServer((req, res) => {
      void toWebRequest(req, "http://127.0.0.1")
        .then((request) => flow.customers.card.registrationCallback(request))
        .then((status) => {
          outcomes.push(status)
          res.end("ok")
        }, (error: unknown) => {
          res.statusCode = 400
          res.end(String(error))
        })
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    try {
      const customer = await flow.customers.create({ name: "Callback", email: "cb@example.cl", externalId: "cb-1" })
      const registration = await flow.customers.card.register({
        customerId: customer.customerId,
        url_return: `http://127.0.0.1:${(server.address() as AddressInfo).port}/flow/card-registered`
      })
      await completeRegistration(registration, "1881")
      // the emulator POSTs to url_return before the person's page returns
      expect(outcomes).toHaveLength(1)
      expect(outcomes[0]).toMatchObject({ status: 1, customerId: customer.customerId, last4CardDigits: "1881" })
      const callback = emulator.state.callbacks.find((c) => c.token === registration.token)
      expect(callback?.status).toBe(200)
    } finally {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })

  it("core: RegistrationCallback.handler serves url_return on an @effect/platform server", async () => {
    const outcomes: Array<RegisterCardStatus> = []
    const app = HttpRouter.empty.pipe(
      HttpRouter.post(
        "/flow/card-registered",
        RegistrationCallback.handler((status) =>
          Effect.sync(() => {
            outcomes.push(status)
            return HttpServerResponse.text("ok")
          })
        )
      )
    )
    await Effect.runPromise(Effect.scoped(Effect.gen(function*() {
      const nodeServer = createServer()
      const server = yield* NodeHttpServer.make(() => nodeServer, { port: 0, host: "127.0.0.1" })
      // the services live in this scope, as long as the server (a layer provided to `serve` alone
      // would be released as soon as `serve` returns)
      const services = yield* Layer.build(customers)
      yield* server.serve(app).pipe(Effect.provide(services))
      yield* Effect.addFinalizer(() => Effect.sync(() => nodeServer.closeAllConnections()))
      const port = server.address._tag === "TcpAddress" ? server.address.port : 0
      yield* Effect.promise(async () => {
        const customer = await flow.customers.create({ name: "Callback Effect", email: "cbe@example.cl", externalId: "cb-2" })
        const registration = await flow.customers.card.register({
          customerId: customer.customerId,
          url_return: `http://127.0.0.1:${port}/flow/card-registered`
        })
        await completeRegistration(registration, "0042")
        expect(outcomes).toHaveLength(1)
        expect(outcomes[0]).toMatchObject({ status: 1, customerId: customer.customerId, last4CardDigits: "0042" })
      })
    })))
  })
})
