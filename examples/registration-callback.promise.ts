/**
 * Handle Flow's card-registration callback: Flow POSTs the registration `token` to your `url_return`;
 * `card.registrationCallback(request)` reads it, asks Flow for the outcome, and gives it typed. Any
 * framework with web Requests can call it; here a bare node:http server stands for yours.
 */
import { completeCardRegistration, type Connection, promiseClient, runIfMain, step } from "./support/connection.js"
import { startMerchantServer } from "./support/merchant.js"

export const main = async (connection: Connection) => {
  if (connection.emulator === undefined) {
    step("skipped on Flow's sandbox: Flow cannot reach a server on this machine")
    return
  }
  const flow = promiseClient(connection)
  // your url_return endpoint
  const server = await startMerchantServer(async (request) => {
    try {
      const outcome = await flow.customers.card.registrationCallback(request)
      step(
        `url_return received the callback: ${outcome.status === 1 ? "registered" : "not registered"}, ` +
          `${outcome.creditCardType} ****${outcome.last4CardDigits} for ${outcome.customerId}`
      )
      return new Response("ok")
    } catch (error) {
      return new Response(String(error), { status: 400 })
    }
  })
  try {
    const customer = await flow.customers.create({ name: "Rocío Vera", email: "rocio@example.cl", externalId: `crm-${Date.now()}` })
    const registration = await flow.customers.card.register({
      customerId: customer.customerId,
      url_return: `${server.origin}/flow/card-registered`
    })
    step(`registration started for ${customer.customerId}`)
    await completeCardRegistration(connection, registration, { brand: "Visa", last4: "7712" })
  } finally {
    await server.close()
    await flow.close()
  }
}

runIfMain(import.meta, main)
