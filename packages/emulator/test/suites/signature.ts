/**
 * Signature checks (docs/flow-api.md "Authentication and signature", "The legacy signature"): every
 * way a request can be unsigned or signed wrongly is the same 401 `{"code":108,"message":"Invalid
 * Signature"}` and changes nothing; values with UTF-8 and with the characters that form and query
 * encoding use (`+ & = %`, spaces) verify in GET and in POST. Flow's legacy `k=v&` signature is
 * accepted (marked in the request log) unless refused by a setting, and fails, as it did on Flow, when
 * a value holds `+` or `&`.
 * (A suite: run from ../emulator.test.ts.)
 */
import { describe, expect, it } from "@effect/vitest"
import {
  type CallOptions,
  expectInvalidSignature,
  Harness,
  items,
  legacySignature,
  str,
  useEmulator
} from "../support/emulator.js"

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
  ["the legacy k=v& text itself, unhashed, as s", {
    after: (p) => {
      const { s: _s, ...rest } = p
      const legacy = Object.keys(rest).sort().map((k) => `${k}=${rest[k]}`).join("&")
      return { ...rest, s: legacy }
    }
  }],
  ["a legacy signature with another secret", { legacy: true, secretKey: "another-secret" }],
  ["a legacy signature, a param changed after signing", { legacy: true, after: (p) => ({ ...p, name: "Mallory" }) }],
  ["a legacy signature in UPPERCASE hex", { legacy: true, after: (p) => ({ ...p, s: p["s"]!.toUpperCase() }) }]
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

describe("Flow's legacy signature (k1=v1&k2=v2)", () => {
  const plain = { name: "Ana Perez", email: "ana@example.cl", externalId: "e-1" }

  it("is accepted by default in POST and GET, and marked legacy in the request log", async () => {
    const created = await flow.post("create", plain, { legacy: true })
    expect(created.status, created.text).toBe(200)
    const customerId = str(created.body["customerId"])
    expect((await flow.get("get", { customerId }, { legacy: true })).body["name"]).toBe("Ana Perez")
    expect((await flow.post("create", plain, { legacy: true, encoding: "multipart" })).status).toBe(200)
    expect((await flow.post("create", plain)).status).toBe(200)
    expect(flow.emulator.requests.map((r) => [r.status, r.signature])).toEqual([
      [200, "legacy"],
      [200, "legacy"],
      [200, "legacy"],
      [200, "current"]
    ])
  })

  it("its log line says signature=legacy", async () => {
    const lines: Array<string> = []
    const own = new Harness()
    await own.start({ log: (line) => lines.push(line) })
    try {
      await own.post("create", plain, { legacy: true })
      expect(lines.at(-1)).toMatch(/^POST \/api\/customer\/create 200 signature=legacy [\d.]+ms$/)
    } finally {
      await own.close()
    }
  })

  it.each([
    ["+", "Ana+Pérez"],
    ["&", "Ana & Pérez"],
    ["+ in a URL", "https://m.cl/r?a=1+2"]
  ])("fails with 108 when a value holds %s, as it did on Flow, and changes nothing", async (_label, name) => {
    const answer = await flow.post("create", { ...plain, name }, { legacy: true })
    expectInvalidSignature(answer)
    expect(flow.emulator.state.customers.size).toBe(0)
    expect(flow.emulator.requests.at(-1)).toMatchObject({ signature: "legacy", note: expect.stringContaining("+ or &") })
    // the same values under the current scheme are fine
    expect((await flow.post("create", { ...plain, name })).status).toBe(200)
  })

  it("a raw, unencoded k=v& body (how the old kit POSTed) fails when a value holds + (the server reads a space)", async () => {
    const params = { apiKey: flow.emulator.apiKey, email: "a@b.cl", externalId: "1", name: "a+b" }
    const body = `${Object.entries(params).map(([k, v]) => `${k}=${v}`).join("&")}&s=${legacySignature(params, flow.emulator.secretKey)}`
    const response = await fetch(`${flow.emulator.url}/customer/create`, {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded" }
    })
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({ code: 108, message: "Invalid Signature" })
  })

  it("is refused with 108 when legacySignatures is off (POST /_admin/settings), the current one still works", async () => {
    const settings = await flow.admin("POST", "/settings", { legacySignatures: false })
    expect(settings.body["legacySignatures"]).toBe(false)
    expectInvalidSignature(await flow.post("create", plain, { legacy: true }))
    expect(flow.emulator.requests.at(-1)).toMatchObject({ signature: "legacy", note: "legacy signatures are refused" })
    expect((await flow.post("create", plain)).status).toBe(200)
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
