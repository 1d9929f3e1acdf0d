/**
 * Flow's payment status reads (docs/flow-api.md, "Payment status"): what a payment link, an email
 * charge or a batch row became, read by the `token` Flow POSTs to `urlConfirmation`, by the merchant's
 * `commerceOrder`, or by Flow's `flowOrder`. Each answers a {@link Payment}, decoded as tolerantly as
 * the customer answers.
 *
 * ```ts
 * const payments = yield* FlowPayments
 * const payment = yield* payments.getStatus(token) // payment.status: 1 pending, 2 paid, 3 rejected, 4 cancelled
 * ```
 */
import * as Effect from "effect/Effect"
import * as Req from "./CustomerRequests.js"
import * as Res from "./CustomerResponses.js"
import {
  FlowGetPaymentStatusByCommerceIdError,
  FlowGetPaymentStatusByFlowOrderError,
  FlowGetPaymentStatusError
} from "./FlowErrors.js"
import { FlowHttp } from "./FlowHttp.js"
import { failWith, validate } from "./Operation.js"

export const make = Effect.gen(function*() {
  const http = yield* FlowHttp

  /** A payment by the `token` Flow POSTed to `urlConfirmation` (GET `payment/getStatus`). */
  const getStatus = Effect.fn("payments.getStatus")(
    function*(token: string) {
      const input = yield* validate(Req.TokenRequest, { token })
      return yield* http.get("payment/getStatus", { token: input.token }, Res.Payment)
    },
    failWith(FlowGetPaymentStatusError)
  )

  /** A payment by the merchant's order (GET `payment/getStatusByCommerceId`, whose param is `commerceId`). */
  const getStatusByCommerceId = Effect.fn("payments.getStatusByCommerceId")(
    function*(commerceOrder: string) {
      const input = yield* validate(Req.CommerceOrderRequest, { commerceOrder })
      return yield* http.get("payment/getStatusByCommerceId", { commerceId: input.commerceOrder }, Res.Payment)
    },
    failWith(FlowGetPaymentStatusByCommerceIdError)
  )

  /** A payment by Flow's order number (GET `payment/getStatusByFlowOrder`). */
  const getStatusByFlowOrder = Effect.fn("payments.getStatusByFlowOrder")(
    function*(flowOrder: number) {
      const input = yield* validate(Req.FlowOrderRequest, { flowOrder })
      return yield* http.get("payment/getStatusByFlowOrder", { flowOrder: input.flowOrder }, Res.Payment)
    },
    failWith(FlowGetPaymentStatusByFlowOrderError)
  )

  return { getStatus, getStatusByCommerceId, getStatusByFlowOrder } as const
})

/**
 * Flow's payment status reads as an Effect service. `FlowPayments.Default` includes FlowHttp and needs
 * only `FlowConfig` and an `HttpClient`, like `FlowCustomers.Default` (provided together, they share
 * one FlowHttp).
 */
export class FlowPayments extends Effect.Service<FlowPayments>()("@flowcl/core/FlowPayments", {
  effect: make,
  dependencies: [FlowHttp.Default]
}) {}
