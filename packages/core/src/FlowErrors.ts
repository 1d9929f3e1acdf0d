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
import * as Predicate from "effect/Predicate"
import { type FlowErrorReason, FlowErrorTypeId } from "./FlowErrorReasons.js"
import type { ErrorsOf } from "./OperationDef.js"
import type { Operations } from "./Operations.js"

export * from "./FlowErrorReasons.js"
export * from "./OperationErrors.js"
// the operations' own error classes are declared beside the operations
export * from "./Operations.js"
export * from "./ParseErrors.js"

/**
 * The error of any `FlowCustomers` operation.
 *
 * @since 0.1.0
 * @category errors
 */
export type FlowCustomersOperationError = ErrorsOf<typeof Operations.customers>

/**
 * The error of any `FlowPayments` operation.
 *
 * @since 0.1.0
 * @category errors
 */
export type FlowPaymentsOperationError = ErrorsOf<typeof Operations.payments>

/**
 * The error of any operation of FlowCustomers or FlowPayments.
 *
 * @since 0.1.0
 * @category errors
 */
export type FlowOperationError = ErrorsOf<typeof Operations>

/**
 * Any error this library produces.
 *
 * @since 0.1.0
 * @category errors
 */
export type FlowError = FlowErrorReason | FlowOperationError

/**
 * Recognizes every error of the library, reasons and operation errors alike.
 *
 * @since 0.1.0
 * @category errors
 */
export const isFlowError = (u: unknown): u is FlowError => Predicate.hasProperty(u, FlowErrorTypeId)
