/**
 * A first Effect program: create a customer, charge their card, and handle a refused charge
 * (this new customer has no card yet, so Flow refuses: FlowChargeCardError).
 */
import { FlowCustomers } from "@flowcl/core"
import * as FlowNode from "@flowcl/core/node"
import { Console, Effect } from "effect"
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
  // FlowCustomers and FlowPayments on Node's fast transport, in one layer.
  // (FlowNode.layerConfig() reads FLOW_API_KEY, FLOW_SECRET_KEY, FLOW_ENVIRONMENT and FLOW_BASE_URL instead;
  // off Node, provide FlowConfig.layer(…) and FetchHttpClient.layer to FlowCustomers.Default.)
  const FlowLive = FlowNode.layer({
    apiKey: connection.apiKey,
    secretKey: connection.secretKey,
    environment: connection.environment,
    baseUrl: connection.baseUrl
  })
  return Effect.runPromise(program.pipe(Effect.provide(FlowLive)))
}

runIfMain(import.meta, main)
