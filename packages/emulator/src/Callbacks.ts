/**
 * Where Flow's callbacks may go, and sending one. A callback URL comes from whoever calls the API,
 * so on a developer's machine it must not become a way to reach what the emulator can reach:
 *
 * - by default only loopback addresses (`127.0.0.0/8`, `::1`: the merchant app under test runs
 *   there); `callbackHosts` names more hosts (`"*"`: any). The name is resolved once and the POST
 *   goes to that address, so a name cannot resolve one way for the check and another for the POST;
 * - never the emulator itself: its `/_admin/sink` (a stand-in merchant URL) is answered in-process,
 *   with no request made, and any other of its own URLs (the admin API above all) is refused;
 * - redirects are not followed: a 3xx is recorded as the merchant's answer, its `Location` ignored.
 */
import { lookup } from "node:dns/promises"
import { request as httpRequest } from "node:http"
import { request as httpsRequest } from "node:https"
import { isIP } from "node:net"
import { networkInterfaces } from "node:os"

export interface CallbackPolicy {
  /** Hostnames callbacks may go to besides loopback addresses; `"*"` allows any. */
  readonly callbackHosts: ReadonlyArray<string>
  /** The port the emulator listens on (known once it listens). */
  readonly ownPort: () => number
}

export type CallbackTarget =
  | { readonly _tag: "Send"; readonly url: URL; readonly address: string; readonly family: 4 | 6 }
  | { readonly _tag: "Sink" }
  | { readonly _tag: "Refused"; readonly reason: string }

const refused = (reason: string): CallbackTarget => ({ _tag: "Refused", reason })

const unmapped = (address: string): string => address.replace(/^::ffff:(?=\d+\.)/i, "").toLowerCase()

/** 127.0.0.0/8, ::1, and the unspecified addresses (a connection to them reaches this machine). */
export const isLoopback = (address: string): boolean => {
  const a = unmapped(address)
  return a.startsWith("127.") || a === "::1" || a === "0.0.0.0" || a === "::"
}

const machineAddresses = (): ReadonlySet<string> => {
  const addresses = new Set<string>()
  for (const list of Object.values(networkInterfaces())) {
    for (const entry of list ?? []) addresses.add(unmapped(entry.address.replace(/%.*$/, "")))
  }
  return addresses
}

const isSinkPath = (pathname: string): boolean => pathname === "/_admin/sink" || pathname.startsWith("/_admin/sink/")

/** Decides where a callback to `raw` goes: sent (to the address checked), answered in-process, or refused. */
export const resolveCallbackTarget = async (raw: string, policy: CallbackPolicy): Promise<CallbackTarget> => {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return refused("not a URL")
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return refused(`${url.protocol} is not http(s)`)
  const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1")
  let addresses: ReadonlyArray<{ readonly address: string; readonly family: number }>
  if (isIP(hostname) !== 0) {
    addresses = [{ address: hostname, family: isIP(hostname) }]
  } else {
    try {
      addresses = await lookup(hostname, { all: true })
    } catch {
      return refused(`${hostname} does not resolve`)
    }
  }
  if (addresses.length === 0) return refused(`${hostname} does not resolve`)

  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80))
  const local = machineAddresses()
  if (port === policy.ownPort() && addresses.some((a) => isLoopback(a.address) || local.has(unmapped(a.address)))) {
    return url.protocol === "http:" && isSinkPath(url.pathname)
      ? { _tag: "Sink" }
      : refused("the emulator's own address: only /_admin/sink is answered there")
  }
  const named = policy.callbackHosts.includes("*") ||
    policy.callbackHosts.some((host) => host.toLowerCase() === hostname.toLowerCase())
  if (!named && !addresses.every((a) => isLoopback(a.address))) {
    return refused(`${hostname} is not a loopback address (callbackHosts / --callback-host allows more)`)
  }
  const chosen = addresses[0]!
  return { _tag: "Send", url, address: chosen.address, family: chosen.family === 6 ? 6 : 4 }
}

/** The most of a merchant's answer read before the connection is dropped (only its status matters). */
const MAX_ANSWER_BYTES = 64 * 1024

/** POSTs `form` to the target's address; resolves with the answer's status (a 3xx is not followed). */
export const postForm = (
  target: CallbackTarget & { readonly _tag: "Send" },
  form: Readonly<Record<string, string>>,
  options: { readonly timeoutMs: number; readonly signal?: AbortSignal }
): Promise<number> =>
  new Promise((resolve, reject) => {
    const { url } = target
    const body = new URLSearchParams(form).toString()
    const https = url.protocol === "https:"
    const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1")
    const request = (https ? httpsRequest : httpRequest)({
      host: target.address,
      family: target.family,
      port: Number(url.port || (https ? 443 : 80)),
      path: `${url.pathname}${url.search}`,
      method: "POST",
      agent: false,
      timeout: options.timeoutMs,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      ...(https && isIP(hostname) === 0 ? { servername: hostname } : {}),
      headers: {
        host: url.host,
        "content-type": "application/x-www-form-urlencoded",
        "content-length": Buffer.byteLength(body)
      }
    }, (response) => {
      let read = 0
      response.on("data", (chunk: Buffer) => {
        read += chunk.length
        if (read > MAX_ANSWER_BYTES) response.destroy()
      })
      response.on("error", () => {})
      resolve(response.statusCode ?? 0)
    })
    request.on("timeout", () => request.destroy(new Error(`no answer within ${options.timeoutMs} ms`)))
    request.on("error", reject)
    request.end(body)
  })
