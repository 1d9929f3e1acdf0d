/**
 * `new Flow(apiKey, secretKey, 'sandbox').customers`: the seed document's API, as a thin adapter over
 * `@flowcl/core`. One ManagedRuntime per Flow instance runs core's operations; this file only turns
 * Effects into Promises, core errors into Error classes, and AbortSignal into interruption.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Core from "@flowcl/core"
import { FlowConfig, FlowCustomers, type FlowOperationError, withCallOptions } from "@flowcl/core"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Option from "effect/Option"
import {
  FlowAuthenticationError,
  FlowValidationError,
  fromOperationError,
  operationErrors,
  type OperationErrorName
} from "./errors.js"
import type * as T from "./types.js"

export type FlowEnvironment = "sandbox" | "production"

/**
 * How requests travel. `"undici"` (the default on Node) is core's lean undici client, several times
 * cheaper per call than `fetch` (BENCHMARKS.md); `"fetch"` (the default elsewhere: Bun, Deno,
 * workers) is the platform's `fetch`.
 */
export type FlowTransport = "undici" | "fetch"

const onNode = typeof process === "object" && process !== null && typeof process.versions?.node === "string" &&
  !("Bun" in globalThis) && !("Deno" in globalThis)

const transportLayer = (transport: FlowTransport): Layer.Layer<HttpClient.HttpClient> =>
  transport === "fetch"
    ? FetchHttpClient.layer
    // loaded on first use, so that runtimes without undici never load it
    : Layer.unwrapEffect(Effect.map(Effect.promise(() => import("@flowcl/core/UndiciHttpClient")), (m) => m.layer))

/** The 4th argument of `new Flow(...)`. */
export interface FlowOptions {
  /** `"undici"` on Node, `"fetch"` elsewhere. */
  readonly transport?: FlowTransport | undefined
  /** Replaces the environment's base URL, e.g. an emulator's `http://127.0.0.1:8080/api`. */
  readonly baseUrl?: string | undefined
  /** Milliseconds allowed for each try of a call, reading the answer included. Default 30 000. */
  readonly timeout?: number | undefined
  /**
   * When to try a failed call again (RELIABILITY.md): reads after a transport failure, a timeout, 429
   * or 5xx; writes only when nothing was sent. Default `{ retries: 2, baseDelay: 500, maxDelay: 5000 }` (ms).
   */
  readonly retry?: {
    readonly retries?: number | undefined
    readonly baseDelay?: number | undefined
    readonly maxDelay?: number | undefined
  } | undefined
}

/** The optional last argument of every method. */
export interface FlowRequestOptions {
  /** Aborts the call at once; the promise rejects with `signal.reason`. */
  readonly signal?: AbortSignal | undefined
  /** Milliseconds allowed for each try of this call, overriding the Flow instance's timeout. */
  readonly timeout?: number | undefined
  /** Retries for this call, overriding the Flow instance's policy (0: a single try). */
  readonly retries?: number | undefined
}

export interface FlowCustomersCardSubscriptions {
  list(
    data: T.FlowListPaginatedSubscriptionsRequest,
    options?: FlowRequestOptions
  ): Promise<T.FlowListPaginatedSubscriptionsResponse>
}

export interface FlowCustomersCard {
  register(data: T.FlowRegisterCardRequest, options?: FlowRequestOptions): Promise<T.FlowRegisterCardResponse>
  status(token: string, options?: FlowRequestOptions): Promise<T.FlowRegisterCardStatusResponse>
  delete(customerId: string, options?: FlowRequestOptions): Promise<T.FlowDeleteCardResponse>
  charge(data: T.FlowChargeCardRequest, options?: FlowRequestOptions): Promise<T.FlowChargeCardResponse>
  sendCharge(data: T.FlowSendChargeRequest, options?: FlowRequestOptions): Promise<T.FlowSendChargeResponse>
  sendMassiveCharge(
    data: T.FlowSendMassiveChargeCardRequest,
    options?: FlowRequestOptions
  ): Promise<T.FlowSendMassiveChargeCardResponse>
  massiveChargeStatus(token: string, options?: FlowRequestOptions): Promise<T.FlowMassiveChargeCardStatusResponse>
  reverseCharge(data: T.FlowReverseChargeCardRequest, options?: FlowRequestOptions): Promise<T.FlowReverseChargeCardResponse>
  listCharges(data: T.FlowListChargesRequest, options?: FlowRequestOptions): Promise<T.FlowListChargesResponse>
  listFailedCharges(
    data: T.FlowListFailedChargesRequest,
    options?: FlowRequestOptions
  ): Promise<T.FlowListFailedChargesResponse>
  readonly subscriptions: FlowCustomersCardSubscriptions
}

