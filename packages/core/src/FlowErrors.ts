/**
 * Every error of the library.
 *
 * Two layers:
 * - a *reason* says what went wrong, whatever the operation: Flow answered with an error
 *   ({@link FlowAPIError}), the credentials were rejected ({@link FlowAuthenticationError}), the
 *   request could not be sent ({@link FlowConnectionError}) or took too long ({@link FlowTimeoutError}),
 *   the answer could not be decoded ({@link FlowDecodeError}), or the input was invalid and nothing was
 *   sent ({@link FlowValidationError});
 * - each operation fails only with its *own* error (`FlowChargeCardError`, …) that wraps the reason,
 *   so an error channel says which call failed and `catchTag` can tell them apart.
 *
 * No error holds the secret key: it lives in `FlowConfig` as a `Redacted` and only `sign.ts` reads it.
 */
import type * as Cause from "effect/Cause"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"
import { FlowErrorReason, FlowErrorTypeId, type FlowOutcome, outcomeOf } from "./FlowErrorReasons.js"

export * from "./FlowErrorReasons.js"
export * from "./ParseErrors.js"

// ---------------------------------------------------------------------------------------------
// Operation errors
// ---------------------------------------------------------------------------------------------

/**
 * What reconciliation learnt when it could not settle a write's unknown outcome (Reconciliation.ts):
 * the lookup of the order failed, Flow holds a different payment under the order, or the order was
 * still absent when the resend budget ran out.
 */
export class FlowReconciliation extends Schema.Class<FlowReconciliation>("FlowReconciliation")({
  commerceOrder: Schema.String,
  result: Schema.Literal("lookup-failed", "different-payment", "not-found"),
  message: Schema.String,
  /** Why the lookup failed (`result: "lookup-failed"`). */
  lookupError: Schema.optional(FlowErrorReason)
}) {}

const ReconciliationField = Schema.optional(FlowReconciliation)

type OperationFields<Tag extends string> = {
  readonly _tag: Schema.tag<Tag>
  readonly reason: typeof FlowErrorReason
  readonly reconciliation: typeof ReconciliationField
}

/** What every operation error adds to its reason: Flow's `code` and the HTTP `statusCode`, one step away. */
export interface FlowOperationErrorMembers {
  /** The operation that failed, as named on `FlowCustomers` (`card.charge`). */
  readonly operation: string
  /** Flow's error code, when Flow answered with one. */
  readonly code: number | undefined
  /** HTTP status of Flow's answer, when there was one. */
  readonly statusCode: number | undefined
  /**
   * For a write: whether Flow may have done it. `"not-sent"` (it did not), `"refused"` (it answered
   * that it would not), `"unknown"` (the answer was lost and reconciliation could not tell, or was off).
   */
  readonly outcome: FlowOutcome
  readonly [FlowErrorTypeId]: FlowErrorTypeId
}

/** The class of an operation error: a `Schema.TaggedError` with {@link FlowOperationErrorMembers}. */
export interface FlowOperationErrorClass<Self, Tag extends string> extends
  Schema.Class<
    Self,
    OperationFields<Tag>,
    Schema.Struct.Encoded<OperationFields<Tag>>,
    never,
    Schema.Struct.Constructor<Omit<OperationFields<Tag>, "_tag">>,
    {},
    Cause.YieldableError & FlowOperationErrorMembers
  >
{
  readonly _tag: Tag
  readonly operation: string
}

const OperationError = <Self>() =>
<Tag extends string>(tag: Tag, operation: string): FlowOperationErrorClass<Self, Tag> => {
  const Base = Schema.TaggedError<Self>()(tag, {
    reason: FlowErrorReason,
    reconciliation: ReconciliationField
  }) as unknown as Schema.TaggedErrorClass<
    Self,
    Tag,
    OperationFields<Tag>
  >
  class OperationErrorClass extends Base {
    static readonly operation = operation
    get operation(): string {
      return operation
    }
    override get message(): string {
      const note = this.reconciliation === undefined ? "" : ` (outcome unknown: ${this.reconciliation.message})`
      return `${operation} failed: ${this.reason.message}${note}`
    }
    get outcome(): FlowOutcome {
      return this.reconciliation === undefined ? outcomeOf(this.reason) : "unknown"
    }
    get code(): number | undefined {
      const reason = this.reason
      return reason._tag === "FlowAPIError" || reason._tag === "FlowAuthenticationError" ? reason.code : undefined
    }
    get statusCode(): number | undefined {
      const reason = this.reason
      return reason._tag === "FlowAPIError" || reason._tag === "FlowAuthenticationError" ||
          reason._tag === "FlowDecodeError"
        ? reason.statusCode
        : undefined
    }
    get [FlowErrorTypeId](): FlowErrorTypeId {
      return FlowErrorTypeId
    }
  }
  return OperationErrorClass as unknown as FlowOperationErrorClass<Self, Tag>
}

