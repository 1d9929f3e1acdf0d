/**
 * The inspector's pages over HTTP, without a browser (the browser test, ../inspector.browser.test.ts,
 * drives them in Chromium): server-rendered HTML with nothing loaded from elsewhere, every value
 * escaped, the secret key never shown, filters and links that work without JavaScript, and forms that
 * go through the admin API under its protections and come back with a 303.
 * (A suite: run from ../emulator.test.ts.)
 */
import { describe, expect, it } from "@effect/vitest"
import { raw } from "../support/raw.js"
import { str, useEmulator } from "../support/emulator.js"

const flow = useEmulator()

const host = () => `127.0.0.1:${flow.emulator.port}`

const get = async (path: string) => {
  const response = await fetch(`${flow.emulator.origin}${path}`)
  return { status: response.status, headers: response.headers, text: await response.text() }
}

/** A form POST as a browser sends it from the inspector: its own Origin, same-origin. */
const form = (path: string, fields: Record<string, string> = {}, origin = flow.emulator.origin) =>
  fetch(`${flow.emulator.origin}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { origin, "sec-fetch-site": origin === flow.emulator.origin ? "same-origin" : "cross-site" },
    body: new URLSearchParams(fields)
  })

describe("the inspector's pages", () => {
  it("is at start()'s inspectorUrl; every page is HTML that loads nothing from elsewhere and cannot be framed", async () => {
    expect(flow.emulator.inspectorUrl).toBe(`${flow.emulator.origin}/_inspector`)
    for (const path of ["/_inspector", "/_inspector/state", "/_inspector/callbacks", "/_inspector/controls", "/_inspector/rows"]) {
      const page = await get(path)
      expect(page.status, path).toBe(200)
      expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8")
      expect(page.headers.get("content-security-policy")).toMatch(/default-src 'none'; script-src 'self'.*frame-ancestors 'none'/)
      expect(page.headers.get("x-frame-options")).toBe("DENY")
      // no absolute URL is loaded: only the emulator's own style sheet and script
      expect(page.text).not.toMatch(/(src|href)="(https?:)?\/\//)
    }
    expect((await get("/_inspector/inspector.css")).headers.get("content-type")).toMatch(/^text\/css/)
    expect((await get("/_inspector/live.js")).text).toContain("/_inspector/rows")
  })

  it("lists requests newest first with time, verb, path, status, Flow code, duration, fault", async () => {
    await flow.admin("POST", "/faults", { endpoint: "list", fault: { type: "status", status: 503 }, times: 1 })
    await flow.get("list", {})
    await flow.post("create", { name: "A", email: "a@example.cl" }, { secretKey: "wrong" })
    const page = (await get("/_inspector")).text
    const rows = [...page.matchAll(/<tr><td data-label="#"><a href="\/_inspector\/requests\/(\d+)">/g)].map((m) => m[1])
    expect(rows).toEqual(["2", "1"])
    expect(page).toMatch(/<code>\/api\/customer\/create<\/code>.*401.*108.*ms.*invalid/s)
    expect(page).toMatch(/<td data-label="fault">status<\/td>/)
  })

  it("escapes whatever a request carried: no tag of a caller's reaches the page", async () => {
    const hostile = `<script>alert(1)</script>"><img src=x onerror=alert(2)>`
    await flow.post("create", { name: hostile, email: "a@example.cl", [`<b>${hostile}`]: "1" }, { secretKey: "wrong" })
    await flow.get(`list`, { filter: hostile })
    const pages = [await get("/_inspector"), await get("/_inspector/requests/1"), await get("/_inspector/requests/2")]
    for (const page of pages) {
      expect(page.text).not.toContain("<script>alert")
      expect(page.text).not.toContain("<img")
      expect(page.text).not.toContain("<b>")
    }
    expect(pages[1]!.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;")
  })

  it("a refused signature's page: findings, sorted params, the string-to-sign with the differing param marked, both signatures shortened", async () => {
    const answer = await flow.post("create", { name: "Ana Pérez", email: "ana@example.cl" }, {
      after: (signed) => ({ ...signed, email: "ana@example.cl " })
    })
    expect(answer.status).toBe(401)
    const page = (await get("/_inspector/requests/1")).text
    expect(page).toContain("Why it was refused: 108 Invalid Signature")
    expect(page).toContain(`<code id="differing-param">email</code>`)
    expect(page).toContain(`<pre class="sts" id="string-to-sign">apiKey${flow.emulator.apiKey}<mark>emailana@example.cl </mark>nameAna Pérez</pre>`)
    const check = flow.emulator.requests[0]!.signatureCheck!
    expect(page).toContain(`<code id="expected-signature">${check.expected}</code>`)
    expect(page).toContain(`<code id="received-signature">${check.received}</code>`)
    expect(check.received).toMatch(/^[0-9a-f]{8}…[0-9a-f]{8}$/)
  })

  it("never shows the secret key, and shortens s", async () => {
    await flow.post("create", { name: "A", email: "a@example.cl", secret: flow.emulator.secretKey })
    expect(flow.emulator.requests[0]!.signature).toBe("current")
    const s = flow.emulator.requests[0]!.params["s"]!
    await flow.post("create", { name: "A", email: "a@example.cl", secret: flow.emulator.secretKey }, { secretKey: "wrong" })
    for (const path of ["/_inspector/requests/1", "/_inspector/requests/2"]) {
      const page = (await get(path)).text
      expect(page).not.toContain(flow.emulator.secretKey)
      expect(page).toContain("the secret key (hidden)")
    }
    const page = (await get("/_inspector/requests/1")).text
    expect(page).not.toContain(s)
    expect(page).toContain(`${s.slice(0, 8)}…${s.slice(-8)}`)
  })

  it("filters by endpoint, by refused, and by a record's id (its requests); pages older requests", async () => {
    const customer = await flow.createCustomer()
    const customerId = str(customer["customerId"])
    await flow.get("get", { customerId })
    await flow.get("list", {})
    await flow.get("get", { customerId: "cus_other" })
    const seqs = async (query: string) =>
      [...(await get(`/_inspector/rows?${query}`)).text.matchAll(/data-label="#"><a href="\/_inspector\/requests\/(\d+)"/g)].map((m) => Number(m[1]))
    expect(await seqs(`ref=${customerId}`)).toEqual([2, 1])
    expect(await seqs("endpoint=customer/list")).toEqual([3])
    expect(await seqs("failed=1")).toEqual([4])
    expect(await seqs("before=3")).toEqual([2, 1])
    // the state page links each customer to those requests
    expect((await get("/_inspector/state")).text).toContain(`href="/_inspector?ref=${customerId}"`)
  })

  it("an unknown request number is a 404 page", async () => {
    expect((await get("/_inspector/requests/99")).status).toBe(404)
  })
})

