/**
 * The merchant's side of Flow's callbacks (docs/flow-api.md "Callbacks"): a tiny HTTP server that records every POST
 * (Flow sends a form with the single param `token`) and answers 200.
 */
import { afterAll, beforeAll, beforeEach } from "@effect/vitest"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { waitUntil } from "./emulator.js"

export interface CallbackPost {
  readonly method: string
  readonly path: string
  readonly contentType: string | undefined
  readonly body: string
  readonly token: string | null
}

export class Receiver {
  /** Every POST received, with its full path. */
  readonly posts: Array<CallbackPost> = []
  private server: Server | undefined
  private base = ""
  /**
   * Each test gets its own path prefix, so a callback still in flight from an earlier test (the
   * emulator sends some asynchronously) can never be mistaken for one of this test's.
   */
  private test = 0

  /** `http://127.0.0.1:<port>/t<n>` for the current test; append any path. */
  get url(): string {
    return `${this.base}/t${this.test}`
  }

  /** Called before each test. */
  nextTest(): void {
    this.test++
    this.posts.length = 0
  }

  async start(): Promise<void> {
    const server = createServer((request, response) => {
      const chunks: Array<Buffer> = []
      request.on("data", (chunk: Buffer) => chunks.push(chunk))
      request.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8")
        this.posts.push({
          method: request.method ?? "",
          path: request.url ?? "",
          contentType: request.headers["content-type"],
          body,
          token: new URLSearchParams(body).get("token")
        })
        response.writeHead(200, { "content-type": "text/plain" }).end("ok")
      })
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    this.server = server
    this.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }

  async close(): Promise<void> {
    const server = this.server
    if (server === undefined) return
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  /** This test's posts to `path` (relative to {@link url}), with `path` shown relative too. */
  at(path: string): ReadonlyArray<CallbackPost> {
    const full = `/t${this.test}${path}`
    return this.posts.filter((p) => p.path === full).map((p) => ({ ...p, path }))
  }

  /** {@link at}, once at least `count` posts have arrived (bounded wait). */
  async waitFor(path: string, count = 1, timeoutMs = 2_000): Promise<ReadonlyArray<CallbackPost>> {
    return waitUntil(() => {
      const hits = this.at(path)
      return hits.length >= count ? hits : undefined
    }, timeoutMs)
  }
}

/** One receiver for the file, emptied before each test. */
export const useReceiver = (): Receiver => {
  const receiver = new Receiver()
  beforeAll(() => receiver.start())
  afterAll(() => receiver.close())
  beforeEach(() => receiver.nextTest())
  return receiver
}
