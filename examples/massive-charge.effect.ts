/**
 * A massive charge from Effect, followed with a Schedule: poll massiveChargeStatus every 100 ms until
 * the batch is processed, for at most 30 seconds. Rows may be in CLP (whole pesos) or UF (decimals).
 */
import { type BatchCollectStatus, FlowCustomers } from "@flowcl/core"
import { Console, Effect, Schedule } from "effect"
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

    // repeat while not processed, 100 ms apart; the schedule's output is the last status
    const untilProcessed = Schedule.recurWhile<BatchCollectStatus>((status) => status.status !== "processed").pipe(
      Schedule.addDelay(() => "100 millis")
    )
    const final = yield* customers.card.massiveChargeStatus(batch.token).pipe(
      Effect.repeat(untilProcessed),
      Effect.timeout("30 seconds")
    )
    yield* Console.log(`  ✓ batch ${final.status} at ${final.processedDate}: ${final.collectRows.map((r) => r.status).join(", ")}`)
  })

export const main = (connection: Connection) =>
  Effect.runPromise(program(connection).pipe(Effect.provide(flowLayer(connection))))

runIfMain(import.meta, main)
