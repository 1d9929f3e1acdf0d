/**
 * The one place that talks to Flow.
 *
 * Adds `apiKey`, signs, sends (GET: query string; POST: `application/x-www-form-urlencoded` body),
 * reads the whole answer under the configured timeout, and turns every outcome into either the
 * decoded value or one of the {@link FlowHttpError} reasons. `HttpClient` stays a requirement:
 * provide `FetchHttpClient.layer`, a Node client, or a test double.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as Clock from "effect/Clock"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Random from "effect/Random"
import * as Schema from "effect/Schema"
import { FlowConfig } from "./FlowConfig.js"
import {
  describeParseError,
  FlowAPIError,
  FlowAuthenticationError,
  FlowConnectionError,
  FlowDecodeError,
  type FlowHttpError,
  FlowTimeoutError
} from "./FlowErrors.js"
import { type FlowParams, sign } from "./sign.js"
import { DeadlineExceeded, requestDeadlines, supportsNativeDeadline } from "./TransportDeadline.js"

export type FlowMethod = "GET" | "POST"

/** A parameter before it travels: `undefined` means "not sent" (never the text "undefined"). */
export type FlowParamValue = string | number | undefined

export interface FlowRequest<A, I> {
  readonly method: FlowMethod
  /** Path under the base URL, e.g. `customer/create`. */
  readonly path: string
  readonly params: Readonly<Record<string, FlowParamValue>>
  /** Decodes a 2xx JSON body. */
  readonly schema: Schema.Schema<A, I, never>
}

/** Per-call settings that override FlowConfig for the calls they wrap (see {@link withCallOptions}). */
export interface FlowCallOptionsShape {
  /** Time allowed for each try, reading the body included. */
  readonly timeout?: Duration.Duration | undefined
  /** Retries after the first try (reads; writes only when nothing was sent). 0 disables. */
  readonly retries?: number | undefined
}

export class FlowCallOptions extends Context.Reference<FlowCallOptions>()("@flowcl/core/FlowCallOptions", {
  defaultValue: (): FlowCallOptionsShape => ({})
}) {}

/**
 * Overrides FlowConfig for the calls inside `effect`:
 * `customers.get(id).pipe(withCallOptions({ timeout: "5 seconds", retries: 0 }))`.
 */
export const withCallOptions = (options: {
  readonly timeout?: Duration.DurationInput | undefined
  readonly retries?: number | undefined
}) =>
<A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.flatMap(FlowCallOptions, (current) =>
    Effect.provideService(effect, FlowCallOptions, {
      ...current,
      ...(options.timeout === undefined ? {} : { timeout: Duration.decode(options.timeout) }),
      ...(options.retries === undefined ? {} : { retries: options.retries })
    }))

/** Flow's "Invalid Signature" (SPEC.md §4). */
export const INVALID_SIGNATURE_CODE = 108

/** How much of an unexpected body errors keep. */
const BODY_SNIPPET = 500

/** Turns values into the text that is both signed and sent; drops `undefined`. */
export const toFlowParams = (params: Readonly<Record<string, FlowParamValue>>): Record<string, string> => {
  const out: Record<string, string> = {}
  for (const name in params) {
    const value = params[name]
    if (value !== undefined) out[name] = typeof value === "number" ? String(value) : value
  }
  return out
}

/** Span attributes must not carry `apiKey` or `s`. */
const redactedQuery = (params: FlowParams): string => {
  const query = new URLSearchParams()
  for (const name in params) {
    query.append(name, name === "apiKey" || name === "s" ? "<redacted>" : params[name]!)
  }
  return query.toString()
}

const snippet = (text: string): string => text.length > BODY_SNIPPET ? `${text.slice(0, BODY_SNIPPET)}…` : text

