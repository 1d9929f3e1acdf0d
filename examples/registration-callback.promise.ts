/**
 * Handle Flow's card-registration callback: Flow POSTs the registration `token` to your `url_return`;
 * `card.registrationCallback(request)` reads it, asks Flow for the outcome, and gives it typed. Any
 * framework with web Requests can call it; here a bare node:http server stands for yours.
 */
import { createServer, type IncomingMessage } from "node:http"
import type { AddressInfo } from "node:net"
import { completeCardRegistration, type Connection, promiseClient, runIfMain, step } from "./support/connection.js"

/** node:http → web Request (frameworks such as Hono, Next.js or Remix hand you one directly). */
const toWebRequest = async (req: IncomingMessage): Promise<Request> => {
  const chunks: Array<Buffer> = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return new Request(`http://localhost${req.url ?? "/"}`, {
    method: "POST",
    headers: req.headers as Record<string, string>,
    body: Buffer.concat(chunks)
  })
}

export const main = async (connection: Connection) => {
  if (connection.emulator === undefined) {
    step("skipped on Flow's sandbox: Flow cannot reach a server on this machine")
    return
  }
  const flow = promiseClient(connection)
  // your url_return endpoint
  const server = createServer((req, res) => {
    void toWebRequest(req)
      .then((request) => flow.customers.card.registrationCallback(request))
      .then((outcome) => {
        step(
          `url_return received the callback: ${outcome.status === 1 ? "registered" : "not registered"}, ` +
            `${outcome.creditCardType} ****${outcome.last4CardDigits} for ${outcome.customerId}`
        )
        res.end("ok")
      }, (error: unknown) => {
        res.statusCode = 400
        res.end(String(error))
      })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  try {
    const customer = await flow.customers.create({ name: "Rocío Vera", email: "rocio@example.cl", externalId: `crm-${Date.now()}` })
    const registration = await flow.customers.card.register({
      customerId: customer.customerId,
      url_return: `http://127.0.0.1:${(server.address() as AddressInfo).port}/flow/card-registered`
    })
    step(`registration started for ${customer.customerId}`)
    await completeCardRegistration(connection, registration, { brand: "Visa", last4: "7712" })
  } finally {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
    await flow.close()
  }
}

runIfMain(import.meta, main)
