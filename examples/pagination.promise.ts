/**
 * Walk every customer without writing the loop: a list method's answer is one page when awaited, and
 * every item of every page under `for await` (the next page is fetched while this one is consumed).
 */
import { type Connection, promiseClient, runIfMain, step } from "./support/connection.js"

export const main = async (connection: Connection) => {
  const flow = promiseClient(connection)
  try {
    if (connection.emulator !== undefined) {
      // 250 customers to walk through (the emulator's admin API; on Flow's sandbox, yours are there)
      await fetch(`${connection.emulator.adminUrl}/seed`, {
        method: "POST",
        body: JSON.stringify({
          customers: Array.from({ length: 250 }, (_, i) => ({ name: `Socio ${i}`, email: `socio${i}@example.cl` }))
        })
      })
    }

    const page = await flow.customers.list({ filter: "Socio", limit: 10 })
    step(`one page, as the seed documents: ${page.data.length} of ${page.total} (hasMore: ${page.hasMore})`)

    let count = 0
    for await (const customer of flow.customers.list({ filter: "Socio", limit: 100 })) {
      if (customer.status === 1) count++
    }
    step(`for await walked all of them, 100 per request: ${count} active`)

    const all = await flow.customers.list({ filter: "Socio" }).toArray({ max: 1_000 })
    step(`toArray({ max: 1000 }) loaded ${all.length}`)

    const refused = await flow.customers.list({ filter: "Socio" }).toArray({ max: 100 }).catch((e: Error) => e)
    step(`toArray({ max: 100 }) refused from the first page: ${refused instanceof Error ? refused.message : "?"}`)
  } finally {
    await flow.close()
  }
}

runIfMain(import.meta, main)
