/**
 * What a Promise of `@flowcl/promise` rejects with when a call does not succeed: always the
 * operation's own error (a {@link FlowError} subclass whose `cause` is one of the reason classes), also
 * when the caller's signal aborted the call (cause {@link FlowAbortedError}, saying whether a request
 * had left; its own `cause` is the signal's reason). Never a FiberFailure, a defect as itself, or a
 * bare string.
 */
import * as Core from "@flowcl/core"
import type { FlowOperationError } from "@flowcl/core"
import * as Cause from "effect/Cause"
import * as Option from "effect/Option"
import {
  FlowAbortedError,
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

/**
 * The operation's error for a call its signal aborted: `requestSent` says whether a request of the call
 * had left (then the outcome of a write is unknown); the reason's `cause` is the signal's reason.
 */
export const abortedError = (errorName: OperationErrorName, requestSent: boolean, signalReason: unknown): FlowError => {
  const message = requestSent
    ? "The call was aborted by its signal after its request had been sent: Flow may have acted on it"
    : "The call was aborted by its signal; nothing was sent"
  return new (operationErrorClass(errorName))(`${Core[errorName].operation} failed: ${message}`, {
    outcome: requestSent ? "unknown" : "not-sent",
    cause: new FlowAbortedError(message, { requestSent, cause: signalReason })
  })
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

/** What a call that did not succeed rejects with: the operation's error (for an aborted signal too). */
export const failureOf = (
  errorName: OperationErrorName,
  cause: Cause.Cause<unknown>,
  signal: AbortSignal | undefined,
  requests?: Core.FlowRequestTracker | undefined
): FlowError => {
  const failure = Cause.failureOption(cause)
  if (Option.isSome(failure)) {
    const error = failure.value
    return error instanceof FlowError ? error : isOperationError(error) ? fromOperationError(error) : unexpected(errorName, error)
  }
  if (signal?.aborted && Cause.isInterrupted(cause)) {
    return abortedError(errorName, requests === undefined ? false : Core.requestMayHaveLeft(requests), signal.reason)
  }
  return unexpected(errorName, Cause.squash(cause))
}

/** A core operation error: one of the library's errors that wraps a reason. */
const isOperationError = (error: unknown): error is FlowOperationError =>
  Core.isFlowError(error) && typeof (error as { reason?: unknown }).reason === "object"
