/**
 * Charges from Effect: a charge that goes through, one the bank declines (the emulator's magic amount
 * 9006), and the failed attempt in listFailedCharges.
 */
import { FlowCustomers } from "@flowcl/core"
import { Console, Effect } from "effect"
import { completeCardRegistration, type Connection, flowLayer, newOrder, runIfMain } from "./support/connection.js"

const program = (connection: Connection) =>
  Effect.gen(function*() {
    const customers = yield* FlowCustomers
    const customer = yield* customers.create({
      name: "Josefa Díaz",
      email: "josefa@example.cl",
      externalId: `crm-${Date.now()}`
    })
    const registration = yield* customers.card.register({
      customerId: customer.customerId,
      url_return: `${connection.callbackUrl}/card`
    })
    if (!(yield* Effect.promise(() => completeCardRegistration(connection, registration)))) return

    const paid = yield* customers.card.charge({
      customerId: customer.customerId,
      amount: 9_990,
      subject: "Cuota 1",
      commerceOrder: newOrder("cuota")
    })
    yield* Console.log(`  ✓ charge ${paid.flowOrder}: status ${paid.status} (2 = paid)`)

    if (connection.emulator === undefined) return // the magic amount below only declines on the emulator
    const declined = yield* customers.card.charge({
      customerId: customer.customerId,
      amount: 9006,
      subject: "Cuota 2",
      commerceOrder: newOrder("cuota")
    })
    yield* Console.log(`  ✓ charge ${declined.flowOrder}: status ${declined.status} (3 = rejected by the bank)`)

    const failed = yield* customers.card.listFailedCharges({ customerId: customer.customerId })
    for (const attempt of failed.data) {
      yield* Console.log(`  ✓ failed attempt ${attempt.commerceOrder}: ${attempt.errorCode} ${attempt.errorDescription}`)
    }
  })

export const main = (connection: Connection) =>
  Effect.runPromise(program(connection).pipe(Effect.provide(flowLayer(connection))))

runIfMain(import.meta, main)
