/**
 * A first Effect program: create a customer, charge their card, and handle a refused charge.
 *
 * Reads FLOW_API_KEY, FLOW_SECRET_KEY, FLOW_ENVIRONMENT (default sandbox) and FLOW_BASE_URL.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { FlowConfig, FlowCustomers } from "@flowcl/core"
import { Console, Effect, Layer } from "effect"

const program = Effect.gen(function*() {
  const customers = yield* FlowCustomers

  const customer = yield* customers.create({
    name: "Ana Pérez",
    email: "ana.perez@example.cl",
    externalId: `user-${Date.now()}`
  })
  yield* Console.log(`Created ${customer.customerId} for ${customer.name}`)

  const payment = yield* customers.card.charge({
    customerId: customer.customerId,
    amount: 9990,
    subject: "Plan mensual",
    commerceOrder: `order-${Date.now()}`
  }).pipe(
    // Only this operation's error can arrive here; `reason` says why, `code` is Flow's code.
    Effect.catchTag("FlowChargeCardError", (error) =>
      Console.log(`Charge not made: ${error.message} (reason ${error.reason._tag}, Flow code ${error.code})`).pipe(
        Effect.as(undefined)
      ))
  )
  if (payment !== undefined) {
    yield* Console.log(`Charged ${payment.amount} ${payment.currency ?? "CLP"}: flowOrder ${payment.flowOrder}`)
  }
})

// FlowCustomers needs only a FlowConfig and an HttpClient.
const FlowLive = FlowCustomers.Default.pipe(
  Layer.provide(Layer.merge(FlowConfig.layerConfig(), FetchHttpClient.layer))
)

Effect.runPromise(program.pipe(Effect.provide(FlowLive))).catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
