/**
 * Settling a write whose answer was lost (RELIABILITY.md, "Reconciliation").
 *
 * Flow has no idempotency keys, so a charge or a collect is never blindly sent again. But both carry
 * the merchant's `commerceOrder`, which Flow refuses to take twice once it is paid, and which
 * `payment/getStatusByCommerceId` reads back. So when the outcome is unknown (a timeout, a reset after
 * sending, a 3xx or 5xx, a 2xx that could not be read):
 *   1. ask Flow for the order (a read, retried by the read policy);
 *   2. found, and it is this request's payment: resolve with it, as if the answer had arrived;
 *   3. Flow says it holds no such order: send the write again with the same `commerceOrder`, within
 *      the write retry budget (a resend that Flow refuses is looked up once more);
 *   4. the lookup fails, or Flow holds a different payment under the order: fail with the original
 *      failure, marked as an unknown outcome (`FlowReconciliation`).
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import { Payment } from "./Responses.js"
import type { FlowConfigShape } from "./FlowConfig.js"
import { type FlowErrorReason, type FlowHttpError, outcomeOf } from "./FlowErrorReasons.js"
import { FlowReconciliation } from "./OperationErrors.js"
import type { FlowCallOptionsShape, FlowHttp } from "./FlowHttp.js"
import { unchecked } from "./Unchecked.js"

/** A write's failure that reconciliation could not settle: the original reason, and what it learnt. */
export class UnresolvedWrite {
  readonly _tag = "UnresolvedWrite"
  constructor(readonly reason: FlowErrorReason, readonly report: FlowReconciliation) {}
}

/** What the request asked for, to tell its payment from another one under the same order. */
export interface RequestedPayment {
  readonly commerceOrder: string
  readonly amount: number
  readonly currency?: string | undefined
}

export interface WriteToReconcile<A> {
  /** The operation's name, for the span and the log (`card.charge`). */
  readonly operation: string
  readonly requested: RequestedPayment
  /** One send of the write (FlowHttp's own retries of connections never made included). */
  readonly send: Effect.Effect<A, FlowHttpError>
  /** The write's answer, rebuilt from the payment Flow holds for the order. */
  readonly fromPayment: (payment: Payment) => A
  /** The call's options (the operation read them from its fiber). */
  readonly options: FlowCallOptionsShape
}

/** Whether `payment` is the one `requested` asked for: same order, amount and currency (CLP by default). */
export const isRequestedPayment = (payment: Payment, requested: RequestedPayment): boolean =>
  payment.commerceOrder === requested.commerceOrder && payment.amount === requested.amount &&
  (payment.currency === undefined || payment.currency === (requested.currency ?? "CLP"))

/**
 * Flow's answer to a lookup of an order it does not hold. Flow documents none; an error of its own
 * (`{ code, message }` with HTTP 400 or 401, its API and business errors; 108 is an authentication
 * failure and arrives as FlowAuthenticationError) is taken to mean "no such order". That is safe: the
 * resend it leads to cannot charge twice, since Flow refuses a paid order. Anything else (a 404 for a
 * path that does not exist, a 5xx, a page that is not Flow's) leaves the outcome unknown.
 */
const isAbsent = (error: FlowHttpError): boolean =>
  error._tag === "FlowAPIError" && error.code !== undefined && (error.statusCode === 400 || error.statusCode === 401)

type Lookup =
  | { readonly _tag: "Found"; readonly payment: Payment }
  | { readonly _tag: "Absent" }
  | { readonly _tag: "Failed"; readonly error: FlowHttpError }

