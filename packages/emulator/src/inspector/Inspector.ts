/**
 * The inspector: HTML pages under `/_inspector` showing what an integration sent and why Flow would
 * refuse it (the request log, with the diagnosis of each refused signature), what the emulator holds,
 * and the callbacks it made; with forms for the admin API's actions. Server-rendered, so everything
 * but the live refresh of the request list works without JavaScript.
 *
 * It sits behind the admin API's protections (RequestPolicy.ts: a foreign Host or a cross-site
 * request is refused before it runs), its forms post to the admin API itself, and its pages carry a
 * Content-Security-Policy that lets them load nothing from outside the emulator, run no inline
 * script, and be framed by no one. The secret key is never shown.
 */
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import { ANSWER_FORMS } from "../Answers.js"
import { apiRoutes } from "../CustomerEndpoints.js"
import type { FlowEmulatorShape } from "../EmulatorTypes.js"
import type { RequestLog } from "../RequestLog.js"
import { controlsPage } from "./ControlsPage.js"
import type { PageContext } from "./Html.js"
import { LIVE_SCRIPT, STYLE } from "./InspectorAssets.js"
import { filterOf, requestListPage, requestPage, requestRows, select } from "./RequestPages.js"
import { callbacksPage, statePage } from "./StatePages.js"

const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "cache-control": "no-store"
}

const respond = (body: string, contentType: string, status = 200) =>
  HttpServerResponse.text(body, { status, contentType, headers: SECURITY_HEADERS })

const htmlPage = (body: string, status = 200) => respond(body, "text/html; charset=utf-8", status)

const urlOf = (request: HttpServerRequest.HttpServerRequest) => new URL(request.url, "http://emulator.invalid")

const notice = (url: URL, name: string): string | undefined => url.searchParams.get(name)?.slice(0, 500) ?? undefined

const ENDPOINTS = [...apiRoutes.keys()].sort()

export const inspectorRouter = (emulator: FlowEmulatorShape, log: RequestLog) => {
  const { faults, settings, state } = emulator
  const context = (url: URL): PageContext => ({
    now: state.nowLocal(),
    done: notice(url, "done"),
    refused: notice(url, "refused")
  })
  const withUrl = <A>(f: (url: URL) => A) => Effect.map(HttpServerRequest.HttpServerRequest, (request) => f(urlOf(request)))

  return HttpRouter.empty.pipe(
    HttpRouter.get("/", withUrl((url) => htmlPage(requestListPage(context(url), log.entries, filterOf(url), ENDPOINTS)))),
    HttpRouter.get("/rows", withUrl((url) => htmlPage(requestRows(select(log.entries, filterOf(url)).shown).html))),
    HttpRouter.get(
      "/requests/:seq",
      Effect.flatMap(HttpRouter.params, ({ seq = "" }) =>
        withUrl((url) => {
          const entry = /^\d{1,15}$/.test(seq) ? log.find(Number(seq)) : undefined
          const { html, status } = requestPage(context(url), entry, seq.slice(0, 20), emulator.secretKey)
          return htmlPage(html, status)
        }))
    ),
    HttpRouter.get("/state", withUrl((url) => htmlPage(statePage(context(url), state)))),
    HttpRouter.get("/callbacks", withUrl((url) => htmlPage(callbacksPage(context(url), state)))),
    HttpRouter.get(
      "/controls",
      withUrl((url) => htmlPage(controlsPage(context(url), faults.list(), settings, ENDPOINTS, ANSWER_FORMS)))
    ),
    HttpRouter.get("/inspector.css", Effect.succeed(respond(STYLE, "text/css; charset=utf-8"))),
    HttpRouter.get("/live.js", Effect.succeed(respond(LIVE_SCRIPT, "text/javascript; charset=utf-8")))
  )
}
