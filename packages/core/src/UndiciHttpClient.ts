/**
 * A lean `HttpClient` for Node on undici's dispatcher (`@flowcl/core/UndiciHttpClient`), made for
 * Flow's small form requests and JSON answers: no web `Request`/`Response`, no streams, one buffer per
 * answer, the per-try deadline enforced by one timer on the socket and the answer's size by counting its
 * bytes as they arrive (TransportLimits.ts). It never follows a redirect: a 3xx is handed back as it came.
 * Measured in BENCHMARKS.md against FetchHttpClient and @effect/platform-node's undici client.
 *
 * Bodies: empty, Uint8Array or raw text/bytes (all FlowHttp sends). Interruption aborts the request.
 * `@flowcl/promise` uses it by default on Node; Effect programs provide it with `UndiciHttpClient.layer`.
 *
 * @module @flowcl/core/UndiciHttpClient
 */
import type * as Cookies from "@effect/platform/Cookies"
import * as CookiesModule from "@effect/platform/Cookies"
import * as Headers from "@effect/platform/Headers"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as IncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as UrlParams from "@effect/platform/UrlParams"
import * as Effect from "effect/Effect"
import * as Inspectable from "effect/Inspectable"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import { Agent, type Dispatcher } from "undici"
import {
  DeadlineExceeded,
  type NativeAnswer,
  NativeLimitsTypeId,
  type NativeSend,
  NativeSendTypeId,
  type RequestControl,
  requestControls,
  ResponseTooLarge
} from "./TransportLimits.js"

type UndiciHeaders = Record<string, string | Array<string> | undefined>

/** An answer read to its end, kept as one buffer. */
class BufferedResponse extends Inspectable.Class implements HttpClientResponse.HttpClientResponse {
  readonly [IncomingMessage.TypeId]: IncomingMessage.TypeId = IncomingMessage.TypeId
  readonly [HttpClientResponse.TypeId]: HttpClientResponse.TypeId = HttpClientResponse.TypeId

  constructor(
    readonly request: HttpClientRequest.HttpClientRequest,
    readonly status: number,
    private readonly rawHeaders: UndiciHeaders,
    private readonly body: Buffer
  ) {
    super()
  }

  get headers(): Headers.Headers {
    return Headers.fromInput(this.rawHeaders as Record<string, string | ReadonlyArray<string>>)
  }

  get cookies(): Cookies.Cookies {
    const header = this.rawHeaders["set-cookie"]
    return header === undefined
      ? CookiesModule.empty
      : CookiesModule.fromSetCookie(Array.isArray(header) ? header : [header])
  }

  get remoteAddress(): Option.Option<string> {
    return Option.none()
  }

  get text(): Effect.Effect<string, HttpClientError.ResponseError> {
    return Effect.sync(() => this.body.toString("utf8"))
  }

  get json(): Effect.Effect<unknown, HttpClientError.ResponseError> {
    return Effect.try({
      try: () => JSON.parse(this.body.toString("utf8")) as unknown,
      catch: (cause) => this.decodeError(cause)
    })
  }

  get urlParamsBody(): Effect.Effect<UrlParams.UrlParams, HttpClientError.ResponseError> {
    return Effect.sync(() => UrlParams.fromInput(new URLSearchParams(this.body.toString("utf8"))))
  }

  get arrayBuffer(): Effect.Effect<ArrayBuffer, HttpClientError.ResponseError> {
    return Effect.sync(() => this.body.buffer.slice(this.body.byteOffset, this.body.byteOffset + this.body.byteLength) as ArrayBuffer)
  }

  get formData(): Effect.Effect<FormData, HttpClientError.ResponseError> {
    return Effect.tryPromise({
      try: () => new Response(new Uint8Array(this.body), { headers: this.headers as Record<string, string> }).formData(),
      catch: (cause) => this.decodeError(cause)
    })
  }

  get stream(): Stream.Stream<Uint8Array, HttpClientError.ResponseError> {
    return Stream.succeed(new Uint8Array(this.body))
  }