export const makeReconciler = (http: FlowHttp, config: FlowConfigShape) => {
  const lookup = (commerceOrder: string): Effect.Effect<Lookup> =>
    http.get("payment/getStatusByCommerceId", { commerceId: commerceOrder }, Payment).pipe(
      Effect.map((payment): Lookup => ({ _tag: "Found", payment })),
      Effect.catchAll((error) => Effect.succeed<Lookup>(isAbsent(error) ? { _tag: "Absent" } : { _tag: "Failed", error }))
    )

  const note = (outcome: string, detail: Record<string, string | number> = {}) =>
    Effect.annotateCurrentSpan({ "flow.reconciliation": outcome, ...detail })

  /**
   * Sends `write`, and settles an unknown outcome as described at the top of this file. Off (config or
   * per call `reconcile: false`), a failure is returned as it came.
   */
  return <A>(write: WriteToReconcile<A>): Effect.Effect<A, FlowErrorReason | UnresolvedWrite> => {
    const { options } = write
    if (!(options.reconcile ?? config.reconcile)) return write.send
    const budget = options.retries ?? config.retry.retries
    const order = write.requested.commerceOrder
    const unresolved = (
      reason: FlowErrorReason,
      result: FlowReconciliation["result"],
      message: string,
      lookupError?: FlowHttpError
    ) =>
      note(result).pipe(
        Effect.zipRight(Effect.logDebug(`${write.operation}: outcome unknown for commerceOrder ${order}: ${message}`)),
        Effect.zipRight(
          Effect.fail(
            new UnresolvedWrite(
              reason,
              new FlowReconciliation({
                commerceOrder: order,
                result,
                message,
                ...(lookupError === undefined ? {} : { lookupError })
              }, unchecked)
            )
          )
        )
      )

    /** Looks the order up after `failure`, whose outcome is unknown (or which refused a resend). */
    const settle = (failure: FlowHttpError, resends: number): Effect.Effect<A, FlowErrorReason | UnresolvedWrite> =>
      // a short pause first, so that a request still being processed at Flow can finish
      Effect.sleep(Duration.min(config.retry.baseDelay, Duration.seconds(1))).pipe(
        Effect.zipRight(lookup(order)),
        Effect.flatMap((found): Effect.Effect<A, FlowErrorReason | UnresolvedWrite> => {
          switch (found._tag) {
            case "Found":
              if (!isRequestedPayment(found.payment, write.requested)) {
                return outcomeOf(failure) === "refused"
                  ? Effect.fail(failure)
                  : unresolved(
                    failure,
                    "different-payment",
                    `Flow holds a payment under this commerceOrder (flowOrder ${found.payment.flowOrder}) whose ` +
                      "amount or currency differ from this request's"
                  )
              }
              return note("found", { "flow.reconciliation.flow_order": found.payment.flowOrder }).pipe(
                Effect.zipRight(
                  Effect.logDebug(
                    `${write.operation}: answer lost (${failure._tag}); payment ${found.payment.flowOrder} found ` +
                      `for commerceOrder ${order}: reconciled`
                  )
                ),
                Effect.as(write.fromPayment(found.payment))
              )
            case "Absent":
              if (outcomeOf(failure) === "refused") return Effect.fail(failure)
              return resends < budget
                ? note("resent").pipe(Effect.zipRight(attempt(resends + 1)))
                : unresolved(failure, "not-found", "Flow held no such order when the resends allowed ran out")
            case "Failed":
              return outcomeOf(failure) === "refused"
                ? Effect.fail(failure)
                : unresolved(
                  failure,
                  "lookup-failed",
                  `asking Flow for the order failed too (${found.error.message})`,
                  found.error
                )
          }
        })
      )

    const attempt = (resends: number): Effect.Effect<A, FlowErrorReason | UnresolvedWrite> =>
      Effect.catchAll(write.send, (failure) => {
        // the client is closing: nothing more may be sent, the lookup included
        if (failure._tag === "FlowClosedError") return Effect.fail(failure)
        const outcome = outcomeOf(failure)
        // a resend refused by Flow may be refused as a repeat of the order the first send made
        if (outcome === "unknown" || (outcome === "refused" && resends > 0)) return settle(failure, resends)
        return Effect.fail(failure)
      })

    return attempt(0)
  }
}

export type Reconciler = ReturnType<typeof makeReconciler>
