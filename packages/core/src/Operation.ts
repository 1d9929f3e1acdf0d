/**
 * What every operation of FlowCustomers and FlowPayments shares: reading and checking the caller's
 * input once, turning any failure into the operation's own error, and the one engine that turns the
 * declarations of Operations.ts into functions.
 */
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import type * as Stream from "effect/Stream"
import type { Page } from "./Responses.js"
import type { FlowConfigShape } from "./FlowConfig.js"
import {
  type FlowDecodeError,
  FlowConnectionError,
  type FlowErrorReason,
  FlowValidationError
} from "./FlowErrorReasons.js"
import { FlowCallOptions, type FlowCallOptionsShape, type FlowHttp } from "./FlowHttp.js"
import { type AnyOperationDef, isOperationDef, type OperationDef, type PageItem } from "./OperationDef.js"
import type { FlowReconciliation } from "./OperationErrors.js"
import * as Pagination from "./Pagination.js"
import { describeParseError } from "./ParseErrors.js"
import { plainInput } from "./PlainInput.js"
import { type Reconciler, UnresolvedWrite } from "./Reconciliation.js"
import { records, withSpanWhen } from "./Tracing.js"
import { unchecked } from "./Unchecked.js"

type Paging = Pagination.Paging

/**
 * Decodes untrusted input (plain JavaScript may pass anything): the checked input, or the failed
 * Effect to return (an operation runs this first thing on every call; an Either costs no fiber step).
 * The input is first copied to plain data, each property read once (PlainInput.ts), so what is checked
 * is what is sent. Request Schemas refuse unknown fields themselves (CustomerRequests.ts `Closed`), so
 * a typo cannot go unnoticed.
 */
const check = <A>(
  decode: (u: unknown) => Either.Either<A, ParseResult.ParseError>,
  input: unknown
): Either.Either<A, Effect.Effect<never, FlowValidationError>> => {
  const refuse = (field: string, message: string) =>
    Either.left(Effect.fail(new FlowValidationError({ field, message: `Invalid input: ${message}` }, unchecked)))
  const copied = plainInput(input)
  if (!copied.ok) return refuse(copied.field, `${copied.field === "" ? "" : `${copied.field}: `}${copied.message}`)
  try {
    const decoded = decode(copied.value)
    if (Either.isRight(decoded)) return Either.right(decoded.right)
    const { message, path } = describeParseError(decoded.left)
    return refuse(path, message)
  } catch (cause) {
    return refuse("", `it could not be checked (${cause instanceof Error ? cause.name : "unknown error"})`)
  }
}

/**
 * Wraps a reason (and what reconciliation learnt, for a write it could not settle) into an operation's
 * error. A defect (a bug, never an input or an answer: those have
 * their own reasons) still ends as the operation's error, as a connection failure that may have reached
 * Flow, since where it happened is unknown: for a write, the outcome is then unknown, never "failed".
 */
export const failWith = <E>(
  make: new(
    props: { readonly reason: FlowErrorReason; readonly reconciliation?: FlowReconciliation },
    options?: Schema.MakeOptions
  ) => E
) =>
<A, R>(effect: Effect.Effect<A, FlowErrorReason | UnresolvedWrite, R>): Effect.Effect<A, E, R> =>
  // one frame for failures and defects alike (it costs nothing on the success path but its frame)
  Effect.catchAllCause(effect, (cause) => {
    const failure = Cause.failureOption(cause)
    if (Option.isSome(failure)) {
      const error = failure.value
      return Effect.fail(
        error instanceof UnresolvedWrite
          ? new make({ reason: error.reason, reconciliation: error.report }, unchecked)
          : new make({ reason: error }, unchecked)
      )
    }
    if (Cause.isInterruptedOnly(cause)) return Effect.failCause(cause as Cause.Cause<never>)
    const defect = Cause.squash(cause)
    return Effect.fail(
      new make({
        reason: new FlowConnectionError({
          message: `The call stopped on an unexpected internal error; the request may have reached Flow (${
            defect instanceof Error ? defect.name : "unknown error"
          })`,
          mayHaveReachedFlow: true,
          cause: defect
        }, unchecked)
      }, unchecked)
    )
  })

// ---------------------------------------------------------------------------------------------
// From declarations to functions
// ---------------------------------------------------------------------------------------------

/** What an operation needs to run. */
export interface OperationEnv {
  readonly http: FlowHttp
  readonly config: FlowConfigShape
  readonly reconcile: Reconciler
}

