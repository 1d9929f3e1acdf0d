/**
 * The emulator's HTTP server on bare `node:http`: it screens each request's head (RequestPolicy.ts),
 * reads the body up to `maxBodyBytes` (chunks kept in a list and joined once: linear time; larger is
 * 413 without keeping anything), hands a web `Request` to the handler (@effect/platform's
 * `HttpApp.toWebHandler`) and writes the web `Response` back. A client that goes away aborts the
 * request's signal, which interrupts the handler. Anything wrong is answered with Flow's error JSON,
 * `{ code, message }`, never a stack trace.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo, Socket } from "node:net"
import type { Refusal } from "./RequestPolicy.js"

export interface NodeServerOptions {
  readonly port: number
  readonly host: string
  readonly maxBodyBytes: number
  /** Checks a request's head; a refusal is answered before the body is read. */
  readonly screen: (request: IncomingMessage) => Refusal | undefined
  readonly handler: (request: Request) => Promise<Response>
  /** Told of a request the handler failed on (the client gets a 500 without details). */
  readonly onError: (error: unknown) => void
}

export interface NodeServer {
  /** The address bound, as `os` writes it (`127.0.0.1`, `::`). */
  readonly address: string
  readonly port: number
  readonly close: () => Promise<void>
}

/** How long a refused body may keep arriving (and be discarded) before its connection is cut. */
const DRAIN_MILLIS = 5_000

const errorBody = (code: number, message: string) => JSON.stringify({ code, message })

const sendError = (res: ServerResponse, status: number, message: string, close = false): void => {
  if (res.headersSent || res.destroyed) return
  const body = errorBody(status, message)
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    ...(close ? { connection: "close" } : {})
  })
  res.end(body)
}

/**
 * Answers a refusal and discards the rest of the body without keeping it; the connection closes once
 * the body has ended, or after DRAIN_MILLIS.
 */
const refuse = (req: IncomingMessage, res: ServerResponse, status: number, message: string): void => {
  sendError(res, status, message, true)
  if (req.complete) return
  const timer = setTimeout(() => req.socket.destroy(), DRAIN_MILLIS)
  timer.unref()
  req.on("close", () => clearTimeout(timer))
  req.resume()
}

type Body = Buffer | "too-large" | "aborted"

const readBody = (req: IncomingMessage, limit: number): Promise<Body> =>
  new Promise((resolve) => {
    const chunks: Array<Buffer> = []
    let size = 0
    let settled = false
    const settle = (body: Body) => {
      if (settled) return
      settled = true
      resolve(body)
    }
    req.on("data", (chunk: Buffer) => {
      if (settled) return
      size += chunk.length
      if (size > limit) {
        chunks.length = 0
        settle("too-large")
      } else {
        chunks.push(chunk)
      }
    })
    req.on("end", () => settle(Buffer.concat(chunks, size)))
    req.on("error", () => settle("aborted"))
    req.on("close", () => settle("aborted"))
  })

/** The connection of each request the handler sees, for faults that cut it (`destroyConnection`). */
const connections = new WeakMap<Request, Socket>()

/** Destroys the connection `request` (a web Request of this server) came on; false if unknown. */
export const destroyConnection = (request: unknown): boolean => {
  const socket = request instanceof Request ? connections.get(request) : undefined
  socket?.destroy()
  return socket !== undefined
}

const toWebRequest = (req: IncomingMessage, body: Buffer | undefined, signal: AbortSignal): Request => {
  const headers = new Headers()
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!)
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`)
  return new Request(url, {
    method: req.method ?? "GET",
    headers,
    signal,
    ...(body === undefined ? {} : { body: new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.length) })
  })
}

const writeResponse = async (res: ServerResponse, response: Response): Promise<void> => {
  const body = Buffer.from(await response.arrayBuffer())
  if (res.headersSent || res.destroyed) return
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    headers[name] = value
  })
  headers["content-length"] = String(body.length)
  res.writeHead(response.status, headers)
  res.end(body)
}

export const listen = (options: NodeServerOptions): Promise<NodeServer> => {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const refusal = options.screen(req)
    // the body of a refused request is never kept
    if (refusal !== undefined) return refuse(req, res, refusal.status, refusal.message)
    const tooLarge = `Request body larger than ${options.maxBodyBytes} bytes`
    if (Number(req.headers["content-length"] ?? 0) > options.maxBodyBytes) return refuse(req, res, 413, tooLarge)
    const body = await readBody(req, options.maxBodyBytes)
    if (body === "aborted") return
    if (body === "too-large") return refuse(req, res, 413, tooLarge)

    const controller = new AbortController()
    res.on("close", () => {
      if (!res.writableFinished) controller.abort()
    })
    let request: Request
    try {
      const hasBody = req.method !== "GET" && req.method !== "HEAD"
      request = toWebRequest(req, hasBody ? body : undefined, controller.signal)
    } catch {
      return sendError(res, 400, `Cannot serve ${req.method} ${req.url}`)
    }
    connections.set(request, req.socket)
    try {
      await writeResponse(res, await options.handler(request))
    } catch (error) {
      options.onError(error)
      sendError(res, 500, "Emulator error: the request could not be served")
    }
  }

  const server = createServer((req, res) =>
    void handle(req, res).catch((error: unknown) => {
      options.onError(error)
      sendError(res, 500, "Emulator error: the request could not be served")
    })
  )
  // Keep idle connections well past any client's reuse window (undici's default is 4 s after a
  // server's hint, 30 s for core's Agent): with Node's 5 s, a client reusing a connection the server
  // is closing at that moment gets ECONNRESET on a write, a lost answer that Flow's servers do not cause.
  server.keepAliveTimeout = 65_000
  server.headersTimeout = 66_000
  // a request Node cannot parse: Flow's error JSON too, never Node's bare 400
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || error.code === "ECONNRESET") return socket.destroy()
    const [status, reason, message] = error.code === "HPE_HEADER_OVERFLOW"
      ? [431, "Request Header Fields Too Large", "Request headers too large"]
      : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
      ? [408, "Request Timeout", "The request took too long to arrive"]
      : [400, "Bad Request", "Malformed HTTP request"]
    const body = errorBody(status, message)
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\n` +
        `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`
    )
  })

  return new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port, options.host, () => {
      server.off("error", reject)
      const { address, port } = server.address() as AddressInfo
      resolve({
        address,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done())
            // idle keep-alive connections and requests still held (latency faults) end now
            server.closeAllConnections()
          })
      })
    })
  })
}
