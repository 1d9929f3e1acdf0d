/**
 * What the request log says about a refused signature (src/SignatureDiagnosis.ts): the params in
 * signing order, the string-to-sign expected, both signatures shortened, and the first thing that
 * differs when re-signing a variant with the configured key can tell it: an unsigned param, a value
 * encoded differently, the order, the legacy form, the key. Each case below is a mistake real
 * integrations make, sent over the wire. The secret key is never part of what is kept.
 * (A suite: run from ../emulator.test.ts.)
 */
import { describe, expect, it } from "@effect/vitest"
import { createHmac } from "node:crypto"
import { type SignatureCheck, start } from "../../src/index.js"
import { expectInvalidSignature, type Method, useEmulator } from "../support/emulator.js"

const flow = useEmulator()

type Params = Record<string, string>

const hmac = (key: string, text: string, encoding: "utf8" | "latin1" = "utf8") =>
  createHmac("sha256", key).update(text, encoding).digest("hex")

/** Flow's string-to-sign, written here from its description. */
const textOf = (params: Params, names = Object.keys(params).sort()) => names.map((name) => name + params[name]).join("")

const base = (): Params => ({ apiKey: flow.emulator.apiKey, name: "Ana Pérez", email: "ana@example.cl", externalId: "e-1" })

/** Sends `sent` as is (in that order) with `s`, expects 108, and returns what the log kept. */
const refused = async (
  sent: Params,
  s: string | undefined,
  options: { readonly method?: Method; readonly endpoint?: string } = {}
): Promise<SignatureCheck> => {
  const params = s === undefined ? sent : { ...sent, s }
  const answer = await flow.call(options.method ?? "POST", options.endpoint ?? "create", {}, {
    sign: false,
    apiKey: null,
    after: () => params
  })
  expectInvalidSignature(answer)
  const check = flow.emulator.requests.at(-1)!.signatureCheck
  expect(check).toBeDefined()
  expect(JSON.stringify(check)).not.toContain(flow.emulator.secretKey)
  return check!
}

/** Signs `signed` (the text the client made) with the emulator's key. */
const signedOver = (signed: Params) => hmac(flow.emulator.secretKey, textOf(signed))

