/**
 * Handling errors in Effect: each operation's error channel holds only its own error, and its
 * `reason` is a tagged union to match on.
 */
import { FlowCustomers } from "@flowcl/core"
import { Console, Effect, Match } from "effect"
import { type Connection, flowLayer, newOrder, runIfMain } from "./support/connection.js"

const program = Effect.gen(function*() {
  const customers = yield* FlowCustomers
  const customer = yield* customers.create({ name: "Errores Effect", email: "errores@example.cl", externalId: `e-${Date.now()}` })

  for (const amount of [-5, 2_000]) {
    yield* customers.card.charge({ customerId: customer.customerId, amount, subject: "Prueba", commerceOrder: newOrder("e") }).pipe(
      Effect.catchTag("FlowChargeCardError", (error) =>
        Console.log(`  ✓ ${error._tag} because ${
          Match.value(error.reason).pipe(
            Match.tag("FlowValidationError", (r) => `${r.field} is invalid; nothing was sent`),
            Match.tag("FlowAPIError", (r) => `Flow answered ${r.code}: ${r.message}`),
            Match.tag("FlowAuthenticationError", () => "the keys were refused"),
            Match.tag("FlowClosedError", () => "the client was closed"),
            Match.tag("FlowAbortedError", () => "the call was aborted"),
            // reconciliation already asked Flow: outcome "unknown" means it could not tell
            Match.tag("FlowTimeoutError", "FlowConnectionError", "FlowDecodeError", (r) =>
              `${r._tag}: outcome ${error.outcome}; look the order up before charging again`),
            Match.exhaustive
          )
        }`))
    )
  }
})

export const main = (connection: Connection) => Effect.runPromise(program.pipe(Effect.provide(flowLayer(connection))))

runIfMain(import.meta, main)
