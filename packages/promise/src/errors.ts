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

/** What the constructors of the error classes take, beside the message. */
export interface FlowErrorOptions {
  /** Flow's error code, when Flow answered with one. */
  readonly code?: number | undefined
  /** HTTP status of Flow's answer, when there was one. */
  readonly statusCode?: number | undefined
  /** The reason: one of the reason classes (FlowAPIError, FlowTimeoutError, …) or what a transport threw. */
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
  /** The order that was looked up. */
  readonly commerceOrder: string
  /** The lookup failed, Flow holds a different payment under the order, or the order stayed absent. */
  readonly result: "lookup-failed" | "different-payment" | "not-found"
  /** What was learnt, in words. */
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

/**
 * The constructor of a reason's class: a message, and the reason's own fields (`Fields`, written out
 * below so that the published types need neither @flowcl/core nor effect).
 */
export interface ReasonErrorClass<Fields extends object> {
  new(
    message: string,
    ...options: {} extends Fields ? [options?: FlowErrorOptions & Fields] : [options: FlowErrorOptions & Fields]
  ): FlowError & Fields
  readonly prototype: FlowError
}

/** `true` when `A` and `B` are the same type. */
type Same<A, B> = [A] extends [B] ? [B] extends [A] ? true : false : false

/**
 * The reason class of core's `core`, typed with `Fields`: the call fails to typecheck unless `Fields`
 * are exactly core's fields, so the written-out fields cannot drift from core's.
 */
const reasonClass = <Fields extends object>() =>
<C extends { readonly fields: Schema.Struct.Fields; readonly _tag: string }>(
  core: C,
  ..._same: Same<Fields, ReasonFields<C>> extends true ? [] : [fieldsDifferFromCore: never]
): ReasonErrorClass<Fields> => reasonError(core) as unknown as ReasonErrorClass<Fields>

/** {@link FlowAPIError}'s own fields. */
export interface FlowAPIErrorFields {
  // Flow's error code, when the body carried one (documented on FlowError)
  readonly code?: number | undefined
  // HTTP status of Flow's answer (documented on FlowError)
  readonly statusCode: number
  /** The wait Flow asked for with `Retry-After` (429, 503), in milliseconds. */
  readonly retryAfterMillis?: number | undefined
}
/** {@link FlowAuthenticationError}'s own fields. */
export interface FlowAuthenticationErrorFields {
  readonly code?: number | undefined
  readonly statusCode?: number | undefined
}
/** {@link FlowConnectionError}'s own fields. */
export interface FlowConnectionErrorFields {
  /** False only when the connection was never made, so nothing reached Flow. */
  readonly mayHaveReachedFlow: boolean
  /** What the transport threw. */
  readonly cause?: unknown
}
/** {@link FlowTimeoutError}'s own fields. */
export interface FlowTimeoutErrorFields {
  /** The time allowed for the try, in milliseconds. */
  readonly timeoutMillis: number
  /** `false` when the time ran out before the request was written to a connection. */
  readonly requestSent?: boolean | undefined
}
/** {@link FlowClosedError}'s own fields. */
export interface FlowClosedErrorFields {
  /** Whether the call's request had left (then a write may have happened). */
  readonly requestSent: boolean
}
/** {@link FlowAbortedError}'s own fields. */
export interface FlowAbortedErrorFields {
  /** Whether a request of the call had left (then a write may have happened). */
  readonly requestSent: boolean
  /** The signal's reason. */
  readonly cause?: unknown
}
/** {@link FlowDecodeError}'s own fields. */
export interface FlowDecodeErrorFields {
  /** The offending field (`data[3].amount`). */
  readonly path: string
  readonly statusCode: number
  /** The start of the raw answer. */
  readonly body: string
}
/** {@link FlowValidationError}'s own fields. */
export interface FlowValidationErrorFields {
  // the path of the first bad field, `batchRows[2].amount` (documented on FlowError)
  readonly field: string
}

/** The byTag table of the reason classes, for {@link fromReason}. */
const reasonClasses = new Map<string, ReasonErrorClass<object>>()

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
  reasonClasses.set(core._tag, ReasonError as unknown as ReasonErrorClass<object>)
  return ReasonError
}