const parseJson = (text: string): { readonly ok: true; readonly value: unknown } | { readonly ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

/** Flow's error body `{ code, message }` (code may come as numeric text). */
const errorBody = (json: unknown): { readonly code: number | undefined; readonly message: string } | undefined => {
  if (typeof json !== "object" || json === null) return undefined
  const { code, message } = json as { code?: unknown; message?: unknown }
  if (typeof message !== "string") return undefined
  const numeric = typeof code === "number" ? code : typeof code === "string" && code.trim() !== "" ? Number(code) : NaN
  return { code: Number.isFinite(numeric) ? numeric : undefined, message }
}

/** `Retry-After`: seconds, or an HTTP date (RFC 9110 §10.2.3), as milliseconds from `now`. */
export const parseRetryAfter = (header: string | undefined, now: number): number | undefined => {
  if (header === undefined) return undefined
  const text = header.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  const date = Date.parse(text)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/** A non-2xx answer → the reason it stands for. */
const failureFromStatus = (
  status: number,
  text: string,
  retryAfterMillis: number | undefined
): FlowAPIError | FlowAuthenticationError => {
  const parsed = parseJson(text)
  const body = parsed.ok ? errorBody(parsed.value) : undefined
  const retryAfter = retryAfterMillis === undefined ? {} : { retryAfterMillis }
  if (body === undefined) {
    const shown = text.trim() === "" ? "an empty body" : `a body that is not Flow's error JSON: ${snippet(text)}`
    return new FlowAPIError({ statusCode: status, message: `Flow answered HTTP ${status} with ${shown}`, ...retryAfter })
  }
  if (body.code === INVALID_SIGNATURE_CODE) {
    return new FlowAuthenticationError({ code: body.code, statusCode: status, message: body.message })
  }
  return new FlowAPIError({
    ...(body.code === undefined ? {} : { code: body.code }),
    statusCode: status,
    message: body.message,
    ...retryAfter
  })
}

/**
 * Error codes meaning the connection was never made, so no byte of the request left: only then may a
 * write be sent again. Anything else (a reset, a socket closed mid-request) may have reached Flow.
 */
const NEVER_CONNECTED = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT"
])

/** Every `code` in an error's `cause` chain (and inside AggregateErrors, as happy-eyeballs connects give). */
const errorCodes = (error: unknown, depth = 0): Array<string> => {
  if (typeof error !== "object" || error === null || depth > 5) return []
  const { cause, code, errors } = error as { cause?: unknown; code?: unknown; errors?: unknown }
  return [
    ...(typeof code === "string" ? [code] : []),
    ...(Array.isArray(errors) ? errors.flatMap((e) => errorCodes(e, depth + 1)) : []),
    ...errorCodes(cause, depth + 1)
  ]
}

export const neverConnected = (cause: unknown): boolean => {
  const codes = errorCodes(cause)
  return codes.length > 0 && codes.every((code) => NEVER_CONNECTED.has(code))
}

const connectionError = (error: HttpClientError.HttpClientError): FlowConnectionError =>
  new FlowConnectionError({
    message: error._tag === "RequestError"
      ? `Could not send the request to Flow (${error.reason})${causeText(error.cause)}`
      : `Could not read Flow's answer (HTTP ${error.response.status})${causeText(error.cause)}`,
    mayHaveReachedFlow: !(error._tag === "RequestError" && neverConnected(error.cause)),
    cause: error.cause ?? error.reason
  })

const causeText = (cause: unknown): string => {
  if (!(cause instanceof Error)) return ""
  const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : ""
  return `: ${cause.message}${inner}`
}

