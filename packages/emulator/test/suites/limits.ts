/**
 * What one request can make the emulator do or keep (src/Callbacks.ts, src/NodeServer.ts,
 * src/RequestLog.ts): callbacks go only to loopback by default, never to the emulator's own admin API
 * and never after a redirect; request bodies are capped (413) and read in linear time; the request
 * log is bounded; malformed requests get Flow's error JSON, never a stack trace.
 * (A suite: run from ../emulator.test.ts.)
 */
import { describe, expect, it } from "@effect/vitest"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { resolveCallbackTarget } from "../../src/Callbacks.js"
import { MAX_VALUE_CHARS } from "../../src/RequestLog.js"
import { start } from "../../src/index.js"
import { str, useEmulator } from "../support/emulator.js"
import { bodyOf, raw, rawSocket } from "../support/raw.js"

const CAP = 1_000_000
const flow = useEmulator({ maxBodyBytes: CAP })

/** Registers a card with `url_return`, approves it, and returns the callback the emulator recorded. */
const registrationCallback = async (urlReturn: string) => {
  const customerId = str((await flow.createCustomer())["customerId"])
  const token = str((await flow.post("register", { customerId, url_return: urlReturn })).body["token"])
  expect((await flow.admin("POST", `/registrations/${token}`, {})).status).toBe(200)
  return { customerId, callback: flow.emulator.state.callbacks.find((c) => c.token === token)! }
}

describe("callback targets", () => {
  it.each([
    ["its admin API by 127.0.0.1", (origin: string) => `${origin}/_admin/reset`],
    ["its admin API by localhost", (origin: string) => origin.replace("127.0.0.1", "localhost") + "/_admin/settings"],
    ["its admin API by 0.0.0.0", (origin: string) => origin.replace("127.0.0.1", "0.0.0.0") + "/_admin/reset"],
    ["its API", (origin: string) => `${origin}/api/customer/list`]
  ])("never the emulator itself: %s is refused, and nothing happens", async (_label, target) => {
    const { callback, customerId } = await registrationCallback(target(flow.emulator.origin))
    expect(callback.status).toBeUndefined()
    expect(callback.error).toMatch(/^not sent: the emulator's own address/)
    expect(flow.emulator.state.customers.has(customerId)).toBe(true)
    expect(flow.emulator.requests.filter((r) => r.endpoint === "customer/list")).toEqual([])
  })

  it("its /_admin/sink stand-in is answered in-process, with 200", async () => {
    const { callback } = await registrationCallback(`${flow.emulator.adminUrl}/sink/card`)
    expect(callback).toMatchObject({ status: 200, error: undefined })
  })

  it.each(["http://203.0.113.7/flow/confirm", "http://[2001:db8::1]:8080/x", "http://10.0.0.1/x"])(
    "a non-loopback address (%s) is refused by default, without a connection",
    async (url) => {
      const { callback } = await registrationCallback(url)
      expect(callback.error).toMatch(/^not sent: .* is not a loopback address/)
    }
  )

  it("callbackHosts widens where callbacks go (\"*\": anywhere), still pinned to the address checked", async () => {
    const policy = (callbackHosts: ReadonlyArray<string>) => ({ callbackHosts, ownPort: () => flow.emulator.port })
    expect(await resolveCallbackTarget("http://203.0.113.7/x", policy([]))).toMatchObject({ _tag: "Refused" })
    expect(await resolveCallbackTarget("http://203.0.113.7/x", policy(["203.0.113.7"])))
      .toMatchObject({ _tag: "Send", address: "203.0.113.7" })
    expect(await resolveCallbackTarget("http://203.0.113.7/x", policy(["*"]))).toMatchObject({ _tag: "Send" })
    expect(await resolveCallbackTarget("http://localhost:9/x", policy([]))).toMatchObject({ _tag: "Send", family: expect.any(Number) })
    // the emulator's own admin API stays out of reach whatever the option says
    expect(await resolveCallbackTarget(`${flow.emulator.adminUrl}/reset`, policy(["*"]))).toMatchObject({ _tag: "Refused" })
    expect(await resolveCallbackTarget("ftp://127.0.0.1/x", policy(["*"]))).toMatchObject({ _tag: "Refused" })
  })

  it("a redirect is not followed: the 3xx is recorded, its Location (the admin API) never reached", async () => {
    const hits: Array<string> = []
    const merchant = createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`)
      req.resume()
      req.on("end", () => res.writeHead(307, { location: `${flow.emulator.adminUrl}/reset` }).end())
    })
    await new Promise<void>((resolve) => merchant.listen(0, "127.0.0.1", resolve))
    try {
      const port = (merchant.address() as AddressInfo).port
      const { callback, customerId } = await registrationCallback(`http://127.0.0.1:${port}/flow/card`)
      expect(callback).toMatchObject({ status: 307, error: undefined })
      expect(hits).toEqual(["POST /flow/card"])
      expect(flow.emulator.state.customers.has(customerId)).toBe(true)
    } finally {
      merchant.closeAllConnections()
      await new Promise((resolve) => merchant.close(resolve))
    }
  })
})

