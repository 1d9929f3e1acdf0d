/**
 * `new Flow(apiKey, secretKey, 'sandbox').customers`: the seed document's API, as a thin adapter over
 * `@flowcl/core`. One ManagedRuntime per Flow instance runs core's operations; this file only turns
 * Effects into Promises, core errors into Error classes, and AbortSignal into interruption.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Core from "@flowcl/core"
import {
  FlowConfig,
  FlowCustomers,
  type FlowOperationError,
  type Page,
  RegistrationCallback,
  withCallOptions
} from "@flowcl/core"
import * as Cause from "effect/Cause"
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import * as Option from "effect/Option"
import * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import {
  FlowAuthenticationError,
  FlowValidationError,
  fromOperationError,
  operationErrors,
  type OperationErrorName
} from "./errors.js"
import { type FlowListRequest, ListRequest } from "./ListRequest.js"
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
  /** One page of subscriptions; `for await` over it walks every page. */
  list(data: T.FlowListPaginatedSubscriptionsRequest, options?: FlowRequestOptions): FlowListRequest<T.FlowSubscription>
}

/** `card.massiveChargeStatus`: one look at a batch, or `.untilProcessed` to follow it to the end. */
export interface FlowMassiveChargeStatus {
  (token: string, options?: FlowRequestOptions): Promise<T.FlowMassiveChargeCardStatusResponse>
  /**
   * Polls the batch until it is `processed` and resolves with its final status, each row's outcome
   * included. `onStatus` sees each new status (`created`, `processing`, `processed`).
   */
  untilProcessed(token: string, options?: FlowUntilProcessedOptions): Promise<T.FlowMassiveChargeCardStatusResponse>
}

export interface FlowUntilProcessedOptions {
  /** Milliseconds between polls. Default 2 000. */
  readonly interval?: number | undefined
  /** Milliseconds to wait for `processed` before rejecting with FlowTimeoutError as cause. Default 600 000. */
  readonly timeout?: number | undefined
  readonly onStatus?: ((status: T.FlowMassiveChargeCardStatusResponse) => void) | undefined
  readonly signal?: AbortSignal | undefined
}

export interface FlowCustomersCard {
  register(data: T.FlowRegisterCardRequest, options?: FlowRequestOptions): Promise<T.FlowRegisterCardResponse>
  status(token: string, options?: FlowRequestOptions): Promise<T.FlowRegisterCardStatusResponse>
  /**
   * Handles Flow's POST to `url_return` (a form carrying `token`) for any framework with web `Request`s:
   * reads the token, asks `card.status`, resolves with the registration's outcome.
   */
  registrationCallback(request: Request, options?: FlowRequestOptions): Promise<T.FlowRegisterCardStatusResponse>
  delete(customerId: string, options?: FlowRequestOptions): Promise<T.FlowDeleteCardResponse>
  charge(data: T.FlowChargeCardRequest, options?: FlowRequestOptions): Promise<T.FlowChargeCardResponse>
  sendCharge(data: T.FlowSendChargeRequest, options?: FlowRequestOptions): Promise<T.FlowSendChargeResponse>
  sendMassiveCharge(
    data: T.FlowSendMassiveChargeCardRequest,
    options?: FlowRequestOptions
  ): Promise<T.FlowSendMassiveChargeCardResponse>
  readonly massiveChargeStatus: FlowMassiveChargeStatus
  reverseCharge(data: T.FlowReverseChargeCardRequest, options?: FlowRequestOptions): Promise<T.FlowReverseChargeCardResponse>
  /** One page of charges; `for await` over it walks every page. */
  listCharges(data: T.FlowListChargesRequest, options?: FlowRequestOptions): FlowListRequest<T.FlowPayment>
  /** One page of failed attempts; `for await` over it walks every page. */
  listFailedCharges(data: T.FlowListFailedChargesRequest, options?: FlowRequestOptions): FlowListRequest<T.FlowChargeAttempt>
  readonly subscriptions: FlowCustomersCardSubscriptions
}

/** `flow.customers`: every operation of the seed document. */
export interface FlowCustomersClient {
  create(data: T.FlowCreateCustomerRequest, options?: FlowRequestOptions): Promise<T.FlowCreateCustomerResponse>
  edit(data: T.FlowEditCustomerRequest, options?: FlowRequestOptions): Promise<T.FlowEditCustomerResponse>
  delete(customerId: string, options?: FlowRequestOptions): Promise<T.FlowDeleteCustomerResponse>
  get(customerId: string, options?: FlowRequestOptions): Promise<T.FlowGetCustomerResponse>
  /** One page of customers; `for await` over it walks every page. */
  list(data?: T.FlowGetCustomerListRequest, options?: FlowRequestOptions): FlowListRequest<T.FlowCustomer>
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

/** The operation's error for bad per-call options (nothing is sent). */
const invalidOptions = (errorName: OperationErrorName, bad: { readonly field: string; readonly message: string }) => {
  const reason = new FlowValidationError(`Invalid input: ${bad.field}: ${bad.message}`, { field: bad.field })
  return new operationErrors[errorName](`${Core[errorName].operation} failed: ${reason.message}`, {
    field: bad.field,
    cause: reason
  })
}

/** Completes when `signal` aborts. */
const aborted = (signal: AbortSignal): Effect.Effect<void> =>
  Effect.async<void>((resume) => {
    if (signal.aborted) return resume(Effect.void)
    const onAbort = () => resume(Effect.void)
    signal.addEventListener("abort", onAbort, { once: true })
    return Effect.sync(() => signal.removeEventListener("abort", onAbort))
  })

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
    if (bad !== undefined) return Promise.reject(invalidOptions(errorName, bad))
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

