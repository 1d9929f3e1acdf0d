/**
 * The two HMACs behind the signature on the same vectors: node:crypto (`Hmac.node.ts`, Node's path)
 * and Web Crypto (`Hmac.web.ts`, workerd without `nodejs_compat`, browsers). In this file the
 * package's `#hmac` import is the Web Crypto one, as a bundle for workerd gets it, so the public
 * functions and FlowHttp's request path run as they do there.
 */
import { describe, expect, it } from "@effect/vitest"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Effect from "effect/Effect"
import * as FastCheck from "effect/FastCheck"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"
import { createHmac } from "node:crypto"
import { vi } from "vitest"
import { FlowConfig } from "../src/FlowConfig.js"
import { FlowHttp } from "../src/FlowHttp.js"
import { hmac as webHmac } from "../src/Hmac.web.js"
import { sign, signAsync, signParams, stringToSign, verify, verifyAsync } from "../src/sign.js"
import { json, makeRecordingClient, TEST_API_KEY, TEST_BASE_URL, TEST_SECRET } from "./support/RecordingHttpClient.js"

// `#hmac` resolves to Hmac.node.ts under Node's conditions: that module is the one replaced, so the
// node:crypto signer is read past the mock
vi.mock("#hmac", () => import("../src/Hmac.web.js"))
const { hmac: nodeHmac } = await vi.importActual<typeof import("../src/Hmac.node.js")>("../src/Hmac.node.js")

const secret = Redacted.make("my secret")

/** docs/flow-api.md's vectors (as in sign.test.ts), plus text that is not ASCII and an empty value. */
const vectors: ReadonlyArray<readonly [Record<string, string>, string]> = [
  [
    { apiKey: "XXXX-XXXX-XXXX", currency: "CLP", amount: "5000" },
    "dc3f67215dc89404aedc1deed0be7c2b49d810ca1a6e3feab3b799d77c4a9950"
  ],
  [
    { token: "AJ089FF5467367", apiKey: "1F90971E-8276-4715-97FF-2BLG5030EE3B" },
    "191947b8253f1b615adeda260fab7d8c8cc0507b22e19d4742baa00b0e464d44"
  ],
  [
    {
      apiKey: "K",
      urlCallBack: "https://m.cl/cb",
      urlConfirmation: "https://m.cl/conf",
      urlReturn: "https://m.cl/ret",
      batchRows:
        "[{\"customerId\":\"cus_onoolldvec\",\"commerceOrder\":\"zc23456\",\"subject\":\"cobro de factura\",\"amount\":8000}]"
    },
    "72000dce6cde3a9f88c05503888efee04c545513506660bb5eb944b9796b1866"
  ],
  [{ name: "José Pérez Ñuñoa 🙂", apiKey: "K", empty: "" }, ""]
]

/** An oracle written apart from src/. */
const oracle = (params: Record<string, string>, key: string) =>
  createHmac("sha256", key).update(
    Object.keys(params).filter((k) => k !== "s").sort().map((k) => `${k}${params[k]}`).join(""),
    "utf8"
  ).digest("hex")

describe("node:crypto and Web Crypto on the same vectors", () => {
  it.each(vectors)("%j", async (params, expected) => {
    const want = expected === "" ? oracle(params, "my secret") : expected
    const text = stringToSign(params)
    expect([nodeHmac.sync, webHmac.sync]).toStrictEqual([true, false])
    expect(nodeHmac.hex(secret, text)).toBe(want)
    expect(await webHmac.hex(secret, text)).toBe(want)
    expect(nodeHmac.verify(secret, text, want)).toBe(true)
    expect(await webHmac.verify(secret, text, want)).toBe(true)
    // one digit changed fails on both
    const wrong = want.slice(0, -1) + (want.endsWith("0") ? "1" : "0")
    expect(nodeHmac.verify(secret, text, wrong)).toBe(false)
    expect(await webHmac.verify(secret, text, wrong)).toBe(false)
  })

  const params = FastCheck.dictionary(
    FastCheck.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,15}$/).filter((n) => n !== "s"),
    FastCheck.oneof(FastCheck.string(), FastCheck.string({ unit: "grapheme" })),
    { maxKeys: 8 }
  )
  const key = FastCheck.string({ unit: "grapheme", minLength: 1, maxLength: 80 })

  it("agree on any params and key", async () => {
    await FastCheck.assert(
      FastCheck.asyncProperty(params, key, async (params, key) => {
        const secretKey = Redacted.make(key)
        const text = stringToSign(params)
        const expected = oracle(params, key)
        expect(nodeHmac.hex(secretKey, text)).toBe(expected)
        expect(await webHmac.hex(secretKey, text)).toBe(expected)
        expect(await webHmac.verify(secretKey, text, expected)).toBe(true)
      }),
      { numRuns: 300 }
    )
  })
})

describe("the public functions where the runtime has no node:crypto", () => {
  it("signAsync and verifyAsync sign and verify with Web Crypto", async () => {
    const [params, expected] = vectors[0]!
    expect(await signAsync(params, secret)).toBe(expected)
    const signed = { ...params, s: expected }
    expect(await verifyAsync(signed, secret)).toBe(true)
    expect(await verifyAsync({ ...signed, amount: "5001" }, secret)).toBe(false)
    expect(await verifyAsync({ ...signed, s: "not hex" }, secret)).toBe(false)
    expect(await verifyAsync({ ...signed, s: expected.toUpperCase() }, secret)).toBe(false)
    expect(await verifyAsync(params, secret)).toBe(false)
    expect(await verifyAsync(signed, Redacted.make("other secret"))).toBe(false)
  })

  it("the synchronous ones say to use the Async ones", () => {
    expect(() => sign({ a: "1" }, secret)).toThrow(/node:crypto.*signAsync/)
    expect(() => signParams({ a: "1" }, secret)).toThrow(/signAsync/)
    expect(() => verify({ a: "1", s: "0".repeat(64) }, secret)).toThrow(/verifyAsync/)
  })

  it.effect("FlowHttp signs each request with Web Crypto: GET and POST verify", () =>
    Effect.gen(function*() {
      const { client, requests } = makeRecordingClient(() => json({}))
      const layer = FlowHttp.Default.pipe(
        Layer.provide(FlowConfig.layer({ apiKey: TEST_API_KEY, secretKey: TEST_SECRET, baseUrl: TEST_BASE_URL })),
        Layer.provide(Layer.succeed(HttpClient.HttpClient, client)),
        Layer.orDie
      )
      const params = { name: "José & Ana = 100%", amount: 5000 }
      for (const method of ["GET", "POST"] as const) {
        yield* Effect.flatMap(FlowHttp, (http) =>
          http.execute({ method, path: "customer/create", params, schema: Schema.Unknown })).pipe(Effect.provide(layer))
      }
      expect(requests.map((r) => r.method)).toStrictEqual(["GET", "POST"])
      for (const request of requests) {
        expect(request.params["s"]).toBe(oracle(request.params, TEST_SECRET))
        expect(yield* Effect.promise(() => verifyAsync(request.params, Redacted.make(TEST_SECRET)))).toBe(true)
      }
    }))
})
