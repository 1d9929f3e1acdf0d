/**
 * Flow's batch callback: once a massive charge is processed, Flow POSTs the batch `token` to
 * `urlCallBack` (docs/flow-api.md, "Callbacks"). These read the token, ask `card.massiveChargeStatus`,
 * and give the batch's status with each row's outcome: as an @effect/platform handler, and from a web
 * `Request` (`@flowcl/promise`'s `card.massiveChargeCallback`). Bounded like every callback route
 * (Callback.ts). Each row's own payment is confirmed separately, to `urlConfirmation`
 * (PaymentConfirmation.ts).
 */
import { makeCallback } from "./Callback.js"
import { FlowCustomers } from "./FlowCustomers.js"
import { FlowMassiveChargeCardStatusError, FlowValidationError } from "./FlowErrors.js"
import { unchecked } from "./Unchecked.js"

const callback = makeCallback({
  kind: "batch",
  tag: FlowCustomers,
  resolve: (customers, token) => customers.card.massiveChargeStatus(token),
  refuse: (problem) =>
    new FlowMassiveChargeCardStatusError({
      reason: new FlowValidationError({
        field: problem.field,
        message: `Flow's batch callback carried no usable token: ${problem.message}`
      }, unchecked)
    }, unchecked)
})

/**
 * The batch's status, for a callback given as a web `Request`.
 *
 * @since 0.1.0
 * @category callbacks
 */
export const fromRequest = callback.fromRequest
/**
 * The batch's status, for the request an @effect/platform server is handling.
 *
 * @since 0.1.0
 * @category callbacks
 */
export const fromServerRequest = callback.fromServerRequest
/**
 * An @effect/platform handler for the `urlCallBack` route.
 *
 * @since 0.1.0
 * @category callbacks
 */
export const handler = callback.handler
