/**
 * What each runtime runs, through each API: create a customer, then charge a customer who has a
 * card (seeded through the emulator's admin API: a card is registered in a browser on Flow's pages,
 * which a smoke test cannot do). Plain ECMAScript and fetch, no runtime's own globals, so that the
 * same module runs on workerd, Bun and Deno.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { FlowConfig, FlowCustomers } from "@flowcl/core"
import { Flow } from "@flowcl/promise"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"

/** The emulator the smoke talks to (its `start()` answer, as JSON). */
export interface Target {
  readonly url: string
  readonly adminUrl: string
  readonly apiKey: string
  readonly secretKey: string
}

/** A customer with a card on file, through the admin API (no Flow signature). */
const seedCardholder = async (target: Target, name: string): Promise<string> => {
  const response = await fetch(`${target.adminUrl}/seed`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ customers: [{ name, email: "smoke@example.cl", card: {} }] })
  })
  if (!response.ok) throw new Error(`seed: HTTP ${response.status} ${await response.text()}`)
  const seeded = (await response.json()) as { readonly customers: ReadonlyArray<{ readonly customerId: string }> }
  return seeded.customers[0]!.customerId
}

const order = (runtime: string, api: string) => `smoke-${runtime}-${api}-${Date.now()}`

/** Through @flowcl/promise: `new Flow(…)`, `customers.create`, `customers.card.charge`. */
export const viaPromise = async (target: Target, runtime: string): Promise<string> => {
  const flow = new Flow(target.apiKey, target.secretKey, "sandbox", { baseUrl: target.url })
  try {
    const created = await flow.customers.create({ name: "Ana Promise", email: "ana@example.cl", externalId: order(runtime, "p") })
    const customerId = await seedCardholder(target, "Ana Cardholder")
    const payment = await flow.customers.card.charge({
      customerId,
      amount: 9990,
      subject: "Smoke test",
      commerceOrder: order(runtime, "promise")
    })
    return `created ${created.customerId}, charged ${customerId}: flowOrder ${payment.flowOrder}, status ${payment.status}`
  } finally {
    await flow.close()
  }
}

/** Through @flowcl/core: an Effect program on `FlowCustomers` and `FetchHttpClient.layer`. */
export const viaCore = (target: Target, runtime: string): Promise<string> =>
  Effect.gen(function*() {
    const customers = yield* FlowCustomers
    const created = yield* customers.create({ name: "Ana Core", email: "ana@example.cl", externalId: order(runtime, "c") })
    const customerId = yield* Effect.promise(() => seedCardholder(target, "Ana Cardholder"))
    const payment = yield* customers.card.charge({
      customerId,
      amount: 9990,
      subject: "Smoke test",
      commerceOrder: order(runtime, "core")
    })
    return `created ${created.customerId}, charged ${customerId}: flowOrder ${payment.flowOrder}, status ${payment.status}`
  }).pipe(
    Effect.provide(FlowCustomers.Default),
    Effect.provide(Layer.merge(
      FlowConfig.layer({ apiKey: target.apiKey, secretKey: target.secretKey, baseUrl: target.url }),
      FetchHttpClient.layer
    )),
    Effect.runPromise
  )

/** Both APIs, one result each: the line to print and whether it passed. */
export const runBoth = async (target: Target, runtime: string) => {
  const results: Array<{ readonly api: string; readonly ok: boolean; readonly detail: string }> = []
  for (const [api, run] of [["promise", viaPromise], ["core", viaCore]] as const) {
    try {
      results.push({ api, ok: true, detail: await run(target, runtime) })
    } catch (error) {
      results.push({ api, ok: false, detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) })
    }
  }
  return results
}
