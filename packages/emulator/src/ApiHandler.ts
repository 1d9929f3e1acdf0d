/**
 * Flow's API under `/api`: every request is logged, then routed, read, put through the fault rules,
 * authenticated, checked for its verb, and handed to its endpoint. The order of the checks is
 * Flow's as far as any source shows: an unknown path is 404 whoever calls; Flow authenticates
 * (apiKey, signature) before it looks at the verb, so a badly signed request with the wrong verb is
 * 108, not 405. Fault rules act before authentication, like a proxy in front of Flow.
 */
import type * as HttpServerError from "@effect/platform/HttpServerError"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import type * as Redacted from "effect/Redacted"
import { answersIn } from "./Answers.js"
import type { BackgroundWork } from "./BackgroundWork.js"
import { apiRoutes } from "./CustomerEndpoints.js"
import type { Endpoint } from "./endpoints/Endpoint.js"
import type { EmulatorSettings, RequestLogEntry } from "./EmulatorTypes.js"
import type { EmulatorState } from "./EmulatorState.js"
import { ErrorCodes, FlowFailure, invalidSignature } from "./Failures.js"
import { faultResponse } from "./FaultResponses.js"
import type { Faults } from "./Faults.js"
import { failureResponse, originOf, readParams } from "./Http.js"
import { Params } from "./Params.js"
import type { RequestLog } from "./RequestLog.js"
import { refsOf } from "./RequestRefs.js"
import { diagnoseSignature } from "./SignatureDiagnosis.js"
import { authenticate } from "./Signatures.js"

export interface ApiDependencies {
  readonly apiKey: string
  readonly secretKey: Redacted.Redacted<string>
  readonly state: EmulatorState
  readonly faults: Faults
  readonly settings: EmulatorSettings
  readonly requests: RequestLog
  readonly background: BackgroundWork
  readonly log: ((line: string) => void) | undefined
}

/** Whether `endpoint` is served for this verb: its own, or POST for a GET operation when `postForGet` is on. */
const verbServed = (endpoint: Endpoint, method: string, settings: EmulatorSettings): boolean =>
  method === endpoint.method || (endpoint.method === "GET" && method === "POST" && settings.postForGet)

const logLine = (entry: RequestLogEntry): string =>
  `${entry.method} ${entry.path} ${entry.status === 0 ? "reset" : entry.status}${
    entry.code === undefined ? "" : ` code=${entry.code}`
  }${entry.fault ? ` fault=${entry.fault}` : ""}${entry.signature === "legacy" ? " signature=legacy" : ""} ${entry.durationMs}ms`

export const makeApiHandler = (
  deps: ApiDependencies
): Effect.Effect<HttpServerResponse.HttpServerResponse, HttpServerError.RequestError, HttpServerRequest.HttpServerRequest> => {
  const { background, faults, requests, settings, state } = deps

  return Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const started = performance.now()
    const origin = originOf(request)
    const url = new URL(request.url, origin)
    const entry: RequestLogEntry = {
      seq: requests.nextSeq(),
      at: new Date(state.now()).toISOString(),
      method: request.method,
      path: url.pathname,
      endpoint: url.pathname.replace(/^\/api\/?/, ""),
      contentType: request.headers["content-type"],
      params: {},
      paramsTruncated: false,
      status: 0,
      code: undefined,
      fault: undefined,
      signature: undefined,
      note: undefined,
      signatureCheck: undefined,
      refs: [],
      durationMs: 0
    }
    requests.add(entry)

    const respond = (response: HttpServerResponse.HttpServerResponse, code?: number) =>
      Effect.sync(() => {
        // a reset connection has no status: the client saw no answer at all
        entry.status = entry.fault === "reset" ? 0 : response.status
        entry.code = code
        entry.durationMs = Math.round((performance.now() - started) * 10) / 10
        deps.log?.(logLine(entry))
        return response
      })
    const fail = (failure: FlowFailure) => respond(failureResponse(failure), failure.code)

    const endpoint = apiRoutes.get(entry.endpoint)
    if (endpoint === undefined) return yield* fail(new FlowFailure(404, ErrorCodes.notFound, `No endpoint at ${url.pathname}`))

    const params = yield* readParams(request, url).pipe(Effect.either)
    if (params._tag === "Left") return yield* fail(params.left)
    const received = params.right
    requests.setParams(entry, received)

    const rule = faults.match(entry.endpoint)
    if (rule !== undefined) entry.fault = rule.fault.type
    if (rule?.phase === "before") {
      if (rule.fault.type === "latency") yield* Effect.sleep(`${rule.fault.ms} millis`)
      else return yield* respond(yield* faultResponse(rule.fault, request, undefined))
    }

    let failure: FlowFailure | undefined
    let body: unknown
    const rules = { ...settings, apiKey: deps.apiKey, secretKey: deps.secretKey }
    const auth = authenticate(received, rules)
    entry.signature = auth.scheme
    if (!auth.ok) {
      entry.note = auth.note
      // what was expected, and what differs: for the request log and the inspector
      requests.setSignatureCheck(entry, diagnoseSignature(received, rules, auth))
      failure = invalidSignature()
    } else if (!verbServed(endpoint, request.method, settings)) {
      failure = new FlowFailure(405, ErrorCodes.wrongMethod, `${entry.endpoint} takes ${endpoint.method}`)
    } else {
      if (request.method !== endpoint.method) entry.note = "a GET operation sent as POST, served with the body's params"
      try {
        const result = endpoint.handle(new Params(received), { state, answers: answersIn(settings.answerForm), origin })
        for (const followUp of result.followUps ?? []) yield* background.start(followUp, origin)
        body = result.body
      } catch (error) {
        if (!(error instanceof FlowFailure)) throw error
        failure = error
      }
    }
    requests.setRefs(entry, refsOf(received, failure === undefined ? body : undefined))
    const text = JSON.stringify(failure === undefined ? body : { code: failure.code, message: failure.message })
    if (rule?.phase === "after") {
      if (rule.fault.type === "latency") yield* Effect.sleep(`${rule.fault.ms} millis`)
      else return yield* respond(yield* faultResponse(rule.fault, request, text), failure?.code)
    }
    return yield* respond(
      HttpServerResponse.text(text, { status: failure?.status ?? 200, contentType: "application/json" }),
      failure?.code
    )
  })
}
