/** The answers an injected fault gives instead of Flow's (the rules themselves are in Faults.ts). */
import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import type { FaultKind } from "./Faults.js"
import { destroyConnection } from "./NodeServer.js"

const HTML_ERROR = (status: number) =>
  `<html><head><title>${status} Error</title></head><body><h1>${status} Error</h1><p>nginx</p></body></html>`

/** The answer a fault gives (`answer` is the real one, when the request was processed). */
export const faultResponse = (
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
        destroyConnection(request.source)
        return HttpServerResponse.empty({ status: 500 })
      })
    case "latency":
      return Effect.succeed(HttpServerResponse.empty())
  }
}
