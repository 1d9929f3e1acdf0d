/**
 * Register a card and read its status: `card.register` gives the page to send the person to
 * (`redirectUrl`); Flow POSTs the token to `url_return` when they are done; `card.status` tells the result.
 */
import { completeCardRegistration, type Connection, promiseClient, runIfMain, step } from "./support/connection.js"

export const main = async (connection: Connection) => {
  const flow = promiseClient(connection)
  try {
    const customer = await flow.customers.create({
      name: "Catalina Muñoz",
      email: "catalina@example.cl",
      externalId: `crm-${Date.now()}`
    })
    const registration = await flow.customers.card.register({
      customerId: customer.customerId,
      url_return: `${connection.callbackUrl}/card-registered`
    })
    step(`registration started: send the browser to ${registration.redirectUrl}`)

    const before = await flow.customers.card.status(registration.token)
    step(`status before the person is done: ${before.status === 1 ? "registered" : "not registered"}`)

    if (!(await completeCardRegistration(connection, registration, { brand: "Mastercard", last4: "0366" }))) return
    step("the person completed the form; Flow POSTed the token to url_return")

    const after = await flow.customers.card.status(registration.token)
    step(`status now: ${after.status === 1 ? "registered" : "not registered"}, ${after.creditCardType} ****${after.last4CardDigits}`)

    const withCard = await flow.customers.get(customer.customerId)
    step(`the customer pays in mode "${withCard.pay_mode}" with ${withCard.creditCardType}`)

    const removed = await flow.customers.card.delete(customer.customerId)
    step(`card removed: pay_mode is "${removed.pay_mode}" again`)
  } finally {
    await flow.close()
  }
}

runIfMain(import.meta, main)
