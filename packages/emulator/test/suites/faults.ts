/**
 * Fault injection (POST /_admin/faults): each kind of fault, which requests a rule hits (attempts,
 * times, endpoint "*"), and the two phases: "before" answers without processing, "after" processes
 * (the state changes) and then spoils the answer.
 * (A suite: run from ../emulator.test.ts.)
 */
import { describe, expect, it } from "@effect/vitest"
import type { FaultRequest } from "../../src/index.js"
import { expectError, str, useEmulator } from "../support/emulator.js"

const flow = useEmulator()

const fields = { name: "Ana", email: "ana@example.cl", externalId: "e-1" }
const create = () => flow.post("create", fields)
const customers = () => flow.emulator.state.customers.size

const fault = async (request: FaultRequest) => {
  const answer = await flow.admin("POST", "/faults", request)
  expect(answer.status, answer.text).toBe(201)
  return answer.body
}

describe("kinds", () => {
  it("latency: the real answer arrives at least ms later", async () => {
    await fault({ endpoint: "customer/create", fault: { type: "latency", ms: 150 } })
    const started = performance.now()
    const answer = await create()
    expect(performance.now() - started).toBeGreaterThanOrEqual(145)
    expect(answer.status).toBe(200)
    expect(customers()).toBe(1)
  })

  it.each([500, 502, 503])("status %i with the given body, without processing the request", async (status) => {
    await fault({ endpoint: "create", fault: { type: "status", status, body: { code: status, message: "down" } } })
    const answer = await create()
    expect(answer.status).toBe(status)
    expect(answer.body).toEqual({ code: status, message: "down" })
    expect(customers()).toBe(0)
  })

  it("status without a body answers a JSON default; a text body is sent as is", async () => {
    await fault({ endpoint: "create", fault: { type: "status", status: 500 }, times: 1 })
    expect((await create()).body).toEqual({ code: 500, message: "Emulated HTTP 500" })
    await fault({ endpoint: "create", fault: { type: "status", status: 400, body: "plain words" }, times: 1 })
    expect((await create()).text).toBe("plain words")
  })

  it("429 with a Retry-After header", async () => {
    await fault({ endpoint: "create", fault: { type: "status", status: 429, headers: { "Retry-After": "7" } } })
    const answer = await create()
    expect(answer.status).toBe(429)
    expect(answer.headers.get("retry-after")).toBe("7")
  })

  it("reset: the connection drops (fetch rejects) and the log shows status 0", async () => {
    await fault({ endpoint: "create", fault: { type: "reset" } })
    await expect(create()).rejects.toThrow()
    const [entry] = await flow.adminList("/requests")
    expect(entry).toMatchObject({ endpoint: "customer/create", status: 0, fault: "reset" })
    expect(customers()).toBe(0)
  })

  it("malformed: 200 with a body JSON.parse rejects", async () => {
    await fault({ endpoint: "create", fault: { type: "malformed" } })
    const answer = await create()
    expect(answer.status).toBe(200)
    expect(answer.headers.get("content-type")).toContain("application/json")
    expect(() => JSON.parse(answer.text)).toThrow()
  })

  it("truncated: 200 with the first half of the real answer, and the request WAS processed", async () => {
    await fault({ endpoint: "create", fault: { type: "truncated" } })
    const answer = await create()
    expect(answer.status).toBe(200)
    expect(() => JSON.parse(answer.text)).toThrow()
    expect(customers()).toBe(1)
    const [customerId] = [...flow.emulator.state.customers.keys()]
    await flow.admin("DELETE", "/faults")
    const full = (await flow.get("get", { customerId: str(customerId) })).text
    expect(answer.text).toBe(full.slice(0, Math.floor(full.length / 2)))
  })

  it("html: a text/html error page (500 unless told)", async () => {
    await fault({ endpoint: "create", fault: { type: "html" }, times: 1 })
    const answer = await create()
    expect(answer.status).toBe(500)
    expect(answer.headers.get("content-type")).toContain("text/html")
    expect(answer.text).toMatch(/^<html>.*500 Error/)
    await fault({ endpoint: "create", fault: { type: "html", status: 502 }, times: 1 })
    expect((await create()).status).toBe(502)
  })

  it("empty: an empty body (200 unless told)", async () => {
    await fault({ endpoint: "create", fault: { type: "empty" }, times: 1 })
    const answer = await create()
    expect(answer.status).toBe(200)
    expect(answer.text).toBe("")
    await fault({ endpoint: "create", fault: { type: "empty", status: 504 }, times: 1 })
    expect((await create()).status).toBe(504)
  })
})

