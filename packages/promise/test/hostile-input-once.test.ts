/**
 * Input is read once, through the Promise API: what is validated is what is sent, whatever a getter,
 * a Proxy or a `toJSON` answers later; a getter that throws rejects with the operation's class, cause
 * FlowValidationError naming the field, and nothing is sent. Base URLs that would leak credentials,
 * downgrade production to plain http or mangle operation paths are refused by `new Flow`.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { inspect } from "node:util"
import { type LoopbackServer, startLoopbackServer } from "../../core/test/support/LoopbackServer.js"
import { Flow, type FlowError, FlowValidationError } from "@flowcl/promise"
import { flowOver, rejection, settle } from "./support/harness.js"

let server: LoopbackServer
let flow: Flow
beforeAll(async () => {
  server = await startLoopbackServer()
  flow = flowOver("undici", server.baseUrl)
})
afterAll(async () => {
  await flow.close()
  await server.close()
})
beforeEach(() => {
  server.reset()
  server.handle((req, res) => {
    const answer = req.url?.includes("batchCollect")
      ? { token: "B1", receivedRows: 2, acceptedRows: 2 }
      : { flowOrder: 3567899, commerceOrder: "o-1", status: 2, amount: 9990 }
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer))
  })
})

const chargeInput = { customerId: "cus_onoolldvec", amount: 9990, subject: "Plan mensual", commerceOrder: "o-1" }
const row = { customerId: "cus_onoolldvec", commerceOrder: "r-1", subject: "Cuota", amount: 3000 }
const batchInput = (batchRows: unknown): never =>
  ({
    urlCallBack: "https://shop.example.cl/batch",
    urlConfirmation: "https://shop.example.cl/confirm",
    urlReturn: "https://shop.example.cl/return",
    batchRows
  }) as never

const throwing = <T extends object>(base: T, key: string) =>
  Object.defineProperty({ ...base }, key, {
    enumerable: true,
    get: () => {
      throw new Error("boom")
    }
  })

/** The rejection of `call`: the operation's class, cause FlowValidationError, nothing sent. */
const refused = async (call: () => PromiseLike<unknown>, errorName: string): Promise<FlowError> => {
  const error = rejection(await settle(call()), errorName)
  expect(error.cause).toBeInstanceOf(FlowValidationError)
  expect(error.field).toBe((error.cause as FlowValidationError).field)
  expect(server.requests).toHaveLength(0)
  return error
}

/** The params of the one request sent, without apiKey and the signature. */
const sentParams = () => {
  expect(server.requests).toHaveLength(1)
  const { apiKey: _, s: __, ...params } = server.requests[0]!.params
  return params
}

describe("a getter or a Proxy that throws: the operation's error naming the field, nothing sent", () => {
  it("inside optionals", async () => {
    const error = await refused(
      () => flow.customers.card.charge({ ...chargeInput, optionals: throwing({ ID: "1" }, "RUT") } as never),
      "FlowChargeCardError"
    )
    expect(error.field).toBe("optionals.RUT")
  })

  it("a batch row's optional", async () => {
    const rows = [row, throwing({ ...row, commerceOrder: "r-2" }, "optional")]
    const error = await refused(() => flow.customers.card.sendMassiveCharge(batchInput(rows)), "FlowSendMassiveChargeCardError")
    expect(error.field).toBe("batchRows[1].optional")
  })

  it("the whole input, a Proxy whose get trap throws", async () => {
    const input = new Proxy({ ...chargeInput }, {
      get: (target, key) => {
        if (key === "subject") throw new RangeError("trap")
        return Reflect.get(target, key)
      }
    })
    const error = await refused(() => flow.customers.card.charge(input), "FlowChargeCardError")
    expect(error.field).toBe("subject")
  })
})

