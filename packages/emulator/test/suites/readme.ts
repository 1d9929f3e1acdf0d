/**
 * The README's emulator section says what the emulator does; this suite holds it to that: the worked
 * signing examples are signatures the emulator's own verifier accepts, and every curl command shown
 * (the signed calls and the admin API's) does what it says against a running emulator with the
 * default keys. (A suite: run from ../emulator.test.ts.)
 */
import { describe, expect, it } from "@effect/vitest"
import * as Redacted from "effect/Redacted"
import { execFileSync } from "node:child_process"
import { createHmac } from "node:crypto"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { authenticate } from "../../src/Signatures.js"
import { DEFAULT_API_KEY, DEFAULT_SECRET_KEY } from "../../src/index.js"
import { useEmulator } from "../support/emulator.js"

const README = readFileSync(fileURLToPath(new URL("../../../../README.md", import.meta.url)), "utf8")
const SECTION = README.slice(README.indexOf("## The emulator"), README.indexOf("## Development"))

const flow = useEmulator()

const match = (pattern: RegExp): string => {
  const found = SECTION.match(pattern)
  if (found?.[1] === undefined) throw new Error(`README's emulator section has no ${pattern}`)
  return found[1]
}

const rules = {
  apiKey: DEFAULT_API_KEY,
  secretKey: Redacted.make(DEFAULT_SECRET_KEY),
  verifySignatures: true,
  legacySignatures: false
}

/** The bash blocks of the section, one command per entry (continuations joined, comments dropped). */
const commands = (): ReadonlyArray<string> =>
  [...SECTION.matchAll(/```bash\n([\s\S]*?)```/g)].flatMap((block) =>
    block[1]!.replace(/\\\n\s*/g, " ").split("\n").map((line) => line.replace(/\s+#.*$/, "").trim()).filter(Boolean)
  )

/** Splits a command into words as a shell would (single quotes only, which is all the README uses). */
const words = (command: string): ReadonlyArray<string> =>
  [...command.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]!)

/** Runs a README curl command with fetch against the test's emulator. */
const curl = async (command: string): Promise<Response> => {
  const args = words(command).slice(1)
  let url = ""
  let method: string | undefined
  const headers: Record<string, string> = {}
  const data: Array<string> = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === "-s") continue
    else if (arg === "-X") method = args[++i]
    else if (arg === "-H") {
      const [name, ...value] = args[++i]!.split(":")
      headers[name!.trim().toLowerCase()] = value.join(":").trim()
    } else if (arg === "-d") data.push(args[++i]!)
    else if (arg === "--data-urlencode") {
      const [name, ...value] = args[++i]!.split("=")
      data.push(`${name}=${encodeURIComponent(value.join("="))}`)
    } else if (arg.startsWith("http")) url = arg.replace("http://127.0.0.1:8080", flow.emulator.origin)
    else throw new Error(`the README's curl uses ${arg}, which this test does not know`)
  }
  if (data.length > 0) headers["content-type"] ??= "application/x-www-form-urlencoded"
  return fetch(url, {
    method: method ?? (data.length > 0 ? "POST" : "GET"),
    headers,
    ...(data.length > 0 ? { body: data.join("&") } : {})
  })
}

describe("README: signing, from any language", () => {
  it("the worked example's string and s are what the steps give, and the emulator's verifier accepts them", () => {
    const fields = Object.fromEntries(
      [...match(/(A worked example[\s\S]*?)```text/).matchAll(/`(\w+)=([^`]*)`/g)].map((m) => [m[1]!, m[2]!])
    )
    expect(fields).toEqual({ name: "Ana Pérez", email: "ana@example.cl", externalId: "user-42" })
    const params = { apiKey: DEFAULT_API_KEY, ...fields }
    const text = match(/string to sign: (.+)/)
    const s = match(/\ns: +([0-9a-f]{64})/)
    expect(text).toBe(Object.keys(params).sort().map((name) => name + params[name as keyof typeof params]).join(""))
    expect(createHmac("sha256", match(/secret key: +(\S+)/)).update(text, "utf8").digest("hex")).toBe(s)
    expect(authenticate({ ...params, s }, rules)).toEqual({ ok: true, scheme: "current" })
    expect(authenticate({ ...params, name: "Ana Perez", s }, rules).ok).toBe(false)
  })

  it("the GET example: its text and s", () => {
    const text = match(/the text `(apiKey[^`]+)`/)
    const s = match(/the text `apiKey[^`]+`, whose `s` is\s+`([0-9a-f]{64})`/)
    expect(text).toBe("apiKeyemulator-api-keylimit5")
    expect(authenticate({ apiKey: DEFAULT_API_KEY, limit: "5", s }, rules).ok).toBe(true)
  })

  it("the openssl line prints that s (where openssl is installed)", () => {
    const line = commands().find((c) => c.startsWith("printf"))!
    let printed: string
    try {
      printed = execFileSync("bash", ["-c", line], { encoding: "utf8" })
    } catch {
      return // no openssl or bash here: nothing to check
    }
    expect(printed).toContain(match(/whose `s` is\s+`([0-9a-f]{64})`/))
  })

  it("its signed curl calls are served: 200, signed as `current`", async () => {
    const signed = commands().filter((c) => c.startsWith("curl") && c.includes("/api/"))
    expect(signed).toHaveLength(2)
    for (const command of signed) {
      const response = await curl(command)
      expect(response.status, await response.clone().text()).toBe(200)
    }
    expect(flow.emulator.requests.map((r) => [r.endpoint, r.signature])).toEqual([
      ["customer/list", "current"],
      ["customer/create", "current"]
    ])
    expect([...flow.emulator.state.customers.values()].map((c) => c.name)).toEqual(["Ana Pérez"])
  })
})

describe("README: the admin API's curl examples", () => {
  it("each runs against the emulator and does what it says", async () => {
    const admin = commands().filter((c) => c.startsWith("curl") && c.includes("/_admin") && !c.includes("$"))
    expect(admin.length).toBeGreaterThanOrEqual(10)
    for (const command of admin) {
      const response = await curl(command)
      expect(response.status, `${command}\n${await response.clone().text()}`).toBeLessThan(300)
    }
    // the settings example changed the settings; the reset at the end cleared the seeded customer and the faults
    expect(flow.emulator.settings).toMatchObject({ answerForm: "php", batchPaceMs: 0 })
    expect(flow.emulator.state.customers.size).toBe(0)
    expect(flow.emulator.faults.list()).toEqual([])
  })

  it("the examples with a $TOKEN finish a registration and pay a link", async () => {
    const [finish, pay] = ["/registrations/", "/payments/"].map((route) => commands().find((c) => c.includes(route))!)
    const customerId = await flow.seedCustomer({ card: false })
    const registration = await flow.post("register", { customerId, url_return: `${flow.emulator.adminUrl}/sink` })
    const token = String(registration.body["token"])
    expect((await curl(finish!.replace("$TOKEN", token))).status).toBe(200)
    expect((await flow.get("get", { customerId })).body["last4CardDigits"]).toBe("0366")

    await flow.post("unRegister", { customerId })
    const link = await flow.post("collect", flow.collectParams(customerId, "o-readme", `${flow.emulator.adminUrl}/sink`))
    expect((await curl(pay!.replace("$TOKEN", String(link.body["token"])))).status).toBe(200)
    expect((await flow.get("payment/getStatusByCommerceId", { commerceId: "o-readme" })).body["status"]).toBe(2)
  })
})
