/**
 * The library's two APIs behind one small interface, so that a scenario is written once and run
 * through both: Effect (`FlowCustomers` and `FlowPayments` on a ManagedRuntime) and Promise
 * (`new Flow(...)`).
 *
 * An operation is named by its path in core's `Operations` tree, as its span is named
 * (`"customers.card.charge"`); its input and answer types come from that declaration, so a scenario's
 * calls are type-checked. Both APIs mirror the tree (`customers.card.charge(input)` on the service,
 * `flow.customers.card.charge(input, options)` on a Flow), so a client finds a method by walking it.
 *
 * A call answers an {@link Outcome} and never rejects on the operation's failure: a failure is read
 * the same way in both APIs ({@link Failure}): the operation's error and its reason, named by the
 * Effect `_tag` or by the Promise class the value is an `instanceof`.
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import {
  FlowConfig,
  type FlowConfigOptions,
  type FlowConfigShape,
  FlowCustomers,
  type FlowOperationError,
  FlowPayments,
  type OperationDef,
  type Operations,
  withCallOptions
} from "@flowcl/core"
import * as FlowPromise from "@flowcl/promise"
import { Flow, type FlowEnvironment, type FlowTransport } from "@flowcl/promise"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Redacted from "effect/Redacted"

// ------------------------------------------------------------------------------------ operations

type Tree = typeof Operations

type PathsIn<T, Prefix extends string> = {
  [K in keyof T & string]: T[K] extends OperationDef<any, any, any, any, any, any> ? `${Prefix}${K}`
    : PathsIn<T[K], `${Prefix}${K}.`>
}[keyof T & string]

/** Every operation, by its path in core's `Operations` tree: `"customers.card.charge"`. */
export type OperationPath = PathsIn<Tree, "">

type DefAt<T, P extends string> = P extends `${infer Head}.${infer Rest}` ? Head extends keyof T ? DefAt<T[Head], Rest> : never
  : P extends keyof T ? T[P]
  : never

/** An operation's argument (the same in both APIs). */
export type InputOf<P extends OperationPath> = DefAt<Tree, P> extends OperationDef<infer Args, any, any, any, any, any>
  ? Args[0]
  : never

/** An operation's answer (the same in both APIs; a list's first page). */
export type AnswerOf<P extends OperationPath> = DefAt<Tree, P> extends OperationDef<any, any, infer A, any, any, any> ? A
  : never

/** The function at `path` under `root` (a service tree or a Flow). */
const at = (root: unknown, path: string): (input: unknown, options?: unknown) => unknown =>
  path.split(".").reduce<any>((node, key) => node[key], root)

// ------------------------------------------------------------------------------------ the interface

export type ApiName = "Effect" | "Promise"

/** A client's settings, as both APIs take them. */
export interface ClientOptions {
  readonly apiKey: string
  /** The Promise API takes text only: a Redacted secret is given to it as its value. */
  readonly secretKey: string | Redacted.Redacted<string>
  readonly environment?: FlowEnvironment | undefined
  readonly baseUrl?: string | undefined
  /** Milliseconds per try. */
  readonly timeout?: number | undefined
  readonly retries?: number | undefined
}

/** One call's overrides, as both APIs take them. */
export interface CallOptions {
  /** Milliseconds per try. */
  readonly timeout?: number | undefined
  readonly retries?: number | undefined
}

/** A failure, read the same way in both APIs. */
export interface Failure {
  /**
   * The operation's error (`FlowChargeCardError`): the Effect `_tag`, or the Promise operation class the
   * rejection is an instance of; undefined when what failed is a configuration, not an operation.
   */
  readonly error: string | undefined
  /**
   * The reason (`FlowTimeoutError`): the Effect reason's `_tag`, or the Promise reason class the
   * rejection's `cause` (a configuration's error itself) is an instance of.
   */
  readonly reason: string
  /** The reason's `requestSent`, where it has one. */
  readonly requestSent: boolean | undefined
  readonly outcome: string | undefined
  /** What reconciliation learnt (`not-found`, …), if it ran and could not settle the write. */
  readonly reconciliation: string | undefined
  readonly message: string
}

export type Outcome<A> =
  | { readonly ok: true; readonly value: A }
  | { readonly ok: false; readonly error: unknown; readonly failure: Failure }

export interface Client {
  call<P extends OperationPath>(path: P, input: InputOf<P>, options?: CallOptions): Promise<Outcome<AnswerOf<P>>>
}

