/**
 * The admin API for HTML forms (the inspector's, which work without JavaScript): a POST whose URL
 * carries `back=/_inspector/…` is answered, once the route has run, with 303 See Other to that page,
 * saying what happened (`done=…`) or why it was refused (`refused=…`). The route, its input checks and
 * the protections in front of it (RequestPolicy.ts: no cross-site request, no foreign Host) are the
 * admin API's own; only the answer's form changes. `back` must be a path of the inspector, so the
 * redirect cannot lead anywhere else.
 */
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"

/** Where the inspector's pages live. */
export const INSPECTOR_PATH = "/_inspector"

/** `back` when it is a path of the inspector (no scheme, host or `//`), else undefined. */
export const backTarget = (back: string | null): string | undefined =>
  back !== null && back.length <= 2_000 && /^\/_inspector(?:[/?#][^\\\s]*)?$/.test(back) && !back.includes("//")
    ? back
    : undefined

const short = (text: string) => (text.length > 12 ? `${text.slice(0, 8)}…` : text)

/** What a successful admin POST did, in a few words, from its path and answer. */
const describe = (path: string, answer: Record<string, unknown>): string => {
  const text = (name: string) => String(answer[name] ?? "")
  if (/\/registrations\/[^/]+$/.test(path)) return `Registration ${short(text("token"))}: ${text("status")}`
  if (/\/payments\/[^/]+\/pay$/.test(path)) return `Payment ${short(text("token"))} paid`
  if (/\/customers\/[^/]+\/card$/.test(path)) return `Card registered for ${text("customerId")}`
  if (path.endsWith("/faults")) return `Fault rule ${text("id")} added`
  if (/\/faults\/[^/]+\/delete$/.test(path)) return `Fault rule ${text("removed")} removed`
  if (path.endsWith("/faults/clear")) return "Fault rules cleared"
  if (path.endsWith("/clock")) return `Clock set: ${text("now")}`
  if (path.endsWith("/settings")) return "Settings saved"
  if (path.endsWith("/reset")) return "Emulator reset: data, faults and request log cleared"
  if (path.endsWith("/requests/clear")) return "Request log cleared"
  return "Done"
}

const answerOf = (response: HttpServerResponse.HttpServerResponse): Record<string, unknown> => {
  if (response.body._tag !== "Uint8Array") return {}
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(response.body.body))
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : {}
  } catch {
    return {}
  }
}

/** `back` with `name=message` added to its query (before any fragment). */
export const withNotice = (back: string, name: "done" | "refused", message: string): string => {
  const [beforeHash, hash] = back.split("#", 2) as [string, string | undefined]
  const [path, query = ""] = beforeHash.split("?", 2) as [string, string | undefined]
  const params = new URLSearchParams(query)
  params.delete("done")
  params.delete("refused")
  params.set(name, message.slice(0, 500))
  return `${path}?${params}${hash === undefined ? "" : `#${hash}`}`
}

/** Turns an admin POST's answer into a redirect to `back`, when the request asks for one. */
export const redirectBack = <E, R>(app: Effect.Effect<HttpServerResponse.HttpServerResponse, E, R>) =>
  Effect.flatMap(app, (response) =>
    Effect.map(HttpServerRequest.HttpServerRequest, (request) => {
      if (request.method !== "POST") return response
      const url = new URL(request.url, "http://emulator.invalid")
      const back = backTarget(url.searchParams.get("back"))
      if (back === undefined) return response
      const answer = answerOf(response)
      const location = response.status < 400
        ? withNotice(back, "done", describe(url.pathname, answer))
        : withNotice(back, "refused", `Refused (${response.status}): ${String(answer["message"] ?? "")}`)
      return HttpServerResponse.empty({ status: 303, headers: { location } })
    }))
