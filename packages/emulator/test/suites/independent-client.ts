/**
 * An independent client against the emulator, as a user migrating an existing integration would
 * point one at it. The client below is written here from Flow's published description only
 * (docs/flow-api.md "Authentication and signature", "How params travel", "The legacy signature"):
 * nothing of @flowcl/core or of the emulator's own signing is used. It walks all 16 operations and
 * the 3 payment status reads in each way the known clients call Flow:
 * - current scheme (sorted `name + value`, HMAC-SHA256 hex), urlencoded (the spec's encoding);
 * - current scheme, multipart bodies, as Flow's PHP kit sends them;
 * - current scheme, `getRegisterStatus` and every other GET operation sent as POST, as one client does;
 * - legacy scheme (`k1=v1&k2=v2`), its POST body the raw `k=v&` text, as the old PHP kit and
 *   flowcl-node-api-client send it.
 * It reuses fixed order numbers for unpaid collections, as sandbox suites do run after run.
 * (A suite: run from ../emulator.test.ts.)
 */
import { describe, expect, it } from "@effect/vitest"
import { createHmac } from "node:crypto"
import { useEmulator, waitUntil } from "../support/emulator.js"

const flow = useEmulator()

interface ClientStyle {
  readonly scheme: "current" | "legacy"
  /** How a POST carries its params. */
  readonly body: "urlencoded" | "multipart" | "raw"
  /** Whether GET operations are sent as POST. */
  readonly getsAsPost: boolean
}

type Answer = { readonly status: number; readonly body: Record<string, unknown> }

/** The smallest Flow client: sign, send, parse. */
class MiniFlowClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly secretKey: string,
    private readonly style: ClientStyle
  ) {}

  /** Every param but `s`, sorted by name; `name + value` (current) or `name=value` joined by `&` (legacy). */
  sign(params: Readonly<Record<string, string>>): string {
    const names = Object.keys(params).filter((name) => name !== "s").sort()
    const text = this.style.scheme === "current"
      ? names.map((name) => name + params[name]).join("")
      : names.map((name) => `${name}=${params[name]}`).join("&")
    return createHmac("sha256", this.secretKey).update(text, "utf8").digest("hex")
  }

  async send(method: "GET" | "POST", service: string, params: Readonly<Record<string, string>> = {}): Promise<Answer> {
    const all: Record<string, string> = { apiKey: this.apiKey, ...params }
    const signed: Record<string, string> = { ...all, s: this.sign(all) }
    const url = `${this.baseUrl}/${service}`
    const verb = method === "GET" && this.style.getsAsPost ? "POST" : method
    let response: Response
    if (verb === "GET") {
      response = await fetch(`${url}?${new URLSearchParams(signed)}`)
    } else if (this.style.body === "multipart") {
      const form = new FormData()
      for (const [name, value] of Object.entries(signed)) form.append(name, value)
      response = await fetch(url, { method: "POST", body: form })
    } else if (this.style.body === "raw") {
      // the old kit's body: `k=v&…` as signed, nothing encoded
      const raw = Object.entries(signed).map(([name, value]) => `${name}=${value}`).join("&")
      response = await fetch(url, {
        method: "POST",
        body: raw,
        headers: { "content-type": "application/x-www-form-urlencoded" }
      })
    } else {
      response = await fetch(url, { method: "POST", body: new URLSearchParams(signed) })
    }
    return { status: response.status, body: await response.json() as Record<string, unknown> }
  }
}

const STYLES: ReadonlyArray<readonly [string, ClientStyle]> = [
  ["current signature, urlencoded", { scheme: "current", body: "urlencoded", getsAsPost: false }],
  ["current signature, multipart (Flow's PHP kit)", { scheme: "current", body: "multipart", getsAsPost: false }],
  ["current signature, GET operations sent as POST", { scheme: "current", body: "urlencoded", getsAsPost: true }],
  ["legacy signature, raw k=v& body", { scheme: "legacy", body: "raw", getsAsPost: false }]
]

const ok = (answer: Answer): Record<string, unknown> => {
  expect(answer.status, JSON.stringify(answer.body)).toBe(200)
  return answer.body
}