/** `flow.customers`: every operation of the seed document. */
export interface FlowCustomersClient {
  create(data: T.FlowCreateCustomerRequest, options?: FlowRequestOptions): Promise<T.FlowCreateCustomerResponse>
  edit(data: T.FlowEditCustomerRequest, options?: FlowRequestOptions): Promise<T.FlowEditCustomerResponse>
  delete(customerId: string, options?: FlowRequestOptions): Promise<T.FlowDeleteCustomerResponse>
  get(customerId: string, options?: FlowRequestOptions): Promise<T.FlowGetCustomerResponse>
  list(data?: T.FlowGetCustomerListRequest, options?: FlowRequestOptions): Promise<T.FlowListCustomersResponse>
  readonly card: FlowCustomersCard
}

type Operation<A> = (customers: FlowCustomers) => Effect.Effect<A, FlowOperationError>

/** Checks the per-call options a plain-JavaScript caller passes; returns the bad field and why. */
const checkOptions = (options: unknown): { readonly field: string; readonly message: string } | undefined => {
  if (options === undefined) return undefined
  if (typeof options !== "object" || options === null) {
    return { field: "options", message: "Expected an object { signal?, timeout?, retries? }" }
  }
  const { retries, signal, timeout } = options as Record<string, unknown>
  if (signal !== undefined && !(signal instanceof AbortSignal)) {
    return { field: "options.signal", message: "Expected an AbortSignal" }
  }
  if (timeout !== undefined && (typeof timeout !== "number" || !Number.isFinite(timeout) || timeout <= 0)) {
    return { field: "options.timeout", message: `Expected a positive number of milliseconds, got ${String(timeout)}` }
  }
  if (retries !== undefined && (typeof retries !== "number" || !Number.isInteger(retries) || retries < 0 || retries > 10)) {
    return { field: "options.retries", message: `Expected an integer from 0 to 10, got ${String(retries)}` }
  }
  return undefined
}

export class Flow {
  /** Flow's customer API. */
  readonly customers: FlowCustomersClient
  readonly environment: FlowEnvironment
  /** The base URL calls go to. */
  readonly baseUrl: string
  /** How requests travel. */
  readonly transport: FlowTransport
  readonly #runtime: ManagedRuntime.ManagedRuntime<FlowCustomers, never>

