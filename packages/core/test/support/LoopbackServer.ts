/**
 * A node:http server on 127.0.0.1 that answers what a test tells it to, and keeps what it saw: every
 * request (method, path, decoded params) and, for each response, whether the client dropped the
 * connection before the answer was complete. Shared by core's and the Promise package's tests.
 *
 * The scripted answer applies to `/api/customer/…`, the operations under test. Any other path (a
 * write's reconciliation asking `payment/getStatusByCommerceId` for its order) gets Flow's error for
 * an order it does not hold, so that the operation's own failure is what the caller sees.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"

export interface SeenRequest {
  readonly method: string
  /** e.g. `/api/customer/charge` */
  readonly path: string
  /** Query params (GET) or form params (POST). */
  readonly params: Record<string, string>
  /** Whether the client dropped the connection before the answer was complete. */
  readonly dropped: boolean
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string
  /** `http://127.0.0.1:<port>/api` */
  readonly baseUrl: string
  readonly requests: Array<SeenRequest>
  /** The requests to `/api/customer/…`. */
  readonly customerRequests: () => ReadonlyArray<SeenRequest>
  /**
   * How many of the requests seen since the last reset had their connection dropped by the client
   * before the answer was complete.
   */
  readonly droppedResponses: () => number
  /** Sets how every next request is answered. */
  handle(handler: Handler): void
  /** Answers every next request with `body` (text) and `status`. */
  answer(body: string, status?: number, headers?: Record<string, string>): void
  /** Forgets the requests and drops seen so far. */
  reset(): void
  close(): Promise<void>
}

const NO_SUCH_ORDER = JSON.stringify({ code: 1605, message: "No existe la orden" })

export const startLoopbackServer = async (): Promise<LoopbackServer> => {
  const requests: Array<SeenRequest> = []
  let handler: Handler = (_req, res) => res.writeHead(500).end()
  const server: Server = createServer((req, res) => {
    let body = ""
    const seen = { method: req.method ?? "", path: "", params: {} as Record<string, string>, dropped: false }
    res.on("close", () => {
      if (!res.writableFinished) seen.dropped = true
    })
    req.setEncoding("utf8")
    req.on("data", (chunk: string) => (body += chunk))
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1")
      seen.path = url.pathname
      seen.params = Object.fromEntries(req.method === "GET" ? url.searchParams : new URLSearchParams(body))
      requests.push(seen)
      if (url.pathname.startsWith("/api/customer/")) handler(req, res, body)
      else res.writeHead(400, { "content-type": "application/json" }).end(NO_SUCH_ORDER)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    origin,
    baseUrl: `${origin}/api`,
    requests,
    customerRequests: () => requests.filter((r) => r.path.startsWith("/api/customer/")),
    droppedResponses: () => requests.filter((r) => r.dropped).length,
    handle: (next) => {
      handler = next
    },
    answer: (body, status = 200, headers = { "content-type": "application/json" }) => {
      handler = (_req, res) => res.writeHead(status, headers).end(body)
    },
    reset: () => {
      requests.length = 0
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}

/**
 * Writes 64 KiB chunks for as long as the client reads, with no content-length: an answer without
 * end. Stops when the client drops the connection.
 */
export const endlessBody = (status: number): Handler => (_req, res) => {
  res.writeHead(status, { "content-type": "application/json" })
  const chunk = Buffer.alloc(64 * 1024, "[")
  let open = true
  res.on("close", () => (open = false))
  const pump = () => {
    while (open && res.write(chunk)) {
      // keep writing while the socket takes it
    }
    if (open) res.once("drain", pump)
  }
  res.write("{\"flowOrder\":")
  pump()
}

/** Announces a body of `length` bytes, sends its first bytes, and then waits (the rest never comes). */
export const announcedBody = (status: number, length: number): Handler => (_req, res) => {
  res.writeHead(status, { "content-type": "application/json", "content-length": String(length) })
  res.write("{\"flowOrder\":1,")
}

/** Resolves once `condition` holds, or rejects after `millis`. */
export const eventually = (condition: () => boolean, millis = 2_000): Promise<void> =>
  new Promise((resolve, reject) => {
    const started = Date.now()
    const check = () =>
      condition()
        ? resolve()
        : Date.now() - started > millis
        ? reject(new Error(`condition not met within ${millis} ms`))
        : setTimeout(check, 5)
    check()
  })

/**
 * The highest `heapUsed + arrayBuffers` seen while `run` runs (sampled every 5 ms), minus what it was
 * before: how much memory the call held at its peak.
 */
export const peakMemoryGrowth = async <A>(run: () => Promise<A>): Promise<{ readonly result: A; readonly growth: number }> => {
  const used = () => {
    const memory = process.memoryUsage()
    return memory.heapUsed + memory.arrayBuffers
  }
  const before = used()
  let peak = before
  const timer = setInterval(() => (peak = Math.max(peak, used())), 5)
  try {
    const result = await run()
    peak = Math.max(peak, used())
    return { result, growth: peak - before }
  } finally {
    clearInterval(timer)
  }
}
