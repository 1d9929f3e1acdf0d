/**
 * Send a charge as a payment link (type 2) and by email (type 3) with `card.sendCharge` (Flow's
 * collect), and confirm the link once it is paid: Flow POSTs the payment's `token` to
 * `urlConfirmation`, and `flow.payments.confirmation(request)` turns that POST into the payment, read
 * from Flow with a signed call (the POST itself is unsigned). A customer with a card would be charged
 * at once (type 1) unless `ignore_auto_charging` is set.
 */
import type { FlowPayment } from "@flowcl/promise"
import { type Connection, newOrder, promiseClient, runIfMain, step } from "./support/connection.js"
import { startMerchantServer } from "./support/merchant.js"

export const main = async (connection: Connection) => {
  const flow = promiseClient(connection)
  let confirmed: (payment: FlowPayment) => void = () => {}
  const confirmation = new Promise<FlowPayment>((resolve) => (confirmed = resolve))
  // your urlConfirmation endpoint (with Flow's sandbox, it must be reachable from the internet)
  const server = await startMerchantServer(async (request) => {
    try {
      const payment = await flow.payments.confirmation(request)
      confirmed(payment)
      return new Response("ok")
    } catch (error) {
      return new Response(String(error), { status: 400 })
    }
  })
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
      urlConfirmation: connection.emulator ? `${server.origin}/flow/confirm` : `${connection.callbackUrl}/confirm`,
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
      // the payer opens the link and pays; Flow then POSTs the token to urlConfirmation
      await fetch(link.url!, { method: "POST", body: new URLSearchParams({ token: link.token! }) })
      const payment = await confirmation
      step(
        `urlConfirmation confirmed order ${payment.commerceOrder}: status ${payment.status} ` +
          `(${payment.status === 2 ? "paid" : "not paid"}), flowOrder ${payment.flowOrder}`
      )
      const byOrder = await flow.payments.getStatusByCommerceId(payment.commerceOrder)
      step(`payments.getStatusByCommerceId reads the same payment: flowOrder ${byOrder.flowOrder}, status ${byOrder.status}`)
    }
  } finally {
    await server.close()
    await flow.close()
  }
}

runIfMain(import.meta, main)
