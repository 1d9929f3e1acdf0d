/**
 * `start(options)`: the URLs it reports, the keys it accepts, the answer form and signature checking
 * it starts with, the per-request log line, and `close()`.
 * (A suite: run from ../emulator.test.ts.)
 */
import { describe, expect, it } from "@effect/vitest"
import { signParams } from "@flowcl/core"
import * as Redacted from "effect/Redacted"
import { DEFAULT_API_KEY, DEFAULT_SECRET_KEY, type EmulatorOptions, startCanned } from "../../src/index.js"
import { expectInvalidSignature, Harness, items, type Json, legacySignature } from "../support/emulator.js"

/** One emulator for the length of `body`. */
const withEmulator = async (options: EmulatorOptions, body: (flow: Harness) => Promise<void>) => {
  const flow = new Harness()
  await flow.start(options)
  try {
    await body(flow)
  } finally {
    await flow.close()
  }
}

const fields = { name: "Ana", email: "ana@example.cl", externalId: "1" }

describe("start()", () => {
  it("reports url, origin, adminUrl and port on 127.0.0.1 with a free port", async () => {
    await withEmulator({}, async (flow) => {
      const { adminUrl, origin, port, url } = flow.emulator
      expect(port).toBeGreaterThan(0)
      expect(origin).toBe(`http://127.0.0.1:${port}`)
      expect(url).toBe(`${origin}/api`)
      expect(adminUrl).toBe(`${origin}/_admin`)
      expect((await fetch(adminUrl)).status).toBe(200)
    })
  })

  it("uses the default keys unless given others", async () => {
    await withEmulator({}, async (flow) => {
      expect([flow.emulator.apiKey, flow.emulator.secretKey]).toEqual([DEFAULT_API_KEY, DEFAULT_SECRET_KEY])
    })
    await withEmulator({ apiKey: "K", secretKey: "S" }, async (flow) => {
      expect((await flow.post("create", fields)).status).toBe(200)
      expectInvalidSignature(await flow.post("create", fields, { apiKey: DEFAULT_API_KEY, secretKey: DEFAULT_SECRET_KEY }))
      expectInvalidSignature(await flow.post("create", fields, { secretKey: DEFAULT_SECRET_KEY }))
    })
  })

  it("answerForm: \"alternative\" answers in that form from the start", async () => {
    await withEmulator({ answerForm: "alternative" }, async (flow) => {
      expect((await flow.get("list", {})).body).toEqual({ total: "0", hasMore: false, data: "[]" })
    })
  })

  it("answerForm: \"php\" answers in that form from the start", async () => {
    await withEmulator({ answerForm: "php" }, async (flow) => {
      expect((await flow.get("list", {})).body).toEqual({ total: "0", hasMore: "0", data: [] })
      expect(flow.emulator.settings.answerForm).toBe("php")
    })
  })

  it("legacySignatures: false refuses Flow's legacy signature from the start", async () => {
    await withEmulator({ legacySignatures: false }, async (flow) => {
      expectInvalidSignature(await flow.post("create", fields, { legacy: true }))
      expect((await flow.post("create", fields)).status).toBe(200)
    })
  })

  it("postForGet: false answers 405 to a GET operation sent as POST from the start", async () => {
    await withEmulator({ postForGet: false }, async (flow) => {
      expect((await flow.post("list", {})).status).toBe(405)
      expect((await flow.get("list", {})).status).toBe(200)
    })
  })

  it("verifySignatures: false checks only the apiKey", async () => {
    await withEmulator({ verifySignatures: false }, async (flow) => {
      expect((await flow.post("create", fields, { sign: false })).status).toBe(200)
      expectInvalidSignature(await flow.post("create", fields, { sign: false, apiKey: "other" }))
    })
  })

  it("log: receives the listening line and one line per request (status, code, fault)", async () => {
    const lines: Array<string> = []
    await withEmulator({ log: (line) => lines.push(line) }, async (flow) => {
      await flow.post("create", fields)
      await flow.get("get", { customerId: "cus_0000000000" })
      await flow.admin("POST", "/faults", { endpoint: "list", fault: { type: "status", status: 503 } })
      await flow.get("list", {})
      expect(lines[0]).toBe(`Flow emulator listening on ${flow.emulator.url} (admin ${flow.emulator.adminUrl})`)
      expect(lines.slice(1)).toEqual([
        expect.stringMatching(/^POST \/api\/customer\/create 200 [\d.]+ms$/),
        expect.stringMatching(/^GET \/api\/customer\/get 401 code=1001 [\d.]+ms$/),
        expect.stringMatching(/^GET \/api\/customer\/list 503 fault=status [\d.]+ms$/)
      ])
    })
  })

  it("close() stops the server", async () => {
    const flow = new Harness()
    await flow.start({})
    const url = flow.emulator.url
    const params = signParams({ apiKey: DEFAULT_API_KEY }, Redacted.make(DEFAULT_SECRET_KEY))
    expect((await fetch(`${url}/customer/list?${new URLSearchParams(params)}`)).status).toBe(200)
    await flow.close()
    await expect(fetch(`${url}/customer/list`)).rejects.toThrow()
  })
})

describe("canned answers (benchmarks)", () => {
  it("answer every endpoint from fixed answers, page over `total` items, and check signatures", async () => {
    const server = await startCanned({ apiKey: "K", secretKey: "S", verifySignatures: true, total: 250 })
    const call = async (method: "GET" | "POST", name: string, params: Record<string, string>, secret = "S") => {
      const signed = new URLSearchParams(signParams({ ...params, apiKey: "K" }, Redacted.make(secret)))
      const response = method === "GET"
        ? await fetch(`${server.url}/customer/${name}?${signed}`)
        : await fetch(`${server.url}/customer/${name}`, { method, body: signed })
      return { status: response.status, body: (await response.json()) as Json }
    }
    try {
      const last = await call("GET", "list", { start: "200", limit: "100" })
      expect(last.status).toBe(200)
      expect(last.body).toMatchObject({ total: 250, hasMore: 0 })
      expect(items(last.body)).toHaveLength(50)
      expect(items(last.body)[0]).toMatchObject({ customerId: expect.stringMatching(/^cus_[a-z0-9]{10}$/) })
      expect((await call("GET", "list", { limit: "100" })).body).toMatchObject({ total: 250, hasMore: 1 })

      const charge = { customerId: "cus_x", amount: "5000", subject: "s", commerceOrder: "bench-1" }
      expect((await call("POST", "charge", charge)).body).toMatchObject({ commerceOrder: "bench-1", status: 2 })
      // a repeated commerceOrder is answered the same: no rules in canned mode
      expect((await call("POST", "charge", charge)).status).toBe(200)
      expect((await call("POST", "batchCollect", { batchRows: JSON.stringify([{}, {}, {}]) })).body).toMatchObject({
        receivedRows: 3,
        acceptedRows: 3
      })
      expect(await call("POST", "create", fields, "other")).toEqual({
        status: 401,
        body: { code: 108, message: "Invalid Signature" }
      })
      // Flow's legacy k=v& signature is accepted, as by the full emulator
      const legacy = { apiKey: "K", customerId: "cus_x" }
      const legacyQuery = new URLSearchParams({ ...legacy, s: legacySignature(legacy, "S") })
      expect((await fetch(`${server.url}/customer/get?${legacyQuery}`)).status).toBe(200)
      expect((await call("GET", "nothing", {})).status).toBe(404)
    } finally {
      await server.close()
    }
  })
})