describe("what is sent is what was validated", () => {
  it("a getter answering 9990, then -1: 9990 is sent, read once", async () => {
    let reads = 0
    const input = Object.defineProperty({ ...chargeInput }, "amount", { enumerable: true, get: () => (reads++ === 0 ? 9990 : -1) })
    await flow.customers.card.charge(input)
    expect(reads).toBe(1)
    expect(sentParams()).toStrictEqual({ customerId: "cus_onoolldvec", amount: "9990", subject: "Plan mensual", commerceOrder: "o-1" })
  })

  it("a Proxy answering valid values, then invalid ones: the valid ones are sent, each read once", async () => {
    const reads = new Map<PropertyKey, number>()
    const input = new Proxy({ ...chargeInput }, {
      get: (target, key) => {
        reads.set(key, (reads.get(key) ?? 0) + 1)
        const value = Reflect.get(target, key)
        return reads.get(key) === 1 || typeof key === "symbol" ? value : typeof value === "number" ? -1 : ""
      }
    })
    await flow.customers.card.charge(input)
    expect(sentParams()).toStrictEqual({ customerId: "cus_onoolldvec", amount: "9990", subject: "Plan mensual", commerceOrder: "o-1" })
    for (const key of Object.keys(chargeInput)) expect(reads.get(key)).toBe(1)
  })

  it("optionals with a hidden toJSON answering something else: the validated values are sent", async () => {
    const optionals = Object.defineProperty({ RUT: "7025521-9" }, "toJSON", { value: () => ({ RUT: "evil" }) })
    await flow.customers.card.charge({ ...chargeInput, optionals })
    expect(sentParams()["optionals"]).toBe("{\"RUT\":\"7025521-9\"}")
  })

  it("optionals with an own toJSON function: refused, nothing sent", async () => {
    const optionals = { RUT: "7025521-9", toJSON: () => ({ RUT: "evil" }) }
    const error = await refused(() => flow.customers.card.charge({ ...chargeInput, optionals } as never), "FlowChargeCardError")
    expect(error.field).toBe("optionals")
  })

  it("batch rows: a shifting amount and a hidden toJSON on a row's optional", async () => {
    let reads = 0
    const first = Object.defineProperty({ ...row }, "amount", { enumerable: true, get: () => (reads++ === 0 ? 3000 : -5) })
    const optional = Object.defineProperty({ plan: "mensual" }, "toJSON", { value: () => ({ plan: "evil" }) })
    await flow.customers.card.sendMassiveCharge(batchInput([first, { ...row, commerceOrder: "r-2", optional }]))
    expect(reads).toBe(1)
    expect(JSON.parse(sentParams()["batchRows"]!)).toStrictEqual([
      row,
      { ...row, commerceOrder: "r-2", optional: "{\"plan\":\"mensual\"}" }
    ])
  })

  it("cyclic optionals: refused, nothing sent", async () => {
    const optionals: Record<string, unknown> = { RUT: "7025521-9" }
    optionals["self"] = optionals
    const error = await refused(() => flow.customers.card.charge({ ...chargeInput, optionals } as never), "FlowChargeCardError")
    expect(error.field?.startsWith("optionals.self")).toBe(true)
  })
})

describe("base URLs", () => {
  const thrownBy = (make: () => unknown): FlowValidationError => {
    try {
      make()
    } catch (error) {
      expect(error).toBeInstanceOf(FlowValidationError)
      return error as FlowValidationError
    }
    throw new Error("new Flow accepted it")
  }

  it.each(["https://user:hunter2@flow.test/api", "https://:hunter2@flow.test/api", "http://hunter2@127.0.0.1:8080/api"])(
    "%s is refused, and the error never shows the password",
    (baseUrl) => {
      const error = thrownBy(() => new Flow("K", "S", "sandbox", { baseUrl }))
      expect(error.field).toBe("baseUrl")
      for (const text of [error.message, error.stack, String(error), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })]) {
        expect(text).not.toContain("hunter2")
      }
    }
  )

  it("production refuses plain http", () => {
    expect(thrownBy(() => new Flow("K", "S", "production", { baseUrl: "http://www.flow.cl/api" })).field).toBe("baseUrl")
    expect(new Flow("K", "S", "production", { baseUrl: "https://proxy.example.cl/api" }).baseUrl).toBe("https://proxy.example.cl/api")
  })

  it.each(["https://flow.test/api?x=1", "https://flow.test/api#f"])("%s (a query or a fragment) is refused", (baseUrl) => {
    expect(thrownBy(() => new Flow("K", "S", "sandbox", { baseUrl })).field).toBe("baseUrl")
  })

  it("an emulator's http://127.0.0.1:8080/api is accepted in sandbox", () => {
    expect(new Flow("K", "S", "sandbox", { baseUrl: "http://127.0.0.1:8080/api" }).baseUrl).toBe("http://127.0.0.1:8080/api")
  })
})
