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
import * as ParseResult from "effect/ParseResult"
import * as Predicate from "effect/Predicate"
import * as Schema from "effect/Schema"

/** Marks every error class of the library; see {@link isFlowError}. `Symbol.for` so ESM and CJS copies agree. */
export const FlowErrorTypeId: unique symbol = Symbol.for("@flowcl/core/FlowError")
export type FlowErrorTypeId = typeof FlowErrorTypeId

// ---------------------------------------------------------------------------------------------
// Reasons
// ---------------------------------------------------------------------------------------------

/** Flow answered with an error: a `{ code, message }` body (HTTP 400 "API error", 401 "business error") or another non-2xx status. */
export class FlowAPIError extends Schema.TaggedError<FlowAPIError>()("FlowAPIError", {
  /** Flow's error code, when the body carried one. */
  code: Schema.optional(Schema.Number),
  /** Flow's message, or a description of the unexpected answer. */
  message: Schema.String,
  /** HTTP status of Flow's answer. */
  statusCode: Schema.Number,
  /** The wait Flow asked for with `Retry-After` (429, 503), in milliseconds. */
  retryAfterMillis: Schema.optional(Schema.Number)
}) {
  get [FlowErrorTypeId](): FlowErrorTypeId {
    return FlowErrorTypeId
  }
}

/** Flow rejected the credentials (code 108 "Invalid Signature"), or a key is missing from the configuration. */
export class FlowAuthenticationError extends Schema.TaggedError<FlowAuthenticationError>()("FlowAuthenticationError", {
  message: Schema.String,
  code: Schema.optional(Schema.Number),
  statusCode: Schema.optional(Schema.Number)
}) {
  get [FlowErrorTypeId](): FlowErrorTypeId {
    return FlowErrorTypeId
  }
}

/**
 * The request could not be completed at the transport level: connection refused or reset, DNS, TLS,
 * or the response body broke off while being read. `cause` is the underlying error.
 */
export class FlowConnectionError extends Schema.TaggedError<FlowConnectionError>()("FlowConnectionError", {
  message: Schema.String,
  /**
   * False only when the connection was never made (refused, unknown host, unreachable network), so
   * nothing reached Flow. True whenever a byte may have left: then a write may have taken effect.
   */
  mayHaveReachedFlow: Schema.Boolean,
  cause: Schema.optional(Schema.Defect)
}) {
  get [FlowErrorTypeId](): FlowErrorTypeId {
    return FlowErrorTypeId
  }
}

/** The whole call (sending, waiting and reading the body) took longer than the configured timeout. */
export class FlowTimeoutError extends Schema.TaggedError<FlowTimeoutError>()("FlowTimeoutError", {
  message: Schema.String,
  timeoutMillis: Schema.Number
}) {
  get [FlowErrorTypeId](): FlowErrorTypeId {
    return FlowErrorTypeId
  }
}

/**
 * Flow answered 2xx but the body is not JSON or does not have the documented shape.
 * `path` names the offending field (`data[3].amount`); `body` holds the start of the raw answer.
 * For a write (charge, collect, …) this does **not** mean the operation failed at Flow.
 */
export class FlowDecodeError extends Schema.TaggedError<FlowDecodeError>()("FlowDecodeError", {
  message: Schema.String,
  path: Schema.String,
  statusCode: Schema.Number,
  body: Schema.String
}) {
  get [FlowErrorTypeId](): FlowErrorTypeId {
    return FlowErrorTypeId
  }
}

/** The input was rejected before anything was sent. `field` is the path of the first bad field (`batchRows[2].amount`). */
export class FlowValidationError extends Schema.TaggedError<FlowValidationError>()("FlowValidationError", {
  message: Schema.String,
  field: Schema.String
}) {
  get [FlowErrorTypeId](): FlowErrorTypeId {
    return FlowErrorTypeId
  }
}

/** What FlowHttp can fail with: everything but invalid input. */
export type FlowHttpError =
  | FlowAPIError
  | FlowAuthenticationError
  | FlowConnectionError
  | FlowTimeoutError
  | FlowDecodeError

export const FlowErrorReason = Schema.Union(
  FlowAPIError,
  FlowAuthenticationError,
  FlowConnectionError,
  FlowTimeoutError,
  FlowDecodeError,
  FlowValidationError
)
/** Why an operation failed. */
export type FlowErrorReason = typeof FlowErrorReason.Type

// ---------------------------------------------------------------------------------------------
// Operation errors
// ---------------------------------------------------------------------------------------------

type OperationFields<Tag extends string> = {
  readonly _tag: Schema.tag<Tag>
  readonly reason: typeof FlowErrorReason
}

/** What every operation error adds to its reason: Flow's `code` and the HTTP `statusCode`, one step away. */
export interface FlowOperationErrorMembers {
  /** The operation that failed, as named on `FlowCustomers` (`card.charge`). */
  readonly operation: string
  /** Flow's error code, when Flow answered with one. */
  readonly code: number | undefined
  /** HTTP status of Flow's answer, when there was one. */
  readonly statusCode: number | undefined
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
  const Base = Schema.TaggedError<Self>()(tag, { reason: FlowErrorReason }) as unknown as Schema.TaggedErrorClass<
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
      return `${operation} failed: ${this.reason.message}`
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

/** The error of any `FlowCustomers` operation. */
export type FlowOperationError =
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

/** Any error this library produces. */
export type FlowError = FlowErrorReason | FlowOperationError

/** Recognizes every error of the library, reasons and operation errors alike. */
export const isFlowError = (u: unknown): u is FlowError => Predicate.hasProperty(u, FlowErrorTypeId)

// ---------------------------------------------------------------------------------------------
// Parse issues → field paths
// ---------------------------------------------------------------------------------------------

/** `["batchRows", 2, "amount"]` → `batchRows[2].amount`. */
export const formatPath = (path: ReadonlyArray<PropertyKey>): string => {
  let out = ""
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`
    else out += out === "" ? String(key) : `.${String(key)}`
  }
  return out
}

/**
 * The path of the first issue, and one line per bad field as `path: message`. The alternatives of a
 * union arrive as one issue each; they are merged into one `Expected A | B, actual x` per field.
 */
export const describeParseError = (error: ParseResult.ParseError): { readonly path: string; readonly message: string } => {
  const byPath = new Map<string, Array<string>>()
  for (const issue of ParseResult.ArrayFormatter.formatErrorSync(error)) {
    const path = formatPath(issue.path)
    const messages = byPath.get(path) ?? []
    if (!messages.includes(issue.message)) messages.push(issue.message)
    byPath.set(path, messages)
  }
  const lines: Array<string> = []
  for (const [path, messages] of byPath) {
    const message = mergeAlternatives(messages)
    lines.push(path === "" ? message : `${path}: ${message}`)
  }
  return { path: byPath.keys().next().value ?? "", message: lines.join("; ") }
}

const mergeAlternatives = (all: ReadonlyArray<string>): string => {
  // An optional field may always be absent: "Expected undefined" beside the real complaint is noise.
  const messages = all.length > 1 ? all.filter((m) => !m.startsWith("Expected undefined")) : all
  if (messages.length === 1) return messages[0]!
  const parsed = messages.map((m) => /^Expected (.*), actual (.*)$/s.exec(m))
  const actual = parsed[0]?.[2]
  if (parsed.every((p) => p !== null && p[2] === actual)) {
    return `Expected ${parsed.map((p) => p![1]).join(" | ")}, actual ${actual}`
  }
  return messages.join(", or ")
}
