/**
 * `pnpm examples`: runs every example, in order, against one in-process emulator (or Flow's sandbox
 * when FLOW_API_KEY and FLOW_SECRET_KEY are set), printing what each step did.
 */
import { connect, type Connection } from "./support/connection.js"

const examples: ReadonlyArray<readonly [title: string, load: () => Promise<{ main: (c: Connection) => Promise<void> }>]> = [
  ["A first Effect program (first-program.ts)", () => import("./first-program.js")],
  ["Manage customers, Promise API (customers.promise.ts)", () => import("./customers.promise.js")],
  ["Manage customers, Effect (customers.effect.ts)", () => import("./customers.effect.js")],
  ["Register a card and read its status (card-registration.promise.ts)", () => import("./card-registration.promise.js")],
  ["Charge, list charges, reverse (charges.promise.ts)", () => import("./charges.promise.js")],
  ["Charges and failed attempts, Effect (charges.effect.ts)", () => import("./charges.effect.js")],
  ["Payment link and email charge, confirmed at urlConfirmation (payment-links.promise.ts)", () => import("./payment-links.promise.js")],
  ["Payment link confirmed by an Effect route (payment-confirmation.effect.ts)", () => import("./payment-confirmation.effect.js")],
  ["A charge whose answer is lost, reconciled (reconciliation.promise.ts)", () => import("./reconciliation.promise.js")],
  ["A lost answer reconciled, seen in the span (reconciliation.effect.ts)", () => import("./reconciliation.effect.js")],
  ["Massive charge, followed until processed (massive-charge.promise.ts)", () => import("./massive-charge.promise.js")],
  ["Massive charge, watched as a Stream (massive-charge.effect.ts)", () => import("./massive-charge.effect.js")],
  ["Every customer without a loop, Promise API (pagination.promise.ts)", () => import("./pagination.promise.js")],
  ["Every customer as a Stream, Effect (pagination.effect.ts)", () => import("./pagination.effect.js")],
  ["Card-registration callback at url_return (registration-callback.promise.ts)", () => import("./registration-callback.promise.js")],
  ["Each kind of error, Promise API (errors.promise.ts)", () => import("./errors.promise.js")],
  ["Each kind of error, Effect (errors.effect.ts)", () => import("./errors.effect.js")]
]

const connection = await connect()
console.log(
  connection.emulator
    ? `Running ${examples.length} examples against the Flow emulator at ${connection.emulator.url}\n`
    : `Running ${examples.length} examples against Flow's ${connection.environment}\n`
)
let failed = 0
try {
  for (const [title, load] of examples) {
    console.log(`▶ ${title}`)
    try {
      await (await load()).main(connection)
    } catch (error) {
      failed++
      console.error(`  ✗ failed:`, error)
    }
    console.log()
  }
  if (connection.emulator) {
    const requests = connection.emulator.requests
    console.log(`The emulator answered ${requests.length} API requests and made ${connection.emulator.state.callbacks.length} callbacks.`)
  }
} finally {
  await connection.close()
}
if (failed > 0) {
  console.error(`${failed} example(s) failed`)
  process.exitCode = 1
} else {
  console.log("All examples ran.")
}