describe("which requests a rule hits", () => {
  const statuses = async (n: number) => {
    const out: Array<number> = []
    for (let i = 0; i < n; i++) out.push((await create()).status)
    return out
  }

  it("attempts: [2] hits only the second request", async () => {
    await fault({ endpoint: "create", fault: { type: "status", status: 503 }, attempts: [2] })
    expect(await statuses(4)).toEqual([200, 503, 200, 200])
  })

  it("attempts: [1, 3]", async () => {
    await fault({ endpoint: "create", fault: { type: "status", status: 503 }, attempts: [1, 3] })
    expect(await statuses(4)).toEqual([503, 200, 503, 200])
  })

  it("times: 2 hits the next two", async () => {
    await fault({ endpoint: "create", fault: { type: "status", status: 502 }, times: 2 })
    expect(await statuses(4)).toEqual([502, 502, 200, 200])
    expect(customers()).toBe(2)
  })

  it("neither hits every request", async () => {
    await fault({ endpoint: "create", fault: { type: "status", status: 500 } })
    expect(await statuses(3)).toEqual([500, 500, 500])
  })

  it("counts only its own endpoint's requests", async () => {
    await fault({ endpoint: "customer/create", fault: { type: "status", status: 503 }, attempts: [2] })
    expect((await flow.get("list", {})).status).toBe(200)
    expect((await create()).status).toBe(200)
    expect((await flow.get("list", {})).status).toBe(200)
    expect((await create()).status).toBe(503)
  })

  it("endpoint \"*\" hits every endpoint", async () => {
    await fault({ endpoint: "*", fault: { type: "status", status: 503 } })
    expect((await create()).status).toBe(503)
    expect((await flow.get("list", {})).status).toBe(503)
    expect((await flow.post("charge", {})).status).toBe(503)
  })

  it("accepts the endpoint as `charge`, `customer/charge` or `/api/customer/charge`", async () => {
    for (const endpoint of ["charge", "customer/charge", "/api/customer/charge"]) {
      const rule = await fault({ endpoint, fault: { type: "status", status: 500 } })
      expect(rule["endpoint"]).toBe("customer/charge")
    }
  })

  it("the log records the fault and the status the client saw", async () => {
    await fault({ endpoint: "create", fault: { type: "status", status: 503 }, attempts: [1] })
    await create()
    await create()
    expect((await flow.adminList("/requests")).map((r) => [r["status"], r["fault"] ?? null])).toEqual([
      [503, "status"],
      [200, null]
    ])
  })
})

describe("phases", () => {
  it("before (the default): nothing is processed", async () => {
    await fault({ endpoint: "create", fault: { type: "status", status: 500 } })
    await create()
    expect(customers()).toBe(0)
  })

  it("after: the request is processed, then the answer is the fault", async () => {
    await fault({ endpoint: "create", fault: { type: "status", status: 500 }, phase: "after" })
    expect((await create()).status).toBe(500)
    expect(customers()).toBe(1)
  })

  it("after with reset: the charge happened although the client saw the connection drop", async () => {
    const customerId = await flow.seedCustomer()
    await fault({ endpoint: "charge", fault: { type: "reset" }, phase: "after", times: 1 })
    await expect(flow.charge(customerId, 1000, "o-1")).rejects.toThrow()
    // a resend with the same commerceOrder is refused as paid: the first attempt did go through
    expectError(await flow.charge(customerId, 1000, "o-1"), 401, 1605)
  })

  it("after with latency: processed, answered late", async () => {
    await fault({ endpoint: "create", fault: { type: "latency", ms: 150 }, phase: "after" })
    const started = performance.now()
    expect((await create()).status).toBe(200)
    expect(performance.now() - started).toBeGreaterThanOrEqual(145)
  })

  it("latency and a client that gives up during it: before, the request is never processed; after, it was", async () => {
    const giveUp = (ms: number) =>
      fetch(`${flow.emulator.url}/customer/create`, {
        method: "POST",
        body: new URLSearchParams(flow.signed(fields)),
        signal: AbortSignal.timeout(ms)
      })
    await fault({ endpoint: "create", fault: { type: "latency", ms: 300 }, times: 1 })
    await expect(giveUp(50)).rejects.toThrow()
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(customers()).toBe(0)

    await fault({ endpoint: "create", fault: { type: "latency", ms: 300 }, phase: "after", times: 1 })
    await expect(giveUp(50)).rejects.toThrow()
    expect(customers()).toBe(1)
  })

  it("before with truncated: half of a placeholder, nothing processed", async () => {
    await fault({ endpoint: "create", fault: { type: "truncated" }, phase: "before" })
    const answer = await create()
    expect(() => JSON.parse(answer.text)).toThrow()
    expect(customers()).toBe(0)
  })
})

describe("managing rules", () => {
  it("GET lists the rules with their counters; DELETE /_admin/faults clears them", async () => {
    await fault({ endpoint: "create", fault: { type: "status", status: 503 }, times: 1 })
    await create()
    await create()
    expect(await flow.adminList("/faults")).toMatchObject([
      { endpoint: "customer/create", seen: 2, applied: 1, phase: "before", times: 1 }
    ])
    await fault({ endpoint: "create", fault: { type: "status", status: 503 } })
    expect((await flow.admin("DELETE", "/faults")).status).toBe(200)
    expect(await flow.adminList("/faults")).toEqual([])
    expect((await create()).status).toBe(200)
  })

  it("DELETE /_admin/faults/:id removes one rule", async () => {
    const first = await fault({ endpoint: "create", fault: { type: "status", status: 503 } })
    await fault({ endpoint: "list", fault: { type: "status", status: 502 } })
    expect((await flow.admin("DELETE", `/faults/${String(first["id"])}`)).status).toBe(200)
    expect((await create()).status).toBe(200)
    expect((await flow.get("list", {})).status).toBe(502)
    expect((await flow.admin("DELETE", `/faults/${String(first["id"])}`)).status).toBe(404)
  })

  it.each([
    ["an unknown kind", { endpoint: "create", fault: { type: "explode" } }],
    ["a status out of range", { endpoint: "create", fault: { type: "status", status: 700 } }],
    ["attempts 0", { endpoint: "create", fault: { type: "reset" }, attempts: [0] }],
    ["an unknown field", { endpoint: "create", fault: { type: "reset" }, when: "now" }],
    ["no endpoint", { fault: { type: "reset" } }]
  ])("refuses %s with 400", async (_label, body) => {
    const answer = await flow.admin("POST", "/faults", body)
    expect(answer.status).toBe(400)
    expect(typeof answer.body["message"]).toBe("string")
    expect(await flow.adminList("/faults")).toEqual([])
  })

  it("emulator.reset() clears the rules", async () => {
    await fault({ endpoint: "create", fault: { type: "status", status: 503 } })
    flow.emulator.reset()
    expect((await create()).status).toBe(200)
  })
})