describe("request bodies", () => {
  const big = (bytes: number) => `name=${"a".repeat(bytes)}`

  it("a body over the cap is 413 Flow JSON, on the API and the admin API, declared or chunked", async () => {
    const declared = await fetch(`${flow.emulator.url}/customer/create`, { method: "POST", body: big(CAP + 1) })
    expect(declared.status).toBe(413)
    expect(await declared.json()).toEqual({ code: 413, message: `Request body larger than ${CAP} bytes` })

    let sent = 0
    const chunks = new ReadableStream<Uint8Array>({
      pull: (controller) => {
        if (sent++ < 20) controller.enqueue(new TextEncoder().encode("a".repeat(100_000)))
        else controller.close()
      }
    })
    const chunked = await fetch(`${flow.emulator.adminUrl}/seed`, {
      method: "POST",
      body: chunks,
      headers: { "content-type": "application/json" },
      duplex: "half"
    } as RequestInit)
    expect(chunked.status).toBe(413)
    expect((await chunked.json() as Record<string, unknown>)["code"]).toBe(413)
    expect(flow.emulator.requests).toEqual([])
    // the emulator still serves
    expect((await flow.get("list", {})).status).toBe(200)
  })

  it("a body just under the cap is read", async () => {
    const body = new URLSearchParams({ name: "a".repeat(CAP - 10) })
    const answer = await fetch(`${flow.emulator.url}/customer/create`, { method: "POST", body })
    expect(answer.status).toBe(401)
  })

  it("bodies are read in linear time: 4× the bytes take well under 16× the time", async () => {
    const emulator = await start({ maxBodyBytes: 64 * 1024 * 1024 })
    try {
      const send = async (body: Buffer) => {
        const started = performance.now()
        const answer = await raw(emulator.origin, "POST", "/api/customer/create", {
          host: `127.0.0.1:${emulator.port}`,
          "content-type": "application/x-www-form-urlencoded"
        }, body)
        expect(answer.status).toBe(401)
        return performance.now() - started
      }
      const body = (megabytes: number) => Buffer.alloc(megabytes * 1024 * 1024, "a").fill("name=", 0, 5)
      const [small, large] = [body(12), body(48)]
      // interleaved, best of three: another test file running meanwhile slows both alike
      let [tSmall, tLarge] = [Infinity, Infinity]
      for (let round = 0; round < 3; round++) {
        tSmall = Math.min(tSmall, await send(small))
        tLarge = Math.min(tLarge, await send(large))
      }
      // linear: about 4×; the old reader, quadratic, took 16× (46 s for 100 MB)
      expect(tLarge, `12 MB: ${Math.round(tSmall)} ms, 48 MB: ${Math.round(tLarge)} ms`).toBeLessThan(Math.max(8 * tSmall, 6_000))
    } finally {
      await emulator.close()
    }
  }, 60_000)
})

