/**
 * Requests as a browser or an attacker would send them: any `Host`, `Origin` or `Sec-Fetch-Site`
 * (which `fetch` will not let a test set), any body, or bytes that are not HTTP at all.
 */
import { request } from "node:http"
import { connect } from "node:net"

export interface RawAnswer {
  readonly status: number
  readonly headers: Record<string, string | Array<string> | undefined>
  readonly text: string
  readonly body: Record<string, unknown>
}

const parse = (text: string): Record<string, unknown> => {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : {}
  } catch {
    return {}
  }
}

/** One request to `origin` + `path` with exactly these headers (Host included, if given) and body. */
export const raw = (
  origin: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer
): Promise<RawAnswer> =>
  new Promise((resolve, reject) => {
    const url = new URL(origin)
    const req = request({
      host: url.hostname.replace(/^\[(.*)\]$/, "$1"),
      port: url.port,
      method,
      path,
      agent: false,
      headers: { ...(body === undefined ? {} : { "content-length": String(Buffer.byteLength(body)) }), ...headers }
    }, (res) => {
      const chunks: Array<Buffer> = []
      res.on("data", (chunk: Buffer) => chunks.push(chunk))
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8")
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body: parse(text) })
      })
      res.on("error", reject)
    })
    req.on("error", reject)
    req.end(body)
  })

/** Writes `bytes` on a fresh connection and resolves with everything the server sent back. */
export const rawSocket = (origin: string, bytes: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const url = new URL(origin)
    const socket = connect(Number(url.port), url.hostname)
    let received = ""
    socket.setEncoding("utf8")
    socket.on("data", (chunk: string) => (received += chunk))
    socket.on("end", () => resolve(received))
    socket.on("close", () => resolve(received))
    socket.on("error", reject)
    socket.write(bytes)
  })

/** The body of an answer read as `http.request` gives it, split from its head. */
export const bodyOf = (response: string): string => response.slice(response.indexOf("\r\n\r\n") + 4)
