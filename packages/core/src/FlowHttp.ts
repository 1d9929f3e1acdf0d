/**
 * The one place that talks to Flow.
 *
 * Adds `apiKey`, signs, sends (GET: query string; POST: `application/x-www-form-urlencoded` body),
 * reads the whole answer under the configured timeout, and turns every outcome into either the
 * decoded value or one of the {@link FlowHttpError} reasons. `HttpClient` stays a requirement:
 * provide `FetchHttpClient.layer`, a Node client, or a test double.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FiberId from "effect/FiberId"
import * as Option from "effect/Option"
import * as Random from "effect/Random"
import type * as Schema from "effect/Schema"
import {
  type Answer,
  decodeAnswer,
  failureFromStatus,
  followedRedirect,
  parseRetryAfter,
  readCapped,
  redirected,
  tooLarge,
  wasRedirected
} from "./FlowAnswers.js"
import { FlowCallOptions, type FlowCallOptionsShape, type FlowRequestTracker } from "./FlowCallOptions.js"
import { FlowConfig } from "./FlowConfig.js"
import { type FlowAPIError, FlowClosedError, type FlowHttpError, FlowTimeoutError } from "./FlowErrorReasons.js"
import { hmac } from "#hmac"
import { type FlowMethod, type FlowRequest, redactedQuery, toFlowParams } from "./FlowRequest.js"
import { stringToSign } from "./sign.js"
import { records } from "./Tracing.js"
import { connectionError, transportFailure } from "./TransportErrors.js"
import {
  ClientClosed,
  DeadlineExceeded,
  type NativeSend,
  NativeSendTypeId,
  type RequestControl,
  ResponseTooLarge
} from "./TransportLimits.js"
import { unchecked } from "./Unchecked.js"

/** The headers of Flow's requests, made once. */
const ACCEPT_JSON: Readonly<Record<string, string>> = { accept: "application/json" }
const FORM_POST: Readonly<Record<string, string>> = {
  accept: "application/json",
  "content-type": "application/x-www-form-urlencoded"
}

export { INVALID_SIGNATURE_CODE, parseRetryAfter } from "./FlowAnswers.js"
export { neverConnected } from "./TransportErrors.js"

export {
  FlowCallOptions,
  type FlowCallOptionsShape,
  type FlowRequestTracker,
  requestMayHaveLeft,
  withCallOptions
} from "./FlowCallOptions.js"
export { type FlowMethod, type FlowParamValue, type FlowRequest, toFlowParams } from "./FlowRequest.js"

