/**
 * A massive charge from Effect, followed with `massiveChargeStatus.watch`: a Stream of the batch's
 * status each time it changes, ending when it is processed (`untilProcessed` gives just the last).
 * Rows may be in CLP (whole pesos) or UF (decimals).
 */
import { FlowCustomers } from "@flowcl/core"
import { Console, Effect, Stream } from "effect"
import { type Connection, flowLayer, newOrder, runIfMain } from "./support/connection.js"

const program = (connection: Connection) =>
  Effect.gen(function*() {
    const customers = yield* FlowCustomers
    const customer = yield* customers.create({ name: "Florencia Vidal", email: "florencia@example.cl", externalId: `b-${Date.now()}` })
    const batch = yield* customers.card.sendMassiveCharge({
      urlCallBack: `${connection.callbackUrl}/batch-done`,
      urlConfirmation: `${connection.callbackUrl}/confirm`,
      urlReturn: `${connection.callbackUrl}/return`,
      batchRows: [
        { customerId: customer.customerId, commerceOrder: newOrder("arriendo"), subject: "Arriendo", amount: 350_000 },
        { customerId: customer.customerId, commerceOrder: newOrder("arriendo"), subject: "Arriendo", amount: 10.5, currency: "UF" }
      ]
    })
    yield* Console.log(`  ✓ sent ${batch.receivedRows} rows, ${batch.acceptedRows} accepted`)

    // the batch's status each time it changes, until it is processed
    const statuses = yield* Stream.runCollect(customers.card.massiveChargeStatus.watch(batch.token, { interval: "25 millis" }))
    yield* Console.log(`  ✓ watched it: ${[...statuses].map((s) => s.status).join(" → ")}`)
    const final = [...statuses].at(-1)!
    yield* Console.log(`  ✓ batch ${final.status} at ${final.processedDate}: ${final.collectRows.map((r) => r.status).join(", ")}`)
  })

export const main = (connection: Connection) =>
  Effect.runPromise(program(connection).pipe(Effect.provide(flowLayer(connection))))

runIfMain(import.meta, main)