describe("the request log is bounded", () => {
  it("keeps at most requestLogLimit entries, the newest, numbered on", async () => {
    const emulator = await start({ requestLogLimit: 10 })
    try {
      for (let i = 0; i < 25; i++) await fetch(`${emulator.url}/customer/list`)
      expect(emulator.requests.map((r) => r.seq)).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25])
    } finally {
      await emulator.close()
    }
  })

  it("an unsigned request's large params are kept cut short, and marked so", async () => {
    const answer = await fetch(`${flow.emulator.url}/customer/create`, {
      method: "POST",
      body: new URLSearchParams({ name: "x".repeat(900_000), email: "a@b.cl" })
    })
    expect(answer.status).toBe(401)
    const [entry] = flow.emulator.requests
    expect(entry?.paramsTruncated).toBe(true)
    expect(entry?.params["email"]).toBe("a@b.cl")
    expect(entry?.params["name"]?.length).toBeLessThan(MAX_VALUE_CHARS + 100)
    const logged = await flow.adminList("/requests")
    expect(JSON.stringify(logged).length).toBeLessThan(20_000)
  })

  it("keeps at most 100 params of one request", async () => {
    const params = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`p${i}`, "v"]))
    await fetch(`${flow.emulator.url}/customer/list?${new URLSearchParams(params)}`)
    expect(Object.keys(flow.emulator.requests[0]!.params)).toHaveLength(100)
    expect(flow.emulator.requests[0]!.paramsTruncated).toBe(true)
  })
})

describe("malformed requests get Flow's error JSON, never a stack trace", () => {
  const noStack = (text: string) => expect(text).not.toMatch(/\bat .*\(|node:internal|\.ts:\d+/)

  it("a broken multipart body is 400 code 101", async () => {
    for (const path of ["/api/customer/create", "/_admin/settings"]) {
      const answer = await raw(flow.emulator.origin, "POST", path, {
        host: `127.0.0.1:${flow.emulator.port}`,
        "content-type": "multipart/form-data; boundary=xyz"
      }, "this is not multipart")
      expect(answer.status, answer.text).toBe(400)
      expect(answer.headers["content-type"]).toContain("application/json")
      expect(answer.body["message"]).toMatch(/[Mm]alformed multipart/)
      noStack(answer.text)
    }
  })

  it("bytes that are not HTTP are 400 JSON", async () => {
    const answer = await rawSocket(flow.emulator.origin, "NOT HTTP AT ALL\r\n\r\n")
    expect(answer).toMatch(/^HTTP\/1\.1 400/)
    expect(JSON.parse(bodyOf(answer))).toEqual({ code: 400, message: "Malformed HTTP request" })
  })

  it("headers too large are 431 JSON", async () => {
    const answer = await rawSocket(
      flow.emulator.origin,
      `GET /api/customer/list HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${"a".repeat(100_000)}\r\n\r\n`
    )
    expect(answer).toMatch(/^HTTP\/1\.1 431/)
    expect(JSON.parse(bodyOf(answer))["code"]).toBe(431)
  })

  it.each(["/", "/nope", "/app/nope", "/_admin/nope", "/api/customer/nope"])("an unknown path (%s) is 404 JSON", async (path) => {
    const answer = await raw(flow.emulator.origin, "GET", path, { host: `127.0.0.1:${flow.emulator.port}` })
    expect(answer.status, answer.text).toBe(404)
    expect(answer.headers["content-type"]).toContain("application/json")
    expect(answer.body).toEqual({ code: 404, message: expect.any(String) })
  })

  it("a HEAD or OPTIONS to the API is answered without a body or a stack", async () => {
    for (const method of ["HEAD", "OPTIONS"]) {
      const answer = await raw(flow.emulator.origin, method, "/api/customer/list", { host: `127.0.0.1:${flow.emulator.port}` })
      expect(answer.status).toBeLessThan(500)
      noStack(answer.text)
    }
  })
})
