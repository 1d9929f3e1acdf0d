/**
 * The errors a Promise rejects with: real `Error` subclasses, one per operation (the seed's table),
 * all under `FlowError`. `instanceof` works for the class, `FlowError` and `Error`, in ESM and CJS,
 * and even across two copies of the package (an ESM and a CJS one loaded side by side), because
 * each error carries the names of its classes under a `Symbol.for` key.
 *
 * An operation's error has `code` (Flow's) and `statusCode` when Flow answered, and `cause`: the
 * reason as one of FlowAPIError, FlowAuthenticationError, FlowConnectionError, FlowTimeoutError,
 * FlowDecodeError, FlowValidationError.
 */
import type * as Core from "@flowcl/core"

const CLASS_NAMES = Symbol.for("@flowcl/promise/FlowError/classNames")

export interface FlowErrorOptions {
  /** Flow's error code, when Flow answered with one. */
  readonly code?: number | undefined
  /** HTTP status of Flow's answer, when there was one. */
  readonly statusCode?: number | undefined
  readonly cause?: unknown
  /** The input field that was refused (validation errors). */
  readonly field?: string | undefined
  /** For an operation's error: whether Flow may have done the write (see {@link FlowOutcome}). */
  readonly outcome?: FlowOutcome | undefined
  /** For a write that reconciliation could not settle: what it learnt. */
  readonly reconciliation?: FlowReconciliation | undefined
}

/**
 * What a failure says about a write: `"not-sent"` (nothing reached Flow: invalid input, a connection
 * never made, a closed client), `"refused"` (Flow answered that it would not do it), `"unknown"` (the
 * answer was lost and reconciliation could not tell, or was off: Flow may have done it).
 */
export type FlowOutcome = Core.FlowOutcome

/** What reconciliation learnt when it could not settle a charge or collect whose answer was lost. */
export interface FlowReconciliation {
  readonly commerceOrder: string
  /** The lookup failed, Flow holds a different payment under the order, or the order stayed absent. */
  readonly result: "lookup-failed" | "different-payment" | "not-found"
  readonly message: string
  /** Why the lookup failed (`result: "lookup-failed"`). */
  readonly lookupError?: FlowError | undefined
}

/** Base of every error of `@flowcl/promise`. */
export class FlowError extends Error {
  /** Flow's error code, when Flow answered with one. */
  readonly code: number | undefined
  /** HTTP status of Flow's answer, when there was one. */
  readonly statusCode: number | undefined
  /** The input field that was refused, for bad input (nothing was sent). */
  readonly field: string | undefined
  /**
   * On an operation's error: whether Flow may have done it. `"not-sent"`, `"refused"`, or
   * `"unknown"` (for a charge: reconciliation could not tell; check before charging again).
   */
  readonly outcome: FlowOutcome | undefined
  /** On a charge or collect that reconciliation could not settle: what it learnt. */
  readonly reconciliation: FlowReconciliation | undefined
  declare readonly [CLASS_NAMES]: ReadonlyArray<string>

  constructor(message: string, options: FlowErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.code = options.code
    this.statusCode = options.statusCode
    this.field = options.field
    this.outcome = options.outcome
    this.reconciliation = options.reconciliation
    const names: Array<string> = []
    for (let proto = Object.getPrototypeOf(this); proto && proto !== Error.prototype; proto = Object.getPrototypeOf(proto)) {
      if (Object.hasOwn(proto, "name")) names.push(proto.name as string)
    }
    Object.defineProperty(this, CLASS_NAMES, { value: names, enumerable: false })
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true
    if (typeof value !== "object" || value === null) return false
    const names = (value as { [CLASS_NAMES]?: unknown })[CLASS_NAMES]
    return Array.isArray(names) && names.includes(this.prototype.name)
  }
}

/** `name` lives on the prototype, like the built-in errors' (not an own, enumerable field), and survives minifiers. */
const named = <C extends { prototype: Error }>(cls: C, name: string): C => {
  Object.defineProperty(cls.prototype, "name", { value: name, writable: true, configurable: true, enumerable: false })
  return cls
}
named(FlowError, "FlowError")

// --------------------------------------------------------------------------------------------- reasons

