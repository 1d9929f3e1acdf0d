/**
 * Who may talk to the emulator on a developer's machine (src/RequestPolicy.ts): a foreign `Host`
 * (DNS rebinding) is refused everywhere; the admin API refuses cross-site requests (a foreign or
 * `null` Origin, Sec-Fetch-Site cross-site or same-site) and bodies that are neither JSON nor a form,
 * while Node scripts that POST JSON text without an Origin (every existing caller) keep working.
 * Refusals are Flow's error JSON. (A suite: run from ../emulator.test.ts.)
 */
import { describe, expect, it } from "@effect/vitest"
import { start } from "../../src/index.js"
import { raw, rawSocket } from "../support/raw.js"
import { useEmulator } from "../support/emulator.js"

const flow = useEmulator()

const host = () => `127.0.0.1:${flow.emulator.port}`
const settingsOff = JSON.stringify({ verifySignatures: false })

const expectRefused = (answer: { status: number; body: Record<string, unknown>; text: string }, status: number) => {
  expect(answer.status, answer.text).toBe(status)
  expect(answer.body).toEqual({ code: status, message: expect.any(String) })
}

describe("the Host header (DNS rebinding)", () => {
  it.each(["evil.example", "evil.example:80", "127.0.0.1.nip.io", "localhost.evil.example", "127.0.0.1@evil.example"])(
    "Host %j is refused with 403 on the admin API, the API and the pages; nothing changes",
    async (foreign) => {
      const port = flow.emulator.port
      const hostHeader = foreign.includes(":") ? foreign : `${foreign}:${port}`
      const headers = { host: hostHeader, "content-type": "application/json" }
      expectRefused(await raw(flow.emulator.origin, "POST", "/_admin/settings", headers, settingsOff), 403)
      expectRefused(await raw(flow.emulator.origin, "POST", "/_admin/reset", headers, "{}"), 403)
      expectRefused(await raw(flow.emulator.origin, "GET", "/_admin/state", { host: hostHeader }), 403)
      expectRefused(await raw(flow.emulator.origin, "GET", "/api/customer/list", { host: hostHeader }), 403)
      expectRefused(await raw(flow.emulator.origin, "GET", "/app/web/pay.php?token=x", { host: hostHeader }), 403)
      expect(flow.emulator.settings.verifySignatures).toBe(true)
      expect(flow.emulator.requests).toEqual([])
    }
  )

  it("a request without a Host (HTTP/1.0) is refused", async () => {
    const answer = await rawSocket(flow.emulator.origin, "POST /_admin/reset HTTP/1.0\r\nContent-Length: 0\r\n\r\n")
    expect(answer).toMatch(/^HTTP\/1\.1 403/)
  })

  it.each(["127.0.0.1", "localhost", "LOCALHOST", "[::1]"])("Host %s:<port> is the emulator's own: served", async (name) => {
    const answer = await raw(flow.emulator.origin, "GET", "/_admin/settings", { host: `${name}:${flow.emulator.port}` })
    expect(answer.status, answer.text).toBe(200)
  })

  it("a name given with allowHosts is accepted too (a container reached by its service name); \"*\" accepts any", async () => {
    const named = await start({ allowHosts: ["flow-emulator"] })
    const any = await start({ allowHosts: ["*"] })
    try {
      const ask = (origin: string, name: string) => raw(origin, "GET", "/_admin/settings", { host: name })
      expect((await ask(named.origin, `flow-emulator:${named.port}`)).status).toBe(200)
      expect((await ask(named.origin, `other:${named.port}`)).status).toBe(403)
      expect((await ask(any.origin, "anything.example")).status).toBe(200)
    } finally {
      await named.close()
      await any.close()
    }
  })
})

