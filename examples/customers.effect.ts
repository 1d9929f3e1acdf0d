/**
 * Manage customers from Effect: the same steps as customers.promise.ts, with FlowCustomers as a service.
 */
import { FlowCustomers } from "@flowcl/core"
import { Console, Effect } from "effect"
import { type Connection, flowLayer, runIfMain } from "./support/connection.js"

const program = Effect.gen(function*() {
  const customers = yield* FlowCustomers
  const customer = yield* customers.create({
    name: "Matías Soto",
    email: "matias.soto@example.cl",
    externalId: `crm-${Date.now()}`
  })
  yield* Console.log(`  ✓ created ${customer.customerId}`)

  const edited = yield* customers.edit({ customerId: customer.customerId, name: "Matías Soto Pérez" })
  yield* Console.log(`  ✓ renamed to ${edited.name}`)

  // every page, 2 at a time, until hasMore is false
  let start = 0
  let seen = 0
  for (;;) {
    const page = yield* customers.list({ filter: "Matías", start, limit: 2 })
    seen += page.data.length
    if (!page.hasMore) break
    start += 2
  }
  yield* Console.log(`  ✓ walked ${seen} customers named Matías, 2 per page`)

  const deleted = yield* customers.delete(customer.customerId)
  yield* Console.log(`  ✓ deleted ${deleted.customerId}: status ${deleted.status}`)
})

export const main = (connection: Connection) => Effect.runPromise(program.pipe(Effect.provide(flowLayer(connection))))

runIfMain(import.meta, main)
