/**
 * The errors a Promise rejects with: real `Error` subclasses, one per operation (the seed's table,
 * declared in api.ts beside the methods),
 * all under `FlowError`. `instanceof` works for the class, `FlowError` and `Error`, in ESM and CJS,
 * and even across two copies of the package (an ESM and a CJS one loaded side by side), because
 * each error carries the names of its classes under a `Symbol.for` key.
 *
 * An operation's error has `code` (Flow's) and `statusCode` when Flow answered, and `cause`: the
 * reason as one of FlowAPIError, FlowAuthenticationError, FlowConnectionError, FlowTimeoutError,
 * FlowDecodeError, FlowValidationError.
 */
import * as Core from "@flowcl/core"
import type * as Schema from "effect/Schema"

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
// Each reason is declared once, in core (FlowErrorReasons.ts): its class here is an Error that
// carries the same fields, copied from core's reason.

/** The fields a core reason carries beyond its `message` (`timeoutMillis`, `path`, …), as declared in core. */
type ReasonFields<C extends { readonly fields: Schema.Struct.Fields }> = Omit<
  Schema.Struct.Type<C["fields"]>,
  "_tag" | "message"
>

/** The constructor of a reason's class: a message, and the reason's own fields. */
export interface ReasonErrorClass<C extends { readonly fields: Schema.Struct.Fields }> {
  new(
    message: string,
    ...options: {} extends ReasonFields<C> ? [options?: FlowErrorOptions & ReasonFields<C>]
      : [options: FlowErrorOptions & ReasonFields<C>]
  ): FlowError & ReasonFields<C>
  readonly prototype: FlowError
}

/** The byTag table of the reason classes, for {@link fromReason}. */
const reasonClasses = new Map<string, ReasonErrorClass<{ readonly fields: Schema.Struct.Fields }>>()

/** The Promise class of core's reason `core`: named after it, carrying its fields. */
const reasonError = <C extends { readonly fields: Schema.Struct.Fields; readonly _tag: string }>(core: C) => {
  const own = Object.keys(core.fields).filter((key) => key !== "_tag" && key !== "message")
  class ReasonError extends FlowError {
    constructor(message: string, options: FlowErrorOptions & ReasonFields<C> = {} as ReasonFields<C>) {
      super(message, options)
      const fields = options as unknown as Record<string, unknown>
      for (const key of own) {
        if (key !== "cause") (this as unknown as Record<string, unknown>)[key] = fields[key]
      }
    }
  }
  named(ReasonError, core._tag)
  reasonClasses.set(core._tag, ReasonError as unknown as ReasonErrorClass<{ readonly fields: Schema.Struct.Fields }>)
  return ReasonError as unknown as ReasonErrorClass<C>
}

/** Flow answered with an error (`{ code, message }`, HTTP 400/401), or with another non-2xx status. */
export class FlowAPIError extends reasonError(Core.FlowAPIError) {}
/** Flow rejected the credentials (code 108 "Invalid Signature"), or a key is missing. */
export class FlowAuthenticationError extends reasonError(Core.FlowAuthenticationError) {}
/**
 * The request could not be sent, or the answer broke off. Unless `mayHaveReachedFlow` is false (the
 * connection was never made), a write MAY have happened.
 */
export class FlowConnectionError extends reasonError(Core.FlowConnectionError) {}
/**
 * The whole call took longer than the timeout. The charge MAY have happened, unless `requestSent` is
 * `false` (the connection itself took too long: nothing was sent).
 */
export class FlowTimeoutError extends reasonError(Core.FlowTimeoutError) {}
/**
 * The Flow instance was closed (`close()`, `await using`): a call made after it is refused at once
 * (nothing sent), one under way past the grace period is aborted. `requestSent` says whether its
 * request had left: then a write MAY have happened.
 */
export class FlowClosedError extends reasonError(Core.FlowClosedError) {}
/**
 * Flow answered 2xx with a body that is not of the documented shape (`path` names the field, `body`
 * holds the start of the answer). The operation MAY have happened.
 */
export class FlowDecodeError extends reasonError(Core.FlowDecodeError) {}
/** The input was refused before anything was sent; `field` names it. */
export class FlowValidationError extends reasonError(Core.FlowValidationError) {}

// --------------------------------------------------------------------------------------------- operations

/** A core operation error's tag (`FlowChargeCardError`), the name of the class a Promise rejects with. */
export type OperationErrorName = Core.FlowOperationError["_tag"]

/** The class of an operation's error: a FlowError subclass with no fields of its own. */
export type OperationErrorClass = new(message: string, options?: FlowErrorOptions) => FlowError

/**
 * Each core operation error's tag → the class a Promise rejects with. Filled as api.ts declares the
 * classes (one per operation, beside the methods that reject with them); read through
 * {@link operationErrorClass}.
 */
const operationErrors = new Map<OperationErrorName, OperationErrorClass>()

/** Declares `cls` as the Promise class of the operation error `tag`: named after it, and known to {@link fromOperationError}. */
export const operationError = <C extends OperationErrorClass>(cls: C, tag: OperationErrorName): C => {
  named(cls as unknown as { prototype: Error }, tag)
  operationErrors.set(tag, cls)
  return cls
}

/**
 * The class of the operation error `tag`. Should a bundler have left api.ts's declarations out (no
 * error class imported), an equal class is made here: `instanceof` compares class names (see
 * {@link FlowError}), so the declared class still recognizes its errors.
 */
export const operationErrorClass = (tag: OperationErrorName): OperationErrorClass => {
  const known = operationErrors.get(tag)
  if (known !== undefined) return known
  return operationError(class extends FlowError {}, tag)
}

/** A core reason → the Promise package's reason error, with the same fields. */
export const fromReason = (reason: Core.FlowErrorReason): FlowError => {
  const ReasonClass = reasonClasses.get(reason._tag)!
  return new ReasonClass(reason.message, { ...reason } as FlowErrorOptions)
}

/** A core operation error → the operation's class, with the reason as `cause`. */
export const fromOperationError = (error: Core.FlowOperationError): FlowError => {
  const reason = error.reason
  return new (operationErrorClass(error._tag))(error.message, {
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