  private decodeError(cause: unknown) {
    return new HttpClientError.ResponseError({ request: this.request, response: this, reason: "Decode", cause })
  }

  toJSON(): unknown {
    return { _id: "@effect/platform/HttpClientResponse", request: this.request.toJSON(), status: this.status }
  }
}

const bodyOf = (body: HttpClientRequest.HttpClientRequest["body"]): Uint8Array | string | null | undefined => {
  switch (body._tag) {
    case "Empty":
      return null
    case "Uint8Array":
      return body.body
    case "Raw":
      return typeof body.body === "string" || body.body instanceof Uint8Array ? body.body : undefined
    default:
      return undefined
  }
}

/** What one dispatch asks undici for. */
interface Target {
  readonly origin: string
  readonly path: string
  readonly method: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: Uint8Array | string | null
}

type Outcome =
  | { readonly ok: true; readonly status: number; readonly headers: UndiciHeaders; readonly body: Buffer }
  | { readonly ok: false; readonly cause: unknown }

/**
 * One request through undici's dispatcher, read to its end into one buffer, under `control`'s limits
 * when there is one (the deadline as one timer, the size as a running count; TransportLimits.ts).
 * Calls `done` once; the function returned cancels the request (interruption) and calls nothing.
 */
const dispatchOnce = (
  dispatcher: Dispatcher,
  target: Target,
  control: RequestControl | undefined,
  done: (outcome: Outcome) => void
): () => void => {
  let finished = false
  let controller: Dispatcher.DispatchController | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  const chunks: Array<Buffer> = []
  let received = 0
  let status = 0
  let headers: UndiciHeaders = {}
  const settle = () => {
    finished = true
    if (timer !== undefined) clearTimeout(timer)
    control?.settled?.()
  }
  const finish = (outcome: Outcome) => {
    if (finished) return
    settle()
    done(outcome)
  }
  const abort = (reason: Error) => {
    if (controller !== undefined && !controller.aborted) controller.abort(reason)
  }
  /** Drops the connection and fails with `cause`. */
  const stop = (cause: Error) => {
    abort(cause)
    finish({ ok: false, cause })
  }
  const maxBytes = control?.maxResponseBytes ?? Number.POSITIVE_INFINITY
  if (control !== undefined) {
    control.abort = stop
    timer = setTimeout(() => stop(new DeadlineExceeded(control.timeoutMillis, control.sent)), control.timeoutMillis)
  }
  dispatcher.dispatch(
    {
      origin: target.origin,
      path: target.path,
      method: target.method as Dispatcher.HttpMethod,
      headers: target.headers,
      body: target.body,
      // the deadline above covers the whole exchange; undici's own timers stay out of the way
      headersTimeout: 0,
      bodyTimeout: 0
    },
    {
      // undici calls this on a connected socket, right before it writes the request: until then,
      // nothing has left, whatever fails
      onRequestStart(c) {
        controller = c
        if (finished) return c.abort(new Error("the request was interrupted"))
        if (control !== undefined) control.sent = true
      },
      onResponseStart(_c, statusCode, responseHeaders) {
        status = statusCode
        headers = responseHeaders as UndiciHeaders
        // an announced length over the limit is refused before a byte of it is read
        const length = Number(headers["content-length"])
        if (length > maxBytes) stop(new ResponseTooLarge(status, maxBytes))
      },
      onResponseData(_c, chunk) {
        if (finished) return
        received += chunk.length
        if (received > maxBytes) return stop(new ResponseTooLarge(status, maxBytes))
        chunks.push(chunk)
      },
      onResponseEnd() {
        finish({ ok: true, status, headers, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) })
      },
      onResponseError(_c, error) {
        finish({ ok: false, cause: error })
      }
    }
  )
  // interruption (Effect) or an aborted Promise signal: drop the socket at once
  return () => {
    if (finished) return
    settle()
    abort(new Error("the request was interrupted"))
  }
}

/**
 * FlowHttp's own entry (TransportLimits.ts, `NativeSend`): the request already as undici takes it,
 * the answer as FlowHttp reads it. No platform request or response objects, no URL parsed per call.
 */
