/**
 * Manage customers with the Promise API: create, edit, get, list (with paging), delete.
 * Run alone: `pnpm tsx examples/customers.promise.ts` (emulator) or with FLOW_API_KEY/FLOW_SECRET_KEY (sandbox).
 */
import { type Connection, promiseClient, runIfMain, step } from "./support/connection.js"

export const main = async (connection: Connection) => {
  const flow = promiseClient(connection)
  try {
    const customer = await flow.customers.create({
      name: "Valentina Rojas",
      email: "valentina.rojas@example.cl",
      externalId: `crm-${Date.now()}`
    })
    step(`created ${customer.customerId} (${customer.name}, status ${customer.status})`)

    const edited = await flow.customers.edit({ customerId: customer.customerId, email: "v.rojas@example.cl" })
    step(`edited the email only: ${edited.email}, name still ${edited.name}`)

    const fetched = await flow.customers.get(customer.customerId)
    step(`got ${fetched.customerId}, created ${fetched.created}`)

    const page = await flow.customers.list({ filter: "Valentina", limit: 10 })
    step(`listed ${page.data.length} of ${page.total} customers named Valentina (more pages: ${page.hasMore})`)

    const deleted = await flow.customers.delete(customer.customerId)
    step(`deleted ${deleted.customerId}: status ${deleted.status}`)
  } finally {
    await flow.close()
  }
}

runIfMain(import.meta, main)
