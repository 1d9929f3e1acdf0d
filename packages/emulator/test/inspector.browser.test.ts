/**
 * The inspector in a real browser: Debian's Chromium (/usr/bin/chromium, installed by .ci/run when
 * absent; never a browser downloaded at install time), driven by playwright-core. A request with a
 * wrong signature is found on the page with the string-to-sign the emulator expected and the param
 * that differs; a registration is approved and a link paid from the page; the list updates live;
 * everything but the live updates works with JavaScript off; and the page is readable at desktop
 * and phone widths, whose screenshots it writes (to packages/emulator/docs with FLOWCL_SCREENSHOTS=1,
 * which the README shows; to a temporary folder otherwise).
 *
 * Without Chromium the suite is skipped, except in CI (CI=true), where it must run.
 */
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { signParams } from "@flowcl/core"
import * as Redacted from "effect/Redacted"
import { existsSync, mkdirSync, mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core"
import { EmulatorClient, type RunningEmulator, start } from "../src/index.js"

const CHROMIUM = process.env["FLOWCL_CHROMIUM"] ?? "/usr/bin/chromium"
const REQUIRED = process.env["CI"] === "true" || process.env["CI"] === "1"
const SCREENSHOTS = process.env["FLOWCL_SCREENSHOTS"] === "1"
  ? fileURLToPath(new URL("../docs", import.meta.url))
  : mkdtempSync(join(tmpdir(), "flowcl-inspector-"))

/** The flags this machine's Chromium needs (its network is closed: nothing in the background). */
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync"
]

