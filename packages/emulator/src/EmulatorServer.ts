/**
 * The emulator as an HTTP server on @effect/platform's HttpRouter and the Node platform:
 * - `/api/customer/<name>`: Flow's 16 endpoints (signature checked, faults applied, each request logged);
 * - `/app/customer/disclaimer.php`, `/app/web/pay.php`: the pages a person sees at Flow;
 * - `/_admin/...`: seed, reset, request log, clock, faults, settings (no signature).
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpRouter from "@effect/platform/HttpRouter"
import type * as HttpServer from "@effect/platform/HttpServer"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import { verify } from "@flowcl/core"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as FiberSet from "effect/FiberSet"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import { createServer } from "node:http"
import { adminRouter } from "./AdminApi.js"
import type { AnswerForm } from "./Answers.js"
import {
  endpoints,
  finishBatch,
  finishRegistration,
  type FollowUp,
  payPendingPayment,
  processBatchRow,
  startBatch
} from "./CustomerEndpoints.js"
import { EmulatorState } from "./EmulatorState.js"
import { Faults, type FaultKind, type FaultRule } from "./Faults.js"
import { paymentDonePage, paymentPage, registrationDonePage, registrationPage } from "./Pages.js"
import { ErrorCodes, FlowFailure, Params } from "./Params.js"

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number | undefined
  /** Default `127.0.0.1`. */
  readonly host?: string | undefined
  /** The merchant keys the emulator accepts. */
  readonly apiKey?: string | undefined
  readonly secretKey?: string | undefined
  /** Default `"spec"`; `"alternative"` answers with the other forms Flow's spec shows. */
  readonly answerForm?: AnswerForm | undefined
  /** Time between the steps of a massive charge (created → processing → each row → processed). Default 50 ms. */
  readonly batchPaceMs?: number | undefined
  /** Default true. Off, only the apiKey is checked (for clients using Flow's legacy signature). */
  readonly verifySignatures?: boolean | undefined
  /** One line per request: `true` prints to stdout, a function receives the line. Default off. */
  readonly log?: boolean | ((line: string) => void) | undefined
}

/** What can be changed while the emulator runs (admin `POST /_admin/settings`). */
export interface EmulatorSettings {
  answerForm: AnswerForm
  batchPaceMs: number
  verifySignatures: boolean
}

export interface RequestLogEntry {
  readonly seq: number
  readonly at: string
  readonly method: string
  readonly path: string
  /** `customer/<name>` */
  readonly endpoint: string
  readonly contentType: string | undefined
  /** The params as received (query for GET, form body for POST). */
  readonly params: Readonly<Record<string, string>>
  status: number
  code: number | undefined
  fault: FaultKind["type"] | undefined
  durationMs: number
}

export interface FlowEmulatorShape {
  /** Base URL for clients: `http://127.0.0.1:<port>/api`. */
  readonly url: string
  /** `http://127.0.0.1:<port>` */
  readonly origin: string
  readonly adminUrl: string
  readonly port: number
  readonly apiKey: string
  readonly secretKey: string
  readonly state: EmulatorState
  readonly faults: Faults
  readonly settings: EmulatorSettings
  /** Every API request, in order. */
  readonly requests: ReadonlyArray<RequestLogEntry>
  /** Clears data, faults and the request log; settings stay. */
  readonly reset: () => void
}

export class FlowEmulator extends Context.Tag("@flowcl/emulator/FlowEmulator")<FlowEmulator, FlowEmulatorShape>() {
  /** The emulator as a Layer: started when the layer is built, stopped when its scope closes. */
  static layer(options: EmulatorOptions = {}): Layer.Layer<FlowEmulator, HttpServerError.ServeError> {
    return Layer.scoped(FlowEmulator, make(options))
  }
}

export const DEFAULT_API_KEY = "emulator-api-key"
export const DEFAULT_SECRET_KEY = "emulator-secret-key"
const MAX_LOG = 100_000

const json = (body: unknown, status = 200) =>
  HttpServerResponse.text(JSON.stringify(body), { status, contentType: "application/json" })

const failureResponse = (failure: FlowFailure) => json({ code: failure.code, message: failure.message }, failure.status)