export class FlowCreateCustomerError
  extends OperationError<FlowCreateCustomerError>()("FlowCreateCustomerError", "create")
{}
export class FlowEditCustomerError extends OperationError<FlowEditCustomerError>()("FlowEditCustomerError", "edit") {}
export class FlowDeleteCustomerError
  extends OperationError<FlowDeleteCustomerError>()("FlowDeleteCustomerError", "delete")
{}
export class FlowGetCustomerError extends OperationError<FlowGetCustomerError>()("FlowGetCustomerError", "get") {}
export class FlowGetCustomerListError
  extends OperationError<FlowGetCustomerListError>()("FlowGetCustomerListError", "list")
{}
export class FlowRegisterCardError
  extends OperationError<FlowRegisterCardError>()("FlowRegisterCardError", "card.register")
{}
export class FlowRegisterCardStatusError
  extends OperationError<FlowRegisterCardStatusError>()("FlowRegisterCardStatusError", "card.status")
{}
export class FlowDeleteCardError extends OperationError<FlowDeleteCardError>()("FlowDeleteCardError", "card.delete") {}
export class FlowChargeCardError extends OperationError<FlowChargeCardError>()("FlowChargeCardError", "card.charge") {}
export class FlowSendChargeCardError
  extends OperationError<FlowSendChargeCardError>()("FlowSendChargeCardError", "card.sendCharge")
{}
export class FlowSendMassiveChargeCardError extends OperationError<FlowSendMassiveChargeCardError>()(
  "FlowSendMassiveChargeCardError",
  "card.sendMassiveCharge"
) {}
export class FlowMassiveChargeCardStatusError extends OperationError<FlowMassiveChargeCardStatusError>()(
  "FlowMassiveChargeCardStatusError",
  "card.massiveChargeStatus"
) {}
export class FlowReverseChargeCardError
  extends OperationError<FlowReverseChargeCardError>()("FlowReverseChargeCardError", "card.reverseCharge")
{}
export class FlowListChargesCardError
  extends OperationError<FlowListChargesCardError>()("FlowListChargesCardError", "card.listCharges")
{}
export class FlowListFailedChargesCardError extends OperationError<FlowListFailedChargesCardError>()(
  "FlowListFailedChargesCardError",
  "card.listFailedCharges"
) {}
export class FlowListPaginatedSubscriptionsError extends OperationError<FlowListPaginatedSubscriptionsError>()(
  "FlowListPaginatedSubscriptionsError",
  "card.subscriptions.list"
) {}

export class FlowGetPaymentStatusError
  extends OperationError<FlowGetPaymentStatusError>()("FlowGetPaymentStatusError", "payments.getStatus")
{}
export class FlowGetPaymentStatusByCommerceIdError extends OperationError<FlowGetPaymentStatusByCommerceIdError>()(
  "FlowGetPaymentStatusByCommerceIdError",
  "payments.getStatusByCommerceId"
) {}
export class FlowGetPaymentStatusByFlowOrderError extends OperationError<FlowGetPaymentStatusByFlowOrderError>()(
  "FlowGetPaymentStatusByFlowOrderError",
  "payments.getStatusByFlowOrder"
) {}

/** The error of any `FlowPayments` operation. */
export type FlowPaymentsOperationError =
  | FlowGetPaymentStatusError
  | FlowGetPaymentStatusByCommerceIdError
  | FlowGetPaymentStatusByFlowOrderError

/** The error of any `FlowCustomers` operation. */
export type FlowCustomersOperationError =
  | FlowCreateCustomerError
  | FlowEditCustomerError
  | FlowDeleteCustomerError
  | FlowGetCustomerError
  | FlowGetCustomerListError
  | FlowRegisterCardError
  | FlowRegisterCardStatusError
  | FlowDeleteCardError
  | FlowChargeCardError
  | FlowSendChargeCardError
  | FlowSendMassiveChargeCardError
  | FlowMassiveChargeCardStatusError
  | FlowReverseChargeCardError
  | FlowListChargesCardError
  | FlowListFailedChargesCardError
  | FlowListPaginatedSubscriptionsError

/** The error of any operation of FlowCustomers or FlowPayments. */
export type FlowOperationError = FlowCustomersOperationError | FlowPaymentsOperationError

/** Any error this library produces. */
export type FlowError = FlowErrorReason | FlowOperationError

/** Recognizes every error of the library, reasons and operation errors alike. */
export const isFlowError = (u: unknown): u is FlowError => Predicate.hasProperty(u, FlowErrorTypeId)

