/**
 * Send a charge as a payment link (type 2) and by email (type 3) with `card.sendCharge` (Flow's collect).
 * A customer with a card would be charged at once (type 1) unless `ignore_auto_charging` is set.
 */
import { type Connection, newOrder, promiseClient, runIfMain, step } from "./support/connection.js"

export const main = async (connection: Connection) => {
  const flow = promiseClient(connection)
  try {
    const customer = await flow.customers.create({
      name: "Tomás Herrera",
      email: "tomas@example.cl",
      externalId: `crm-${Date.now()}`
    })
    const common = {
      customerId: customer.customerId,
      subject: "Matrícula 2027",
      amount: 120_000,
      urlConfirmation: `${connection.callbackUrl}/confirm`,
      urlReturn: `${connection.callbackUrl}/return`
    }

    const link = await flow.customers.card.sendCharge({ ...common, commerceOrder: newOrder("link"), paymentMethod: "flow" })
    step(`type ${link.type} (payment link): ${link.url}?token=${link.token}`)

    const email = await flow.customers.card.sendCharge({
      ...common,
      commerceOrder: newOrder("email"),
      byEmail: 1,
      forward_days_after: 3,
      forward_times: 2
    })
    step(`type ${email.type} (email charge) sent to ${customer.email}, reminders every 3 days, twice`)

    if (connection.emulator !== undefined) {
      // the payer opens the link and pays; Flow then confirms to urlConfirmation
      await fetch(link.url!, { method: "POST", body: new URLSearchParams({ token: link.token! }) })
      const charges = await flow.customers.card.listCharges({ customerId: customer.customerId, status: 2 })
      step(`the payer paid the link: ${charges.total} paid charge(s)`)
    }
  } finally {
    await flow.close()
  }
}

runIfMain(import.meta, main)
