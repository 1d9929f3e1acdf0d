/**
 * The canned-answer stand-in for benchmarks, on bare `node:http`: the fewest instructions per request
 * a Node server can spend, so that the server is never what a client benchmark measures. It checks
 * the apiKey and (unless told not to) the signature, and answers CannedAnswers' fixed answers.
 * The full emulator (EmulatorServer.ts) is built on @effect/platform; this is a tool, not Flow.
 */
import * as Redacted from "effect/Redacted"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { cannedAnswer } from "./CannedAnswers.js"
import { authenticate } from "./Signatures.js"

/**
 * What `startCanned` takes: where to listen, the keys it accepts, whether it checks signatures, and
 * how many items its lists page over.
 */
export interface CannedServerOptions {
  readonly port?: number | undefined
  readonly host?: string | undefined
  readonly apiKey: string
  readonly secretKey: string
  readonly verifySignatures: boolean
  /** Default true: Flow's legacy `k=v&` signature is accepted too, as by the full emulator. */
  readonly legacySignatures?: boolean | undefined
  /** Items the canned lists page over. */
  readonly total: number
}

/**
 * A running canned server: its API `url` (`http://127.0.0.1:<port>/api`), `origin`, `port`, and
 * `close()`.
 */
export interface CannedServer {
  readonly url: string
  readonly origin: string
  readonly port: number
  readonly close: () => Promise<void>
}

const PREFIX = "/api/"

const answer = (res: ServerResponse, status: number, body: unknown) => {
  const text = JSON.stringify(body)
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) })
  res.end(text)
}

/**
 * Starts a stateless stand-in for Flow that answers every operation with a fixed, valid answer
 * (signatures checked as Flow does): a fast target for load tests and benchmarks, where the full
 * emulator's state would be measured too.
 *
 * @example
 * ```ts
 * const canned = await startCanned({ port: 0, apiKey: "K", secretKey: "S", verifySignatures: true, total: 1000 })
 * const flow = new Flow("K", "S", "sandbox", { baseUrl: canned.url })
 * await canned.close()
 * ```
 */
export const startCanned = (options: CannedServerOptions): Promise<CannedServer> => {
  const rules = {
    apiKey: options.apiKey,
    secretKey: Redacted.make(options.secretKey),
    verifySignatures: options.verifySignatures,
    legacySignatures: options.legacySignatures ?? true
  }
  let origin = ""
  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const url = req.url ?? ""
    const query = url.indexOf("?")
    const path = query === -1 ? url : url.slice(0, query)
    if (!path.startsWith(PREFIX)) return answer(res, 404, { code: 404, message: "Not found" })
    const params = Object.fromEntries(new URLSearchParams(req.method === "GET" ? url.slice(query + 1) : body))
    if (!authenticate(params, rules).ok) {
      return answer(res, 401, { code: 108, message: "Invalid Signature" })
    }
    const result = cannedAnswer(path.slice(PREFIX.length), params, options.total, origin)
    return result === undefined ? answer(res, 404, { code: 404, message: "Not found" }) : answer(res, 200, result)
  }
  const server = createServer((req, res) => {
    if (req.method !== "POST") return handle(req, res, "")
    let body = ""
    req.setEncoding("utf8")
    req.on("data", (chunk: string) => (body += chunk))
    req.on("end", () => handle(req, res, body))
  })
  server.keepAliveTimeout = 60_000
  return new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo
      origin = `http://${options.host ?? "127.0.0.1"}:${port}`
      resolve({
        url: `${origin}/api`,
        origin,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done())
            server.closeAllConnections()
          })
      })
    })
  })
}