/** Flow answered with an error (`{ code, message }`, HTTP 400/401), or with another non-2xx status. */
export class FlowAPIError extends reasonClass<FlowAPIErrorFields>()(Core.FlowAPIError) {}
/** Flow rejected the credentials (code 108 "Invalid Signature"), or a key is missing. */
export class FlowAuthenticationError extends reasonClass<FlowAuthenticationErrorFields>()(Core.FlowAuthenticationError) {}
/**
 * The request could not be sent, or the answer broke off. Unless `mayHaveReachedFlow` is false (the
 * connection was never made), a write MAY have happened.
 */
export class FlowConnectionError extends reasonClass<FlowConnectionErrorFields>()(Core.FlowConnectionError) {}
/**
 * The whole call took longer than the timeout. The charge MAY have happened, unless `requestSent` is
 * `false` (the connection itself took too long: nothing was sent).
 */
export class FlowTimeoutError extends reasonClass<FlowTimeoutErrorFields>()(Core.FlowTimeoutError) {}
/**
 * The Flow instance was closed (`close()`, `await using`): a call made after it is refused at once
 * (nothing sent), one under way past the grace period is aborted. `requestSent` says whether its
 * request had left: then a write MAY have happened.
 */
export class FlowClosedError extends reasonClass<FlowClosedErrorFields>()(Core.FlowClosedError) {}
/**
 * The call's `signal` aborted it: a request not yet sent is never sent, one under way is dropped at
 * once. `requestSent` says whether a request of the call had left: then a write MAY have happened (it
 * is not looked up: the caller asked to stop). `cause` is the signal's reason.
 */
export class FlowAbortedError extends reasonClass<FlowAbortedErrorFields>()(Core.FlowAbortedError) {}
/**
 * Flow answered 2xx with a body that is not of the documented shape (`path` names the field, `body`
 * holds the start of the answer). The operation MAY have happened.
 */
export class FlowDecodeError extends reasonClass<FlowDecodeErrorFields>()(Core.FlowDecodeError) {}
/** The input was refused before anything was sent; `field` names it. */
export class FlowValidationError extends reasonClass<FlowValidationErrorFields>()(Core.FlowValidationError) {}

// --------------------------------------------------------------------------------------------- operations

/**
 * A core operation error's tag (`FlowChargeCardError`), the name of the class a Promise rejects with.
 * @internal
 */
export type OperationErrorName = Core.FlowOperationError["_tag"]

/**
 * The class of an operation's error: a FlowError subclass with no fields of its own.
 * @internal
 */
export type OperationErrorClass = new(message: string, options?: FlowErrorOptions) => FlowError

/**
 * Each core operation error's tag → the class a Promise rejects with. Filled as api.ts declares the
 * classes (one per operation, beside the methods that reject with them); read through
 * {@link operationErrorClass}.
 */
const operationErrors = new Map<OperationErrorName, OperationErrorClass>()

/**
 * Declares `cls` as the Promise class of the operation error `tag`: named after it, and known to {@link fromOperationError}.
 * @internal
 */
export const operationError = <C extends OperationErrorClass>(cls: C, tag: OperationErrorName): C => {
  named(cls as unknown as { prototype: Error }, tag)
  operationErrors.set(tag, cls)
  return cls
}

/**
 * The class of the operation error `tag`. Should a bundler have left api.ts's declarations out (no
 * error class imported), an equal class is made here: `instanceof` compares class names (see
 * {@link FlowError}), so the declared class still recognizes its errors.
 * @internal
 */
export const operationErrorClass = (tag: OperationErrorName): OperationErrorClass => {
  const known = operationErrors.get(tag)
  if (known !== undefined) return known
  return operationError(class extends FlowError {}, tag)
}

/**
 * A core reason → the Promise package's reason error, with the same fields.
 * @internal
 */
export const fromReason = (reason: Core.FlowErrorReason): FlowError => {
  const ReasonClass = reasonClasses.get(reason._tag)!
  return new ReasonClass(reason.message, { ...reason } as FlowErrorOptions)
}

/**
 * A core operation error → the operation's class, with the reason as `cause`.
 * @internal
 */
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
