/**
 * Reconciliation from Effect: a charge whose answer is lost resolves with the payment Flow holds for
 * its order. The span of the call says so (`flow.reconciliation: "found"`), and so does the debug log;
 * here a small tracer shows the span's attribute.
 */
import { FlowCustomers } from "@flowcl/core"
import { Console, Effect, Logger, LogLevel, Option, Tracer } from "effect"
import {
  completeCardRegistration,
  type Connection,
  flowLayer,
  loseNextAnswer,
  newOrder,
  paymentsAtEmulator,
  runIfMain
} from "./support/connection.js"

/** A tracer that keeps each span's attributes, by span name (OpenTelemetry would export them). */
const recordSpans = () => {
  const attributes = new Map<string, Map<string, unknown>>()
  let next = 0
  const tracer = Tracer.make({
    span: (name, parent, context, links, startTime, kind): Tracer.Span => {
      const spanAttributes = new Map<string, unknown>()
      attributes.set(name, spanAttributes)
      return {
        _tag: "Span",
        name,
        spanId: `span-${next++}`,
        traceId: "example",
        parent,
        context,
        status: { _tag: "Started", startTime },
        attributes: spanAttributes,
        links: Array.from(links),
        sampled: true,
        kind,
        end: () => {},
        attribute: (key, value) => void spanAttributes.set(key, value),
        event: () => {},
        addLinks: () => {}
      }
    },
    context: (f) => f()
  })
  return { tracer, attributes }
}

const program = (connection: Connection) =>
  Effect.gen(function*() {
    const customers = yield* FlowCustomers
    const customer = yield* customers.create({ name: "Benjamín Muñoz", email: "benja@example.cl", externalId: `r-${Date.now()}` })
    const registration = yield* customers.card.register({
      customerId: customer.customerId,
      url_return: `${connection.callbackUrl}/card`
    })
    yield* Effect.promise(() => completeCardRegistration(connection, registration))

    yield* Effect.promise(() => loseNextAnswer(connection, "customer/charge"))
    const order = newOrder("plan")
    const payment = yield* customers.card.charge({
      customerId: customer.customerId,
      amount: 29_990,
      subject: "Plan anual",
      commerceOrder: order
    })
    yield* Console.log(
      `  ✓ the answer was lost; the charge resolved with flowOrder ${payment.flowOrder}, status ${payment.status} ` +
        `(${paymentsAtEmulator(connection, order)} payment at Flow)`
    )
  })

export const main = (connection: Connection) => {
  if (connection.emulator === undefined) {
    console.log("  ✓ skipped on Flow's sandbox: losing an answer needs the emulator's fault rules")
    return Promise.resolve()
  }
  const { attributes, tracer } = recordSpans()
  return Effect.runPromise(
    program(connection).pipe(
      Effect.withTracer(tracer),
      Effect.provide(flowLayer(connection)),
      // the debug log line that says the charge was reconciled
      Logger.withMinimumLogLevel(LogLevel.Debug),
      Effect.provide(Logger.replace(Logger.defaultLogger, Logger.make(({ message }) => {
        const text = Array.isArray(message) ? message.join(" ") : String(message)
        if (text.includes("reconciled")) console.log(`  ✓ debug log: ${text}`)
      })))
    )
  ).then(() => {
    const reconciliation = Option.fromNullable(attributes.get("customers.card.charge")?.get("flow.reconciliation"))
    console.log(`  ✓ span customers.card.charge carries flow.reconciliation = ${Option.getOrElse(reconciliation, () => "—")}`)
  })
}

runIfMain(import.meta, main)
