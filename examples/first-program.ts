/**
 * A first Effect program: create a customer, charge their card, and handle a refused charge
 * (this new customer has no card yet, so Flow refuses: FlowChargeCardError).
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { FlowConfig, FlowCustomers } from "@flowcl/core"
import { Console, Effect, Layer } from "effect"
import { type Connection, runIfMain } from "./support/connection.js"

const program = Effect.gen(function*() {
  const customers = yield* FlowCustomers

  const customer = yield* customers.create({
    name: "Ana Pérez",
    email: "ana.perez@example.cl",
    externalId: `user-${Date.now()}`
  })
  yield* Console.log(`  ✓ created ${customer.customerId} for ${customer.name}`)

  const payment = yield* customers.card.charge({
    customerId: customer.customerId,
    amount: 9990,
    subject: "Plan mensual",
    commerceOrder: `order-${Date.now()}`
  }).pipe(
    // Only this operation's error can arrive here; `reason` says why, `code` is Flow's code.
    Effect.catchTag("FlowChargeCardError", (error) =>
      Console.log(`  ✓ charge not made: ${error.message} (reason ${error.reason._tag}, Flow code ${error.code})`).pipe(
        Effect.as(undefined)
      ))
  )
  if (payment !== undefined) {
    yield* Console.log(`  ✓ charged ${payment.amount} ${payment.currency ?? "CLP"}: flowOrder ${payment.flowOrder}`)
  }
})

export const main = (connection: Connection) => {
  // FlowCustomers needs only a FlowConfig and an HttpClient.
  // (FlowConfig.layerConfig() reads FLOW_API_KEY, FLOW_SECRET_KEY, FLOW_ENVIRONMENT and FLOW_BASE_URL instead.)
  const FlowLive = FlowCustomers.Default.pipe(
    Layer.provide(Layer.merge(
      FlowConfig.layer({
        apiKey: connection.apiKey,
        secretKey: connection.secretKey,
        environment: connection.environment,
        baseUrl: connection.baseUrl
      }),
      FetchHttpClient.layer
    ))
  )
  return Effect.runPromise(program.pipe(Effect.provide(FlowLive)))
}

runIfMain(import.meta, main)
