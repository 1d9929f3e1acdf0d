/**
 * Input is read once (PlainInput.ts): what is validated is what is signed and sent, whatever a getter,
 * a Proxy or a `toJSON` answers later; a getter that throws is a FlowValidationError naming the field,
 * and nothing is sent. Base URLs that would leak credentials, downgrade production to plain http or
 * mangle operation paths are refused, without echoing a password.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Cause from "effect/Cause"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import { inspect } from "node:util"
import {
  FlowConfig,
  type FlowConfigOptions,
  FlowCustomers,
  type FlowOperationError,
  RegistrationCallback
} from "../src/index.js"
import { paymentSpec } from "./support/fixtures.js"
import { json, makeTestCustomers } from "./support/RecordingHttpClient.js"

const chargeInput = { customerId: "cus_onoolldvec", amount: 9990, subject: "Plan mensual", commerceOrder: "o-1" }
const row = { customerId: "cus_onoolldvec", commerceOrder: "r-1", subject: "Cuota", amount: 3000 }
const batchInput = (batchRows: unknown) => ({
  urlCallBack: "https://shop.example.cl/batch",
  urlConfirmation: "https://shop.example.cl/confirm",
  urlReturn: "https://shop.example.cl/return",
  batchRows
})
const batchAnswer = { token: "B1", receivedRows: 2, acceptedRows: 2, rejectedRows: [] }

/** Runs `call` over the recording double answering `answer`: the outcome and the params sent. */
const run = async (
  call: (customers: FlowCustomers) => Effect.Effect<unknown, FlowOperationError>,
  answer: unknown = paymentSpec
) => {
  const { layer, requests } = makeTestCustomers(() => json(answer))
  const result = await Effect.runPromise(Effect.flatMap(FlowCustomers, call).pipe(Effect.either, Effect.provide(layer)))
  return { result, requests }
}

/** The validation failure of `call`, checking that nothing was sent. */
const refused = async (call: (customers: FlowCustomers) => Effect.Effect<unknown, FlowOperationError>, errorTag: string) => {
  const { requests, result } = await run(call)
  if (Either.isRight(result)) throw new Error(`expected a failure, got ${JSON.stringify(result.right)}`)
  expect(result.left._tag).toBe(errorTag)
  expect(result.left.reason._tag).toBe("FlowValidationError")
  expect(requests).toHaveLength(0)
  return result.left.reason as { readonly field: string; readonly message: string }
}

/** An object whose `key` getter answers `first` on the first read and `later` after; counts reads. */
const shifty = <T extends object>(base: T, key: string, first: unknown, later: unknown) => {
  const reads = { count: 0 }
  const object = { ...base }
  Object.defineProperty(object, key, {
    enumerable: true,
    get: () => (reads.count++ === 0 ? first : later)
  })
  return { object, reads }
}

const throwing = <T extends object>(base: T, key: string) =>
  Object.defineProperty({ ...base }, key, {
    enumerable: true,
    get: () => {
      throw new Error("boom")
    }
  })

describe("a getter or a Proxy that throws: FlowValidationError naming the field, nothing sent", () => {
  it("inside optionals", async () => {
    const optionals = throwing({ ID: "1" }, "RUT")
    const reason = await refused((c) => c.card.charge({ ...chargeInput, optionals } as never), "FlowChargeCardError")
    expect(reason.field).toBe("optionals.RUT")
    expect(reason.message).toContain("boom")
  })

  it("a batch row's optional", async () => {
    const rows = [row, throwing({ ...row, commerceOrder: "r-2" }, "optional")]
    const reason = await refused((c) => c.card.sendMassiveCharge(batchInput(rows) as never), "FlowSendMassiveChargeCardError")
    expect(reason.field).toBe("batchRows[1].optional")
  })

  it("a Proxy row whose get trap throws for amount", async () => {
    const proxy = new Proxy({ ...row }, {
      get: (target, key) => {
        if (key === "amount") throw new Error("trap")
        return Reflect.get(target, key)
      }
    })
    const reason = await refused((c) => c.card.sendMassiveCharge(batchInput([proxy]) as never), "FlowSendMassiveChargeCardError")
    expect(reason.field).toBe("batchRows[0].amount")
  })

  it("a Proxy optionals whose ownKeys trap throws", async () => {
    const optionals = new Proxy({}, {
      ownKeys: () => {
        throw new Error("trap")
      }
    })
    const reason = await refused((c) => c.card.charge({ ...chargeInput, optionals } as never), "FlowChargeCardError")
    expect(reason.field).toBe("optionals")
  })
})