export interface Api<C extends Client = Client> {
  readonly name: ApiName
  /** A client, made as a user of this API makes one (the options must be valid). */
  client(options: ClientOptions): C
  /** What making a client with these options gives: the resolved configuration, or why not. */
  configure(options: ClientOptions): Promise<Outcome<unknown>>
  /** What a user of this API holds (every client made so far), labelled: to be printed and searched for secrets. */
  inspectables(): Promise<Array<readonly [string, unknown]>>
  /** Closes every client made. */
  close(): Promise<void>
}

// ------------------------------------------------------------------------------------ Effect

/** Wraps every Effect call (and configuration check): a tracer, loggers, logging of outcomes. */
export type Instrument = <A, E, R>(label: string, effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>

export interface EffectClient extends Client {
  /** The client's runtime: FlowCustomers, FlowPayments and the FlowConfig they read. */
  readonly runtime: ManagedRuntime.ManagedRuntime<FlowCustomers | FlowPayments | FlowConfig, never>
  /** The FlowConfig the client's operations read. */
  config(): Promise<FlowConfigShape>
}

const configOptions = (options: ClientOptions): FlowConfigOptions => ({
  apiKey: options.apiKey,
  secretKey: options.secretKey,
  environment: options.environment,
  baseUrl: options.baseUrl,
  timeout: options.timeout,
  ...(options.retries === undefined ? {} : { retry: { retries: options.retries } })
})

const effectFailure = (error: FlowOperationError): Failure => ({
  error: error._tag,
  reason: error.reason._tag,
  requestSent: "requestSent" in error.reason ? error.reason.requestSent : undefined,
  outcome: error.outcome,
  reconciliation: error.reconciliation?.result,
  message: error.message
})

/** The Effect API: each client a ManagedRuntime over `transport`; every call wrapped by `instrument`. */
export const effectApi = (options: {
  readonly transport: Layer.Layer<HttpClient.HttpClient>
  readonly instrument?: Instrument | undefined
}): Api<EffectClient> => {
  const instrument: Instrument = options.instrument ?? ((_, effect) => effect)
  const clients: Array<EffectClient> = []
  const services = Effect.all({ customers: FlowCustomers, payments: FlowPayments })

  const client = (clientOptions: ClientOptions): EffectClient => {
    const runtime = ManagedRuntime.make(
      Layer.mergeAll(FlowCustomers.Default, FlowPayments.Default).pipe(
        Layer.provideMerge(FlowConfig.layer(configOptions(clientOptions))),
        Layer.provide(options.transport),
        Layer.orDie
      )
    )
    const made: EffectClient = {
      runtime,
      config: () => runtime.runPromise(FlowConfig),
      call: (path, input, callOptions) => {
        const call = Effect.flatMap(
          services,
          (root) => at(root, path)(input) as Effect.Effect<AnswerOf<typeof path>, FlowOperationError>
        )
        const withOptions = callOptions === undefined ? call : call.pipe(withCallOptions({
          timeout: callOptions.timeout === undefined ? undefined : Duration.millis(callOptions.timeout),
          retries: callOptions.retries
        }))
        return runtime.runPromise(Effect.either(instrument(path, withOptions))).then(
          Either.match({
            onLeft: (error) => ({ ok: false, error, failure: effectFailure(error) }),
            onRight: (value) => ({ ok: true, value })
          })
        )
      }
    }
    clients.push(made)
    return made
  }

  return {
    name: "Effect",
    client,
    configure: (clientOptions) =>
      Effect.runPromise(Effect.either(instrument("config", FlowConfig.make(configOptions(clientOptions))))).then(
        Either.match({
          onLeft: (error) => ({
            ok: false,
            error,
            failure: {
              error: undefined,
              reason: error._tag,
              requestSent: undefined,
              outcome: undefined,
              reconciliation: undefined,
              message: error.message
            }
          }),
          onRight: (value) => ({ ok: true, value })
        })
      ),
    inspectables: async () => {
      const held = await Promise.all(
        clients.map((c) => c.runtime.runPromise(Effect.all({ config: FlowConfig, root: services })))
      )
      return held.flatMap(({ config, root }, i): Array<readonly [string, unknown]> => [
        [`FlowConfig #${i}`, config],
        [`FlowConfig #${i}.secretKey`, config.secretKey],
        [`FlowCustomers #${i}`, root.customers],
        [`FlowPayments #${i}`, root.payments]
      ])
    },
    close: async () => {
      await Promise.all(clients.splice(0).map((c) => c.runtime.dispose()))
    }
  }
}

// ------------------------------------------------------------------------------------ Promise

export interface PromiseClient extends Client {
  readonly flow: Flow
}

/** Every operation's error class of the Promise API (each a FlowError). */
const OPERATION_ERRORS: ReadonlyArray<new(...args: never) => FlowPromise.FlowError> = [
  FlowPromise.FlowCreateCustomerError,
  FlowPromise.FlowEditCustomerError,
  FlowPromise.FlowDeleteCustomerError,
  FlowPromise.FlowGetCustomerError,
  FlowPromise.FlowGetCustomerListError,
  FlowPromise.FlowRegisterCardError,
  FlowPromise.FlowRegisterCardStatusError,
  FlowPromise.FlowDeleteCardError,
  FlowPromise.FlowChargeCardError,
  FlowPromise.FlowSendChargeCardError,
  FlowPromise.FlowSendMassiveChargeCardError,
  FlowPromise.FlowMassiveChargeCardStatusError,
  FlowPromise.FlowReverseChargeCardError,
  FlowPromise.FlowListChargesCardError,
  FlowPromise.FlowListFailedChargesCardError,
  FlowPromise.FlowListPaginatedSubscriptionsError,
  FlowPromise.FlowGetPaymentStatusError,
  FlowPromise.FlowGetPaymentStatusByCommerceIdError,
  FlowPromise.FlowGetPaymentStatusByFlowOrderError
]

/** Every reason class of the Promise API. */
const REASONS: ReadonlyArray<new(...args: never) => FlowPromise.FlowError> = [
  FlowPromise.FlowAPIError,
  FlowPromise.FlowAuthenticationError,
  FlowPromise.FlowConnectionError,
  FlowPromise.FlowTimeoutError,
  FlowPromise.FlowClosedError,
  FlowPromise.FlowDecodeError,
  FlowPromise.FlowValidationError
]

/** The name of the class in `classes` that `value` is an instance of. */
const classOf = (classes: ReadonlyArray<new(...args: never) => unknown>, value: unknown): string | undefined =>
  classes.find((c) => value instanceof c)?.name

/**
 * A Promise rejection (`call`: it must be an operation's error, its `cause` the reason) or what
 * `new Flow(...)` threw (`configure`: the reason itself), as a {@link Failure}.
 */
const promiseFailure = (thrown: unknown, of: "call" | "configure"): Failure => {
  const error = of === "call" ? classOf(OPERATION_ERRORS, thrown) : undefined
  const reasonValue = of === "call" ? (thrown as { readonly cause?: unknown } | undefined)?.cause : thrown
  const reason = of === "call" && error === undefined
    ? `not an operation's error: ${String(thrown)}`
    : classOf(REASONS, reasonValue) ?? `not a reason: ${String(reasonValue)}`
  const flowError = thrown instanceof FlowPromise.FlowError ? thrown : undefined
  return {
    error,
    reason,
    requestSent: (reasonValue as { readonly requestSent?: boolean } | undefined)?.requestSent,
    outcome: flowError?.outcome,
    reconciliation: flowError?.reconciliation?.result,
    message: flowError?.message ?? String(thrown)
  }
}

const flowOf = (options: ClientOptions, transport: FlowTransport | undefined): Flow =>
  new Flow(
    options.apiKey,
    Redacted.isRedacted(options.secretKey) ? Redacted.value(options.secretKey) : options.secretKey,
    options.environment ?? "sandbox",
    {
      ...(transport === undefined ? {} : { transport }),
      ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
      ...(options.timeout === undefined ? {} : { timeout: options.timeout }),
      ...(options.retries === undefined ? {} : { retry: { retries: options.retries } })
    }
  )

/** The Promise API: each client a `new Flow(...)` (on `transport`, by default the library's own default). */
export const promiseApi = (options: { readonly transport?: FlowTransport | undefined } = {}): Api<PromiseClient> => {
  const flows: Array<Flow> = []

  const client = (clientOptions: ClientOptions): PromiseClient => {
    const flow = flowOf(clientOptions, options.transport)
    flows.push(flow)
    return {
      flow,
      call: (path, input, callOptions) =>
        Promise.resolve()
          .then(() => at(flow, path)(input, callOptions))
          .then(
            (value) => ({ ok: true, value: value as AnswerOf<typeof path> }),
            (error: unknown) => ({ ok: false, error, failure: promiseFailure(error, "call") })
          )
    }
  }

  return {
    name: "Promise",
    client,
    configure: async (clientOptions) => {
      try {
        const flow = flowOf(clientOptions, options.transport)
        flows.push(flow)
        return { ok: true, value: flow }
      } catch (error) {
        return { ok: false, error, failure: promiseFailure(error, "configure") }
      }
    },
    inspectables: () =>
      Promise.resolve(
        flows.flatMap((flow, i): Array<readonly [string, unknown]> => [
          [`Flow #${i}`, flow],
          [`Flow #${i}.customers`, flow.customers],
          [`Flow #${i}.payments`, flow.payments]
        ])
      ),
    close: async () => {
      await Promise.all(flows.splice(0).map((flow) => flow.close()))
    }
  }
}
