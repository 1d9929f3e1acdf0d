/**
 * Who may talk to the emulator, decided from a request's head before its body is read. The emulator
 * runs on a developer's machine, where every web page the developer visits can send requests to it:
 *
 * - Every request: its `Host` must name the emulator (`localhost`, `127.0.0.1`, `[::1]`, the address
 *   it is bound to, or a name allowed with `allowHosts`). A page whose domain an attacker rebinds to
 *   127.0.0.1 (DNS rebinding) sends its own domain as `Host`, and is refused.
 * - The admin API: no cross-site request. An `Origin` other than the emulator's own, or a
 *   `Sec-Fetch-Site` of `cross-site` or `same-site`, is refused; browsers send at least one of them
 *   on every cross-site request. A body must be JSON or a form; `text/plain` (what `fetch` sends for
 *   a string body) only without an `Origin`, i.e. not from a browser page.
 *
 * Refusals are Flow's error JSON, `{ code, message }`, with the HTTP status as the code.
 */
import type { IncomingHttpHeaders } from "node:http"
import { hostname as machineName, networkInterfaces } from "node:os"

export interface Refusal {
  readonly status: 400 | 403 | 413 | 415
  readonly message: string
}

/** The hostnames a `Host` header may name, or "any" (`allowHosts: ["*"]`). */
export type HostNames = ReadonlySet<string> | "any"

const WILDCARD_BINDS = new Set(["", "0.0.0.0", "::", "[::]"])

/** A hostname as `URL` writes it: lowercase, an IPv6 address in brackets. */
export const normalizeHostname = (name: string): string => {
  const lower = name.trim().toLowerCase()
  return lower.includes(":") && !lower.startsWith("[") ? `[${lower}]` : lower
}

/**
 * The names the emulator answers to: the loopback names, the address it is bound to (or, bound to
 * every interface, the machine's name and addresses), and the names allowed with `allowHosts`.
 */
export const hostNamesFor = (bound: string, allowHosts: ReadonlyArray<string> = []): HostNames => {
  if (allowHosts.includes("*")) return "any"
  const names = new Set(["localhost", "127.0.0.1", "[::1]"])
  if (WILDCARD_BINDS.has(bound)) {
    names.add(normalizeHostname(machineName()))
    for (const addresses of Object.values(networkInterfaces())) {
      for (const address of addresses ?? []) names.add(normalizeHostname(address.address.replace(/%.*$/, "")))
    }
  } else {
    names.add(normalizeHostname(bound))
  }
  for (const name of allowHosts) names.add(normalizeHostname(name))
  return names
}

/** The hostname of a `Host` header, or undefined when it is missing or not a host. */
export const hostnameOf = (host: string | undefined): string | undefined => {
  if (host === undefined || host === "" || /[\s/?#@\\]/.test(host)) return undefined
  try {
    return new URL(`http://${host}`).hostname
  } catch {
    return undefined
  }
}

/** A refusal when the request's `Host` does not name the emulator (DNS rebinding). */
export const checkHost = (headers: IncomingHttpHeaders, names: HostNames): Refusal | undefined => {
  if (names === "any") return undefined
  const hostname = hostnameOf(headers.host)
  if (hostname !== undefined && names.has(hostname)) return undefined
  return {
    status: 403,
    message: `Host ${JSON.stringify(headers.host ?? "")} is not this emulator's address ` +
      `(start it with allowHosts / --allow-host to accept that name)`
  }
}

const first = (value: string | ReadonlyArray<string> | undefined): string | undefined =>
  typeof value === "string" ? value : value?.[0]

/** Whether `origin` is the origin the request was sent to (`http://` + its `Host`). */
const isOwnOrigin = (origin: string, host: string | undefined): boolean => {
  try {
    return host !== undefined && new URL(origin).origin === new URL(`http://${host}`).origin
  } catch {
    return false
  }
}

/** How an admin request's body is read. */
export type AdminBody = "json" | "form" | "multipart"

/** The kind of an admin body from its content type, or undefined when that type is not accepted. */
export const adminBodyKind = (contentType: string | undefined, fromBrowser: boolean): AdminBody | undefined => {
  const media = (contentType ?? "").split(";")[0]!.trim().toLowerCase()
  if (media === "" || media === "application/json" || /^application\/[\w.+-]+\+json$/.test(media)) return "json"
  if (media === "application/x-www-form-urlencoded") return "form"
  if (media === "multipart/form-data") return "multipart"
  // what fetch sends for a string body; a page can send it cross-site without a preflight
  if (media === "text/plain" && !fromBrowser) return "json"
  return undefined
}

/**
 * Whether a request target is Flow's (`/api/…`, called by servers; `/app/…`, the pages a person's
 * browser is sent to from the merchant's site). Every other path gets the admin API's checks.
 */
export const isFlowPath = (target: string | undefined): boolean => {
  try {
    return /^\/(api|app)(\/|$)/.test(new URL(target ?? "/", "http://emulator.invalid").pathname)
  } catch {
    return false
  }
}

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"])

/** A refusal when an admin request is cross-site, or carries a body the admin API does not read. */
export const checkAdminRequest = (method: string, headers: IncomingHttpHeaders): Refusal | undefined => {
  const origin = first(headers.origin)
  if (origin !== undefined && !isOwnOrigin(origin, headers.host)) {
    return { status: 403, message: `Cross-site request refused: Origin ${origin} is not this emulator's` }
  }
  const site = first(headers["sec-fetch-site"])
  if (site !== undefined && site !== "same-origin" && site !== "none") {
    return { status: 403, message: `Cross-site request refused (Sec-Fetch-Site: ${site})` }
  }
  if (BODY_METHODS.has(method) && adminBodyKind(headers["content-type"], origin !== undefined) === undefined) {
    return {
      status: 415,
      message: `The admin API reads JSON (application/json) or a form, not ${headers["content-type"]}`
    }
  }
  return undefined
}