describe.each(STYLES)("a client written from Flow's description (%s)", (_label, style) => {
  it("walks every operation", async () => {
    const client = new MiniFlowClient(flow.emulator.url, flow.emulator.apiKey, flow.emulator.secretKey, style)
    const sink = `${flow.emulator.adminUrl}/sink`
    const urls = { urlConfirmation: `${sink}/confirm`, urlReturn: `${sink}/return` }

    const customer = ok(await client.send("POST", "customer/create", { name: "Ana Perez", email: "ana@example.cl", externalId: "ext-1" }))
    const customerId = String(customer["customerId"])
    expect(customer).toMatchObject({ status: "1", pay_mode: "manual" })
    expect(ok(await client.send("POST", "customer/edit", { customerId, name: "Ana Maria Perez" }))["name"]).toBe("Ana Maria Perez")
    expect(ok(await client.send("GET", "customer/get", { customerId }))["email"]).toBe("ana@example.cl")
    expect(ok(await client.send("GET", "customer/list", { filter: "Maria", limit: "5" }))).toMatchObject({ total: 1, hasMore: 0 })

    // a collection before any card: a payment link, under a fixed order number reused as sandbox suites do
    const link = ok(await client.send("POST", "customer/collect", { customerId, commerceOrder: "FIXED-1", subject: "Cuota", amount: "5000", ...urls }))
    expect(link).toMatchObject({ type: 2, status: 1 })
    expect(ok(await client.send("POST", "customer/collect", { customerId, commerceOrder: "FIXED-1", subject: "Cuota", amount: "5000", ...urls })))
      .toMatchObject({ type: 2 })

    const registration = ok(await client.send("POST", "customer/register", { customerId, url_return: `${sink}/card` }))
    expect(ok(await client.send("GET", "customer/getRegisterStatus", { token: String(registration["token"]) }))["status"]).toBe("0")
    // the person completes Flow's page
    const page = await fetch(String(registration["url"]), {
      method: "POST",
      body: new URLSearchParams({ token: String(registration["token"]), action: "approve", brand: "Visa", last4: "0366" })
    })
    expect(page.status).toBe(200)
    expect(ok(await client.send("GET", "customer/getRegisterStatus", { token: String(registration["token"]) })))
      .toMatchObject({ status: "1", customerId, last4CardDigits: "0366" })

    const charge = ok(await client.send("POST", "customer/charge", {
      customerId,
      amount: "12990",
      subject: "Plan anual",
      commerceOrder: "ORDER-1",
      optionals: "{\"rut\":\"9999999-9\"}"
    }))
    expect(charge).toMatchObject({ status: 2, amount: 12990, optional: { rut: "9999999-9" } })
    // the same order again: paid, so refused with Flow's code and words
    expect(await client.send("POST", "customer/charge", { customerId, amount: "12990", subject: "Plan anual", commerceOrder: "ORDER-1" }))
      .toEqual({ status: 401, body: { code: 1605, message: "This commerceOrder ORDER-1 has been previously paid" } })
    // the fixed order of the unpaid links can now be charged to the card
    expect(ok(await client.send("POST", "customer/collect", { customerId, commerceOrder: "FIXED-1", subject: "Cuota", amount: "5000", ...urls })))
      .toMatchObject({ type: 1, paymenResult: { status: 2 } })
    expect(ok(await client.send("POST", "customer/charge", { customerId, amount: "9006", subject: "Rechazo", commerceOrder: "ORDER-2" }))["status"]).toBe(3)
    expect(await client.send("POST", "customer/charge", { customerId, amount: "349", subject: "Poco", commerceOrder: "ORDER-3" }))
      .toMatchObject({ status: 400, body: { message: "The minimum amount is 350 CLP" } })

    const rows = JSON.stringify([{ customerId, commerceOrder: "BATCH-1", subject: "Cuota", amount: 4000, optional: "{\"factura\":\"F-1\"}" }])
    const batch = ok(await client.send("POST", "customer/batchCollect", { urlCallBack: `${sink}/batch`, ...urls, batchRows: rows }))
    expect(batch).toMatchObject({ receivedRows: 1, acceptedRows: 1, rejectedRows: [] })
    const processed = await waitUntil(async () => {
      const status = ok(await client.send("GET", "customer/getBatchCollectStatus", { token: String(batch["token"]) }))
      return status["status"] === "processed" ? status : undefined
    })
    expect(processed["collectRows"]).toMatchObject([{ commerceOrder: "BATCH-1", status: "collected", type: 1 }])

    // what became of each payment: the charge by its order and by Flow's number, the first link by its token
    expect(ok(await client.send("GET", "payment/getStatusByCommerceId", { commerceId: "ORDER-1" })))
      .toMatchObject({ commerceOrder: "ORDER-1", flowOrder: charge["flowOrder"], status: 2, amount: 12990 })
    expect(ok(await client.send("GET", "payment/getStatusByFlowOrder", { flowOrder: String(charge["flowOrder"]) })))
      .toMatchObject({ commerceOrder: "ORDER-1", status: 2 })
    // cancelled unpaid when the card paid its order
    expect(ok(await client.send("GET", "payment/getStatus", { token: String(link["token"]) })))
      .toMatchObject({ commerceOrder: "FIXED-1", flowOrder: link["flowOrder"], status: 4 })
    expect(await client.send("GET", "payment/getStatusByCommerceId", { commerceId: "NEVER-SENT" }))
      .toMatchObject({ status: 401, body: { code: 1006 } })

    expect(ok(await client.send("POST", "customer/reverseCharge", { commerceOrder: "ORDER-1" })))
      .toEqual({ status: "1", message: "Reverse charge was successful" })
    const charges = ok(await client.send("GET", "customer/getCharges", { customerId, limit: "100" }))
    expect((charges["data"] as ReadonlyArray<Record<string, unknown>>).map((c) => [c["commerceOrder"], c["status"]])).toEqual([
      ["FIXED-1", 4],
      ["FIXED-1", 4],
      ["ORDER-1", 4],
      ["FIXED-1", 2],
      ["ORDER-2", 3],
      ["BATCH-1", 2]
    ])
    const attempts = ok(await client.send("GET", "customer/getChargeAttemps", { customerId }))
    expect((attempts["data"] as ReadonlyArray<Record<string, unknown>>).map((a) => a["errorCode"])).toEqual([1605, -6])
    expect(ok(await client.send("GET", "customer/getSubscriptions", { customerId }))).toEqual({ total: 0, hasMore: 0, data: [] })

    expect(ok(await client.send("POST", "customer/unRegister", { customerId }))).toMatchObject({ pay_mode: "manual", creditCardType: "" })
    expect(ok(await client.send("POST", "customer/delete", { customerId }))["status"]).toBe("0")

    // what the emulator saw: all 16 operations and the 3 reads, each signed the client's way
    const seen = flow.emulator.requests
    expect(new Set(seen.map((r) => r.endpoint)).size).toBe(19)
    expect(new Set(seen.map((r) => r.signature))).toEqual(new Set([style.scheme]))
    if (style.getsAsPost) expect(seen.every((r) => r.method === "POST")).toBe(true)
  })

  it("a wrong secret is refused with 108 on every operation kind", async () => {
    const client = new MiniFlowClient(flow.emulator.url, flow.emulator.apiKey, "not-the-secret", style)
    expect(await client.send("GET", "customer/list")).toEqual({ status: 401, body: { code: 108, message: "Invalid Signature" } })
    expect(await client.send("POST", "customer/create", { name: "A", email: "a@b.cl", externalId: "1" }))
      .toEqual({ status: 401, body: { code: 108, message: "Invalid Signature" } })
  })
})

describe("Flow's published signature examples", () => {
  const client = new MiniFlowClient("", "", "my secret", { scheme: "current", body: "urlencoded", getsAsPost: false })

  it("the spec's worked example: amount5000apiKeyXXXX-XXXX-XXXXcurrencyCLP", () => {
    expect(client.sign({ apiKey: "XXXX-XXXX-XXXX", currency: "CLP", amount: "5000" }))
      .toBe("dc3f67215dc89404aedc1deed0be7c2b49d810ca1a6e3feab3b799d77c4a9950")
  })

  it("the merchant-docs example params (apiKey, token)", () => {
    expect(client.sign({ apiKey: "1F90971E-8276-4715-97FF-2BLG5030EE3B", token: "AJ089FF5467367" }))
      .toBe("191947b8253f1b615adeda260fab7d8c8cc0507b22e19d4742baa00b0e464d44")
  })
})