  /**
   * @param apiKey your Flow apiKey (Flow's "Mis datos" page of the environment)
   * @param secretKey your Flow secretKey; only ever used to sign, never logged
   * @param environment `'sandbox'` (default) or `'production'`
   * @throws FlowAuthenticationError when a key is missing or empty; FlowValidationError for a bad option
   */
  constructor(apiKey: string, secretKey: string, environment: FlowEnvironment = "sandbox", options: FlowOptions = {}) {
    const config = Effect.runSync(Effect.either(FlowConfig.make({
      apiKey,
      secretKey,
      environment,
      baseUrl: options.baseUrl,
      timeout: options.timeout,
      retry: options.retry
    })))
    if (Either.isLeft(config)) {
      const problem = config.left
      throw problem._tag === "FlowAuthenticationError"
        ? new FlowAuthenticationError(problem.message)
        : new FlowValidationError(problem.message, { field: problem.field })
    }
    this.environment = config.right.environment
    this.baseUrl = config.right.baseUrl
    const transport = options.transport ?? (onNode ? "undici" : "fetch")
    if (transport !== "undici" && transport !== "fetch") {
      throw new FlowValidationError(`transport must be "undici" or "fetch", got ${JSON.stringify(transport)}`, {
        field: "transport"
      })
    }
    this.transport = transport
    this.#runtime = ManagedRuntime.make(
      FlowCustomers.Default.pipe(
        Layer.provide(Layer.succeed(FlowConfig, config.right)),
        Layer.provide(transportLayer(transport))
      )
    )
    this.customers = this.#makeCustomers()
  }

  /** Releases the runtime; calls after `close()` reject. */
  close(): Promise<void> {
    return this.#runtime.dispose()
  }

  #run<A>(errorName: OperationErrorName, operation: Operation<A>, options: FlowRequestOptions | undefined): Promise<A> {
    const bad = checkOptions(options)
    if (bad !== undefined) {
      const reason = new FlowValidationError(`Invalid input: ${bad.field}: ${bad.message}`, { field: bad.field })
      const message = `${Core[errorName].operation} failed: ${reason.message}`
      return Promise.reject(new operationErrors[errorName](message, { field: bad.field, cause: reason }))
    }
    const signal = options?.signal
    if (signal?.aborted) return Promise.reject(signal.reason)
    let effect: Effect.Effect<A, FlowOperationError, FlowCustomers> = Effect.flatMap(FlowCustomers, operation)
    if (options?.timeout !== undefined || options?.retries !== undefined) {
      effect = effect.pipe(withCallOptions({ timeout: options.timeout, retries: options.retries }))
    }
    return this.#runtime.runPromiseExit(effect, signal ? { signal } : undefined).then((exit) => {
      if (Exit.isSuccess(exit)) return exit.value
      const failure = Cause.failureOption(exit.cause)
      if (Option.isSome(failure)) throw fromOperationError(failure.value)
      if (signal?.aborted && Cause.isInterruptedOnly(exit.cause)) throw signal.reason
      throw Cause.squash(exit.cause)
    })
  }

  #makeCustomers(): FlowCustomersClient {
    const run = <A>(errorName: OperationErrorName, operation: Operation<A>, options?: FlowRequestOptions) =>
      this.#run(errorName, operation, options)
    return {
      create: (data, options) => run("FlowCreateCustomerError", (c) => c.create(data), options),
      edit: (data, options) => run("FlowEditCustomerError", (c) => c.edit(data), options),
      delete: (customerId, options) => run("FlowDeleteCustomerError", (c) => c.delete(customerId), options),
      get: (customerId, options) => run("FlowGetCustomerError", (c) => c.get(customerId), options),
      list: (data, options) => run("FlowGetCustomerListError", (c) => c.list(data), options),
      card: {
        register: (data, options) => run("FlowRegisterCardError", (c) => c.card.register(data), options),
        status: (token, options) => run("FlowRegisterCardStatusError", (c) => c.card.status(token), options),
        delete: (customerId, options) => run("FlowDeleteCardError", (c) => c.card.delete(customerId), options),
        charge: (data, options) => run("FlowChargeCardError", (c) => c.card.charge(data), options),
        sendCharge: (data, options) => run("FlowSendChargeCardError", (c) => c.card.sendCharge(data), options),
        sendMassiveCharge: (data, options) =>
          run("FlowSendMassiveChargeCardError", (c) => c.card.sendMassiveCharge(data), options),
        massiveChargeStatus: (token, options) =>
          run("FlowMassiveChargeCardStatusError", (c) => c.card.massiveChargeStatus(token), options),
        reverseCharge: (data, options) => run("FlowReverseChargeCardError", (c) => c.card.reverseCharge(data), options),
        listCharges: (data, options) => run("FlowListChargesCardError", (c) => c.card.listCharges(data), options),
        listFailedCharges: (data, options) =>
          run("FlowListFailedChargesCardError", (c) => c.card.listFailedCharges(data), options),
        subscriptions: {
          list: (data, options) =>
            run("FlowListPaginatedSubscriptionsError", (c) => c.card.subscriptions.list(data), options)
        }
      }
    }
  }
}
