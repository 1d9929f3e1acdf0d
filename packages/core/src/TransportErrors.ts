/**
 * How a transport failure is told apart: a connection that was never made (nothing left, so even a
 * write may be sent again) from one that broke after sending (a write may have happened).
 */
import type * as HttpClientError from "@effect/platform/HttpClientError"
import { FlowConnectionError } from "./FlowErrorReasons.js"
import { unchecked } from "./Unchecked.js"

/**
 * Error codes meaning the connection was never made, so no byte of the request left: only then may a
 * write be sent again. Anything else (a reset, a socket closed mid-request) may have reached Flow.
 */
const NEVER_CONNECTED = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
  // no socket could be opened (too many files open): nothing left
  "EMFILE",
  "ENFILE"
])

/** Every `code` in an error's `cause` chain (and inside AggregateErrors, as happy-eyeballs connects give). */
const errorCodes = (error: unknown, depth = 0): Array<string> => {
  if (typeof error !== "object" || error === null || depth > 5) return []
  const { cause, code, errors } = error as { cause?: unknown; code?: unknown; errors?: unknown }
  return [
    ...(typeof code === "string" ? [code] : []),
    ...(Array.isArray(errors) ? errors.flatMap((e) => errorCodes(e, depth + 1)) : []),
    ...errorCodes(cause, depth + 1)
  ]
}

export const neverConnected = (cause: unknown): boolean => {
  const codes = errorCodes(cause)
  return codes.length > 0 && codes.every((code) => NEVER_CONNECTED.has(code))
}

export const connectionError = (error: HttpClientError.HttpClientError): FlowConnectionError =>
  new FlowConnectionError({
    message: error._tag === "RequestError"
      ? `Could not send the request to Flow (${error.reason})${causeText(error.cause)}`
      : `Could not read Flow's answer (HTTP ${error.response.status})${causeText(error.cause)}`,
    mayHaveReachedFlow: !(error._tag === "RequestError" && neverConnected(error.cause)),
    cause: error.cause ?? error.reason
  }, unchecked)

const causeText = (cause: unknown): string => {
  if (!(cause instanceof Error)) return ""
  const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : ""
  return `: ${cause.message}${inner}`
}


/**
 * A native transport's own failure (TransportLimits.ts): it says whether the request had been
 * written, so a failure before that (a refused, reset or timed-out connection) is known to have sent
 * nothing; after it, the codes that prove no byte left still say so.
 */
export const transportFailure = (cause: unknown, sent: boolean): FlowConnectionError =>
  new FlowConnectionError({
    message: `${sent ? "Could not complete the exchange with Flow" : "Could not send the request to Flow"}${causeText(cause)}`,
    mayHaveReachedFlow: sent && !neverConnected(cause),
    cause
  }, unchecked)
