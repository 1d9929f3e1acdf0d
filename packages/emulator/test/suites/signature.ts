/**
 * Signature checks (SPEC.md §1.3): every way a request can be unsigned or signed wrongly is the same
 * 401 `{"code":108,"message":"Invalid Signature"}` and changes nothing; values with UTF-8 and with the
 * characters that form and query encoding use (`+ & = %`, spaces) verify in GET and in POST.
 * (A suite: run from ../emulator.test.ts.)
 */
import { describe, expect, it } from "@effect/vitest"
import { type CallOptions, expectInvalidSignature, items, str, useEmulator } from "../support/emulator.js"

const flow = useEmulator()

const fields = { name: "Ana Pérez", email: "ana@example.cl", externalId: "e-1" }

const badlySigned: ReadonlyArray<readonly [string, CallOptions]> = [
  ["no s", { after: ({ s: _s, ...rest }) => rest }],
  ["a wrong s", { after: (p) => ({ ...p, s: "0".repeat(64) }) }],
  ["an s that is not hex", { after: (p) => ({ ...p, s: "not-a-signature" }) }],
  ["an empty s", { after: (p) => ({ ...p, s: "" }) }],
  ["no apiKey", { apiKey: null }],
  ["a wrong apiKey (signed correctly with it)", { apiKey: "someone-elses-key" }],
  ["s computed with another secret", { secretKey: "another-secret" }],
  ["a param changed after signing", { after: (p) => ({ ...p, name: "Mallory" }) }],
  ["a param added after signing", { after: (p) => ({ ...p, extra: "1" }) }],
  ["a param removed after signing", { after: ({ externalId: _e, ...rest }) => rest }],
  ["the apiKey changed after signing", { after: (p) => ({ ...p, apiKey: "someone-elses-key" }) }],
  ["the legacy k=v& signing", {
    after: (p) => {
      const { s: _s, ...rest } = p
      const legacy = Object.keys(rest).sort().map((k) => `${k}=${rest[k]}`).join("&")
      return { ...rest, s: legacy }
    }
  }]
]

describe("a bad signature is 401 code 108 and changes nothing", () => {
  it.each(badlySigned)("POST with %s", async (_label, options) => {
    expectInvalidSignature(await flow.post("create", fields, options))
    expect(flow.emulator.state.customers.size).toBe(0)
  })

  it.each(badlySigned)("GET with %s", async (_label, options) => {
    const customerId = str((await flow.createCustomer())["customerId"])
    expectInvalidSignature(await flow.get("get", { customerId, name: "x", externalId: "y" }, options))
  })

  it("multipart with a tampered param", async () => {
    const answer = await flow.post("create", fields, { encoding: "multipart", after: (p) => ({ ...p, email: "m@x.cl" }) })
    expectInvalidSignature(answer)
    expect(flow.emulator.state.customers.size).toBe(0)
  })

  it("a deleting call with a bad signature does not delete", async () => {
    const customerId = str((await flow.createCustomer())["customerId"])
    expectInvalidSignature(await flow.post("delete", { customerId }, { secretKey: "nope" }))
    expect((await flow.get("get", { customerId })).body["status"]).toBe("1")
  })

  it("the signature is checked before the params (a bad signature never reveals a missing param)", async () => {
    expectInvalidSignature(await flow.post("charge", {}, { sign: false }))
  })

  it("the request log records code 108", async () => {
    await flow.post("create", fields, { secretKey: "nope" })
    expect(flow.emulator.requests.map((r) => [r.status, r.code])).toEqual([[401, 108]])
  })
})

describe("awkward values verify", () => {
  const awkward = "José Pérez Ñuñoa & Cía = 100% + más %20 a+b"

  it("UTF-8 and + & = % and spaces in a urlencoded POST", async () => {
    const answer = await flow.post("create", { name: awkward, email: "jose@example.cl", externalId: "a=b&c=d+e f%" })
    expect(answer.status, answer.text).toBe(200)
    expect(answer.body["name"]).toBe(awkward)
    expect(answer.body["externalId"]).toBe("a=b&c=d+e f%")
  })

  it("the same in a multipart POST", async () => {
    const answer = await flow.post("create", { name: awkward, email: "jose@example.cl", externalId: "x%y+z" }, {
      encoding: "multipart"
    })
    expect(answer.status, answer.text).toBe(200)
    expect(answer.body["name"]).toBe(awkward)
  })

  it("the same in a GET query (the server decodes the value it signs against)", async () => {
    await flow.post("create", { name: awkward, email: "jose@example.cl", externalId: "1" })
    await flow.post("create", { name: "Otro", email: "otro@example.cl", externalId: "2" })
    const answer = await flow.get("list", { filter: "ñuñoa & cía = 100% + más %20" })
    expect(answer.status, answer.text).toBe(200)
    expect(items(answer.body).map((c) => c["name"])).toEqual([awkward])
  })

  it("JSON text in a param (optionals) verifies as the exact text sent", async () => {
    const customerId = await flow.seedCustomer()
    const optionals = "{\n  \"rut\": \"9999999-9\", \"nota\": \"a&b=c+d 100%\"\n}"
    const answer = await flow.charge(customerId, 1000, "json-1", { optionals })
    expect(answer.status, answer.text).toBe(200)
    expect(answer.body["optional"]).toEqual({ rut: "9999999-9", nota: "a&b=c+d 100%" })
  })
})

describe("verifySignatures off (POST /_admin/settings)", () => {
  it("checks only the apiKey", async () => {
    const settings = await flow.admin("POST", "/settings", { verifySignatures: false })
    expect(settings.body["verifySignatures"]).toBe(false)

    expect((await flow.post("create", fields, { sign: false })).status).toBe(200)
    expect((await flow.post("create", fields, { after: (p) => ({ ...p, s: "legacy-or-anything" }) })).status)
      .toBe(200)
    expectInvalidSignature(await flow.post("create", fields, { sign: false, apiKey: "wrong" }))
    expectInvalidSignature(await flow.post("create", fields, { sign: false, apiKey: null }))
    expect(flow.emulator.state.customers.size).toBe(2)
  })

  it("is on again after turning it back on", async () => {
    await flow.admin("POST", "/settings", { verifySignatures: false })
    await flow.admin("POST", "/settings", { verifySignatures: true })
    expectInvalidSignature(await flow.post("create", fields, { sign: false }))
  })
})
