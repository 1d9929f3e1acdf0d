/**
 * Charge a registered card, list the charges, and reverse one (Flow allows it until 14:00 of the next day).
 */
import {
  completeCardRegistration,
  type Connection,
  newOrder,
  promiseClient,
  runIfMain,
  step
} from "./support/connection.js"

export const main = async (connection: Connection) => {
  const flow = promiseClient(connection)
  try {
    const customer = await flow.customers.create({
      name: "Ignacio Fuentes",
      email: "ignacio@example.cl",
      externalId: `crm-${Date.now()}`
    })
    const registration = await flow.customers.card.register({
      customerId: customer.customerId,
      url_return: `${connection.callbackUrl}/card`
    })
    if (!(await completeCardRegistration(connection, registration))) return

    const commerceOrder = newOrder("plan")
    const payment = await flow.customers.card.charge({
      customerId: customer.customerId,
      amount: 14_990,
      subject: "Plan mensual",
      commerceOrder,
      optionals: { plan: "mensual" }
    })
    step(`charged ${payment.amount} ${payment.currency}: flowOrder ${payment.flowOrder}, status ${payment.status} (2 = paid)`)

    const charges = await flow.customers.card.listCharges({ customerId: customer.customerId, limit: 10 })
    step(`the customer has ${charges.total} charge(s): ${charges.data.map((c) => c.commerceOrder).join(", ")}`)

    const reversal = await flow.customers.card.reverseCharge({ commerceOrder })
    step(`reversed: ${reversal.message}`)

    const reversed = await flow.customers.card.listCharges({ customerId: customer.customerId, status: 4 })
    step(`${reversed.total} charge(s) now show status 4 (cancelled)`)
  } finally {
    await flow.close()
  }
}

runIfMain(import.meta, main)