/** Params from the query (GET) or the body: urlencoded, or multipart as Flow's own tools send. */
const readParams = (request: HttpServerRequest.HttpServerRequest, url: URL) =>
  Effect.gen(function*() {
    if (request.method === "GET") return Object.fromEntries(url.searchParams)
    const contentType = request.headers["content-type"] ?? ""
    const body = yield* Effect.mapError(
      request.arrayBuffer,
      () => new FlowFailure(400, ErrorCodes.invalidParam, "Could not read the request body")
    )
    if (contentType.startsWith("multipart/form-data")) {
      const form = yield* Effect.promise(() =>
        new Response(body, { headers: { "content-type": contentType } }).formData()
      )
      const params: Record<string, string> = {}
      for (const [name, value] of form.entries()) {
        if (typeof value === "string") params[name] = value
      }
      return params
    }
    if (contentType === "" || contentType.startsWith("application/x-www-form-urlencoded")) {
      return Object.fromEntries(new URLSearchParams(new TextDecoder().decode(body)))
    }
    return yield* Effect.fail(
      new FlowFailure(400, ErrorCodes.invalidParam, `Unsupported content type ${contentType}: send a form`)
    )
  })

const HTML_ERROR = (status: number) =>
  `<html><head><title>${status} Error</title></head><body><h1>${status} Error</h1><p>nginx</p></body></html>`

/** The answer a fault gives instead of Flow's (`answer` is the real one, when the request was processed). */
const faultResponse = (
  fault: FaultKind,
  request: HttpServerRequest.HttpServerRequest,
  answer: string | undefined
): Effect.Effect<HttpServerResponse.HttpServerResponse> => {
  switch (fault.type) {
    case "status": {
      const body = fault.body === undefined
        ? JSON.stringify({ code: fault.status, message: `Emulated HTTP ${fault.status}` })
        : typeof fault.body === "string"
        ? fault.body
        : JSON.stringify(fault.body)
      return Effect.succeed(
        HttpServerResponse.text(body, {
          status: fault.status,
          contentType: "application/json",
          ...(fault.headers ? { headers: fault.headers } : {})
        })
      )
    }
    case "malformed":
      return Effect.succeed(HttpServerResponse.text("{\"status\": 1, \"message\": oops", { contentType: "application/json" }))
    case "truncated": {
      const full = answer ?? JSON.stringify({ message: "emulator: truncated before processing" })
      return Effect.succeed(
        HttpServerResponse.text(full.slice(0, Math.floor(full.length / 2)), { contentType: "application/json" })
      )
    }
    case "html":
      return Effect.succeed(
        HttpServerResponse.text(HTML_ERROR(fault.status ?? 500), { status: fault.status ?? 500, contentType: "text/html" })
      )
    case "empty":
      return Effect.succeed(HttpServerResponse.text("", { status: fault.status ?? 200, contentType: "application/json" }))
    case "reset":
      return Effect.sync(() => {
        NodeHttpServerRequest.toServerResponse(request).destroy()
        return HttpServerResponse.empty({ status: 500 })
      })
    case "latency":
      return Effect.succeed(HttpServerResponse.empty())
  }
}

const logLine = (log: EmulatorOptions["log"]): ((line: string) => void) | undefined =>
  log === true ? (line) => console.log(line) : typeof log === "function" ? log : undefined

/** `http://host:port` as the client reached the emulator (its Host header): links point back there. */
export const originOf = (request: HttpServerRequest.HttpServerRequest): string =>
  `http://${request.headers["host"] ?? "127.0.0.1"}`

/** A page's answer to a refused action: 404 unknown token, 400 bad form, 409 no longer pending. */
export const pageStatus = (failure: FlowFailure): 400 | 404 | 409 =>
  failure.status === 400 ? 400 : failure.status === 404 ? 404 : 409

