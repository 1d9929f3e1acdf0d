/**
 * Param checks: every required param of every endpoint (docs/flow-api.md "Endpoints") missing is 400 code 100 naming
 * it; a malformed param is 400 code 101 naming it. Both come before any state change.
 * (A suite: run from ../emulator.test.ts.)
 */
import { describe, expect, it } from "@effect/vitest"
import { expectError, type Method, str, useEmulator } from "../support/emulator.js"

const flow = useEmulator()

const URLS = { urlConfirmation: "https://m.cl/confirm", urlReturn: "https://m.cl/return" }

/** A complete, valid set of params per endpoint (for a customer that exists, without a card). */
const complete = (customerId: string): Record<string, Record<string, string>> => ({
  create: { name: "Ana", email: "ana@example.cl", externalId: "e-1" },
  edit: { customerId },
  delete: { customerId },
  get: { customerId },
  list: {},
  register: { customerId, url_return: "https://m.cl/registered" },
  getRegisterStatus: { token: "A".repeat(40) },
  unRegister: { customerId },
  charge: { customerId, amount: "1000", subject: "Plan", commerceOrder: "o-charge" },
  collect: { customerId, commerceOrder: "o-collect", subject: "Plan", amount: "1000", ...URLS },
  batchCollect: {
    urlCallBack: "https://m.cl/batch",
    ...URLS,
    batchRows: JSON.stringify([{ customerId, commerceOrder: "o-row", subject: "Plan", amount: 1000 }])
  },
  getBatchCollectStatus: { token: "B".repeat(40) },
  reverseCharge: { commerceOrder: "o-none" },
  getCharges: { customerId },
  getChargeAttemps: { customerId },
  getSubscriptions: { customerId }
})

const VERB: Record<string, Method> = {
  create: "POST",
  edit: "POST",
  delete: "POST",
  get: "GET",
  list: "GET",
  register: "POST",
  getRegisterStatus: "GET",
  unRegister: "POST",
  charge: "POST",
  collect: "POST",
  batchCollect: "POST",
  getBatchCollectStatus: "GET",
  reverseCharge: "POST",
  getCharges: "GET",
  getChargeAttemps: "GET",
  getSubscriptions: "GET"
}

/** The required params of each operation (besides apiKey and s). */
const REQUIRED: ReadonlyArray<readonly [string, ReadonlyArray<string>]> = [
  ["create", ["name", "email", "externalId"]],
  ["edit", ["customerId"]],
  ["delete", ["customerId"]],
  ["get", ["customerId"]],
  ["register", ["customerId", "url_return"]],
  ["getRegisterStatus", ["token"]],
  ["unRegister", ["customerId"]],
  ["charge", ["customerId", "amount", "subject", "commerceOrder"]],
  ["collect", ["customerId", "commerceOrder", "subject", "amount", "urlConfirmation", "urlReturn"]],
  ["batchCollect", ["urlCallBack", "urlConfirmation", "urlReturn", "batchRows"]],
  ["getBatchCollectStatus", ["token"]],
  ["getCharges", ["customerId"]],
  ["getChargeAttemps", ["customerId"]],
  ["getSubscriptions", ["customerId"]]
]

const cases = REQUIRED.flatMap(([endpoint, names]) => names.map((name) => [endpoint, name] as const))

const newCustomer = async () => str((await flow.createCustomer())["customerId"])

describe("missing required params", () => {
  it.each(REQUIRED.map(([endpoint]) => endpoint))("customer/%s: the complete set passes the param checks", async (endpoint) => {
    const answer = await flow.call(VERB[endpoint]!, endpoint, complete(await newCustomer())[endpoint]!)
    // 200, or a business error (401) for the made-up tokens / the card-less customer: never a 400
    expect(answer.status, answer.text).not.toBe(400)
  })

  it.each(cases)("customer/%s without %s is 400 code 100 naming it", async (endpoint, name) => {
    const { [name]: _dropped, ...rest } = complete(await newCustomer())[endpoint]!
    const answer = await flow.call(VERB[endpoint]!, endpoint, rest)
    expectError(answer, 400, 100, `Missing required param: ${name}`)
  })

  it.each(cases)("customer/%s with an empty %s counts as missing", async (endpoint, name) => {
    const answer = await flow.call(VERB[endpoint]!, endpoint, { ...complete(await newCustomer())[endpoint]!, [name]: "" })
    expectError(answer, 400, 100, `Missing required param: ${name}`)
  })

  it("customer/reverseCharge without commerceOrder and flowOrder is 400 code 100 naming both", async () => {
    const answer = await flow.post("reverseCharge", {})
    expectError(answer, 400, 100, /commerceOrder.*flowOrder/)
  })

  it("a missing param changes nothing", async () => {
    await flow.post("create", { name: "Ana", email: "ana@example.cl" })
    expect(flow.emulator.state.customers.size).toBe(0)
  })
})

