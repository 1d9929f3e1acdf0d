/**
 * A charge whose answer is lost, settled by reconciliation. The emulator charges the card, then resets
 * the connection before answering, as a network failure after Flow did the work would. Instead of
 * failing (and leaving you to guess whether to charge again), `card.charge` asks Flow for the order
 * (`payment/getStatusByCommerceId`) and resolves with the payment it finds: one payment, one answer.
 * `{ reconcile: false }` shows what the caller would get without it.
 */
import { FlowChargeCardError } from "@flowcl/promise"
import {
  completeCardRegistration,
  type Connection,
  loseNextAnswer,
  newOrder,
  paymentsAtEmulator,
  promiseClient,
  runIfMain,
  step
} from "./support/connection.js"

export const main = async (connection: Connection) => {
  if (connection.emulator === undefined) {
    step("skipped on Flow's sandbox: losing an answer needs the emulator's fault rules")
    return
  }
  const flow = promiseClient(connection)
  try {
    const customer = await flow.customers.create({ name: "Ignacia Rojas", email: "ignacia@example.cl", externalId: `r-${Date.now()}` })
    const registration = await flow.customers.card.register({
      customerId: customer.customerId,
      url_return: `${connection.callbackUrl}/card`
    })
    await completeCardRegistration(connection, registration)

    // the charge is made, and its answer lost
    await loseNextAnswer(connection, "customer/charge")
    const order = newOrder("plan")
    const payment = await flow.customers.card.charge({
      customerId: customer.customerId,
      amount: 19_990,
      subject: "Plan anual",
      commerceOrder: order
    })
    step(
      `the answer was lost, and the charge still resolved: flowOrder ${payment.flowOrder}, status ${payment.status} ` +
        `(${paymentsAtEmulator(connection, order)} payment at Flow for ${order})`
    )

    // the same accident with reconciliation off: the caller only learns that the outcome is unknown
    await loseNextAnswer(connection, "customer/charge")
    const other = newOrder("plan")
    const error = await flow.customers.card
      .charge({ customerId: customer.customerId, amount: 19_990, subject: "Plan anual", commerceOrder: other }, {
        reconcile: false
      })
      .catch((e: unknown) => e)
    if (error instanceof FlowChargeCardError) {
      step(
        `without reconciliation: ${error.name}, outcome "${error.outcome}", although Flow holds ` +
          `${paymentsAtEmulator(connection, other)} payment for ${other}`
      )
      const found = await flow.payments.getStatusByCommerceId(other)
      step(`payments.getStatusByCommerceId settles it by hand: flowOrder ${found.flowOrder}, status ${found.status}`)
    }
  } finally {
    await flow.close()
  }
}

runIfMain(import.meta, main)
