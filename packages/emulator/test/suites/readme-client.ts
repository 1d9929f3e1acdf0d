/**
 * A client written from the README alone ("The emulator": "Signing a request, from any language" and
 * "Admin API"), as someone in another language would write one: Node's `crypto.createHmac` and
 * `fetch`, nothing of @flowcl/core or of the emulator. It takes the URL and keys the CLI prints, signs
 * by the five steps, and walks what a merchant does: customers, a card registered by the person (the
 * admin API plays the person), charges, a payment link paid, payment reads, a reversal, lists, with
 * GETs in the query and POSTs as urlencoded and multipart forms.
 * (A suite: run from ../emulator.test.ts.)
 */
import { describe, expect, it } from "@effect/vitest"
import { createHmac } from "node:crypto"
import { useEmulator } from "../support/emulator.js"

const flow = useEmulator()

type Params = Record<string, string>
type Answer = { readonly status: number; readonly body: Record<string, unknown> }

/** Steps 1–4: every param but `s`, sorted by name, `name` + `value`, HMAC-SHA256 hex of the UTF-8 text. */
const signature = (params: Params, secretKey: string): string => {
  const names = Object.keys(params).filter((name) => name !== "s").sort()
  const text = names.map((name) => name + params[name]).join("")
  return createHmac("sha256", secretKey).update(text, "utf8").digest("hex")
}

class ReadmeClient {
  constructor(
    private readonly url: string,
    private readonly apiKey: string,
    private readonly secretKey: string,
    private readonly postAs: "urlencoded" | "multipart"
  ) {}

  /** Step 5: `s` goes where the other params go: a GET's query, a POST's form body. */
  async call(method: "GET" | "POST", path: string, params: Params = {}): Promise<Answer> {
    const all: Params = { ...params, apiKey: this.apiKey }
    const signed: Params = { ...all, s: signature(all, this.secretKey) }
    let response: Response
    if (method === "GET") {
      response = await fetch(`${this.url}/${path}?${new URLSearchParams(signed)}`)
    } else if (this.postAs === "multipart") {
      const form = new FormData()
      for (const [name, value] of Object.entries(signed)) form.append(name, value)
      response = await fetch(`${this.url}/${path}`, { method: "POST", body: form })
    } else {
      response = await fetch(`${this.url}/${path}`, { method: "POST", body: new URLSearchParams(signed) })
    }
    return { status: response.status, body: await response.json() as Record<string, unknown> }
  }
}

/** The admin API with form bodies, as `curl -d` sends them. */
const admin = async (path: string, form: Params = {}): Promise<Answer> => {
  const response = await fetch(`${flow.emulator.adminUrl}${path}`, { method: "POST", body: new URLSearchParams(form) })
  return { status: response.status, body: await response.json() as Record<string, unknown> }
}

const ok = (answer: Answer) => {
  expect(answer.status, JSON.stringify(answer.body)).toBe(200)
  return answer.body
}

describe.each(["urlencoded", "multipart"] as const)("a client written from the README (POST bodies %s)", (postAs) => {
  it("walks a merchant's day against the emulator", async () => {
    const { apiKey, secretKey, url } = flow.emulator
    const client = new ReadmeClient(url, apiKey, secretKey, postAs)
    const sink = `${flow.emulator.adminUrl}/sink`

    // the README's own example customer, accents and spaces signed as they are
    const customer = ok(await client.call("POST", "customer/create", { name: "Ana Pérez", email: "ana@example.cl", externalId: "user-42" }))
    const customerId = String(customer["customerId"])
    expect(ok(await client.call("GET", "customer/get", { customerId }))["name"]).toBe("Ana Pérez")
    expect(ok(await client.call("GET", "customer/list", { limit: "5", filter: "Pérez" }))).toMatchObject({ total: 1 })

    // the person registers a card on Flow's page; the admin API plays the person
    const registration = ok(await client.call("POST", "customer/register", { customerId, url_return: `${sink}/card` }))
    expect((await admin(`/registrations/${String(registration["token"])}`, { approve: "true", last4: "0366" })).status).toBe(200)
    expect(ok(await client.call("GET", "customer/getRegisterStatus", { token: String(registration["token"]) })))
      .toMatchObject({ status: "1", last4CardDigits: "0366" })

    const charge = ok(await client.call("POST", "customer/charge", {
      customerId,
      amount: "12990",
      subject: "Plan + extra & más",
      commerceOrder: "README-1",
      optionals: "{\"rut\":\"9999999-9\"}"
    }))
    expect(charge).toMatchObject({ status: 2, subject: "Plan + extra & más", optional: { rut: "9999999-9" } })
    expect(ok(await client.call("GET", "payment/getStatusByFlowOrder", { flowOrder: String(charge["flowOrder"]) })))
      .toMatchObject({ commerceOrder: "README-1", status: 2 })

    // a payment link, paid by the payer (the admin API again)
    const link = ok(await client.call("POST", "customer/collect", {
      customerId,
      commerceOrder: "README-2",
      subject: "Cuota",
      amount: "5000",
      ignore_auto_charging: "1",
      urlConfirmation: `${sink}/confirm`,
      urlReturn: `${sink}/return`
    }))
    expect(link).toMatchObject({ type: 2, status: 1 })
    expect((await admin(`/payments/${String(link["token"])}/pay`)).status).toBe(200)
    expect(ok(await client.call("GET", "payment/getStatus", { token: String(link["token"]) }))["status"]).toBe(2)

    expect(ok(await client.call("POST", "customer/reverseCharge", { commerceOrder: "README-1" }))["status"]).toBe("1")
    const charges = ok(await client.call("GET", "customer/getCharges", { customerId }))
    expect((charges["data"] as Array<Record<string, unknown>>).map((c) => [c["commerceOrder"], c["status"]]))
      .toEqual([["README-1", 4], ["README-2", 2]])

    // a wrong secret: Flow's 108, and the request log says why
    const wrong = new ReadmeClient(url, apiKey, "not-the-secret", postAs)
    expect(await wrong.call("GET", "customer/list")).toEqual({ status: 401, body: { code: 108, message: "Invalid Signature" } })
    expect(flow.emulator.requests.at(-1)).toMatchObject({ signature: "invalid", note: "signature mismatch" })
    expect(new Set(flow.emulator.requests.slice(0, -1).map((r) => r.signature))).toEqual(new Set(["current"]))
  })
})