type Malformed = readonly [endpoint: string, param: string, value: string]

const MALFORMED: ReadonlyArray<Malformed> = [
  ["list", "limit", "abc"],
  ["list", "limit", "101"],
  ["list", "limit", "0"],
  ["list", "limit", "1.5"],
  ["list", "start", "-1"],
  ["list", "start", "x"],
  ["list", "status", "2"],
  ["create", "email", "not-an-email"],
  ["edit", "email", "still not an email"],
  ["register", "url_return", "not a url"],
  ["register", "url_return", "ftp://m.cl/file"],
  ["register", "url_return", "/relative/path"],
  ["charge", "amount", "abc"],
  ["charge", "amount", "-5"],
  ["charge", "amount", "0"],
  ["charge", "amount", "1e3"],
  ["charge", "amount", "1,000"],
  ["charge", "currency", "USD"],
  ["charge", "optionals", "{not json"],
  ["collect", "amount", "abc"],
  ["collect", "urlConfirmation", "nope"],
  ["collect", "urlReturn", "mailto:a@b.cl"],
  ["collect", "currency", "USD"],
  ["collect", "byEmail", "2"],
  ["collect", "ignore_auto_charging", "yes"],
  ["collect", "paymentMethod", "abc"],
  ["collect", "forward_days_after", "x"],
  ["collect", "forward_times", "-1"],
  ["collect", "timeout", "0"],
  ["collect", "optionals", "rut=1"],
  ["batchCollect", "batchRows", "not json"],
  ["batchCollect", "batchRows", "{\"customerId\":\"cus_x\",\"amount\":1000}"],
  ["batchCollect", "batchRows", "\"[]\""],
  ["batchCollect", "urlCallBack", "callback"],
  ["batchCollect", "byEmail", "2"],
  ["getCharges", "fromDate", "2024/01/01"],
  ["getCharges", "fromDate", "2024-1-1"],
  ["getCharges", "status", "5"],
  ["getCharges", "limit", "101"],
  ["getChargeAttemps", "fromDate", "01-01-2024"],
  ["getSubscriptions", "limit", "abc"],
  ["reverseCharge", "flowOrder", "abc"]
]

describe("malformed params", () => {
  it.each(MALFORMED)("customer/%s with %s=%j is 400 code 101 naming it", async (endpoint, param, value) => {
    const answer = await flow.call(VERB[endpoint]!, endpoint, { ...complete(await newCustomer())[endpoint]!, [param]: value })
    expectError(answer, 400, 101, param)
  })

  it("the boundaries are accepted: limit 1 and 100, start 0, status 0 and 1", async () => {
    for (const params of [{ limit: "1" }, { limit: "100" }, { start: "0" }, { status: "0" }, { status: "1" }]) {
      expect((await flow.get("list", params)).status).toBe(200)
    }
  })

  it("a malformed charge reserves nothing: the same commerceOrder works once fixed", async () => {
    const customerId = await flow.seedCustomer()
    expectError(await flow.charge(customerId, 1000, "o-1", { currency: "USD" }), 400, 101, "currency")
    expectError(await flow.charge(customerId, 1000, "o-1", { optionals: "{" }), 400, 101, "optionals")
    expect((await flow.charge(customerId, 1000, "o-1")).status).toBe(200)
  })

  it("a malformed batch reserves none of its rows' commerceOrders", async () => {
    const customerId = await flow.seedCustomer()
    const params = complete(customerId)["batchCollect"]!
    expectError(await flow.post("batchCollect", { ...params, byEmail: "7" }), 400, 101, "byEmail")
    expect(flow.emulator.state.batches.size).toBe(0)
    expect((await flow.charge(customerId, 1000, "o-row")).status).toBe(200)
  })
})