export const make = Effect.gen(function*() {
  const config = yield* FlowConfig
  const transport = yield* HttpClient.HttpClient
  // A transport that enforces the limits itself spares each try a fiber and a copy (TransportLimits.ts).
  const nativeSend = (transport as { readonly [NativeSendTypeId]?: NativeSend })[NativeSendTypeId]
  // The operation's span carries the HTTP attributes (apiKey and s redacted), so the platform's
  // client span, whose URL would show them, is turned off.
  const client = transport.pipe(HttpClient.withTracerDisabledWhen(() => true))
  const base = new URL(config.baseUrl)
  const baseOrigin = base.origin
  const basePath = base.pathname.replace(/\/+$/, "")
  const spanBase = { "server.address": base.host }
  const maxResponseBytes = config.maxResponseBytes

  // ------------------------------------------------------------------ closing (the layer's scope ends)
  // New calls are refused at once; calls under way get `closeGrace` to finish, then are aborted with
  // FlowClosedError saying whether their request had left. Nothing is sent once closing has begun.
  let closing = false
  let inFlight = 0
  /** The controls of the native transport's requests under way, to abort them. */
  const controls = new Set<RequestControl>()
  /** Completed when the grace ends: fails the generic transport's calls still under way. */
  const abortAll = Deferred.unsafeMake<void>(FiberId.none)
  /** Completed when no call is under way any more, once closing. */
  const drained = Deferred.unsafeMake<void>(FiberId.none)
  const leave = () => {
    inFlight--
    if (closing && inFlight === 0) Deferred.unsafeDone(drained, Exit.void)
  }
  const closedBefore = (request: { readonly method: string; readonly path: string }) =>
    new FlowClosedError({
      requestSent: false,
      message: `The client is closed (close(), or the end of its layer's scope): ${request.method} ${request.path} ` +
        "was not sent"
    }, unchecked)
  const closedUnderWay = (request: { readonly method: string; readonly path: string }, sent: boolean) =>
    new FlowClosedError({
      requestSent: sent,
      message: `The client was closed while ${request.method} ${request.path} was under way, and its grace ` +
        `(${Duration.format(config.closeGrace)}) ran out: ${
          sent ? "the request had been sent, so Flow may have acted on it" : "the request had not been sent"
        }`
    }, unchecked)
  const abortedByClose = (request: { readonly method: string; readonly path: string }) =>
    Effect.zipRight(Deferred.await(abortAll), Effect.fail(closedUnderWay(request, true)))

  yield* Effect.addFinalizer(() =>
    Effect.gen(function*() {
      closing = true
      if (inFlight === 0) return
      // finalizers run uninterruptibly: the wait must be made interruptible for its timeout to end it
      yield* Effect.timeoutOption(Effect.interruptible(Deferred.await(drained)), config.closeGrace)
      if (inFlight === 0) return
      for (const control of controls) control.abort?.(new ClientClosed(control.sent))
      yield* Deferred.succeed(abortAll, undefined)
      // the aborted calls fail promptly; wait for them so their errors are out before the transport closes
      yield* Effect.timeoutOption(Effect.interruptible(Deferred.await(drained)), Duration.seconds(1))
    })
  )

  /**
   * How long to wait before trying `request` again after `error` on try `attempt` (0-based), or
   * undefined to give up. The policy of RELIABILITY.md: reads retry on transport failures, timeouts,
   * 429 and 5xx; writes only when the connection was never made.
   */
  const retryDelay = (
    method: FlowMethod,
    error: FlowHttpError,
    attempt: number
  ): Effect.Effect<Duration.Duration | undefined> => {
    const retryable = method === "GET"
      ? error._tag === "FlowConnectionError" || error._tag === "FlowTimeoutError" ||
        (error._tag === "FlowAPIError" && (error.statusCode === 429 || error.statusCode >= 500))
      : (error._tag === "FlowConnectionError" && !error.mayHaveReachedFlow) ||
        // the time ran out before the request was written: nothing left
        (error._tag === "FlowTimeoutError" && error.requestSent === false)
    if (!retryable) return Effect.succeed(undefined)
    if (error._tag === "FlowAPIError" && error.retryAfterMillis !== undefined) {
      const asked = Duration.millis(error.retryAfterMillis)
      return Effect.succeed(Duration.lessThanOrEqualTo(asked, config.retry.maxDelay) ? asked : undefined)
    }
    // exponential backoff with "equal jitter": between half and all of base·2^attempt, capped
    const ceiling = Duration.min(Duration.times(config.retry.baseDelay, 2 ** attempt), config.retry.maxDelay)
    return Effect.map(Random.next, (r) => Duration.millis(Duration.toMillis(ceiling) * (0.5 + r / 2)))
  }

  /**
   * `request` under the call's options, its tries' span attributes computed only when `recording`
   * (Tracing.ts). An operation reads both from its fiber once and passes them here, sparing the steps
   * of reading them again (see `execute` for a call that does not have them).
   */
  const executeWith = <A, I>(
    request: FlowRequest<A, I>,
    callOptions: FlowCallOptionsShape,
    recording: boolean
  ): Effect.Effect<A, FlowHttpError> => {
    const timeout = callOptions.timeout ?? config.timeout
    const retries = callOptions.retries ?? config.retry.retries
    const attempt = (n: number): Effect.Effect<A, FlowHttpError> =>
      Effect.catchAll(send(request, timeout, recording, callOptions.requests), (error) =>
        n >= retries
          ? Effect.fail(error)
          : Effect.flatMap(retryDelay(request.method, error, n), (delay) => {
            if (delay === undefined) return Effect.fail(error)
            const wait = Effect.zipRight(Effect.sleep(delay), attempt(n + 1))
            return recording
              ? Effect.zipRight(
                Effect.annotateCurrentSpan({
                  "http.request.resend_count": n + 1,
                  "flow.retry.after": error._tag,
                  "flow.retry.delay_ms": Math.round(Duration.toMillis(delay))
                }),
                wait
              )
              : wait
          }))
    return attempt(0)
  }

  /** `request` under the current fiber's call options and tracer. */
  const execute = <A, I>(request: FlowRequest<A, I>): Effect.Effect<A, FlowHttpError> =>
    Effect.withFiberRuntime((fiber) =>
      executeWith(request, Context.get(fiber.currentContext, FlowCallOptions), records(fiber.currentTracer))
    )

  /** A generic transport never follows redirects: fetch is told so (`redirect: "manual"`) for each call. */
  const executeManualRedirects = (httpRequest: HttpClientRequest.HttpClientRequest) =>
    Effect.flatMap(
      Effect.serviceOption(FetchHttpClient.RequestInit),
      (init) =>
        Effect.provideService(client.execute(httpRequest), FetchHttpClient.RequestInit, {
          ...Option.getOrUndefined(init),
          redirect: "manual"
        })
    )

  const send = <A, I>(
    request: FlowRequest<A, I>,
    timeout: Duration.Duration,
    recording: boolean,
    tracker: FlowRequestTracker | undefined
  ): Effect.Effect<A, FlowHttpError> => {
    const params = toFlowParams(request.params)
    params["apiKey"] = config.apiKey
    const signature = hmac.hex(config.secretKey, stringToSign(params))
    // node:crypto signs at once (Node's path takes no extra step); Web Crypto answers with a Promise
    return typeof signature === "string"
      ? sendSigned(request, params, signature, timeout, recording, tracker)
      : Effect.flatMap(Effect.promise(() => signature), (s) => sendSigned(request, params, s, timeout, recording, tracker))
  }

  const sendSigned = <A, I>(
    request: FlowRequest<A, I>,
    params: Record<string, string>,
    signature: string,
    timeout: Duration.Duration,
    recording: boolean,
    tracker: FlowRequestTracker | undefined
  ): Effect.Effect<A, FlowHttpError> => {
    // the form of the signed params, encoded once: the query string of a GET, the body of a POST
    const form = `${new URLSearchParams(params).toString()}&s=${signature}`
    const url = `${config.baseUrl}/${request.path}`

    const millis = Duration.toMillis(timeout)
    const timedOut = (sent?: boolean) =>
      new FlowTimeoutError({
        timeoutMillis: millis,
        message: sent === false
          ? `No connection to Flow for ${request.method} ${request.path} within ${Duration.format(timeout)}; nothing was sent`
          : `Flow did not answer ${request.method} ${request.path} within ${Duration.format(timeout)}`,
        ...(sent === undefined ? {} : { requestSent: sent })
      }, unchecked)

    /** Flow's answer → the decoded value, or the reason it stands for. */
    const answered = ({ header, status, text }: Answer): Effect.Effect<A, FlowHttpError> => {
      if (status >= 200 && status < 300) return decodeAnswer(request, status, text)
      if (status >= 300 && status < 400) return Effect.fail(redirected(status, header("location")))
      return Effect.flatMap(
        Clock.currentTimeMillis,
        (now) => Effect.fail(failureFromStatus(status, text, parseRetryAfter(header("retry-after"), now)))
      )
    }
    const annotated = <X>(exchange: Effect.Effect<Answer, X>): Effect.Effect<Answer, X> =>
      recording
        ? Effect.annotateCurrentSpan({
          ...spanBase,
          "http.request.method": request.method,
          "url.full": request.method === "GET" ? `${url}?${redactedQuery(params)}` : url,
          "url.path": `${basePath}/${request.path}`
        }).pipe(
          Effect.zipRight(exchange),
          Effect.tap(({ status }) => Effect.annotateCurrentSpan("http.response.status_code", status))
        )
        : exchange

    if (nativeSend !== undefined) {
      // the transport's own entry: the request as undici takes it; the transport enforces the
      // deadline and the size cap, says when the request is written, and counts the call in and out
      return Effect.suspend(() => {
        if (closing) return Effect.fail(closedBefore(request))
        const control: RequestControl = {
          timeoutMillis: millis,
          maxResponseBytes,
          sent: false,
          abort: undefined,
          settled: () => {
            controls.delete(control)
            leave()
            if (tracker !== undefined) {
              if (control.sent) tracker.sent = true
              if (tracker.current === control) tracker.current = undefined
            }
          }
        }
        controls.add(control)
        inFlight++
        if (tracker !== undefined) tracker.current = control
        const get = request.method === "GET"
        const exchange = nativeSend({
          method: request.method,
          origin: baseOrigin,
          path: get ? `${basePath}/${request.path}?${form}` : `${basePath}/${request.path}`,
          headers: get ? ACCEPT_JSON : FORM_POST,
          body: get ? null : form,
          control
        })
        return Effect.matchEffect(annotated(exchange), {
          onFailure: (cause) => Effect.fail(nativeFailure(request, cause, control.sent, timedOut)),
          onSuccess: answered
        })
      })
    }

    const httpRequest = request.method === "GET"
      ? HttpClientRequest.get(`${url}?${form}`, { acceptJson: true })
      : HttpClientRequest.post(url, { acceptJson: true }).pipe(
        HttpClientRequest.bodyText(form, "application/x-www-form-urlencoded")
      )
    const exchange: Effect.Effect<Answer, FlowHttpError> = executeManualRedirects(httpRequest).pipe(
      Effect.flatMap((response): Effect.Effect<
        Answer,
        FlowAPIError | ResponseTooLarge | HttpClientError.HttpClientError
      > =>
        wasRedirected(response)
          ? Effect.fail(followedRedirect(response))
          : Effect.map(readCapped(response, maxResponseBytes), (text): Answer => ({
            status: response.status,
            text,
            header: (name) => response.headers[name]
          }))
      ),
      Effect.mapError((error) =>
        error instanceof ResponseTooLarge
          ? tooLarge(request.path, error)
          : error._tag === "FlowAPIError"
          ? error
          : connectionError(error)
      ),
      Effect.timeoutFail({ duration: timeout, onTimeout: () => timedOut() }),
      // this transport cannot be aborted from outside: the close races it
      (exchange) => Effect.raceFirst(exchange, abortedByClose(request))
    )
    // nothing is sent once the client is closing; a call under way is counted until it ends
    return Effect.suspend(() => {
      if (closing) return Effect.fail(closedBefore(request))
      inFlight++
      // this transport does not say when it writes: handed over, the request may have left
      if (tracker !== undefined) tracker.sent = true
      return Effect.ensuring(Effect.flatMap(annotated(exchange), answered), Effect.sync(leave))
    })
  }

  /** A native transport's failure → the reason it stands for; `sent`: whether the request had been written. */
  const nativeFailure = (
    request: { readonly method: string; readonly path: string },
    cause: unknown,
    sent: boolean,
    timedOut: (sent?: boolean) => FlowTimeoutError
  ): FlowHttpError =>
    cause instanceof DeadlineExceeded
      ? timedOut(cause.sent)
      : cause instanceof ResponseTooLarge
      ? tooLarge(request.path, cause)
      : cause instanceof ClientClosed
      ? closedUnderWay(request, cause.sent)
      : transportFailure(cause, sent)


  return {
    execute,
    executeWith,
    get: <A, I>(path: string, params: FlowRequest<A, I>["params"], schema: Schema.Schema<A, I, never>) =>
      execute({ method: "GET", path, params, schema }),
    post: <A, I>(path: string, params: FlowRequest<A, I>["params"], schema: Schema.Schema<A, I, never>) =>
      execute({ method: "POST", path, params, schema })
  } as const
})

/**
 * The one place that talks to Flow, as an Effect service: signs the params, sends with Flow's verb,
 * retries what is safe (RELIABILITY.md), times out, reads the answer within `maxResponseBytes` and
 * decodes it. Needs `FlowConfig` and an `HttpClient`; `FlowCustomers.Default` and `FlowPayments.Default`
 * include it.
 *
 * @example
 * ```ts
 * const http = yield* FlowHttp
 * const customer = yield* http.get("customer/get", { customerId }, Customer)
 * ```
 *
 * @since 0.1.0
 * @category http
 */
export class FlowHttp extends Effect.Service<FlowHttp>()("@flowcl/core/FlowHttp", { scoped: make }) {}

