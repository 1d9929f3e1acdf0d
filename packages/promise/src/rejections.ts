/**
 * What a Promise of `@flowcl/promise` rejects with when a call does not succeed: always the
 * operation's own error (a {@link FlowError} subclass whose `cause` is one of the reason classes), or,
 * when the caller's signal aborted the call, the signal's reason, like `fetch`. Never a FiberFailure,
 * a defect as itself, or a bare string.
 */
import * as Core from "@flowcl/core"
import type { FlowOperationError } from "@flowcl/core"
import * as Cause from "effect/Cause"
import * as Option from "effect/Option"
import {
  FlowClosedError,
  FlowConnectionError,
  FlowError,
  FlowValidationError,
  fromOperationError,
  operationErrorClass,
  type OperationErrorName
} from "./errors.js"
import type { OptionProblem } from "./options.js"

/** The operation's error for bad per-call options (nothing is sent). */
export const invalidOptions = (errorName: OperationErrorName, bad: OptionProblem): FlowError => {
  const reason = new FlowValidationError(`Invalid input: ${bad.field}: ${bad.message}`, { field: bad.field })
  return new (operationErrorClass(errorName))(`${Core[errorName].operation} failed: ${reason.message}`, {
    field: bad.field,
    outcome: "not-sent",
    cause: reason
  })
}

/**
 * The operation's error for a call that ended in anything but the operation's own failure: a defect
 * (an exception where none was expected, e.g. in an `onStatus` callback) or an interruption that the
 * caller's signal did not ask for (the Flow instance was closed). Like core's, the reason is a
 * FlowConnectionError that may have reached Flow, since where it stopped is unknown; `cause.cause` is
 * what was thrown.
 */
export const unexpected = (errorName: OperationErrorName, original: unknown): FlowError => {
  const what = Cause.isInterruptedException(original)
    ? "The call was interrupted"
    : `The call stopped on an unexpected error (${original instanceof Error ? original.name : typeof original})`
  return connectionFailure(errorName, `${what}; the request may have reached Flow`, original, true)
}

/** The operation's error for a call made after `close()`: nothing was sent. */
export const closedError = (errorName: OperationErrorName): FlowError => {
  const message = "This Flow instance is closed (flow.close()); nothing was sent"
  return new (operationErrorClass(errorName))(`${Core[errorName].operation} failed: ${message}`, {
    outcome: "not-sent",
    cause: new FlowClosedError(message, { requestSent: false })
  })
}

const connectionFailure = (errorName: OperationErrorName, message: string, cause: unknown, reached: boolean) => {
  const reason = new FlowConnectionError(message, { cause, mayHaveReachedFlow: reached })
  return new (operationErrorClass(errorName))(`${Core[errorName].operation} failed: ${message}`, {
    outcome: reached ? "unknown" : "not-sent",
    cause: reason
  })
}

/** What a call that did not succeed rejects with: the operation's error, or an aborted signal's reason. */
export const failureOf = (
  errorName: OperationErrorName,
  cause: Cause.Cause<unknown>,
  signal: AbortSignal | undefined
): unknown => {
  const failure = Cause.failureOption(cause)
  if (Option.isSome(failure)) {
    const error = failure.value
    return error instanceof FlowError ? error : isOperationError(error) ? fromOperationError(error) : unexpected(errorName, error)
  }
  if (signal?.aborted && Cause.isInterrupted(cause)) return signal.reason
  return unexpected(errorName, Cause.squash(cause))
}

/** A core operation error: one of the library's errors that wraps a reason. */
const isOperationError = (error: unknown): error is FlowOperationError =>
  Core.isFlowError(error) && typeof (error as { reason?: unknown }).reason === "object"