  /**
   * A list method's answer: awaited, the one page; iterated, every page through core's pagination
   * stream, run on this instance's runtime (errors mapped as for any call, `signal` ending it).
   */
  #list<Item>(
    errorName: OperationErrorName,
    page: Operation<Page<Item>>,
    pages: (customers: FlowCustomers) => Stream.Stream<Page<Item>, FlowOperationError>,
    options: FlowRequestOptions | undefined
  ): FlowListRequest<Item> {
    const runtime = this.#runtime
    const run = this.#run.bind(this)
    return new ListRequest<Item>({
      page: () => run(errorName, page, options),
      pages: () => ({
        // Pull-based: a page is asked of the stream only when the loop wants it, so with core's
        // one-page prefetch exactly one request is ahead of the consumer.
        async *[Symbol.asyncIterator]() {
          const bad = checkOptions(options)
          if (bad !== undefined) throw invalidOptions(errorName, bad)
          const signal = options?.signal
          if (signal?.aborted) throw signal.reason
          let stream = Stream.unwrap(Effect.map(FlowCustomers, pages)).pipe(Stream.mapError(fromOperationError))
          if (signal !== undefined) stream = Stream.interruptWhen(stream, aborted(signal))
          const scope = Effect.runSync(Scope.make())
          try {
            const pull = await runtime.runPromise(Scope.extend(Stream.toPull(stream), scope))
            for (;;) {
              const exit = await runtime.runPromiseExit(pull)
              if (Exit.isSuccess(exit)) {
                yield* Chunk.toReadonlyArray(exit.value)
                continue
              }
              const failure = Cause.failureOption(exit.cause)
              // a pull fails with None when the stream is over
              if (Option.isSome(failure) && Option.isNone(failure.value)) break
              if (Option.isSome(failure) && Option.isSome(failure.value)) throw failure.value.value
              throw Cause.squash(exit.cause)
            }
            if (signal?.aborted) throw signal.reason
          } finally {
            // the loop ended or broke off: stop the page ahead
            await Effect.runPromise(Scope.close(scope, Exit.void))
          }
        }
      }),
      tooMany: (field, message) => invalidOptions(errorName, { field, message })
    })
  }

  #makeCustomers(): FlowCustomersClient {
    const run = <A>(errorName: OperationErrorName, operation: Operation<A>, options?: FlowRequestOptions) =>
      this.#run(errorName, operation, options)
    const massiveChargeStatus = Object.assign(
      (token: string, options?: FlowRequestOptions) =>
        run("FlowMassiveChargeCardStatusError", (c) => c.card.massiveChargeStatus(token), options),
      {
        untilProcessed: (token: string, options: FlowUntilProcessedOptions = {}) =>
          run(
            "FlowMassiveChargeCardStatusError",
            (c) =>
              c.card.massiveChargeStatus.untilProcessed(token, {
                interval: options.interval,
                timeout: options.timeout,
                onStatus: options.onStatus
              }),
            options.signal === undefined ? undefined : { signal: options.signal }
          )
      }
    )
    return {
      create: (data, options) => run("FlowCreateCustomerError", (c) => c.create(data), options),
      edit: (data, options) => run("FlowEditCustomerError", (c) => c.edit(data), options),
      delete: (customerId, options) => run("FlowDeleteCustomerError", (c) => c.delete(customerId), options),
      get: (customerId, options) => run("FlowGetCustomerError", (c) => c.get(customerId), options),
      list: (data, options) =>
        this.#list("FlowGetCustomerListError", (c) => c.list(data), (c) => c.list.pages(data ?? {}), options),
      card: {
        register: (data, options) => run("FlowRegisterCardError", (c) => c.card.register(data), options),
        status: (token, options) => run("FlowRegisterCardStatusError", (c) => c.card.status(token), options),
        registrationCallback: (request, options) =>
          run(
            "FlowRegisterCardStatusError",
            (c) => RegistrationCallback.fromRequest(request).pipe(Effect.provideService(FlowCustomers, c)),
            options
          ),
        delete: (customerId, options) => run("FlowDeleteCardError", (c) => c.card.delete(customerId), options),
        charge: (data, options) => run("FlowChargeCardError", (c) => c.card.charge(data), options),
        sendCharge: (data, options) => run("FlowSendChargeCardError", (c) => c.card.sendCharge(data), options),
        sendMassiveCharge: (data, options) =>
          run("FlowSendMassiveChargeCardError", (c) => c.card.sendMassiveCharge(data), options),
        massiveChargeStatus,
        reverseCharge: (data, options) => run("FlowReverseChargeCardError", (c) => c.card.reverseCharge(data), options),
        listCharges: (data, options) =>
          this.#list(
            "FlowListChargesCardError",
            (c) => c.card.listCharges(data),
            (c) => c.card.listCharges.pages(data),
            options
          ),
        listFailedCharges: (data, options) =>
          this.#list(
            "FlowListFailedChargesCardError",
            (c) => c.card.listFailedCharges(data),
            (c) => c.card.listFailedCharges.pages(data),
            options
          ),
        subscriptions: {
          list: (data, options) =>
            this.#list(
              "FlowListPaginatedSubscriptionsError",
              (c) => c.card.subscriptions.list(data),
              (c) => c.card.subscriptions.list.pages(data),
              options
            )
        }
      }
    }
  }
}
