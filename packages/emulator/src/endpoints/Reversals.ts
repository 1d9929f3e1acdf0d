/**
 * `customer/reverseCharge` (docs/flow-api.md "Reversals"): by `commerceOrder` or `flowOrder`, once,
 * only a paid charge, and only until the first 14:00 (Santiago) after it.
 */
import { reversalDeadline } from "../EmulatorState.js"
import { ErrorCodes, FlowFailure } from "../Failures.js"
import { endpointsOf } from "./Endpoint.js"

export const reversalEndpoints = endpointsOf({
  reverseCharge: {
    method: "POST",
    handle: (p, { answers, state }) => {
      const commerceOrder = p.optional("commerceOrder")
      const flowOrder = p.optionalInt("flowOrder", 1)
      if (commerceOrder === undefined && flowOrder === undefined) {
        throw new FlowFailure(400, ErrorCodes.missingParam, "Missing required param: commerceOrder or flowOrder")
      }
      const byOrder = commerceOrder === undefined ? undefined : state.paymentsByOrder.get(commerceOrder)
      const byFlow = flowOrder === undefined ? undefined : state.payments.find((x) => x.flowOrder === flowOrder)
      if (commerceOrder !== undefined && flowOrder !== undefined && byOrder !== byFlow) {
        throw new FlowFailure(400, ErrorCodes.invalidParam, "commerceOrder and flowOrder name different charges")
      }
      const payment = byOrder ?? byFlow
      if (payment === undefined) {
        throw new FlowFailure(401, ErrorCodes.chargeNotFound, `Charge ${commerceOrder ?? flowOrder} not found`)
      }
      if (payment.status === 4 && payment.paidAt !== undefined) {
        throw new FlowFailure(401, ErrorCodes.chargeAlreadyReversed, `Charge ${payment.flowOrder} was already reversed`)
      }
      if (payment.status !== 2) {
        throw new FlowFailure(401, ErrorCodes.chargeNotReversible, `Charge ${payment.flowOrder} is not paid`)
      }
      const deadline = reversalDeadline(payment.requestedAtMillis)
      if (state.nowLocal() > deadline) {
        throw new FlowFailure(
          401,
          ErrorCodes.reversalWindowClosed,
          `Charge ${payment.flowOrder} could be reversed until ${deadline}`
        )
      }
      payment.status = 4
      return { body: answers.reverse(payment) }
    }
  }
})
