/**
 * Admin routes take form bodies too (src/AdminInput.ts), for clients that do not write JSON: curl's
 * `-d`, an HTML form, a PHP or shell script. Text fields stay text, numbers, booleans, lists and
 * objects are read from their JSON text, dotted names nest. (A suite: run from ../emulator.test.ts.)
 */
import { describe, expect, it } from "@effect/vitest"
import { arr, obj, str, useEmulator } from "../support/emulator.js"

const flow = useEmulator()

/** `POST /_admin<path>` with an urlencoded form, as `curl -d` sends it. */
const form = async (path: string, fields: Record<string, string> | Array<[string, string]>) => {
  const response = await fetch(`${flow.emulator.adminUrl}${path}`, { method: "POST", body: new URLSearchParams(fields) })
  return { status: response.status, body: obj(await response.json()) }
}

describe("admin routes with form bodies", () => {
  it("settings: booleans and numbers from text, the answer form as text", async () => {
    const answer = await form("/settings", { verifySignatures: "false", batchPaceMs: "0", answerForm: "php" })
    expect(answer.status).toBe(200)
    expect(flow.emulator.settings).toMatchObject({ verifySignatures: false, batchPaceMs: 0, answerForm: "php" })
  })

  it("clock: an ISO date, epoch milliseconds as digits, advanceMs", async () => {
    expect((await form("/clock", { now: "2026-03-10T16:00:00-03:00" })).body["now"]).toMatch(/^2026-03-10 16:00:0\d$/)
    expect((await form("/clock", { now: String(Date.parse("2026-07-01T12:00:00Z")) })).body["now"]).toMatch(/^2026-07-01 08:00:0\d$/)
    expect((await form("/clock", { advanceMs: "3600000" })).body["now"]).toMatch(/^2026-07-01 09:00:0\d$/)
  })

  it("faults: dotted names build the fault, header values stay text", async () => {
    const answer = await form("/faults", {
      endpoint: "charge",
      "fault.type": "status",
      "fault.status": "429",
      "fault.headers.Retry-After": "1",
      times: "1"
    })
    expect(answer.status).toBe(201)
    expect(answer.body).toMatchObject({
      endpoint: "customer/charge",
      fault: { type: "status", status: 429, headers: { "Retry-After": "1" } },
      times: 1
    })
    // or the whole fault as JSON text
    const whole = await form("/faults", { endpoint: "list", fault: "{\"type\":\"reset\"}", phase: "after" })
    expect(whole.body).toMatchObject({ endpoint: "customer/list", fault: { type: "reset" }, phase: "after" })
  })

  it("seed: customers.0.name … or customers as JSON text; last4 keeps its leading zero", async () => {
    const answer = await form("/seed", {
      "customers.0.name": "Ana",
      "customers.0.email": "ana@example.cl",
      "customers.0.card.last4": "0366",
      "customers.1.name": "Beto",
      "customers.1.email": "beto@example.cl",
      "customers.1.status": "0"
    })
    expect(answer.status).toBe(201)
    const [ana, beto] = arr(answer.body["customers"]).map(obj)
    expect(ana).toMatchObject({ name: "Ana", last4CardDigits: "0366", pay_mode: "auto" })
    expect(beto).toMatchObject({ name: "Beto", status: "0" })

    const json = await form("/seed", { customers: JSON.stringify([{ name: "Carla", email: "c@example.cl" }]) })
    expect(arr(json.body["customers"]).map((c) => obj(c)["name"])).toEqual(["Carla"])
  })

  it("registrations and cards: approve=false declines; a card for a customer by form", async () => {
    const customerId = str((await flow.createCustomer())["customerId"])
    const token = str((await flow.post("register", { customerId, url_return: `${flow.emulator.adminUrl}/sink` })).body["token"])
    expect((await form(`/registrations/${token}`, { approve: "false" })).body).toEqual({ token, status: "declined" })
    const carded = await form(`/customers/${customerId}/card`, { brand: "Magna", last4: "0001" })
    expect(carded.body).toMatchObject({ customerId, creditCardType: "Magna", last4CardDigits: "0001" })
  })

  it("multipart bodies are read the same way", async () => {
    const body = new FormData()
    body.append("batchPaceMs", "3")
    body.append("postForGet", "false")
    const response = await fetch(`${flow.emulator.adminUrl}/settings`, { method: "POST", body })
    expect(response.status).toBe(200)
    expect(flow.emulator.settings).toMatchObject({ batchPaceMs: 3, postForGet: false })
  })

  it.each([
    ["a bad boolean", "/settings", { verifySignatures: "maybe" }, "verifySignatures"],
    ["an unknown field", "/settings", { verify: "false" }, "verify"],
    ["a bad field name", "/settings", { "__proto__.polluted": "1" }, "bad field name"],
    ["an index too large", "/seed", { "customers.99999999.name": "A" }, "bad index"],
    ["a date out of range", "/clock", { now: "1e300" }, "now"]
  ])("%s is 400 Flow JSON naming it, and changes nothing", async (_label, path, fields, named) => {
    const before = { ...flow.emulator.settings }
    const answer = await form(path, fields)
    expect(answer.status).toBe(400)
    expect(answer.body["code"]).toBe(400)
    expect(str(answer.body["message"])).toContain(named)
    expect(flow.emulator.settings).toEqual(before)
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined()
  })
})
