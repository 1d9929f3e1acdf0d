/**
 * How an operation is declared (Operations.ts holds every declaration). One declaration says all
 * there is to know about an operation: Flow's verb and path, how the call's argument becomes the
 * request, the Schema that checks it, the params Flow receives, the Schema that decodes the answer,
 * the operation's own error, whether it pages, and, for a write that carries a `commerceOrder`, how
 * its answer is rebuilt from the payment Flow holds (reconciliation). Operation.ts turns declarations
 * into the functions of FlowCustomers and FlowPayments; the Promise facade and the emulator key on the
 * same declarations.
 */
import type * as Schema from "effect/Schema"
import type { Page, Payment } from "./Responses.js"
import type { FlowConfigShape } from "./FlowConfig.js"
import type { FlowErrorReason } from "./FlowErrorReasons.js"
import type { FlowMethod, FlowParamValue } from "./FlowHttp.js"
import type { FlowReconciliation } from "./OperationErrors.js"

/** An operation error's class, as an operation needs it: built from a reason. */
export interface OperationErrorConstructor<E> {
  new(
    props: { readonly reason: FlowErrorReason; readonly reconciliation?: FlowReconciliation },
    options?: Schema.MakeOptions
  ): E
  readonly operation: string
}

/** Flow's params, before they become text (FlowHttp's `toFlowParams`). */
export type FlowParamsInput = Readonly<Record<string, FlowParamValue>>

/**
 * The declaration of one operation (Operations.ts): its error class, Flow's verb and path, how the call's
 * arguments become the request, the request and answer Schemas, and whether it pages or is reconciled.
 *
 * @since 0.1.0
 * @category operations
 */
export interface OperationDef<Args extends ReadonlyArray<unknown>, Input, Answer, E, Paged extends boolean = boolean, Path extends string = string> {
  readonly _tag: "OperationDef"
  /** Flow's verb: GET for reads, POST for writes. */
  readonly method: FlowMethod
  /** Flow's path under the base URL (`customer/charge`). */
  readonly path: Path
  /** The operation's own error. */
  readonly error: OperationErrorConstructor<E>
  /** The call's argument (a request, or an id) as the object the request Schema checks. */
  readonly input: (...args: Args) => unknown
  /** The Schema the input must pass before anything is sent (it may depend on the configuration). */
  readonly request: (config: FlowConfigShape) => Schema.Schema<Input, any, never>
  /** Flow's params for a checked input (`undefined` values are not sent). */
  readonly params: (input: Input) => FlowParamsInput
  /** The Schema that decodes Flow's 2xx answer. */
  readonly response: Schema.Schema<Answer, any, never>
  /** A list: `.pages()` and `.stream()` walk every page. */
  readonly pages: Paged
  /**
   * A write carrying a `commerceOrder`: a lost answer is settled by asking Flow for the order
   * (Reconciliation.ts), and the answer rebuilt from the payment found.
   */
  readonly reconcile: ((payment: Payment, input: Input) => Answer) | undefined
}

/**
 * Any declaration.
 *
 * @since 0.1.0
 * @category operations
 */
export type AnyOperationDef = OperationDef<any, any, any, any, boolean, string>

/** What a declaration spells out; `params` defaults to the checked input itself. */
export interface OperationSpec<Args extends ReadonlyArray<unknown>, Input, Answer, E, Paged extends boolean, Path extends string> {
  readonly method: FlowMethod
  readonly path: Path
  readonly error: OperationErrorConstructor<E>
  readonly input: (...args: Args) => unknown
  readonly request: Schema.Schema<Input, any, never> | ((config: FlowConfigShape) => Schema.Schema<Input, any, never>)
  readonly params?: ((input: Input) => FlowParamsInput) | undefined
  readonly response: Schema.Schema<Answer, any, never>
  readonly pages?: Paged | undefined
  readonly reconcile?:
    | (Input extends { readonly commerceOrder: string; readonly amount: number } ? (payment: Payment, input: Input) => Answer
      : never)
    | undefined
}

/** Declares an operation. */
export const operation = <
  Args extends ReadonlyArray<unknown>,
  Input,
  Answer,
  E,
  const Path extends string,
  Paged extends boolean = false
>(
  spec: OperationSpec<Args, Input, Answer, E, Paged, Path>
): OperationDef<Args, Input, Answer, E, Paged, Path> => {
  const request = spec.request
  return {
    _tag: "OperationDef",
    method: spec.method,
    path: spec.path,
    error: spec.error,
    input: spec.input,
    request: typeof request === "function" && !("ast" in request)
      ? request as (config: FlowConfigShape) => Schema.Schema<Input, any, never>
      : () => request as Schema.Schema<Input, any, never>,
    params: spec.params ?? ((input) => input as FlowParamsInput),
    response: spec.response,
    pages: (spec.pages ?? false) as Paged,
    reconcile: spec.reconcile as ((payment: Payment, input: Input) => Answer) | undefined
  }
}

/**
 * Whether a value is an {@link OperationDef} (a leaf of the {@link Operations} tree).
 *
 * @since 0.1.0
 * @category operations
 */
export const isOperationDef = (u: unknown): u is AnyOperationDef =>
  typeof u === "object" && u !== null && (u as { _tag?: unknown })._tag === "OperationDef"

/** The item type of a list's answer. */
export type PageItem<Answer> = Answer extends Page<infer A> ? A : never

/**
 * Every declaration in a tree of them, as a union.
 *
 * @since 0.1.0
 * @category operations
 */
export type DefsOf<T> = T extends AnyOperationDef ? T : T extends object ? DefsOf<T[keyof T]> : never

/**
 * Flow's path of every declaration in a tree (`"customer/charge" | …`): what the emulator must serve.
 *
 * @since 0.1.0
 * @category operations
 */
export type PathsOf<T> = DefsOf<T> extends { readonly path: infer P } ? P : never

/**
 * The error of every operation in a tree, as a union.
 *
 * @since 0.1.0
 * @category operations
 */
export type ErrorsOf<T> = DefsOf<T> extends { readonly error: OperationErrorConstructor<infer E> } ? E : never