/**
 * A list operation: one page, plus `.pages(request)` and `.stream(request)` that walk every page (Pagination.ts).
 *
 * @since 0.1.0
 * @category operations
 */
export interface ListOperation<Args extends ReadonlyArray<unknown>, Item, E> {
  (...args: Args): Effect.Effect<Page<Item>, E>
  /** Every page, `limit` items at a time (default 100, Flow's maximum). */
  readonly pages: (request: NonNullable<Args[0]>) => Stream.Stream<Page<Item>, E>
  /** Every item of every page. */
  readonly stream: (request: NonNullable<Args[0]>) => Stream.Stream<Item, E>
}

/**
 * The function a declaration becomes; a tree of declarations becomes the same tree of functions.
 *
 * @since 0.1.0
 * @category operations
 */
export type Built<T> = T extends OperationDef<infer Args, any, infer Answer, infer E, infer Paged, any>
  ? Paged extends true ? ListOperation<Args, PageItem<Answer>, E> : (...args: Args) => Effect.Effect<Answer, E>
  : { readonly [K in keyof T]: Built<T[K]> }

/**
 * One operation, top to bottom: read and check the argument (nothing is sent if it is wrong), build
 * Flow's params, send with Flow's verb and path, decode the answer, settle a lost answer of a write
 * that carries a `commerceOrder`, and make any failure the operation's own error. One span per call,
 * named after the operation (`customers.card.charge`).
 */
const makeOperation = (def: AnyOperationDef, span: string, env: OperationEnv) => {
  // the request's decoder, made once (Schema would look it up again on every call), on the
  // operation's first call: making it compiles the Schema's parser, and building the service with
  // every operation's was a third of a Promise client's first call (packages/bench/src/coldstart.ts)
  const requestSchema = def.request(env.config)
  let decoder: ((input: unknown) => Either.Either<unknown, ParseResult.ParseError>) | undefined
  const decodeRequest = (input: unknown) =>
    (decoder ??= Schema.decodeUnknownEither(requestSchema, { errors: "all" }))(input)
  const name = def.error.operation
  const fromPayment = def.reconcile
  const toError = failWith(def.error)
  /** The call, unspanned: check the input, then send (and settle a lost answer). */
  const run = (
    args: ReadonlyArray<unknown>,
    options: FlowCallOptionsShape,
    recording: boolean
  ): Effect.Effect<unknown, FlowErrorReason | UnresolvedWrite> => {
    const checked = check(decodeRequest, def.input(...args))
    if (Either.isLeft(checked)) return checked.left
    const input = checked.right
    const send = env.http.executeWith(
      { method: def.method, path: def.path, params: def.params(input), schema: def.response },
      options,
      recording
    )
    return fromPayment === undefined ? send : env.reconcile({
      operation: name,
      requested: input,
      send,
      fromPayment: (payment) => fromPayment(payment, input),
      options
    })
  }
  /**
   * One step reads what the whole call needs from its fiber: the per-call options and whether a tracer
   * records (then the call has its span, which ends with the operation's own error; Tracing.ts). Each
   * read through the Effect API (`FlowCallOptions`, `Effect.tracerWith`) was a step of its own.
   */
  const call = (...args: ReadonlyArray<unknown>) =>
    Effect.withFiberRuntime<unknown, unknown>((fiber) => {
      const recording = records(fiber.currentTracer)
      let effect: Effect.Effect<unknown, FlowErrorReason | UnresolvedWrite>
      try {
        effect = run(args, Context.get(fiber.currentContext, FlowCallOptions), recording)
      } catch (defect) {
        // a bug, never an input: failWith makes it the operation's error
        effect = Effect.die(defect)
      }
      return withSpanWhen(recording, span, toError(effect))
    })
  if (!def.pages) return call
  const page = call as (request: Paging) => Effect.Effect<Page<unknown>, unknown>
  const inconsistent = (reason: FlowDecodeError) => new def.error({ reason }, unchecked)
  return Object.assign(call, {
    pages: (request: Paging) => Pagination.pages(page, request, inconsistent),
    stream: (request: Paging) => Pagination.items(page, request, inconsistent)
  })
}

/** The functions of a tree of declarations, each spanned under `prefix` and its path in the tree. */
export const makeOperations = <T extends object>(tree: T, prefix: string, env: OperationEnv): Built<T> => {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(tree)) {
    out[key] = isOperationDef(value)
      ? makeOperation(value, `${prefix}.${key}`, env)
      : makeOperations(value as object, `${prefix}.${key}`, env)
  }
  return out as Built<T>
}
