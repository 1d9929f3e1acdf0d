/**
 * The operation errors' common shape: each operation fails only with its *own* error
 * (`FlowChargeCardError`, …, declared beside the operation in Operations.ts) that wraps the reason,
 * so an error channel says which call failed and `catchTag` can tell them apart. Flow's `code`, the
 * HTTP `statusCode` and the write's `outcome` are one step away on it.
 */
import type * as Cause from "effect/Cause"
import * as Schema from "effect/Schema"
import { FlowErrorReason, FlowErrorTypeId, type FlowOutcome, outcomeOf } from "./FlowErrorReasons.js"

/**
 * What reconciliation learnt when it could not settle a write's unknown outcome (Reconciliation.ts):
 * the lookup of the order failed, Flow holds a different payment under the order, or the order was
 * still absent when the resend budget ran out.
 *
 * @since 0.1.0
 * @category errors
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

/**
 * What every operation error adds to its reason: Flow's `code` and the HTTP `statusCode`, one step away.
 *
 * @since 0.1.0
 * @category errors
 */
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

/**
 * The class of an operation error: a `Schema.TaggedError` with {@link FlowOperationErrorMembers}.
 *
 * @since 0.1.0
 * @category errors
 */
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

/**
 * Makes the class of an operation's error: a `Schema.TaggedError` with a `reason` (a
 * {@link FlowErrorReason}), the optional `reconciliation`, and `code`, `statusCode`, `outcome` and `operation`
 * read from them.
 *
 * @example
 * ```ts
 * export class FlowChargeCardError extends OperationError<FlowChargeCardError>()("FlowChargeCardError", "card.charge") {}
 * ```
 *
 * @since 0.1.0
 * @category errors
 */
export const OperationError = <Self>() =>
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