/** Flow answered with an error (`{ code, message }`, HTTP 400/401), or with another non-2xx status. */
export class FlowAPIError extends FlowError {}
named(FlowAPIError, "FlowAPIError")

/** Flow rejected the credentials (code 108 "Invalid Signature"), or a key is missing. */
export class FlowAuthenticationError extends FlowError {}
named(FlowAuthenticationError, "FlowAuthenticationError")

/**
 * The request could not be sent, or the answer broke off. Unless `mayHaveReachedFlow` is false (the
 * connection was never made), a write MAY have happened.
 */
export class FlowConnectionError extends FlowError {
  constructor(message: string, options: FlowErrorOptions & { readonly mayHaveReachedFlow: boolean }) {
    super(message, options)
    this.mayHaveReachedFlow = options.mayHaveReachedFlow
  }
  readonly mayHaveReachedFlow: boolean
}
named(FlowConnectionError, "FlowConnectionError")

/**
 * The whole call took longer than the timeout. The charge MAY have happened, unless `requestSent` is
 * `false` (the connection itself took too long: nothing was sent).
 */
export class FlowTimeoutError extends FlowError {
  constructor(
    message: string,
    options: FlowErrorOptions & { readonly timeoutMillis: number; readonly requestSent?: boolean | undefined }
  ) {
    super(message, options)
    this.timeoutMillis = options.timeoutMillis
    this.requestSent = options.requestSent
  }
  readonly timeoutMillis: number
  /** `false` when the time ran out before the request was sent; undefined when the transport cannot tell. */
  readonly requestSent: boolean | undefined
}
named(FlowTimeoutError, "FlowTimeoutError")

/**
 * The Flow instance was closed (`close()`, `await using`): a call made after it is refused at once
 * (nothing sent), one under way past the grace period is aborted. `requestSent` says whether its
 * request had left: then a write MAY have happened.
 */
export class FlowClosedError extends FlowError {
  constructor(message: string, options: FlowErrorOptions & { readonly requestSent: boolean }) {
    super(message, options)
    this.requestSent = options.requestSent
  }
  readonly requestSent: boolean
}
named(FlowClosedError, "FlowClosedError")

/** Flow answered 2xx with a body that is not of the documented shape. The operation MAY have happened. */
export class FlowDecodeError extends FlowError {
  constructor(message: string, options: FlowErrorOptions & { readonly path: string; readonly body: string }) {
    super(message, options)
    this.path = options.path
    this.body = options.body
  }
  /** The offending field, e.g. `data[3].amount`. */
  readonly path: string
  /** The start of Flow's answer. */
  readonly body: string
}
named(FlowDecodeError, "FlowDecodeError")

/** The input was refused before anything was sent; `field` names it. */
export class FlowValidationError extends FlowError {}
named(FlowValidationError, "FlowValidationError")

// --------------------------------------------------------------------------------------------- operations

export class FlowCreateCustomerError extends FlowError {}
named(FlowCreateCustomerError, "FlowCreateCustomerError")
export class FlowEditCustomerError extends FlowError {}
named(FlowEditCustomerError, "FlowEditCustomerError")
export class FlowDeleteCustomerError extends FlowError {}
named(FlowDeleteCustomerError, "FlowDeleteCustomerError")
export class FlowGetCustomerError extends FlowError {}
named(FlowGetCustomerError, "FlowGetCustomerError")
export class FlowGetCustomerListError extends FlowError {}
named(FlowGetCustomerListError, "FlowGetCustomerListError")
export class FlowRegisterCardError extends FlowError {}
named(FlowRegisterCardError, "FlowRegisterCardError")
export class FlowRegisterCardStatusError extends FlowError {}
named(FlowRegisterCardStatusError, "FlowRegisterCardStatusError")
export class FlowDeleteCardError extends FlowError {}
named(FlowDeleteCardError, "FlowDeleteCardError")
export class FlowChargeCardError extends FlowError {}
named(FlowChargeCardError, "FlowChargeCardError")
export class FlowSendChargeCardError extends FlowError {}
named(FlowSendChargeCardError, "FlowSendChargeCardError")
export class FlowSendMassiveChargeCardError extends FlowError {}
named(FlowSendMassiveChargeCardError, "FlowSendMassiveChargeCardError")
export class FlowMassiveChargeCardStatusError extends FlowError {}
named(FlowMassiveChargeCardStatusError, "FlowMassiveChargeCardStatusError")
export class FlowReverseChargeCardError extends FlowError {}
named(FlowReverseChargeCardError, "FlowReverseChargeCardError")
export class FlowListChargesCardError extends FlowError {}
named(FlowListChargesCardError, "FlowListChargesCardError")
export class FlowListFailedChargesCardError extends FlowError {}
named(FlowListFailedChargesCardError, "FlowListFailedChargesCardError")
export class FlowListPaginatedSubscriptionsError extends FlowError {}
named(FlowListPaginatedSubscriptionsError, "FlowListPaginatedSubscriptionsError")
export class FlowGetPaymentStatusError extends FlowError {}
named(FlowGetPaymentStatusError, "FlowGetPaymentStatusError")
export class FlowGetPaymentStatusByCommerceIdError extends FlowError {}
named(FlowGetPaymentStatusByCommerceIdError, "FlowGetPaymentStatusByCommerceIdError")
export class FlowGetPaymentStatusByFlowOrderError extends FlowError {}
named(FlowGetPaymentStatusByFlowOrderError, "FlowGetPaymentStatusByFlowOrderError")