describe("the inspector's forms", () => {
  it("approve a registration and pay a link: the admin API runs, then 303 back with what was done; the callbacks are listed", async () => {
    const customerId = str((await flow.createCustomer())["customerId"])
    const sink = `${flow.emulator.adminUrl}/sink`
    const token = str((await flow.post("register", { customerId, url_return: `${sink}/card` })).body["token"])
    expect((await get("/_inspector/state")).text).toContain(`action="/_admin/registrations/${token}?back=%2F_inspector%2Fstate%23registrations"`)

    const approved = await form(`/_admin/registrations/${token}?back=%2F_inspector%2Fstate%23registrations`, {
      brand: "Magna",
      last4: "0366",
      approve: "true"
    })
    expect(approved.status).toBe(303)
    expect(approved.headers.get("location")).toBe(`/_inspector/state?done=Registration+${token.slice(0, 8)}%E2%80%A6%3A+completed#registrations`)
    expect(flow.emulator.state.customers.get(customerId)!.card).toMatchObject({ brand: "Magna", last4: "0366" })

    await flow.post("unRegister", { customerId })
    const link = await flow.post("collect", flow.collectParams(customerId, "o-1", sink))
    const paid = await form(`/_admin/payments/${str(link.body["token"])}/pay?back=/_inspector/state`)
    expect(paid.status).toBe(303)
    expect(flow.emulator.state.payments[0]!.status).toBe(2)
    const state = await get(`/_inspector/state?done=Payment+paid`)
    expect(state.text).toContain(`<p class="notice ok" role="status">Payment paid</p>`)
    const callbacks = (await get("/_inspector/callbacks")).text
    expect(callbacks).toContain(`${sink}/card`)
    expect(callbacks).toContain("HTTP 200")
  })

  it("a refused action comes back with why; empty fields are absent; the POST forms of DELETE routes", async () => {
    const missing = await form("/_admin/faults?back=/_inspector/controls", { endpoint: "*", "fault.type": "status", "fault.status": "", times: "" })
    expect(missing.headers.get("location")).toMatch(/^\/_inspector\/controls\?refused=Refused\+%28400%29%3A\+fault\.status/)
    const added = await form("/_admin/faults?back=/_inspector/controls", { endpoint: "*", "fault.type": "reset", "fault.status": "", "fault.ms": "", times: "2", phase: "" })
    expect(added.status).toBe(303)
    expect(flow.emulator.faults.list()).toMatchObject([{ endpoint: "*", fault: { type: "reset" }, times: 2, phase: "before" }])
    expect((await get("/_inspector/controls")).text).toContain("reset, the next 2 (0 done), before processing")
    await form(`/_admin/faults/${flow.emulator.faults.list()[0]!.id}/delete?back=/_inspector/controls`)
    expect(flow.emulator.faults.list()).toEqual([])
    await form("/_admin/faults?back=/_inspector/controls", { endpoint: "list", "fault.type": "empty" })
    await form("/_admin/faults/clear?back=/_inspector/controls")
    expect(flow.emulator.faults.list()).toEqual([])
    await flow.get("list", {})
    await form("/_admin/requests/clear?back=/_inspector")
    expect(flow.emulator.requests).toEqual([])
    const clock = await form("/_admin/clock?back=/_inspector/controls", { advanceMs: "86400000", now: "" })
    expect(clock.headers.get("location")).toMatch(/done=Clock\+set/)
  })

  it("go through the admin API's protections: a foreign Origin or Host is refused, nothing changes", async () => {
    await flow.seedCustomer()
    const refused = await form("/_admin/reset?back=/_inspector", {}, "https://evil.example")
    expect(refused.status).toBe(403)
    expect(flow.emulator.state.customers.size).toBe(1)
    const rebound = await raw(flow.emulator.origin, "POST", "/_admin/reset?back=/_inspector", { host: "evil.example", "content-type": "application/x-www-form-urlencoded" }, "")
    expect(rebound.status).toBe(403)
    // the pages too: a cross-site read is refused
    expect((await raw(flow.emulator.origin, "GET", "/_inspector", { host: host(), origin: "https://evil.example" })).status).toBe(403)
    expect((await raw(flow.emulator.origin, "GET", "/_inspector/state", { host: host(), "sec-fetch-site": "cross-site" })).status).toBe(403)
    expect(flow.emulator.state.customers.size).toBe(1)
  })

  it("back must be an inspector page: anything else is answered as the admin API always does", async () => {
    for (const back of ["https://evil.example/", "//evil.example/_inspector", "/_admin/state", "/_inspector//evil.example"]) {
      const answer = await form(`/_admin/clock?back=${encodeURIComponent(back)}`, { advanceMs: "1" })
      expect(answer.status, back).toBe(200)
      expect(answer.headers.get("location")).toBeNull()
    }
  })
})