describe("cross-site requests to the admin API", () => {
  it.each([
    ["a text/plain POST from another site (fetch no-cors)", { origin: "https://evil.example", "content-type": "text/plain" }],
    ["a form POST from another site", { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" }],
    ["a JSON POST from another site", { origin: "https://evil.example", "content-type": "application/json" }],
    ["an opaque origin (Origin: null)", { origin: "null", "content-type": "application/x-www-form-urlencoded" }],
    ["another local port", { origin: "http://127.0.0.1:3000", "content-type": "application/json" }],
    ["Sec-Fetch-Site: cross-site, without Origin", { "sec-fetch-site": "cross-site", "content-type": "application/json" }],
    ["Sec-Fetch-Site: same-site, without Origin", { "sec-fetch-site": "same-site", "content-type": "application/json" }]
  ])("%s is refused with 403, and neither signatures nor data change", async (_label, headers) => {
    const customerId = await flow.seedCustomer()
    const form = headers["content-type"] === "application/x-www-form-urlencoded"
    for (const [path, body] of [["/settings", form ? "verifySignatures=false" : settingsOff], ["/reset", ""]] as const) {
      expectRefused(await raw(flow.emulator.origin, "POST", `/_admin${path}`, { host: host(), ...headers }, body), 403)
    }
    expect(flow.emulator.settings.verifySignatures).toBe(true)
    expect(flow.emulator.state.customers.has(customerId)).toBe(true)
  })

  it("a read from another site is refused too", async () => {
    expectRefused(await raw(flow.emulator.origin, "GET", "/_admin/state", { host: host(), origin: "https://evil.example" }), 403)
  })

  it("a request from the emulator's own origin is served (same-origin)", async () => {
    const answer = await raw(flow.emulator.origin, "POST", "/_admin/settings", {
      host: host(),
      origin: `http://${host()}`,
      "sec-fetch-site": "same-origin",
      "content-type": "application/json"
    }, JSON.stringify({ batchPaceMs: 7 }))
    expect(answer.status, answer.text).toBe(200)
    expect(flow.emulator.settings.batchPaceMs).toBe(7)
  })

  it("Node's fetch with a JSON string body (text/plain, no Origin) keeps working, as every existing caller sends it", async () => {
    const response = await fetch(`${flow.emulator.adminUrl}/settings`, { method: "POST", body: JSON.stringify({ batchPaceMs: 9 }) })
    expect(response.status).toBe(200)
    expect(flow.emulator.settings.batchPaceMs).toBe(9)
  })

  it.each([
    ["text/plain with the emulator's own Origin", "text/plain", true],
    ["application/xml", "application/xml", false],
    ["text/html", "text/html", false]
  ])("a body of %s is refused with 415", async (_label, contentType, withOrigin) => {
    const sent = { "content-type": contentType, ...(withOrigin ? { origin: `http://${host()}` } : {}), host: host() }
    expectRefused(await raw(flow.emulator.origin, "POST", "/_admin/settings", sent, settingsOff), 415)
    expect(flow.emulator.settings.verifySignatures).toBe(true)
  })

  it("Flow's pages and API are not the admin API: a person's browser arrives at a page from the merchant's site", async () => {
    const page = await raw(flow.emulator.origin, "GET", "/app/web/pay.php?token=NOPE", {
      host: host(),
      "sec-fetch-site": "cross-site"
    })
    expect(page.status).toBe(404)
    expect(page.headers["content-type"]).toContain("text/html")
  })
})

describe("bad admin input is 400 with Flow's error JSON, and changes nothing", () => {
  const clockIs = async () => (await flow.admin("GET", "/clock")).body["epochMs"]

  it.each([
    [{ now: 1e300 }, "now"],
    [{ now: -1 }, "now"],
    [{ now: "+275760-09-13T00:00:00Z" }, "1970–9999"],
    [{ now: "10000-01-01T00:00:00Z" }, "now"],
    [{ now: "99999999999999999" }, "1970–9999"],
    [{ advanceMs: 1e300 }, "advanceMs"],
    [{ advanceMs: 1.5 }, "advanceMs"],
    [{ advanceMs: -1e15 }, "advanceMs"],
    [{ advanceMs: -1e14 }, "1970–9999"],
    [{ now: "2026-01-01T00:00:00Z", advanceMs: 253_402_300_799_999 }, "1970–9999"]
  ])("POST /_admin/clock %j", async (body, named) => {
    const before = Number(await clockIs())
    const answer = await flow.admin("POST", "/clock", body)
    expectRefused(answer, 400)
    expect(String(answer.body["message"])).toContain(named)
    expect(Math.abs(Number(await clockIs()) - before)).toBeLessThan(1_000)
    // the API still answers
    expect((await flow.get("list", {})).status).toBe(200)
  })

  it("the clock's range ends are accepted", async () => {
    expect((await flow.admin("POST", "/clock", { now: "9999-12-31T00:00:00Z" })).status).toBe(200)
    expect((await flow.get("list", {})).status).toBe(200)
    expect((await flow.admin("POST", "/clock", { now: 0 })).body["now"]).toMatch(/^1969-12-31 2[01]:00:0\d$/)
  })

  it.each([
    ["a name over 255 characters", { customers: [{ name: "x".repeat(256), email: "a@b.cl" }] }],
    ["a list that is not one", { customers: { name: "A" } }],
    ["a body that is a list", [{ name: "A" }]]
  ])("POST /_admin/seed with %s", async (_label, body) => {
    expectRefused(await flow.admin("POST", "/seed", body), 400)
    expect(flow.emulator.state.customers.size).toBe(0)
  })

  it.each([
    ["GET", "/nope"],
    ["PUT", "/reset"],
    ["GET", "/faults/1/x"]
  ])("%s /_admin%s is 404 JSON naming the route", async (method, path) => {
    const answer = await raw(flow.emulator.origin, method, `/_admin${path}`, { host: host() })
    expectRefused(answer, 404)
    expect(answer.body["message"]).toBe(`No route ${method} /_admin${path}`)
  })
})
