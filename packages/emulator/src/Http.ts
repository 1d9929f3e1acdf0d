/** HTTP helpers shared by the API, Flow's pages and the admin API. */
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import { ErrorCodes, FlowFailure } from "./Failures.js"

/** A JSON answer. */
export const json = (body: unknown, status = 200) =>
  HttpServerResponse.text(JSON.stringify(body), { status, contentType: "application/json" })

/** Flow's error answer, `{ code, message }`. */
export const failureResponse = (failure: FlowFailure) =>
  json({ code: failure.code, message: failure.message }, failure.status)

/** `http://host:port` as the client reached the emulator (its Host header): links point back there. */
export const originOf = (request: HttpServerRequest.HttpServerRequest): string =>
  `http://${request.headers["host"] ?? "127.0.0.1"}`

/** A page's answer to a refused action: 404 unknown token, 400 bad form, 409 no longer possible. */
export const pageStatus = (failure: FlowFailure): 400 | 404 | 409 =>
  failure.status === 400 ? 400 : failure.status === 404 ? 404 : 409

/**
 * The params of an API request: the query of a GET, the body of anything else, urlencoded or
 * multipart (what Flow's PHP kit and Postman collection send). A JSON body is refused with 400.
 */
export const readParams = (request: HttpServerRequest.HttpServerRequest, url: URL) =>
  Effect.gen(function*() {
    if (request.method === "GET") return Object.fromEntries(url.searchParams)
    const contentType = request.headers["content-type"] ?? ""
    const media = contentType.toLowerCase()
    const body = yield* Effect.mapError(
      request.arrayBuffer,
      () => new FlowFailure(400, ErrorCodes.invalidParam, "Could not read the request body")
    )
    if (media.startsWith("multipart/form-data")) {
      const form = yield* Effect.tryPromise({
        try: () => new Response(body, { headers: { "content-type": contentType } }).formData(),
        catch: () => new FlowFailure(400, ErrorCodes.invalidParam, "Malformed multipart/form-data body")
      })
      const params: Record<string, string> = {}
      for (const [name, value] of form.entries()) {
        if (typeof value === "string") params[name] = value
      }
      return params
    }
    if (media === "" || media.startsWith("application/x-www-form-urlencoded")) {
      return Object.fromEntries(new URLSearchParams(new TextDecoder().decode(body)))
    }
    return yield* Effect.fail(
      new FlowFailure(400, ErrorCodes.invalidParam, `Unsupported content type ${contentType}: send a form`)
    )
  })

/** A form POSTed to one of Flow's pages, as a person's browser sends it. */
export const formOf = (request: HttpServerRequest.HttpServerRequest) =>
  Effect.map(request.text, (text) => Object.fromEntries(new URLSearchParams(text)))
