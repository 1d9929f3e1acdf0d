/**
 * Auto-pagination in Effect: `list.stream` is a Stream of every customer, `list.pages` of every page;
 * errors are the list's own (FlowGetCustomerListError).
 */
import { FlowCustomers } from "@flowcl/core"
import { Console, Effect, Stream } from "effect"
import { type Connection, flowLayer, runIfMain } from "./support/connection.js"

const program = Effect.gen(function*() {
  const customers = yield* FlowCustomers

  const pages = yield* Stream.runCount(customers.list.pages({ filter: "Socio", limit: 50 }))
  yield* Console.log(`  ✓ ${pages} pages of up to 50`)

  const byDomain = yield* customers.list.stream({ filter: "Socio" }).pipe(
    Stream.runFold(new Map<string, number>(), (counts, customer) => {
      const domain = customer.email.split("@")[1] ?? "?"
      return counts.set(domain, (counts.get(domain) ?? 0) + 1)
    })
  )
  yield* Console.log(`  ✓ streamed every customer: ${[...byDomain].map(([d, n]) => `${n} at ${d}`).join(", ") || "none"}`)

  const firstFive = yield* Stream.runCollect(Stream.take(customers.list.stream({ filter: "Socio" }), 5))
  yield* Console.log(`  ✓ took 5 and stopped (one page asked for, plus the one ahead): ${firstFive.length}`)
})

export const main = (connection: Connection) => Effect.runPromise(program.pipe(Effect.provide(flowLayer(connection))))

runIfMain(import.meta, main)