describe("what the log keeps for a refused signature", () => {
  it("the params in signing order, the exact string-to-sign, both signatures shortened", async () => {
    const sent = base()
    const check = await refused(sent, "0".repeat(64))
    expect(check.sorted).toEqual(["apiKey", "email", "externalId", "name"])
    expect(check.stringToSign).toBe(`apiKey${sent.apiKey}emailana@example.clexternalIde-1nameAna Pérez`)
    const expected = signedOver(sent)
    expect(check.expected).toBe(`${expected.slice(0, 8)}…${expected.slice(-8)}`)
    expect(check.received).toBe("00000000…00000000")
    expect(check.findings.at(-1)!.message).toMatch(/the secret key is probably wrong/)
  })

  it("only refused requests carry it, in GET /_admin/requests too", async () => {
    await flow.post("create", { name: "A", email: "a@example.cl" })
    await flow.post("create", { name: "A", email: "a@example.cl" }, { secretKey: "other" })
    const log = await flow.adminList("/requests")
    expect(log.map((entry) => entry["signatureCheck"] === undefined)).toEqual([true, false])
  })

  it("a value signed with + for its spaces names the param, the value signed, and where it sits in the text", async () => {
    const sent = base()
    const check = await refused(sent, signedOver({ ...sent, name: "Ana+Pérez" }))
    expect(check.findings[0]).toMatchObject({ kind: "value", param: "name", signedValue: "Ana+Pérez" })
    expect(check.findings[0]!.message).toMatch(/%2B/)
    const [start, end] = check.highlight!
    expect(check.stringToSign.slice(start, end)).toBe("nameAna Pérez")
  })

  it.each([
    ["the URL-encoded value", (v: string) => encodeURIComponent(v), /URL-encoded value was signed/],
    ["the value trimmed", (v: string) => v.trim(), /trimmed/],
    ["accents decomposed (NFD)", (v: string) => v.normalize("NFD"), /NFC and NFD/]
  ])("%s", async (_label, variant, message) => {
    const sent = { ...base(), name: " Ana Pérez " }
    const check = await refused(sent, signedOver({ ...sent, name: variant(sent.name) }))
    expect(check.findings[0]).toMatchObject({ kind: "value", param: "name" })
    expect(check.findings[0]!.message).toMatch(message)
  })

  it("a value that arrived still URL-encoded (encoded twice)", async () => {
    const sent = { ...base(), name: "Ana%20P%C3%A9rez" }
    const check = await refused(sent, signedOver({ ...sent, name: "Ana Pérez" }))
    expect(check.findings[0]).toMatchObject({ kind: "value", param: "name", signedValue: "Ana Pérez" })
    expect(check.findings[0]!.message).toMatch(/encoded twice/)
  })

  it("a number written differently when signed (5000.00) and when sent (5000)", async () => {
    const sent = { apiKey: flow.emulator.apiKey, customerId: "cus_x", amount: "5000", subject: "s", commerceOrder: "o-1" }
    const check = await refused(sent, signedOver({ ...sent, amount: "5000.00" }), { endpoint: "charge" })
    expect(check.findings[0]).toMatchObject({ kind: "value", param: "amount", signedValue: "5000.00" })
    expect(check.findings[0]!.message).toMatch(/number was written differently/)
  })

  it("JSON text serialized again: PHP's escapes in what was signed, compact text sent", async () => {
    const optionals = { url: "https://shop.example.cl/a", nombre: "Peña" }
    const sent = { apiKey: flow.emulator.apiKey, customerId: "cus_x", optionals: JSON.stringify(optionals) }
    const php = JSON.stringify(optionals).replace(/\//g, "\\/").replace("ñ", "\\u00f1")
    const check = await refused(sent, signedOver({ ...sent, optionals: php }), { endpoint: "collect" })
    expect(check.findings[0]).toMatchObject({ kind: "value", param: "optionals", signedValue: php })
    expect(check.findings[0]!.message).toMatch(/serialized again.*PHP/)
  })

  it("JSON text serialized again: Python's json.dumps spacing in what was signed", async () => {
    const sent = { apiKey: flow.emulator.apiKey, customerId: "cus_x", optionals: "{\"plan\":\"anual\",\"seats\":[1,2]}" }
    const python = "{\"plan\": \"anual\", \"seats\": [1, 2]}"
    const check = await refused(sent, signedOver({ ...sent, optionals: python }), { endpoint: "charge" })
    expect(check.findings[0]).toMatchObject({ kind: "value", param: "optionals", signedValue: python })
    expect(check.findings[0]!.message).toContain(`optionals were '${python}' instead of '${sent.optionals}'`)
    expect(check.findings[0]!.message).toMatch(/Python's json.dumps/)
  })

  it("a param sent but not signed, apiKey included", async () => {
    const sent = base()
    const { externalId: _e, ...withoutExternal } = sent
    const check = await refused(sent, signedOver(withoutExternal))
    expect(check.findings[0]).toMatchObject({ kind: "unsigned-param", param: "externalId" })
    const { apiKey: _a, ...withoutKey } = sent
    const unsignedKey = await refused(sent, signedOver(withoutKey))
    expect(unsignedKey.findings[0]).toMatchObject({ kind: "unsigned-param", param: "apiKey" })
    expect(unsignedKey.findings[0]!.message).toMatch(/apiKey was sent but not signed/)
  })

  it("the params signed in the order they were sent, unsorted", async () => {
    const sent = base()
    const check = await refused(sent, hmac(flow.emulator.secretKey, textOf(sent, Object.keys(sent))))
    expect(check.findings[0]).toMatchObject({ kind: "order", param: "name" })
    expect(check.findings[0]!.message).toMatch(/order they were sent/)
  })

  it("the names sorted ignoring case", async () => {
    const sent = { Zeta: "1", apiKey: flow.emulator.apiKey, name: "A" }
    const check = await refused(sent, hmac(flow.emulator.secretKey, textOf(sent, ["apiKey", "name", "Zeta"])), { method: "GET", endpoint: "list" })
    expect(check.sorted).toEqual(["Zeta", "apiKey", "name"])
    expect(check.findings[0]).toMatchObject({ kind: "order", param: "apiKey" })
    expect(check.findings[0]!.message).toMatch(/ignoring case/)
  })

  it("the values without their names; the URL-encoded body", async () => {
    const sent = base()
    const values = await refused(sent, hmac(flow.emulator.secretKey, Object.keys(sent).sort().map((n) => sent[n]).join("")))
    expect(values.findings[0]).toMatchObject({ kind: "text" })
    expect(values.findings[0]!.message).toMatch(/without their names/)
    const body = await refused(sent, hmac(flow.emulator.secretKey, new URLSearchParams(sent).toString()))
    expect(body.findings[0]!.message).toMatch(/URL-encoded body/)
  })

  it("the key: the apiKey used as the key, an empty key, Latin-1 text", async () => {
    const sent = base()
    expect((await refused(sent, hmac(sent.apiKey!, textOf(sent)))).findings[0]!.message).toMatch(/apiKey as the HMAC key/)
    expect((await refused(sent, hmac("", textOf(sent)))).findings[0]!.message).toMatch(/empty secret key/)
    expect((await refused(sent, hmac(flow.emulator.secretKey, textOf(sent), "latin1"))).findings[0]!.message).toMatch(/Latin-1/)
  })

  it("the emulator's default secret key, while it was started with another", async () => {
    const custom = await start({ secretKey: "custom-secret" })
    try {
      const sent = { apiKey: custom.apiKey, limit: "5" }
      const s = hmac(flow.emulator.secretKey, textOf(sent))
      const response = await fetch(`${custom.url}/customer/list?${new URLSearchParams({ ...sent, s })}`)
      expect(response.status).toBe(401)
      expect(custom.requests[0]!.signatureCheck!.findings[0]!.message).toMatch(/default secret key/)
    } finally {
      await custom.close()
    }
  })

  it("the form of s: uppercase hex, base64; no s at all", async () => {
    const sent = base()
    const right = signedOver(sent)
    const upper = await refused(sent, right.toUpperCase())
    expect(upper.findings.map((f) => f.kind)).toEqual(["format"])
    expect(upper.findings[0]!.message).toMatch(/uppercase/)
    const base64 = await refused(sent, Buffer.from(right, "hex").toString("base64"))
    expect(base64.findings[0]!.message).toMatch(/base64/)
    const none = await refused(sent, undefined)
    expect(none.findings[0]).toMatchObject({ kind: "no-signature", param: "s" })
    expect(none.received).toBeUndefined()
  })

  it("Flow's legacy k=v& form, refused by the setting or over a value with +", async () => {
    const sent: Params = { ...base(), name: "Ana+Pérez" }
    const legacy = hmac(flow.emulator.secretKey, Object.keys(sent).sort().map((n) => `${n}=${sent[n]}`).join("&"))
    const plus = await refused(sent, legacy)
    expect(plus.findings[0]).toMatchObject({ kind: "legacy", param: "name" })
    flow.emulator.settings.legacySignatures = false
    const off = { ...base() }
    const check = await refused(off, hmac(flow.emulator.secretKey, Object.keys(off).sort().map((n) => `${n}=${off[n]}`).join("&")))
    expect(check.findings[0]!.message).toMatch(/legacy form.*refuses/)
  })

  it("a wrong apiKey: named, and the signature said to be right when it is", async () => {
    const sent = { ...base(), apiKey: "production-key" }
    const check = await refused(sent, signedOver(sent))
    expect(check.findings.map((f) => f.kind)).toEqual(["api-key", "api-key"])
    expect(check.findings[0]!.message).toMatch(/"production-key" is not this emulator's/)
    expect(check.findings[1]!.message).toMatch(/signature itself is right/)
  })

  it("the secret key sent as a param: said, and hidden from everything kept", async () => {
    const sent = { ...base(), secretKey: flow.emulator.secretKey }
    const check = await refused(sent, hmac("wrong", textOf(sent)))
    expect(check.findings[0]).toMatchObject({ kind: "secret-sent", param: "secretKey" })
    expect(check.stringToSign).toContain("secretKey[the secret key, hidden]")
  })

  it("a large request is diagnosed within bounds: the text kept is cut, the search stops", async () => {
    const rows = JSON.stringify(Array.from({ length: 20_000 }, (_, i) => ({ customerId: `cus_${i}`, commerceOrder: `o-${i}`, amount: 1000 })))
    const sent = { apiKey: flow.emulator.apiKey, batchRows: rows, urlCallBack: "http://127.0.0.1:9/cb" }
    const started = performance.now()
    const check = await refused(sent, hmac("wrong", textOf(sent)), { endpoint: "batchCollect" })
    expect(performance.now() - started).toBeLessThan(2_000)
    expect(check.stringToSignTruncated).toBe(true)
    expect(check.stringToSign.length).toBeLessThanOrEqual(8 * 1024 + 1)
    expect(check.findings.at(-1)!.message).toMatch(/not all: the request is large/)
  })
})
