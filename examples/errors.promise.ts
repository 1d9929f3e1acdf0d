/**
 * Handling each kind of error with the Promise API. Every method rejects with its own class
 * (FlowChargeCardError, …), a FlowError; `cause` says why, `code` / `statusCode` are Flow's.
 */
import Flow, {
  FlowAPIError,
  FlowAuthenticationError,
  FlowChargeCardError,
  FlowConnectionError,
  FlowDecodeError,
  FlowError,
  FlowTimeoutError,
  FlowValidationError
} from "@flowcl/promise"
import { type Connection, newOrder, promiseClient, runIfMain, step } from "./support/connection.js"

const describe = (error: unknown): string => {
  if (!(error instanceof FlowError)) return `not a Flow error: ${String(error)}`
  // an operation's error carries the reason as its cause; the constructor throws a reason directly
  const reason = error.cause instanceof FlowError ? error.cause : error
  const why = reason instanceof FlowValidationError
    ? `bad input in ${error.field}; nothing was sent`
    : reason instanceof FlowAuthenticationError
    ? `credentials refused or missing${error.code ? ` (code ${error.code})` : ""}`
    : reason instanceof FlowAPIError
    ? `Flow said ${error.code} (HTTP ${error.statusCode})`
    : reason instanceof FlowTimeoutError
    ? `no answer within ${reason.timeoutMillis} ms: the operation MAY have happened`
    : reason instanceof FlowConnectionError
    ? reason.mayHaveReachedFlow
      ? "the connection broke: the operation MAY have happened"
      : "could not connect to Flow: nothing was sent"
    : reason instanceof FlowDecodeError
    ? `unexpected answer${reason.path ? ` at ${reason.path}` : " (not JSON)"}: the operation MAY have happened`
    : "unknown"
  return `${error.name}: ${why}\n      ${error.message}`
}

export const main = async (connection: Connection) => {
  const flow = promiseClient(connection)
  const customer = await flow.customers.create({ name: "Errores", email: "errores@example.cl", externalId: `e-${Date.now()}` })
  const charge = { customerId: customer.customerId, amount: 1_000, subject: "Prueba", commerceOrder: newOrder("err") }

  // 1. bad input: rejected before anything leaves the process
  await flow.customers.card.charge({ ...charge, amount: -1 }).catch((e) => step(describe(e)))

  // 2. Flow refuses: this customer has no registered card
  await flow.customers.card.charge(charge).catch((e) => {
    if (e instanceof FlowChargeCardError) step(describe(e))
  })

  // 3. wrong credentials
  const wrong = new Flow(connection.apiKey, "not-the-secret", connection.environment, { baseUrl: connection.baseUrl })
  await wrong.customers.get(customer.customerId).catch((e) => step(describe(e)))
  await wrong.close()

  // 4. nothing listening
  const nowhere = new Flow("k", "s", "sandbox", { baseUrl: "http://flow.invalid/api", timeout: 2_000 })
  await nowhere.customers.get(customer.customerId).catch((e) => step(describe(e)))
  await nowhere.close()

  // 5. missing keys fail at once, synchronously
  try {
    new Flow("", "")
  } catch (e) {
    step(describe(e))
  }

  const emulator = connection.emulator
  if (emulator !== undefined) {
    // 6. too slow: the emulator delays its answer past the per-call timeout (a read would be tried
    //    again, and succeed, so retries are off for this call)
    emulator.faults.add({ endpoint: "customer/get", fault: { type: "latency", ms: 1_000 }, times: 1 })
    await flow.customers.get(customer.customerId, { timeout: 200, retries: 0 }).catch((e) => step(describe(e)))

    // 7. the same with the default policy: the read is tried again and succeeds
    emulator.faults.add({ endpoint: "customer/get", fault: { type: "status", status: 503 }, times: 1 })
    const again = await flow.customers.get(customer.customerId)
    step(`a 503 on a read is retried: got ${again.customerId} on the second try`)

    // 8. a 2xx answer that is not JSON
    emulator.faults.add({ endpoint: "customer/get", fault: { type: "malformed" }, times: 1 })
    await flow.customers.get(customer.customerId).catch((e) => step(describe(e)))

    // 9. aborted by the caller
    const controller = new AbortController()
    emulator.faults.add({ endpoint: "customer/get", fault: { type: "latency", ms: 1_000 }, times: 1 })
    setTimeout(() => controller.abort(), 50)
    await flow.customers.get(customer.customerId, { signal: controller.signal }).catch((e: Error) =>
      step(`${e.name}: the caller aborted; the promise rejects with the signal's reason`)
    )
  }
  await flow.close()
}

runIfMain(import.meta, main)