describe("what is sent is what was validated", () => {
  it("a getter answering 9990, then -1: 9990 is sent, read once", async () => {
    const { object, reads } = shifty(chargeInput, "amount", 9990, -1)
    const { requests, result } = await run((c) => c.card.charge(object))
    expect(Either.isRight(result)).toBe(true)
    expect(reads.count).toBe(1)
    expect(requests[0]!.params).toMatchObject({ amount: "9990", commerceOrder: "o-1" })
  })

  it("a Proxy input answering valid values, then invalid ones: the valid ones are sent", async () => {
    const seen = new Map<PropertyKey, number>()
    const proxy = new Proxy({ ...chargeInput }, {
      get: (target, key) => {
        const count = (seen.get(key) ?? 0) + 1
        seen.set(key, count)
        const value = Reflect.get(target, key)
        return count === 1 || typeof key === "symbol" ? value : typeof value === "number" ? -1 : " \u0000"
      }
    })
    const { requests, result } = await run((c) => c.card.charge(proxy))
    expect(Either.isRight(result)).toBe(true)
    const { apiKey: _, s: __, ...sent } = requests[0]!.params
    expect(sent).toStrictEqual({ customerId: "cus_onoolldvec", amount: "9990", subject: "Plan mensual", commerceOrder: "o-1" })
    for (const key of Object.keys(chargeInput)) expect(seen.get(key)).toBe(1)
  })

  it("optionals whose getter answers an object, then broken JSON text: the object is sent", async () => {
    const { object, reads } = shifty(chargeInput, "optionals", { RUT: "7025521-9" }, "{broken")
    const { requests } = await run((c) => c.card.charge(object as never))
    expect(reads.count).toBe(1)
    expect(requests[0]!.params["optionals"]).toBe("{\"RUT\":\"7025521-9\"}")
  })

  it("optionals with a hidden toJSON answering something else: the validated values are sent", async () => {
    const optionals = Object.defineProperty({ RUT: "7025521-9" }, "toJSON", { value: () => ({ RUT: "evil", amount: -1 }) })
    const { requests } = await run((c) => c.card.charge({ ...chargeInput, optionals }))
    expect(requests[0]!.params["optionals"]).toBe("{\"RUT\":\"7025521-9\"}")
  })

  it("optionals with an own toJSON function: refused, nothing sent", async () => {
    const optionals = { RUT: "7025521-9", toJSON: () => ({ RUT: "evil" }) }
    const reason = await refused((c) => c.card.charge({ ...chargeInput, optionals } as never), "FlowChargeCardError")
    expect(reason.field).toBe("optionals")
  })

  it("optionals as a class instance with toJSON: refused, nothing sent", async () => {
    class Optionals {
      RUT = "7025521-9"
      toJSON() {
        return { RUT: "evil" }
      }
    }
    const reason = await refused((c) => c.card.charge({ ...chargeInput, optionals: new Optionals() } as never), "FlowChargeCardError")
    expect(reason.field).toBe("optionals")
  })

  it("batch rows: a shifting amount, a hidden toJSON on a row and on its optional", async () => {
    const { object: first, reads } = shifty(row, "amount", 3000, -5)
    const optional = Object.defineProperty({ plan: "mensual" }, "toJSON", { value: () => ({ plan: "evil" }) })
    const second = Object.defineProperty({ ...row, commerceOrder: "r-2", optional }, "toJSON", {
      value: () => ({ ...row, commerceOrder: "r-2", amount: -5 })
    })
    const { requests, result } = await run((c) => c.card.sendMassiveCharge(batchInput([first, second]) as never), batchAnswer)
    expect(Either.isRight(result)).toBe(true)
    expect(reads.count).toBe(1)
    expect(JSON.parse(requests[0]!.params["batchRows"]!)).toStrictEqual([
      { customerId: "cus_onoolldvec", commerceOrder: "r-1", subject: "Cuota", amount: 3000 },
      { customerId: "cus_onoolldvec", commerceOrder: "r-2", subject: "Cuota", amount: 3000, optional: "{\"plan\":\"mensual\"}" }
    ])
  })

  it("cyclic optionals: refused, nothing sent", async () => {
    const optionals: Record<string, unknown> = { RUT: "7025521-9" }
    optionals["self"] = optionals
    const reason = await refused((c) => c.card.charge({ ...chargeInput, optionals } as never), "FlowChargeCardError")
    expect(reason.field.startsWith("optionals.self")).toBe(true)
  })

  it("batchRows holding itself: refused, nothing sent", async () => {
    const rows: Array<unknown> = [row]
    rows.push(rows)
    const reason = await refused((c) => c.card.sendMassiveCharge(batchInput(rows) as never), "FlowSendMassiveChargeCardError")
    expect(reason.field.startsWith("batchRows[1]")).toBe(true)
  })
})

