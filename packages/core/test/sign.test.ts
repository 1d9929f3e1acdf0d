/**
 * The signer against the vectors of docs/flow-api.md ("Transport"), and properties: order does not matter, UTF-8 text signs
 * as its bytes, and values holding `+ & = %` and spaces survive the trip through query and form encoding
 * (what the server decodes verifies against the signature).
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as FastCheck from "effect/FastCheck"
import * as Redacted from "effect/Redacted"
import { createHmac } from "node:crypto"
import { FlowHttp } from "../src/FlowHttp.js"
import { sign, signParams, stringToSign, verify } from "../src/sign.js"
import { json, makeRecordingClient, TEST_API_KEY, TEST_BASE_URL, TEST_SECRET } from "./support/RecordingHttpClient.js"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import { FlowConfig } from "../src/FlowConfig.js"

const secret = Redacted.make("my secret")

describe("signature vectors (docs/flow-api.md)", () => {
  it("amount, apiKey, currency", () => {
    const params = { apiKey: "XXXX-XXXX-XXXX", currency: "CLP", amount: "5000" }
    expect(stringToSign(params)).toBe("amount5000apiKeyXXXX-XXXX-XXXXcurrencyCLP")
    expect(sign(params, secret)).toBe("dc3f67215dc89404aedc1deed0be7c2b49d810ca1a6e3feab3b799d77c4a9950")
  })

  it("the DEV-MERCH example params", () => {
    const params = { token: "AJ089FF5467367", apiKey: "1F90971E-8276-4715-97FF-2BLG5030EE3B" }
    expect(stringToSign(params)).toBe("apiKey1F90971E-8276-4715-97FF-2BLG5030EE3BtokenAJ089FF5467367")
    expect(sign(params, secret)).toBe("191947b8253f1b615adeda260fab7d8c8cc0507b22e19d4742baa00b0e464d44")
  })

  it("batchCollect with JSON batchRows, urlReturn sorted before url_return's neighbours", () => {
    const params = {
      apiKey: "K",
      urlCallBack: "https://m.cl/cb",
      urlConfirmation: "https://m.cl/conf",
      urlReturn: "https://m.cl/ret",
      batchRows:
        "[{\"customerId\":\"cus_onoolldvec\",\"commerceOrder\":\"zc23456\",\"subject\":\"cobro de factura\",\"amount\":8000}]"
    }
    expect(sign(params, secret)).toBe("72000dce6cde3a9f88c05503888efee04c545513506660bb5eb944b9796b1866")
  })

  it("sorts by code unit, so the order is case-sensitive: urlReturn < url_return", () => {
    expect(stringToSign({ url_return: "b", urlReturn: "a", Zeta: "z" })).toBe("ZetazurlReturnaurl_returnb")
  })

  it("ignores a given s and verifies in constant time", () => {
    const signed = signParams({ a: "1", b: "2" }, secret)
    expect(stringToSign(signed)).toBe("a1b2")
    expect(verify(signed, secret)).toBe(true)
    expect(verify({ ...signed, b: "3" }, secret)).toBe(false)
    expect(verify({ ...signed, s: "not hex" }, secret)).toBe(false)
    expect(verify({ a: "1", b: "2" }, secret)).toBe(false)
    expect(verify(signed, Redacted.make("other secret"))).toBe(false)
  })
})

/** An oracle written apart from src/sign.ts. */
const oracle = (params: Record<string, string>, key: string) =>
  createHmac("sha256", key).update(
    Object.keys(params).sort().map((k) => `${k}${params[k]}`).join(""),
    "utf8"
  ).digest("hex")

const paramName = FastCheck.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,15}$/).filter((n) => n !== "s" && n !== "apiKey")
const awkward = FastCheck.constantFrom("+", "&", "=", "%", " ", "%20", "+%2B", "a=b&c=d", "100%", "José Pérez Ñuñoa")
const value = FastCheck.oneof(
  FastCheck.string(),
  FastCheck.string({ unit: "grapheme" }),
  FastCheck.array(awkward, { maxLength: 5 }).map((parts) => parts.join("")),
  FastCheck.integer().map(String)
)
const paramsArb = FastCheck.dictionary(paramName, value, { minKeys: 1, maxKeys: 8 })

describe("properties", () => {
  it.prop("param order does not matter", [paramsArb], ([params]) => {
    const reversed = Object.fromEntries(Object.entries(params).reverse())
    expect(sign(reversed, secret)).toBe(sign(params, secret))
    expect(sign(params, secret)).toBe(oracle(params, "my secret"))
  })

  it("UTF-8 names sign as their UTF-8 bytes", () => {
    const params = { name: "José Pérez Ñuñoa", apiKey: "K" }
    expect(sign(params, secret)).toBe(
      createHmac("sha256", "my secret").update(Buffer.from("apiKeyKnameJosé Pérez Ñuñoa", "utf8")).digest("hex")
    )
  })

  const layerFor = (respond: Parameters<typeof makeRecordingClient>[0]) => {
    const { client, requests } = makeRecordingClient(respond)
    const layer = FlowHttp.Default.pipe(
      Layer.provide(FlowConfig.layer({ apiKey: TEST_API_KEY, secretKey: TEST_SECRET, baseUrl: TEST_BASE_URL })),
      Layer.provide(Layer.succeed(HttpClient.HttpClient, client)),
      Layer.orDie
    )
    return { layer, requests }
  }

  it.effect.prop("values with + & = % and spaces round-trip through GET and POST", [paramsArb], ([params]) =>
    Effect.gen(function*() {
      const { layer, requests } = layerFor(() => json({}))
      for (const method of ["GET", "POST"] as const) {
        yield* Effect.flatMap(FlowHttp, (http) =>
          http.execute({ method, path: "customer/x", params: { ...params, apiKey: undefined }, schema: Schema.Unknown }))
          .pipe(Effect.provide(layer))
      }
      for (const request of requests) {
        // what a server decodes is exactly what was given, and it verifies
        const { apiKey, s, ...rest } = request.params
        expect(apiKey).toBe(TEST_API_KEY)
        expect(rest).toStrictEqual(params)
        expect(verify(request.params, Redacted.make(TEST_SECRET))).toBe(true)
        expect(s).toBe(oracle({ ...params, apiKey: TEST_API_KEY }, TEST_SECRET))
      }
    }), { fastCheck: { numRuns: 200 }, timeout: 30_000 })
})
