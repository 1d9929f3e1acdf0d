/**
 * Confirm a payment link from Effect: `PaymentConfirmation.handler` is an @effect/platform route for
 * `urlConfirmation` that reads the token Flow POSTs, asks `payment/getStatus` (FlowPayments), and
 * answers with whatever you make of the payment. Here the router is served as a web handler by a bare
 * node:http server; in an @effect/platform server it is one more route.
 */
import * as HttpApp from "@effect/platform/HttpApp"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { FlowCustomers, type Payment, PaymentConfirmation } from "@flowcl/core"
import { Console, Deferred, Effect } from "effect"
import { type Connection, flowLayer, newOrder, runIfMain } from "./support/connection.js"
import { startMerchantServer } from "./support/merchant.js"

const program = (connection: Connection) =>
  Effect.gen(function*() {
    const confirmed = yield* Deferred.make<Payment>()
    // your routes: urlConfirmation answers "ok" once the payment is read from Flow
    const app = HttpRouter.empty.pipe(
      HttpRouter.post(
        "/flow/confirm",
        PaymentConfirmation.handler((payment) =>
          Deferred.succeed(confirmed, payment).pipe(Effect.as(HttpServerResponse.text("ok")))
        )
      )
    )
    const { handler, dispose } = HttpApp.toWebHandlerLayer(app, flowLayer(connection))
    const server = yield* Effect.acquireRelease(
      Effect.promise(() => startMerchantServer(handler)),
      (server) => Effect.promise(() => Promise.all([server.close(), dispose()]))
    )

    const customers = yield* FlowCustomers
    const customer = yield* customers.create({ name: "Matías Soto", email: "matias@example.cl", externalId: `c-${Date.now()}` })
    const link = yield* customers.card.sendCharge({
      customerId: customer.customerId,
      commerceOrder: newOrder("link"),
      subject: "Cuota de junio",
      amount: 45_000,
      urlConfirmation: `${server.origin}/flow/confirm`,
      urlReturn: `${connection.callbackUrl}/return`
    })
    yield* Console.log(`  ✓ payment link sent: ${link.url}?token=${link.token}`)

    // the payer pays on Flow's page; Flow POSTs the token to /flow/confirm
    yield* Effect.promise(() => fetch(link.url!, { method: "POST", body: new URLSearchParams({ token: link.token! }) }))
    const payment = yield* Deferred.await(confirmed).pipe(Effect.timeout("5 seconds"))
    yield* Console.log(
      `  ✓ PaymentConfirmation.handler confirmed ${payment.commerceOrder}: status ${payment.status} (${
        payment.status === 2 ? "paid" : "not paid"
      })`
    )
  }).pipe(Effect.scoped)

export const main = (connection: Connection) => {
  if (connection.emulator === undefined) {
    console.log("  ✓ skipped on Flow's sandbox: Flow cannot reach a server on this machine")
    return Promise.resolve()
  }
  return Effect.runPromise(program(connection).pipe(Effect.provide(flowLayer(connection))))
}

runIfMain(import.meta, main)