describe.skipIf(!existsSync(CHROMIUM) && !REQUIRED)("the inspector in Chromium", () => {
  let emulator: RunningEmulator
  let browser: Browser
  let admin: EmulatorClient
  const contexts: Array<BrowserContext> = []

  /** A new page in a fresh context (its own cookies and cache), `width` pixels wide. */
  const open = async (options: { readonly width?: number; readonly height?: number; readonly javaScript?: boolean; readonly mobile?: boolean } = {}): Promise<Page> => {
    const context = await browser.newContext({
      viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
      javaScriptEnabled: options.javaScript ?? true,
      deviceScaleFactor: options.mobile ? 2 : 1,
      isMobile: options.mobile ?? false,
      hasTouch: options.mobile ?? false
    })
    contexts.push(context)
    return context.newPage()
  }

  const key = () => Redacted.make(emulator.secretKey)

  /** A client's create, signed over `signed` but sending `sent`. */
  const createSignedOver = (sent: Record<string, string>, signed: Record<string, string>) =>
    fetch(`${emulator.url}/customer/create`, {
      method: "POST",
      body: new URLSearchParams({ ...sent, s: signParams(signed, key())["s"]! })
    })

  beforeAll(async () => {
    emulator = await start({ batchPaceMs: 5 })
    admin = new EmulatorClient(emulator)
    // headless; Playwright starts each launch with a fresh, empty profile (--user-data-dir of its own)
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS })
  }, 60_000)

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {})
    await browser?.close()
    await emulator?.close()
  })

  it("a wrong signature: the list shows it refused; its page shows the string-to-sign expected and the differing param", async () => {
    const good = signParams({ apiKey: emulator.apiKey, name: "Ana Pérez", email: "ana@example.cl", externalId: "user-42" }, key())
    expect((await fetch(`${emulator.url}/customer/create`, { method: "POST", body: new URLSearchParams(good) })).status).toBe(200)
    // the client signed the name form-encoded (`+` for its space), and sent it as it is
    const sent = { apiKey: emulator.apiKey, name: "Beto Soto", email: "beto@example.cl", externalId: "user-43" }
    expect((await createSignedOver(sent, { ...sent, name: "Beto+Soto" })).status).toBe(401)
    const seq = emulator.requests.at(-1)!.seq

    const page = await open()
    await page.goto(emulator.inspectorUrl)
    const row = page.locator("#request-rows tr").first()
    await expect.poll(() => row.innerText()).toMatch(/POST\s+\/api\/customer\/create\s+401\s+108/)
    await row.getByRole("link", { name: String(seq), exact: true }).click()
    await page.waitForURL(`**/_inspector/requests/${seq}`)

    const expected = `apiKey${emulator.apiKey}emailbeto@example.clexternalIduser-43nameBeto Soto`
    expect(await page.locator("#string-to-sign").innerText()).toBe(expected)
    expect(await page.locator("#string-to-sign mark").innerText()).toBe("nameBeto Soto")
    expect(await page.locator("#differing-param").innerText()).toBe("name")
    expect(await page.getByText("your signature was made over").innerText()).toContain("Beto+Soto")
    expect(await page.locator(".findings li").first().innerText()).toMatch(/matches if name were "Beto\+Soto"/)
    expect(await page.locator("#expected-signature").innerText()).toMatch(/^[0-9a-f]{8}…[0-9a-f]{8}$/)
    expect(await page.locator("#received-signature").innerText()).toMatch(/^[0-9a-f]{8}…[0-9a-f]{8}$/)
    expect(await page.content()).not.toContain(emulator.secretKey)
  }, 30_000)

  it("approves a pending registration and pays a pending link from the state page", async () => {
    const { customerId } = await admin.seedCustomer({ name: "Carla Card" })
    const sink = `${emulator.adminUrl}/sink`
    const registration = signParams({ apiKey: emulator.apiKey, customerId, url_return: `${sink}/card` }, key())
    const token = (await (await fetch(`${emulator.url}/customer/register`, { method: "POST", body: new URLSearchParams(registration) })).json() as { token: string }).token

    const page = await open()
    await page.goto(`${emulator.inspectorUrl}/state`)
    const pending = page.locator(`#registration-${token}`)
    await pending.locator("select[name=brand]").selectOption("Mastercard")
    await pending.locator("input[name=last4]").fill("0366")
    await pending.getByRole("button", { name: "Approve" }).click()
    await page.waitForURL(/\/_inspector\/state\?done=/)
    expect(await page.locator(".notice.ok").innerText()).toMatch(/Registration .*: completed/)
    expect(emulator.state.customers.get(customerId)!.card).toMatchObject({ brand: "Mastercard", last4: "0366" })
    expect(await page.locator(`#customer-${customerId}`).innerText()).toContain("Mastercard ····0366")

    // a payment link: a collect without a card on file
    const noCard = await admin.seedCustomer({ name: "Diego Link", card: false })
    const collect = signParams({
      apiKey: emulator.apiKey,
      customerId: noCard.customerId,
      commerceOrder: "order-1001",
      subject: "Plan mensual",
      amount: "9990",
      urlConfirmation: `${sink}/confirm`,
      urlReturn: `${sink}/return`
    }, key())
    const link = await (await fetch(`${emulator.url}/customer/collect`, { method: "POST", body: new URLSearchParams(collect) })).json() as { flowOrder: number }
    await page.goto(`${emulator.inspectorUrl}/state`)
    await page.locator(`#payment-${link.flowOrder}`).getByRole("button", { name: "Pay" }).click()
    await page.waitForURL(/\/_inspector\/state\?done=/)
    expect(emulator.state.payments.find((p) => p.flowOrder === link.flowOrder)!.status).toBe(2)
    expect(await page.locator(`#payment-${link.flowOrder}`).innerText()).toContain("paid")

    // the callbacks the emulator made, with their outcome
    await page.getByRole("link", { name: "Callbacks" }).click()
    const callbacks = await page.locator("main table").innerText()
    expect(callbacks).toMatch(/card-registration\s+.*\/_admin\/sink\/card[\s\S]*HTTP 200/)
    expect(callbacks).toMatch(/payment-confirmation\s+.*\/_admin\/sink\/confirm/)
  }, 30_000)

  it("the request list is live: a new request appears without reloading", async () => {
    const page = await open()
    await page.goto(emulator.inspectorUrl)
    await expect.poll(() => page.locator("#live").isVisible()).toBe(true)
    const before = await page.locator("#request-rows tr").count()
    const list = signParams({ apiKey: emulator.apiKey, limit: "5" }, key())
    expect((await fetch(`${emulator.url}/customer/list?${new URLSearchParams(list)}`)).status).toBe(200)
    await expect.poll(() => page.locator("#request-rows tr").count(), { timeout: 5_000 }).toBe(before + 1)
    expect(await page.locator("#request-rows tr").first().innerText()).toMatch(/GET\s+\/api\/customer\/list\s+200/)
  }, 30_000)

  it("works with JavaScript off: filters, links, and the forms (a fault rule, the clock)", async () => {
    const page = await open({ javaScript: false })
    await page.goto(emulator.inspectorUrl)
    expect(await page.locator("#live").isVisible()).toBe(false)
    await page.locator("select[name=endpoint]").selectOption("customer/create")
    await page.getByRole("button", { name: "Filter" }).click()
    await page.waitForURL(/endpoint=customer%2Fcreate/)
    const rows = await page.locator("#request-rows tr").allInnerTexts()
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.filter((text) => !text.includes("/api/customer/create"))).toEqual([])

    await page.getByRole("link", { name: "Faults, clock, reset" }).click()
    const add = page.locator("form", { has: page.getByRole("button", { name: "Add fault rule" }) })
    await add.locator("input[name=endpoint]").fill("customer/charge")
    await add.locator("select[name='fault.type']").selectOption("status")
    await add.locator("input[name='fault.status']").fill("503")
    await add.locator("input[name=times]").fill("1")
    await add.getByRole("button", { name: "Add fault rule" }).click()
    await page.waitForURL(/done=Fault\+rule/)
    expect(emulator.faults.list()).toMatchObject([{ endpoint: "customer/charge", fault: { type: "status", status: 503 }, times: 1 }])

    const before = emulator.state.now()
    await page.locator("select[name=advanceMs]").selectOption({ label: "1 day" })
    await page.getByRole("button", { name: "Move the clock" }).click()
    await page.waitForURL(/done=Clock\+set/)
    expect(emulator.state.now() - before).toBeGreaterThanOrEqual(86_400_000)
    await page.getByRole("button", { name: "Clear all fault rules" }).click()
    await page.waitForURL(/done=Fault\+rules\+cleared/)
    expect(emulator.faults.list()).toEqual([])
  }, 30_000)

  it("is readable at desktop and phone widths (screenshots)", async () => {
    mkdirSync(SCREENSHOTS, { recursive: true })
    // a charge whose optionals were signed as Python's json.dumps writes them and sent compact, and a
    // fault on a status read: the list shows more than one kind of row
    const { customerId } = await admin.seedCustomer({ name: "Elena Cobro" })
    await admin.setFault({ endpoint: "payment/getStatus", fault: { type: "status", status: 503 }, times: 1 })
    const charge = { apiKey: emulator.apiKey, customerId, amount: "12000", subject: "Plan anual", commerceOrder: "order-2002" }
    const signed = signParams({ ...charge, optionals: "{\"plan\": \"anual\", \"seats\": 3}" }, key())
    await fetch(`${emulator.url}/customer/charge`, {
      method: "POST",
      body: new URLSearchParams({ ...charge, optionals: "{\"plan\":\"anual\",\"seats\":3}", s: signed["s"]! })
    })
    await fetch(`${emulator.url}/payment/getStatus?${new URLSearchParams(signParams({ apiKey: emulator.apiKey, token: "NOPE" }, key()))}`)
    const refused = emulator.requests.find((r) => r.endpoint === "customer/charge")!.seq

    const desktop = await open({ width: 1280, height: 720 })
    await desktop.goto(emulator.inspectorUrl)
    expect(await desktop.locator("#request-rows").innerText()).toMatch(/GET\s+\/api\/payment\/getStatus\s+503[\s\S]*status/)
    expect(await desktop.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280)
    await desktop.screenshot({ path: join(SCREENSHOTS, "inspector-desktop.png") })
    await desktop.goto(`${emulator.inspectorUrl}/requests/${refused}`)
    expect(await desktop.locator("#differing-param").innerText()).toBe("optionals")
    await desktop.screenshot({ path: join(SCREENSHOTS, "inspector-signature-desktop.png"), fullPage: true })

    const phone = await open({ width: 390, height: 844, mobile: true })
    // nothing wider than the phone on any page: the tables become cards, long values wrap
    for (const path of ["", "/state", "/callbacks", "/controls", `/requests/${refused}`]) {
      await phone.goto(`${emulator.inspectorUrl}${path}`)
      expect(await phone.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390)
    }
    await phone.locator("#signature").evaluate((section) => section.scrollIntoView())
    await phone.screenshot({ path: join(SCREENSHOTS, "inspector-phone.png") })
  }, 30_000)
})