/** Each core operation error's tag → the class a Promise rejects with. */
export const operationErrors = {
  FlowCreateCustomerError,
  FlowEditCustomerError,
  FlowDeleteCustomerError,
  FlowGetCustomerError,
  FlowGetCustomerListError,
  FlowRegisterCardError,
  FlowRegisterCardStatusError,
  FlowDeleteCardError,
  FlowChargeCardError,
  FlowSendChargeCardError,
  FlowSendMassiveChargeCardError,
  FlowMassiveChargeCardStatusError,
  FlowReverseChargeCardError,
  FlowListChargesCardError,
  FlowListFailedChargesCardError,
  FlowListPaginatedSubscriptionsError,
  FlowGetPaymentStatusError,
  FlowGetPaymentStatusByCommerceIdError,
  FlowGetPaymentStatusByFlowOrderError
} as const satisfies Record<Core.FlowOperationError["_tag"], typeof FlowError>

export type OperationErrorName = keyof typeof operationErrors

/** A core reason → the Promise package's reason error. */
export const fromReason = (reason: Core.FlowErrorReason): FlowError => {
  switch (reason._tag) {
    case "FlowAPIError":
      return new FlowAPIError(reason.message, { code: reason.code, statusCode: reason.statusCode })
    case "FlowAuthenticationError":
      return new FlowAuthenticationError(reason.message, { code: reason.code, statusCode: reason.statusCode })
    case "FlowConnectionError":
      return new FlowConnectionError(reason.message, { cause: reason.cause, mayHaveReachedFlow: reason.mayHaveReachedFlow })
    case "FlowTimeoutError":
      return new FlowTimeoutError(reason.message, { timeoutMillis: reason.timeoutMillis, requestSent: reason.requestSent })
    case "FlowClosedError":
      return new FlowClosedError(reason.message, { requestSent: reason.requestSent })
    case "FlowDecodeError":
      return new FlowDecodeError(reason.message, { statusCode: reason.statusCode, path: reason.path, body: reason.body })
    case "FlowValidationError":
      return new FlowValidationError(reason.message, { field: reason.field })
  }
}

/** A core operation error → the operation's class, with the reason as `cause`. */
export const fromOperationError = (error: Core.FlowOperationError): FlowError => {
  const reason = error.reason
  return new operationErrors[error._tag](error.message, {
    code: error.code,
    statusCode: error.statusCode,
    field: reason._tag === "FlowValidationError" ? reason.field : undefined,
    outcome: error.outcome,
    reconciliation: error.reconciliation === undefined ? undefined : {
      commerceOrder: error.reconciliation.commerceOrder,
      result: error.reconciliation.result,
      message: error.reconciliation.message,
      lookupError: error.reconciliation.lookupError === undefined
        ? undefined
        : fromReason(error.reconciliation.lookupError)
    },
    cause: fromReason(reason)
  })
}
