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
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
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
  /** Time allowed for the whole call, reading the body included. */
  readonly timeout?: Duration.Duration | undefined
}

export class FlowCallOptions extends Context.Reference<FlowCallOptions>()("@flowcl/core/FlowCallOptions", {
  defaultValue: (): FlowCallOptionsShape => ({})
}) {}

/**
 * Overrides FlowConfig for the calls inside `effect`:
 * `customers.get(id).pipe(withCallOptions({ timeout: "5 seconds" }))`.
 */
export const withCallOptions = (options: { readonly timeout?: Duration.DurationInput | undefined }) =>
<A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.flatMap(FlowCallOptions, (current) =>
    Effect.provideService(effect, FlowCallOptions, {
      ...current,
      ...(options.timeout === undefined ? {} : { timeout: Duration.decode(options.timeout) })
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

/** A non-2xx answer → the reason it stands for. */
const failureFromStatus = (status: number, text: string): FlowAPIError | FlowAuthenticationError => {
  const parsed = parseJson(text)
  const body = parsed.ok ? errorBody(parsed.value) : undefined
  if (body === undefined) {
    const shown = text.trim() === "" ? "an empty body" : `a body that is not Flow's error JSON: ${snippet(text)}`
    return new FlowAPIError({ statusCode: status, message: `Flow answered HTTP ${status} with ${shown}` })
  }
  if (body.code === INVALID_SIGNATURE_CODE) {
    return new FlowAuthenticationError({ code: body.code, statusCode: status, message: body.message })
  }
  return body.code === undefined
    ? new FlowAPIError({ statusCode: status, message: body.message })
    : new FlowAPIError({ code: body.code, statusCode: status, message: body.message })
}

const connectionError = (error: HttpClientError.HttpClientError): FlowConnectionError =>
  new FlowConnectionError({
    message: error._tag === "RequestError"
      ? `Could not send the request to Flow (${error.reason})${causeText(error.cause)}`
      : `Could not read Flow's answer (HTTP ${error.response.status})${causeText(error.cause)}`,
    cause: error.cause ?? error.reason
  })

const causeText = (cause: unknown): string => {
  if (!(cause instanceof Error)) return ""
  const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : ""
  return `: ${cause.message}${inner}`
}

export const make = Effect.gen(function*() {
  const config = yield* FlowConfig
  // FlowHttp makes its own client span (with apiKey and s redacted), so the platform's is turned off.
  const client = (yield* HttpClient.HttpClient).pipe(HttpClient.withTracerDisabledWhen(() => true))
  const base = new URL(config.baseUrl)

  const execute = <A, I>(request: FlowRequest<A, I>): Effect.Effect<A, FlowHttpError> =>
    Effect.flatMap(FlowCallOptions, (callOptions) => send(request, callOptions.timeout ?? config.timeout))

  const send = <A, I>(request: FlowRequest<A, I>, timeout: Duration.Duration): Effect.Effect<A, FlowHttpError> => {
    const params = toFlowParams({ ...request.params, apiKey: config.apiKey })
    const signed: FlowParams = { ...params, s: sign(params, config.secretKey) }
    const url = `${config.baseUrl}/${request.path}`
    const httpRequest = request.method === "GET"
      ? HttpClientRequest.get(url, { urlParams: signed, acceptJson: true })
      : HttpClientRequest.post(url, { acceptJson: true }).pipe(HttpClientRequest.bodyUrlParams(signed))

    const exchange = client.execute(httpRequest).pipe(
      Effect.flatMap((response) => Effect.map(response.text, (text) => ({ status: response.status, text }))),
      Effect.mapError(connectionError),
      Effect.timeoutFail({
        duration: timeout,
        onTimeout: () =>
          new FlowTimeoutError({
            timeoutMillis: Duration.toMillis(timeout),
            message: `Flow did not answer ${request.method} ${request.path} within ${Duration.format(timeout)}`
          })
      })
    )

    return exchange.pipe(
      Effect.tap(({ status }) => Effect.annotateCurrentSpan("http.response.status_code", status)),
      Effect.flatMap(({ status, text }): Effect.Effect<A, FlowHttpError> => {
        if (status < 200 || status >= 300) return Effect.fail(failureFromStatus(status, text))
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
      }),
      Effect.withSpan(`Flow ${request.method} ${request.path}`, {
        kind: "client",
        attributes: {
          "http.request.method": request.method,
          "url.full": request.method === "GET" ? `${url}?${redactedQuery(signed)}` : url,
          "url.path": `${base.pathname}/${request.path}`,
          "server.address": base.host
        }
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
