/**
 * Flow's payment confirmation: when a payment link, an email charge or a batch row is paid (or
 * rejected), Flow POSTs the payment's `token` to `urlConfirmation` (docs/flow-api.md, "Callbacks").
 * These read the token, ask `payments.getStatus`, and give the payment: as an @effect/platform handler,
 * and from a web `Request` for any other framework (`@flowcl/promise`'s `payments.confirmation`).
 * Bounded like every callback route (Callback.ts): a large body is refused unread, and concurrent posts
 * of one token make one call to Flow.
 *
 * The POST is unsigned; the payment comes from the signed `payment/getStatus` read, so a forged POST
 * learns nothing and confirms nothing.
 *
 * ```ts
 * HttpRouter.post("/flow/confirm", PaymentConfirmation.handler((payment) =>
 *   payment.status === 2 ? markPaid(payment.commerceOrder).pipe(Effect.as(HttpServerResponse.text("ok"))) : …))
 * ```
 */
import { makeCallback } from "./Callback.js"
import { FlowGetPaymentStatusError, FlowValidationError } from "./FlowErrors.js"
import { FlowPayments } from "./FlowPayments.js"
import { unchecked } from "./Unchecked.js"

const callback = makeCallback({
  kind: "payment",
  tag: FlowPayments,
  resolve: (payments, token) => payments.getStatus(token),
  refuse: (problem) =>
    new FlowGetPaymentStatusError({
      reason: new FlowValidationError({
        field: problem.field,
        message: `Flow's payment confirmation carried no usable token: ${problem.message}`
      }, unchecked)
    }, unchecked)
})

/**
 * The payment, for a confirmation given as a web `Request`.
 *
 * @since 0.1.0
 * @category callbacks
 */
export const fromRequest = callback.fromRequest
/**
 * The payment, for the request an @effect/platform server is handling.
 *
 * @since 0.1.0
 * @category callbacks
 */
export const fromServerRequest = callback.fromServerRequest
/**
 * An @effect/platform handler for the `urlConfirmation` route.
 *
 * @since 0.1.0
 * @category callbacks
 */
export const handler = callback.handler