export const make = Effect.gen(function*() {
  const config = yield* FlowConfig
  const transport = yield* HttpClient.HttpClient
  // A transport that enforces deadlines itself spares each try a fiber (TransportDeadline.ts).
  const nativeDeadline = supportsNativeDeadline(transport)
  // The operation's span carries the HTTP attributes (apiKey and s redacted), so the platform's
  // client span, whose URL would show them, is turned off.
  const client = nativeDeadline ? transport : transport.pipe(HttpClient.withTracerDisabledWhen(() => true))
  const base = new URL(config.baseUrl)
  const spanBase = { "server.address": base.host }

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
      : error._tag === "FlowConnectionError" && !error.mayHaveReachedFlow
    if (!retryable) return Effect.succeed(undefined)
    if (error._tag === "FlowAPIError" && error.retryAfterMillis !== undefined) {
      const asked = Duration.millis(error.retryAfterMillis)
      return Effect.succeed(Duration.lessThanOrEqualTo(asked, config.retry.maxDelay) ? asked : undefined)
    }
    // exponential backoff with "equal jitter": between half and all of base·2^attempt, capped
    const ceiling = Duration.min(Duration.times(config.retry.baseDelay, 2 ** attempt), config.retry.maxDelay)
    return Effect.map(Random.next, (r) => Duration.millis(Duration.toMillis(ceiling) * (0.5 + r / 2)))
  }

  const execute = <A, I>(request: FlowRequest<A, I>): Effect.Effect<A, FlowHttpError> =>
    Effect.flatMap(FlowCallOptions, (callOptions) => {
      const timeout = callOptions.timeout ?? config.timeout
      const retries = callOptions.retries ?? config.retry.retries
      const attempt = (n: number): Effect.Effect<A, FlowHttpError> =>
        Effect.catchAll(send(request, timeout), (error) =>
          n >= retries
            ? Effect.fail(error)
            : Effect.flatMap(retryDelay(request.method, error, n), (delay) =>
              delay === undefined
                ? Effect.fail(error)
                : Effect.annotateCurrentSpan({
                  "http.request.resend_count": n + 1,
                  "flow.retry.after": error._tag,
                  "flow.retry.delay_ms": Math.round(Duration.toMillis(delay))
                }).pipe(Effect.zipRight(Effect.sleep(delay)), Effect.zipRight(attempt(n + 1)))))
      return attempt(0)
    })

  const send = <A, I>(request: FlowRequest<A, I>, timeout: Duration.Duration): Effect.Effect<A, FlowHttpError> => {
    const params = toFlowParams({ ...request.params, apiKey: config.apiKey })
    const signed: FlowParams = { ...params, s: sign(params, config.secretKey) }
    const url = `${config.baseUrl}/${request.path}`
    const httpRequest = request.method === "GET"
      ? HttpClientRequest.get(url, { urlParams: signed, acceptJson: true })
      : HttpClientRequest.post(url, { acceptJson: true }).pipe(HttpClientRequest.bodyUrlParams(signed))

    const millis = Duration.toMillis(timeout)
    const timedOut = () =>
      new FlowTimeoutError({
        timeoutMillis: millis,
        message: `Flow did not answer ${request.method} ${request.path} within ${Duration.format(timeout)}`
      })
    if (nativeDeadline) requestDeadlines.set(httpRequest, millis)
    const answer = client.execute(httpRequest).pipe(
      Effect.flatMap((response) =>
        Effect.map(response.text, (text) => ({
          status: response.status,
          text,
          retryAfter: response.headers["retry-after"]
        }))
      )
    )
    // the timeout covers the whole exchange, reading the body included
    const exchange = nativeDeadline
      ? Effect.mapError(answer, (error) =>
        error._tag === "RequestError" && error.cause instanceof DeadlineExceeded ? timedOut() : connectionError(error))
      : answer.pipe(
        Effect.mapError(connectionError),
        Effect.timeoutFail({ duration: timeout, onTimeout: timedOut })
      )

    return Effect.annotateCurrentSpan({
      ...spanBase,
      "http.request.method": request.method,
      "url.full": request.method === "GET" ? `${url}?${redactedQuery(signed)}` : url,
      "url.path": `${base.pathname}/${request.path}`
    }).pipe(
      Effect.zipRight(exchange),
      Effect.tap(({ status }) => Effect.annotateCurrentSpan("http.response.status_code", status)),
      Effect.flatMap(({ retryAfter, status, text }): Effect.Effect<A, FlowHttpError> => {
        if (status < 200 || status >= 300) {
          return Effect.flatMap(
            Clock.currentTimeMillis,
            (now) => Effect.fail(failureFromStatus(status, text, parseRetryAfter(retryAfter, now)))
          )
        }
        const json = parseJson(text)
        if (!json.ok) {
          return Effect.fail(
            new FlowDecodeError({
              statusCode: status,
              path: "",
              body: snippet(text),
              message: `Flow answered HTTP ${status} with a body that is not JSON: ${snippet(text)}`
            })
          )
        }
        return Schema.decodeUnknown(request.schema)(json.value).pipe(
          Effect.mapError((error) => {
            const { message, path } = describeParseError(error)
            return new FlowDecodeError({
              statusCode: status,
              path,
              body: snippet(text),
              message: `Flow's answer to ${request.path} has an unexpected shape: ${message}`
            })
          })
        )
      })
    )
  }

  return {
    execute,
    get: <A, I>(path: string, params: FlowRequest<A, I>["params"], schema: Schema.Schema<A, I, never>) =>
      execute({ method: "GET", path, params, schema }),
    post: <A, I>(path: string, params: FlowRequest<A, I>["params"], schema: Schema.Schema<A, I, never>) =>
      execute({ method: "POST", path, params, schema })
  } as const
})

export class FlowHttp extends Effect.Service<FlowHttp>()("@flowcl/core/FlowHttp", { effect: make }) {}