const nativeSend = (dispatcher: Dispatcher): NativeSend => (request) =>
  Effect.async<NativeAnswer, unknown>((resume) =>
    Effect.sync(dispatchOnce(dispatcher, request, request.control, (outcome) =>
      resume(
        outcome.ok
          ? Effect.succeed({
            status: outcome.status,
            text: outcome.body.toString("utf8"),
            header: (name: string) => headerValue(outcome.headers[name])
          })
          : Effect.fail(outcome.cause)
      )))
  )

const headerValue = (value: string | Array<string> | undefined): string | undefined =>
  Array.isArray(value) ? value.join(", ") : value

/**
 * An HttpClient sending through `dispatcher` (an undici Agent, Pool or Client).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make = (dispatcher: Dispatcher): HttpClient.HttpClient => {
  const client = HttpClient.makeWith<never, never, HttpClientError.HttpClientError, never>(
    (requestEffect) =>
      Effect.flatMap(requestEffect, (request) =>
        Effect.async<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>((resume) => {
          const failure = (reason: "Transport" | "Encode" | "InvalidUrl", cause: unknown) =>
            Effect.fail(new HttpClientError.RequestError({ request, reason, cause }))
          const url = UrlParams.makeUrl(request.url, request.urlParams, request.hash)
          if (url._tag === "Left") return resume(failure("InvalidUrl", url.left))
          const body = bodyOf(request.body)
          if (body === undefined) return resume(failure("Encode", new Error(`unsupported body ${request.body._tag}`)))
          const target = {
            origin: url.right.origin,
            path: url.right.pathname + url.right.search,
            method: request.method,
            headers: request.headers,
            body
          }
          return Effect.sync(dispatchOnce(dispatcher, target, requestControls.get(request), (outcome) =>
            resume(
              outcome.ok
                ? Effect.succeed(new BufferedResponse(request, outcome.status, outcome.headers, outcome.body))
                : failure("Transport", outcome.cause)
            )))
        })),
    Effect.succeed
  )
  return Object.assign(client, { [NativeLimitsTypeId]: NativeLimitsTypeId, [NativeSendTypeId]: nativeSend(dispatcher) })
}

/**
 * Connections to Flow kept at most. A call waits for a free one only past that many calls under way.
 * Generous on purpose: each call Flow stalls holds its connection until its timeout, and a small pool
 * (64 before) let a few hundred stalled calls starve every healthy one. A call that waits for a
 * connection until its timeout fails as never sent (`requestSent: false`), so a write is then safe to
 * try again. The bound keeps a burst from exhausting the process's file descriptors.
 *
 * @since 0.1.0
 * @category constants
 */
export const DEFAULT_CONNECTIONS = 2048

/**
 * The HttpClient on a private keep-alive Agent of at most `connections` connections per origin, closed with the scope.
 *
 * @since 0.1.0
 * @category constructors
 */
export const scoped = (
  options: { readonly connections?: number | undefined } = {}
): Effect.Effect<HttpClient.HttpClient, never, Scope.Scope> =>
  Effect.map(
    Effect.acquireRelease(
      Effect.sync(() => new Agent({ keepAliveTimeout: 30_000, connections: options.connections ?? DEFAULT_CONNECTIONS })),
      (agent) => Effect.promise(() => agent.close())
    ),
    make
  )

/**
 * The HttpClient on a private keep-alive Agent of at most `connections` connections per origin, closed with the layer.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerWith = (options: { readonly connections?: number | undefined } = {}): Layer.Layer<HttpClient.HttpClient> =>
  Layer.scoped(HttpClient.HttpClient, scoped(options))

/**
 * The HttpClient on a private keep-alive Agent ({@link DEFAULT_CONNECTIONS} connections), closed with the layer.
 *
 * @example
 * ```ts
 * import * as UndiciHttpClient from "@flowcl/core/UndiciHttpClient"
 * const FlowLive = FlowCustomers.Default.pipe(Layer.provide(Layer.merge(FlowConfig.layerConfig(), UndiciHttpClient.layer)))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<HttpClient.HttpClient> = layerWith()
