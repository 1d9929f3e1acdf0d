/**
 * A stand-in for the merchant's own web server, where Flow's callbacks arrive (url_return,
 * urlConfirmation, urlCallBack). It hands each request to `handle` as a web `Request`, as frameworks
 * such as Hono, Next.js route handlers or Remix do, and answers with the `Response` it returns.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"

/** node:http → web Request (frameworks with web Requests hand you one directly). */
export const toWebRequest = async (req: IncomingMessage): Promise<Request> => {
  const chunks: Array<Buffer> = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return new Request(`http://localhost${req.url ?? "/"}`, {
    method: req.method ?? "POST",
    headers: req.headers as Record<string, string>,
    body: req.method === "GET" || req.method === "HEAD" ? null : Buffer.concat(chunks)
  })
}

const send = async (res: ServerResponse, response: Response) => {
  res.writeHead(response.status, Object.fromEntries(response.headers))
  res.end(Buffer.from(await response.arrayBuffer()))
}

export interface MerchantServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string
  readonly close: () => Promise<void>
}

/** Starts the merchant's server on a free loopback port. */
export const startMerchantServer = async (handle: (request: Request) => Promise<Response>): Promise<MerchantServer> => {
  const server = createServer((req, res) => {
    void toWebRequest(req).then(handle).then(
      (response) => send(res, response),
      (error: unknown) => send(res, new Response(String(error), { status: 500 }))
    )
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections()
      return new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
