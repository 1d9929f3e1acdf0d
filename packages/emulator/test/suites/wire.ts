/**
 * The wire: Flow's 16 customer endpoints under /api/customer/<name> and its 3 payment status reads
 * under /api/payment/<name>, with Flow's verbs (docs/flow-api.md "Endpoints", "Payment status");
 * Flow's `{ code, message }` JSON for unknown paths and wrong verbs, the signature checked before the
 * verb, a GET operation sent as POST served (unless `postForGet` is off); POST bodies as urlencoded
 * or multipart forms (docs/flow-api.md "How params travel") but never JSON.
 * (A suite: run from ../emulator.test.ts.)
 */
import { describe, expect, it } from "@effect/vitest"
import { apiRoutes, endpoints } from "../../src/CustomerEndpoints.js"
import { expectError, expectInvalidSignature, str, useEmulator } from "../support/emulator.js"

const flow = useEmulator()

/** The 16 operations and their verbs (note the single "p" in getChargeAttemps). */
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

/** The payment status reads, all GET. */
const PAYMENT_READS = [
  ["payment/getStatus", "GET"],
  ["payment/getStatusByCommerceId", "GET"],
  ["payment/getStatusByFlowOrder", "GET"]
] as const

describe("the 16 endpoints", () => {
  it("the emulator's endpoint table is exactly these 16, with these verbs", () => {
    const table = Object.entries(endpoints).map(([name, endpoint]) => [name, endpoint.method])
    expect(table.sort()).toEqual([...ENDPOINTS].map(([name, verb]) => [name, verb]).sort())
  })

  it("the server routes exactly these 16 under customer/ and the 3 payment status reads", () => {
    const routes = [...apiRoutes].map(([path, endpoint]) => [path, endpoint.method])
    expect(routes.sort()).toEqual(
      [...ENDPOINTS.map(([name, verb]) => [`customer/${name}`, verb]), ...PAYMENT_READS.map(([path, verb]) => [path, verb])].sort()
    )
  })

  it.each(PAYMENT_READS)("%s answers %s (a signed call with no params reaches the endpoint's own checks)", async (path, verb) => {
    expectError(await flow.call(verb, path, {}), 400, 100, /Missing required param/)
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

  const POSTS = ENDPOINTS.filter(([, verb]) => verb === "POST").map(([name]) => name)
  const GETS = ENDPOINTS.filter(([, verb]) => verb === "GET").map(([name]) => name)

  it.each(POSTS)("customer/%s sent as GET is 405 JSON naming POST", async (name) => {
    expectError(await flow.call("GET", name, {}), 405, 405, "POST")
  })

  it.each(GETS)("customer/%s sent as POST, its params in the body, is served like the GET", async (name) => {
    const answer = await flow.call("POST", name, {})
    const viaGet = await flow.call("GET", name, {})
    expect([answer.status, answer.body]).toEqual([viaGet.status, viaGet.body])
  })

  it("a GET operation sent as POST is served with the body's params, and the log says so", async () => {
    const customerId = str((await flow.createCustomer())["customerId"])
    const answer = await flow.post("get", { customerId })
    expect(answer.status, answer.text).toBe(200)
    expect(answer.body["customerId"]).toBe(customerId)
    expect(flow.emulator.requests.at(-1)).toMatchObject({ method: "POST", status: 200, note: expect.stringContaining("POST") })
  })

  it("with postForGet off (POST /_admin/settings), a GET operation sent as POST is 405", async () => {
    await flow.admin("POST", "/settings", { postForGet: false })
    expectError(await flow.post("getRegisterStatus", { token: "A".repeat(40) }), 405, 405, "GET")
    expect((await flow.get("getRegisterStatus", { token: "A".repeat(40) })).status).toBe(401)
  })

  it("the signature is checked before the verb: a badly signed request with the wrong verb is 108, not 405", async () => {
    expectInvalidSignature(await flow.call("GET", "create", { name: "A" }, { sign: false }))
    expectInvalidSignature(await flow.call("PUT", "charge", {}, { secretKey: "not-the-secret" }))
    expectInvalidSignature(await flow.call("POST", "get", { customerId: "cus_x" }, { apiKey: "other" }))
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

  it.each(["/api", "/api/", "/api/customer", "/api/customer/create/extra", "/api/payment/getStatusExtended", "/api/nope?x=1"])(
    "any other path under /api (%s) is Flow's { code, message } JSON with 404, for any verb",
    async (path) => {
      for (const method of ["GET", "POST", "PUT"]) {
        const response = await fetch(`${flow.emulator.origin}${path}`, { method })
        expect(response.status).toBe(404)
        expect(response.headers.get("content-type")).toContain("application/json")
        const body = await response.json() as Record<string, unknown>
        expect(body).toEqual({ code: 404, message: expect.stringContaining(path.replace(/\?.*/, "")) })
      }
    }
  )

  it("a path outside /api, /app and /_admin is 404 JSON too (never an empty body)", async () => {
    const response = await fetch(`${flow.emulator.origin}/customer/create`, { method: "POST" })
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({ code: 404, message: "No route POST /customer/create" })
  })

  it("wrong verbs and unknown names are logged but change nothing", async () => {
    await flow.call("GET", "create", { name: "A", email: "a@b.cl", externalId: "1" })
    await fetch(`${flow.emulator.url}/payment/getStatusExtended`)
    expect(flow.emulator.state.customers.size).toBe(0)
    expect(flow.emulator.requests.map((r) => [r.endpoint, r.status])).toEqual([
      ["customer/create", 405],
      ["payment/getStatusExtended", 404]
    ])
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