/** Starts the emulator in the current scope; it stops when the scope closes. */
export const make = (
  options: EmulatorOptions = {}
): Effect.Effect<FlowEmulatorShape, HttpServerError.ServeError, Scope.Scope> =>
  Effect.gen(function*() {
    const apiKey = options.apiKey ?? DEFAULT_API_KEY
    const secretKey = options.secretKey ?? DEFAULT_SECRET_KEY
    const secret = Redacted.make(secretKey)
    const state = new EmulatorState()
    const faults = new Faults()
    const settings: EmulatorSettings = {
      answerForm: options.answerForm ?? "spec",
      batchPaceMs: options.batchPaceMs ?? 50,
      verifySignatures: options.verifySignatures ?? true
    }
    const requests: Array<RequestLogEntry> = []
    const log = logLine(options.log)
    const fibers = yield* FiberSet.make()
    const client = yield* HttpClient.HttpClient.pipe(Effect.provide(FetchHttpClient.layer))

    /** Flow → merchant: a form POST with the single param `token` (SPEC.md §1.6). */
    const sendCallback = (kind: FollowUp & { _tag: "Callback" }) =>
      Effect.gen(function*() {
        const record = {
          kind: kind.kind,
          url: kind.url,
          token: kind.token,
          at: state.nowLocal(),
          status: undefined as number | undefined,
          error: undefined as string | undefined
        }
        state.callbacks.push(record)
        yield* client.execute(
          HttpClientRequest.post(kind.url).pipe(HttpClientRequest.bodyUrlParams({ token: kind.token }))
        ).pipe(
          Effect.flatMap((response) => Effect.as(response.text, response.status)),
          Effect.timeout("10 seconds"),
          Effect.match({
            onSuccess: (status) => {
              record.status = status
            },
            onFailure: (error) => {
              record.error = error.message
            }
          })
        )
        log?.(`callback ${kind.kind} POST ${kind.url} → ${record.status ?? record.error}`)
      })

    const processBatch = (token: string, origin: string) =>
      Effect.gen(function*() {
        const pace = () => Effect.sleep(`${settings.batchPaceMs} millis`)
        yield* pace()
        startBatch(state, token)
        const rows = state.batches.get(token)?.rows.length ?? 0
        for (let index = 0; index < rows; index++) {
          yield* pace()
          for (const followUp of processBatchRow(state, token, index, origin)) {
            yield* FiberSet.run(fibers, runFollowUp(followUp, origin))
          }
        }
        yield* pace()
        for (const followUp of finishBatch(state, token)) yield* runFollowUp(followUp, origin)
      })

    const runFollowUp = (followUp: FollowUp, origin: string): Effect.Effect<void> =>
      followUp._tag === "Callback" ? sendCallback(followUp) : processBatch(followUp.token, origin)


    // ------------------------------------------------------------------------------- Flow's API

    const api = Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      const { name = "" } = yield* HttpRouter.params
      const started = performance.now()
      const origin = originOf(request)
      const url = new URL(request.url, origin)
      const entry: RequestLogEntry = {
        seq: requests.length + 1,
        at: new Date(state.now()).toISOString(),
        method: request.method,
        path: url.pathname,
        endpoint: `customer/${name}`,
        contentType: request.headers["content-type"],
        params: {},
        status: 0,
        code: undefined,
        fault: undefined,
        durationMs: 0
      }
      if (requests.length >= MAX_LOG) requests.shift()
      requests.push(entry)

      const respond = (response: HttpServerResponse.HttpServerResponse, code?: number) =>
        Effect.sync(() => {
          // a reset connection has no status: the client saw no answer at all
          entry.status = entry.fault === "reset" ? 0 : response.status
          entry.code = code
          entry.durationMs = Math.round((performance.now() - started) * 10) / 10
          log?.(
            `${entry.method} ${entry.path} ${entry.status === 0 ? "reset" : entry.status}${code === undefined ? "" : ` code=${code}`}${
              entry.fault ? ` fault=${entry.fault}` : ""
            } ${entry.durationMs}ms`
          )
          return response
        })

      const params = yield* readParams(request, url).pipe(Effect.either)
      if (params._tag === "Left") return yield* respond(failureResponse(params.left), params.left.code)
      ;(entry as { params: Record<string, string> }).params = params.right

      const endpoint = Object.hasOwn(endpoints, name) ? endpoints[name] : undefined
      if (endpoint === undefined) {
        return yield* respond(
          failureResponse(new FlowFailure(404, ErrorCodes.notFound, `No endpoint customer/${name}`)),
          ErrorCodes.notFound
        )
      }
      if (endpoint.method !== request.method) {
        const failure = new FlowFailure(405, ErrorCodes.wrongMethod, `customer/${name} takes ${endpoint.method}`)
        return yield* respond(failureResponse(failure), failure.code)
      }

      const rule: FaultRule | undefined = faults.match(entry.endpoint)
      if (rule !== undefined) entry.fault = rule.fault.type
      if (rule?.phase === "before") {
        if (rule.fault.type === "latency") yield* Effect.sleep(`${rule.fault.ms} millis`)
        else return yield* respond(yield* faultResponse(rule.fault, request, undefined))
      }

      const received = params.right
      const signed = received["apiKey"] === apiKey && (!settings.verifySignatures || verify(received, secret))
      let answer: { status: number; body: unknown; code?: number }
      if (!signed) {
        answer = { status: 401, body: { code: ErrorCodes.invalidSignature, message: "Invalid Signature" }, code: 108 }
      } else {
        try {
          const result = endpoint.handle(new Params(received), { state, form: settings.answerForm, origin })
          for (const followUp of result.followUps ?? []) yield* FiberSet.run(fibers, runFollowUp(followUp, origin))
          answer = { status: 200, body: result.body }
        } catch (error) {
          if (!(error instanceof FlowFailure)) throw error
          answer = { status: error.status, body: { code: error.code, message: error.message }, code: error.code }
        }
      }
      const text = JSON.stringify(answer.body)
      if (rule?.phase === "after") {
        if (rule.fault.type === "latency") yield* Effect.sleep(`${rule.fault.ms} millis`)
        else return yield* respond(yield* faultResponse(rule.fault, request, text), answer.code)
      }
      return yield* respond(
        HttpServerResponse.text(text, { status: answer.status, contentType: "application/json" }),
        answer.code
      )
    })

    // ------------------------------------------------------------------------------- Flow's pages

    const formOf = (request: HttpServerRequest.HttpServerRequest) =>
      Effect.map(request.text, (text) => Object.fromEntries(new URLSearchParams(text)))
    const page = (status: number, html: string) => HttpServerResponse.text(html, { status, contentType: "text/html" })
    const pageFailure = (error: unknown) =>
      error instanceof FlowFailure ? page(pageStatus(error), `<p>${error.message}</p>`) : undefined

    const registrationGet = Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      const token = new URL(request.url, originOf(request)).searchParams.get("token") ?? ""
      const { html, status } = registrationPage(state, token)
      return page(status, html)
    })

    const registrationPost = Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      const form = yield* formOf(request)
      const token = form["token"] ?? ""
      const approve = form["action"] !== "decline"
      let followUps: ReadonlyArray<FollowUp>
      try {
        followUps = finishRegistration(state, token, { approve, brand: form["brand"], last4: form["last4"] })
      } catch (error) {
        const response = pageFailure(error)
        if (response === undefined) throw error
        return response
      }
      // like Flow, notify url_return before the person's page is done
      for (const followUp of followUps) yield* runFollowUp(followUp, originOf(request))
      return page(200, registrationDonePage(approve, state.registrations.get(token)!.urlReturn))
    })

    const paymentGet = Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      const token = new URL(request.url, originOf(request)).searchParams.get("token") ?? ""
      const { html, status } = paymentPage(state, token)
      return page(status, html)
    })

    const paymentPost = Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      const form = yield* formOf(request)
      let followUps: ReadonlyArray<FollowUp>
      try {
        followUps = payPendingPayment(state, form["token"] ?? "")
      } catch (error) {
        const response = pageFailure(error)
        if (response === undefined) throw error
        return response
      }
      for (const followUp of followUps) yield* runFollowUp(followUp, originOf(request))
      return page(200, paymentDonePage())
    })

    const emulator: FlowEmulatorShape = {
      url: "",
      origin: "",
      adminUrl: "",
      port: 0,
      apiKey,
      secretKey,
      state,
      faults,
      settings,
      requests,
      reset: () => {
        state.reset()
        faults.clear()
        requests.length = 0
      }
    }

    const router = HttpRouter.empty.pipe(
      // every verb reaches the handler, which answers 405 for the wrong one
      HttpRouter.all("/api/customer/:name", api),
      HttpRouter.get("/app/customer/disclaimer.php", registrationGet),
      HttpRouter.post("/app/customer/disclaimer.php", registrationPost),
      HttpRouter.get("/app/web/pay.php", paymentGet),
      HttpRouter.post("/app/web/pay.php", paymentPost),
      HttpRouter.mount("/_admin", adminRouter(emulator, (followUps, origin) =>
        Effect.forEach(followUps, (f) => runFollowUp(f, origin), { discard: true }))),
      HttpRouter.catchAllCause((cause) =>
        Effect.succeed(json({ code: 500, message: `Emulator error: ${String(cause)}` }, 500))
      )
    )

    const nodeServer = createServer()
    const server: HttpServer.HttpServer = yield* NodeHttpServer.make(() => nodeServer, {
      port: options.port ?? 0,
      host: options.host ?? "127.0.0.1"
    })
    // on close, drop idle keep-alive connections too, so closing does not wait for clients to let go
    yield* Effect.addFinalizer(() => Effect.sync(() => nodeServer.closeAllConnections()))
    yield* server.serve(router)
    const address = server.address
    const port = address._tag === "TcpAddress" ? address.port : 0
    const host = address._tag === "TcpAddress" && address.hostname !== "0.0.0.0" && address.hostname !== "::"
      ? address.hostname
      : "127.0.0.1"
    const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`
    Object.assign(emulator, { url: `${origin}/api`, origin, adminUrl: `${origin}/_admin`, port })
    log?.(`Flow emulator listening on ${origin}/api (admin ${origin}/_admin)`)
    return emulator
  })

/** Same as {@link FlowEmulator.layer}. */
export const layer = (options: EmulatorOptions = {}): Layer.Layer<FlowEmulator, HttpServerError.ServeError> =>
  FlowEmulator.layer(options)
