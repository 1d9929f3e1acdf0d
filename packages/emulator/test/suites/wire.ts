/**
 * The wire: Flow's 16 customer endpoints under /api/customer/<name> with Flow's verbs (SPEC.md §3),
 * JSON answers for wrong verbs and unknown names, and POST bodies as urlencoded or multipart forms
 * (SPEC.md §1.4) but never JSON.
 * (A suite: run from ../emulator.test.ts.)
 */
import { describe, expect, it } from "@effect/vitest"
import { endpoints } from "../../src/CustomerEndpoints.js"
import { expectError, str, useEmulator } from "../support/emulator.js"

const flow = useEmulator()

/** SPEC.md §3: the 16 operations and their verbs (note the single "p" in getChargeAttemps). */
const ENDPOINTS = [
  ["create", "POST"],
  ["edit", "POST"],
  ["delete", "POST"],
  ["get", "GET"],
  ["list", "GET"],
  ["register", "POST"],
  ["getRegisterStatus", "GET"],
  ["unRegister", "POST"],
  ["charge", "POST"],
  ["collect", "POST"],
  ["batchCollect", "POST"],
  ["getBatchCollectStatus", "GET"],
  ["reverseCharge", "POST"],
  ["getCharges", "GET"],
  ["getChargeAttemps", "GET"],
  ["getSubscriptions", "GET"]
] as const

describe("the 16 endpoints", () => {
  it("the emulator's endpoint table is exactly these 16, with these verbs", () => {
    const table = Object.entries(endpoints).map(([name, endpoint]) => [name, endpoint.method])
    expect(table.sort()).toEqual([...ENDPOINTS].map(([name, verb]) => [name, verb]).sort())
  })

  it.each(ENDPOINTS)("customer/%s answers %s (a signed call with no params reaches the endpoint's own checks)", async (name, verb) => {
    const answer = await flow.call(verb, name, {})
    if (name === "list") {
      // the only endpoint without a required param
      expect(answer.status).toBe(200)
      expect(answer.body).toEqual({ total: 0, hasMore: 0, data: [] })
    } else {
      expectError(answer, 400, 100, /Missing required param/)
    }
  })

  it.each(ENDPOINTS)("customer/%s with the other verb is 405 JSON naming the right one", async (name, verb) => {
    const other = verb === "GET" ? "POST" : "GET"
    const answer = await flow.call(other, name, {})
    expectError(answer, 405, 405, verb)
  })

  it("customer/<name> with PUT or DELETE is 405 JSON as well", async () => {
    for (const method of ["PUT", "DELETE"] as const) {
      const answer = await flow.call(method, "create", { name: "A", email: "a@b.cl", externalId: "1" })
      expectError(answer, 405, 405, "POST")
    }
  })

  it.each(["getChargeAttempts", "nope", "toString", "constructor", "Create"])(
    "an unknown name (%s) is 404 JSON",
    async (name) => {
      const answer = await flow.get(name, {})
      expectError(answer, 404, 404, `customer/${name}`)
    }
  )

  it("wrong verbs and unknown names are logged but change nothing", async () => {
    await flow.call("GET", "create", { name: "A", email: "a@b.cl", externalId: "1" })
    expect(flow.emulator.state.customers.size).toBe(0)
    expect(flow.emulator.requests.map((r) => r.status)).toEqual([405])
  })
})

describe("POST bodies", () => {
  const fields = { name: "Ana Pérez", email: "ana@example.cl", externalId: "e-1" }

  it("accepts application/x-www-form-urlencoded (what the spec says)", async () => {
    const answer = await flow.post("create", fields)
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject(fields)
    expect(flow.emulator.requests[0]?.contentType).toContain("application/x-www-form-urlencoded")
  })

  it("accepts multipart/form-data (what Flow's PHP client and Postman send)", async () => {
    const answer = await flow.post("create", fields, { encoding: "multipart" })
    expect(answer.status).toBe(200)
    expect(answer.body).toMatchObject(fields)
    expect(flow.emulator.requests[0]?.contentType).toContain("multipart/form-data")
    const got = await flow.get("get", { customerId: str(answer.body["customerId"]) })
    expect(got.body["name"]).toBe("Ana Pérez")
  })

  it("refuses a JSON body with 400 and creates nothing", async () => {
    const answer = await flow.post("create", fields, { encoding: "json" })
    expectError(answer, 400, 101, /application\/json/)
    expect(flow.emulator.state.customers.size).toBe(0)
  })

  it("answers every API response as application/json", async () => {
    const ok = await flow.post("create", fields)
    const bad = await flow.post("create", fields, { sign: false })
    for (const answer of [ok, bad]) expect(answer.headers.get("content-type")).toContain("application/json")
  })
})
