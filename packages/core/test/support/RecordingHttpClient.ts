/**
 * A recording HttpClient double: keeps every request exactly as it would go on the wire
 * (method, URL, decoded query or form params, content type) and answers with a scripted Response.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import { FlowConfig, type FlowRetryOptions } from "../../src/FlowConfig.js"
import * as FlowServices from "../../src/FlowServices.js"

export interface RecordedRequest {
  readonly method: string
  readonly url: URL
  /** Path under the host, e.g. `/api/customer/create`. */
  readonly path: string
  /** Query params (GET) or form params (POST), decoded like a server would. */
  readonly params: Record<string, string>
  /** Params in the order they were sent. */
  readonly paramNames: ReadonlyArray<string>
  readonly query: string
  readonly contentType: string | undefined
  readonly body: string
}

/** What the double answers: a Response, or an Effect (to fail at the transport level or never answer). */
export type Responder = (request: RecordedRequest) => Response | Effect.Effect<Response, HttpClientError.HttpClientError>

export const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } })

export const TEST_API_KEY = "test-api-key"
export const TEST_SECRET = "test-secret-5f0c1a"
export const TEST_BASE_URL = "https://flow.test/api"

export const makeRecordingClient = (respond: Responder) => {
  const requests: Array<RecordedRequest> = []
  const client = HttpClient.make((request, url) =>
    Effect.suspend(() => {
      const body = request.body._tag === "Uint8Array" ? new TextDecoder().decode(request.body.body) : ""
      const search = request.method === "GET" ? url.search.slice(1) : body
      const decoded = new URLSearchParams(search)
      const recorded: RecordedRequest = {
        method: request.method,
        url,
        path: url.pathname,
        params: Object.fromEntries(decoded),
        paramNames: [...decoded.keys()],
        query: url.search.slice(1),
        contentType: request.body._tag === "Uint8Array" ? request.body.contentType : request.headers["content-type"],
        body
      }
      requests.push(recorded)
      const answer = respond(recorded)
      return Effect.map(
        Effect.isEffect(answer) ? answer : Effect.succeed(answer),
        (response) => HttpClientResponse.fromWeb(request, response)
      )
    })
  )
  return { client, requests }
}

/**
 * FlowCustomers and FlowPayments over the recording double, with fixed test keys. Retries are off unless asked for, so
 * each test sees one request per call; test/retry.test.ts exercises the retry policy itself.
 */
export const makeTestCustomers = (
  respond: Responder,
  options: { readonly timeout?: number; readonly retry?: FlowRetryOptions; readonly reconcile?: boolean } = {}
) => {
  const { client, requests } = makeRecordingClient(respond)
  const layer = FlowServices.layer.pipe(
    Layer.provide(FlowConfig.layer({
      apiKey: TEST_API_KEY,
      secretKey: Redacted.make(TEST_SECRET),
      baseUrl: TEST_BASE_URL,
      retry: options.retry ?? { retries: 0 },
      // reconciliation asks Flow again after a lost write: off here, so each test sees its own requests
      reconcile: options.reconcile ?? false,
      ...(options.timeout === undefined ? {} : { timeout: options.timeout })
    })),
    Layer.provide(Layer.succeed(HttpClient.HttpClient, client)),
    Layer.orDie
  )
  return { layer, requests }
}

export const transportFailure = (request: RecordedRequest, cause: unknown) =>
  Effect.fail(
    new HttpClientError.RequestError({
      request: { method: request.method, url: request.url.toString() } as never,
      reason: "Transport",
      cause
    })
  )