describe("the registration callback given something that is not a Request", () => {
  it.each([["null", null], ["an object", {}]])("%s: FlowRegisterCardStatusError, FlowValidationError, nothing sent", async (_title, request) => {
    const { layer, requests } = makeTestCustomers(() => json({ status: 1, customerId: "cus_onoolldvec" }))
    const exit = await Effect.runPromiseExit(RegistrationCallback.fromRequest(request as never).pipe(Effect.provide(layer)))
    if (Exit.isSuccess(exit)) throw new Error("accepted")
    const failure = Cause.failureOption(exit.cause)
    if (failure._tag === "None") throw new Error(`a defect, not the operation's error: ${Cause.pretty(exit.cause)}`)
    expect(failure.value._tag).toBe("FlowRegisterCardStatusError")
    expect(failure.value.reason._tag).toBe("FlowValidationError")
    expect(requests).toHaveLength(0)
  })
})

describe("base URLs", () => {
  const make = (options: Partial<FlowConfigOptions>) =>
    Effect.runSync(Effect.either(FlowConfig.make({ apiKey: "K", secretKey: "S", ...options })))

  const refusedBaseUrl = (options: Partial<FlowConfigOptions>) => {
    const result = make(options)
    if (Either.isRight(result)) throw new Error(`accepted ${options.baseUrl}`)
    expect(result.left).toMatchObject({ _tag: "FlowValidationError", field: "baseUrl" })
    return result.left
  }

  it.each([
    "https://user:hunter2@flow.test/api",
    "https://:hunter2@flow.test/api",
    "https://hunter2@flow.test/api",
    "http://user:hunter2@127.0.0.1:8080/api"
  ])("%s is refused, and the error never shows the password", (baseUrl) => {
    const error = refusedBaseUrl({ baseUrl })
    for (const text of [error.message, String(error), JSON.stringify(error), inspect(error, { depth: 10, showHidden: true })]) {
      expect(text).not.toContain("hunter2")
    }
  })

  it("from FLOW_BASE_URL too: the ConfigError never shows the password", () => {
    const result = Effect.runSync(
      FlowConfig.pipe(
        Effect.provide(FlowConfig.layerConfig()),
        Effect.withConfigProvider(ConfigProvider.fromMap(
          new Map([["FLOW_API_KEY", "K"], ["FLOW_SECRET_KEY", "S"], ["FLOW_BASE_URL", "https://u:hunter2@flow.test/api"]])
        )),
        Effect.either
      )
    )
    if (Either.isRight(result)) throw new Error("accepted")
    expect(String(result.left)).toContain("FLOW_BASE_URL")
    expect(String(result.left)).not.toContain("hunter2")
  })

  it("production refuses plain http, and takes https", () => {
    refusedBaseUrl({ environment: "production", baseUrl: "http://www.flow.cl/api" })
    expect(make({ environment: "production", baseUrl: "https://proxy.example.cl/flow/api" })).toMatchObject({
      _tag: "Right",
      right: { baseUrl: "https://proxy.example.cl/flow/api" }
    })
  })

  it.each(["https://flow.test/api?x=1", "https://flow.test/api#f", "https://flow.test/api?", "https://flow.test/api/#"])(
    "%s (a query or a fragment) is refused",
    (baseUrl) => {
      refusedBaseUrl({ baseUrl })
    }
  )

  it("an emulator's http://127.0.0.1:8080/api is accepted in sandbox", () => {
    expect(make({ baseUrl: "http://127.0.0.1:8080/api/" })).toMatchObject({
      _tag: "Right",
      right: { baseUrl: "http://127.0.0.1:8080/api", environment: "sandbox" }
    })
  })
})
