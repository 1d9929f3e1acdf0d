/**
 * Flow's payment status reads (docs/flow-api.md, "Payment status") as an Effect service, built from
 * their declarations in Operations.ts: what a payment link, an email charge or a batch row became,
 * read by the `token` Flow POSTs to `urlConfirmation`, by the merchant's `commerceOrder`, or by Flow's
 * `flowOrder`. Each answers a {@link Payment}, decoded as tolerantly as the customer answers.
 *
 * ```ts
 * const payments = yield* FlowPayments
 * const payment = yield* payments.getStatus(token) // payment.status: 1 pending, 2 paid, 3 rejected, 4 cancelled
 * ```
 */
import * as Effect from "effect/Effect"
import type { Payment } from "./Responses.js"
import { FlowConfig } from "./FlowConfig.js"
import { FlowHttp } from "./FlowHttp.js"
import { makeOperations } from "./Operation.js"
import { Operations } from "./Operations.js"
import { makeReconciler } from "./Reconciliation.js"

export const make = Effect.gen(function*() {
  const http = yield* FlowHttp
  const config = yield* FlowConfig
  return makeOperations(Operations.payments, "payments", { http, config, reconcile: makeReconciler(http, config) })
})

/**
 * Flow's payment status reads as an Effect service. `FlowPayments.Default` includes FlowHttp and needs
 * only `FlowConfig` and an `HttpClient`, like `FlowCustomers.Default` (provided together, they share
 * one FlowHttp).
 *
 * @since 0.1.0
 * @category services
 */
export class FlowPayments extends Effect.Service<FlowPayments>()("@flowcl/core/FlowPayments", {
  effect: make,
  dependencies: [FlowHttp.Default]
}) {}

export type { Payment }
