/**
 * Bad input: each operation fails with its own error, reason FlowValidationError naming the field,
 * and nothing is sent.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { FlowCustomers } from "../src/FlowCustomers.js"
import type { FlowOperationError } from "../src/FlowErrors.js"
import { json, makeTestCustomers } from "./support/RecordingHttpClient.js"

type Customers = FlowCustomers

interface InvalidCase {
  readonly title: string
  readonly errorTag: FlowOperationError["_tag"]
  readonly call: (c: Customers) => Effect.Effect<unknown, FlowOperationError>
  /** The field the error must name. */
  readonly field: string
  /** Text the message must contain. */
  readonly says?: string
}

// Inputs a plain-JavaScript caller could pass; the casts stand for "no compiler to stop it".
const bad = <A>(value: unknown): A => value as A

const charge = {
  customerId: "cus_onoolldvec",
  amount: 1000,
  subject: "Cuota",
  commerceOrder: "o-1"
}
const collect = {
  ...charge,
  urlConfirmation: "https://shop.cl/confirm",
  urlReturn: "https://shop.cl/return"
}
const batch = {
  urlCallBack: "https://shop.cl/cb",
  urlConfirmation: "https://shop.cl/confirm",
  urlReturn: "https://shop.cl/return",
  batchRows: [charge]
}

const cases: ReadonlyArray<InvalidCase> = [
  { title: "create: a number for a name", errorTag: "FlowCreateCustomerError", field: "name", says: "string",
    call: (c) => c.create(bad({ name: 42, email: "a@b.cl", externalId: "1" })) },
  { title: "create: a missing email", errorTag: "FlowCreateCustomerError", field: "email", says: "missing",
    call: (c) => c.create(bad({ name: "Ana", externalId: "1" })) },
  { title: "create: a malformed email", errorTag: "FlowCreateCustomerError", field: "email", says: "email",
    call: (c) => c.create({ name: "Ana", email: "ana at b.cl", externalId: "1" }) },
  { title: "create: a blank externalId", errorTag: "FlowCreateCustomerError", field: "externalId", says: "non-empty",
    call: (c) => c.create({ name: "Ana", email: "ana@b.cl", externalId: "   " }) },
  { title: "create: a misspelled field", errorTag: "FlowCreateCustomerError", field: "externalID", says: "unexpected",
    call: (c) => c.create(bad({ name: "Ana", email: "ana@b.cl", externalId: "1", externalID: "1" })) },
  { title: "create: a control character", errorTag: "FlowCreateCustomerError", field: "name", says: "control",
    call: (c) => c.create({ name: "Ana\u0000", email: "ana@b.cl", externalId: "1" }) },
  { title: "create: a huge name", errorTag: "FlowCreateCustomerError", field: "name", says: "at most 255",
    call: (c) => c.create({ name: "a".repeat(256), email: "ana@b.cl", externalId: "1" }) },
  { title: "create: no input at all", errorTag: "FlowCreateCustomerError", field: "", says: "Expected",
    call: (c) => c.create(bad(undefined)) },
  { title: "edit: nothing to change", errorTag: "FlowEditCustomerError", field: "name", says: "at least one",
    call: (c) => c.edit({ customerId: "cus_onoolldvec" }) },
  { title: "edit: a missing customerId", errorTag: "FlowEditCustomerError", field: "customerId", says: "missing",
    call: (c) => c.edit(bad({ name: "Ana" })) },
  { title: "delete: an empty customerId", errorTag: "FlowDeleteCustomerError", field: "customerId",
    call: (c) => c.delete("") },
  { title: "get: a number for customerId", errorTag: "FlowGetCustomerError", field: "customerId", says: "string",
    call: (c) => c.get(bad(42)) },
  { title: "list: a limit over 100", errorTag: "FlowGetCustomerListError", field: "limit", says: "100",
    call: (c) => c.list({ limit: 101 }) },
  { title: "list: a negative start", errorTag: "FlowGetCustomerListError", field: "start",
    call: (c) => c.list({ start: -1 }) },
  { title: "list: an unknown status", errorTag: "FlowGetCustomerListError", field: "status",
    call: (c) => c.list(bad({ status: 2 })) },
  { title: "card.register: a relative url_return", errorTag: "FlowRegisterCardError", field: "url_return", says: "URL",
    call: (c) => c.card.register({ customerId: "cus_onoolldvec", url_return: "/flow/return" }) },
  { title: "card.register: an ftp url_return", errorTag: "FlowRegisterCardError", field: "url_return", says: "http",
    call: (c) => c.card.register({ customerId: "cus_onoolldvec", url_return: "ftp://shop.cl/r" }) },
  { title: "card.status: an empty token", errorTag: "FlowRegisterCardStatusError", field: "token",
    call: (c) => c.card.status("") },
  { title: "card.delete: a missing customerId", errorTag: "FlowDeleteCardError", field: "customerId",
    call: (c) => c.card.delete(bad(undefined)) },
  { title: "card.charge: a negative amount", errorTag: "FlowChargeCardError", field: "amount", says: "positive",
    call: (c) => c.card.charge({ ...charge, amount: -5 }) },
  { title: "card.charge: a zero amount", errorTag: "FlowChargeCardError", field: "amount", says: "positive",
    call: (c) => c.card.charge({ ...charge, amount: 0 }) },
  { title: "card.charge: decimals in CLP", errorTag: "FlowChargeCardError", field: "amount", says: "whole pesos",
    call: (c) => c.card.charge({ ...charge, amount: 10.5 }) },
  { title: "card.charge: NaN", errorTag: "FlowChargeCardError", field: "amount", says: "finite",
    call: (c) => c.card.charge({ ...charge, amount: Number.NaN }) },
  { title: "card.charge: Infinity", errorTag: "FlowChargeCardError", field: "amount", says: "finite",
    call: (c) => c.card.charge({ ...charge, amount: Number.POSITIVE_INFINITY }) },
  { title: "card.charge: an amount as text", errorTag: "FlowChargeCardError", field: "amount", says: "number",
    call: (c) => c.card.charge(bad({ ...charge, amount: "1000" })) },
  { title: "card.charge: a missing commerceOrder", errorTag: "FlowChargeCardError", field: "commerceOrder",
    call: (c) => c.card.charge(bad({ ...charge, commerceOrder: undefined })) },
  { title: "card.charge: optionals that are not JSON", errorTag: "FlowChargeCardError", field: "optionals",
    says: "JSON", call: (c) => c.card.charge({ ...charge, optionals: "rut=1" }) },
  { title: "card.charge: optionals as a JSON array", errorTag: "FlowChargeCardError", field: "optionals",
    says: "JSON", call: (c) => c.card.charge({ ...charge, optionals: "[1,2]" }) },
  { title: "card.charge: a lowercase currency", errorTag: "FlowChargeCardError", field: "currency",
    call: (c) => c.card.charge({ ...charge, currency: "clp" }) },
  { title: "card.sendCharge: an unknown payment method", errorTag: "FlowSendChargeCardError", field: "paymentMethod",
    call: (c) => c.card.sendCharge(bad({ ...collect, paymentMethod: "visa" })) },
  { title: "card.sendCharge: byEmail 2", errorTag: "FlowSendChargeCardError", field: "byEmail",
    call: (c) => c.card.sendCharge(bad({ ...collect, byEmail: 2 })) },
  { title: "card.sendCharge: a bad urlConfirmation", errorTag: "FlowSendChargeCardError", field: "urlConfirmation",
    call: (c) => c.card.sendCharge({ ...collect, urlConfirmation: "shop.cl/confirm" }) },
  { title: "card.sendCharge: a zero timeout", errorTag: "FlowSendChargeCardError", field: "timeout",
    call: (c) => c.card.sendCharge({ ...collect, timeout: 0 }) },
  { title: "card.sendCharge: fractional forward_times", errorTag: "FlowSendChargeCardError", field: "forward_times",
    call: (c) => c.card.sendCharge({ ...collect, forward_times: 1.5 }) },
  { title: "card.sendMassiveCharge: empty batchRows", errorTag: "FlowSendMassiveChargeCardError",
    field: "batchRows", says: "non-empty", call: (c) => c.card.sendMassiveCharge(bad({ ...batch, batchRows: [] })) },
  { title: "card.sendMassiveCharge: a bad amount in row 2", errorTag: "FlowSendMassiveChargeCardError",
    field: "batchRows[1].amount", says: "positive",
    call: (c) => c.card.sendMassiveCharge({ ...batch, batchRows: [charge, { ...charge, amount: -1 }] }) },
  { title: "card.sendMassiveCharge: batchRows as an object", errorTag: "FlowSendMassiveChargeCardError",
    field: "batchRows", call: (c) => c.card.sendMassiveCharge(bad({ ...batch, batchRows: { 0: charge } })) },
  { title: "card.sendMassiveCharge: a row's optional not JSON", errorTag: "FlowSendMassiveChargeCardError",
    field: "batchRows[0].optional",
    call: (c) => c.card.sendMassiveCharge({ ...batch, batchRows: [{ ...charge, optional: "{" }] }) },
  { title: "card.massiveChargeStatus: a blank token", errorTag: "FlowMassiveChargeCardStatusError", field: "token",
    call: (c) => c.card.massiveChargeStatus(" ") },
  { title: "card.reverseCharge: neither order", errorTag: "FlowReverseChargeCardError", field: "commerceOrder",
    says: "commerceOrder or flowOrder", call: (c) => c.card.reverseCharge({}) },
  { title: "card.reverseCharge: both orders", errorTag: "FlowReverseChargeCardError", field: "flowOrder",
    says: "not both", call: (c) => c.card.reverseCharge({ commerceOrder: "o-1", flowOrder: 1 }) },
  { title: "card.reverseCharge: a fractional flowOrder", errorTag: "FlowReverseChargeCardError", field: "flowOrder",
    call: (c) => c.card.reverseCharge({ flowOrder: 1.5 }) },
  { title: "card.listCharges: an impossible fromDate", errorTag: "FlowListChargesCardError", field: "fromDate",
    says: "calendar", call: (c) => c.card.listCharges({ customerId: "cus_onoolldvec", fromDate: "2023-02-29" }) },
  { title: "card.listCharges: a date in another format", errorTag: "FlowListChargesCardError", field: "fromDate",
    says: "yyyy-mm-dd", call: (c) => c.card.listCharges({ customerId: "cus_onoolldvec", fromDate: "01-02-2024" }) },
  { title: "card.listCharges: an unknown status", errorTag: "FlowListChargesCardError", field: "status",
    call: (c) => c.card.listCharges(bad({ customerId: "cus_onoolldvec", status: 5 })) },
  { title: "card.listFailedCharges: a missing customerId", errorTag: "FlowListFailedChargesCardError",
    field: "customerId", call: (c) => c.card.listFailedCharges(bad({})) },
  { title: "card.subscriptions.list: a zero limit", errorTag: "FlowListPaginatedSubscriptionsError", field: "limit",
    call: (c) => c.card.subscriptions.list({ customerId: "cus_onoolldvec", limit: 0 }) }
]

describe("bad input", () => {
  it.effect.each(cases)("$title → $errorTag naming $field, nothing sent", (testCase) =>
    Effect.gen(function*() {
      const { layer, requests } = makeTestCustomers(() => json({}))
      const result = yield* Effect.flatMap(FlowCustomers, testCase.call).pipe(Effect.either, Effect.provide(layer))
      if (Either.isRight(result)) throw new Error("expected a validation failure")
      const error = result.left
      expect(error._tag).toBe(testCase.errorTag)
      const reason = error.reason
      if (reason._tag !== "FlowValidationError") throw new Error(`unexpected reason ${reason._tag}`)
      expect(reason.field).toBe(testCase.field)
      if (testCase.field !== "") expect(reason.message).toContain(testCase.field)
      if (testCase.says !== undefined) expect(reason.message).toContain(testCase.says)
      expect(error.message).toContain(reason.message)
      expect(requests).toHaveLength(0)
    }))

  it.effect("amounts with decimals are accepted in UF and sent as given", () =>
    Effect.gen(function*() {
      const { layer, requests } = makeTestCustomers(() =>
        json({ flowOrder: 1, commerceOrder: "o-1", status: 1, amount: 1.25 })
      )
      yield* Effect.flatMap(FlowCustomers, (c) => c.card.charge({ ...charge, amount: 1.25, currency: "UF" })).pipe(
        Effect.provide(layer)
      )
      expect(requests[0]!.params["amount"]).toBe("1.25")
      expect(requests[0]!.params["currency"]).toBe("UF")
    }))

  it.effect("an optional param left undefined is not sent", () =>
    Effect.gen(function*() {
      const { layer, requests } = makeTestCustomers(() => json({ total: 0, hasMore: 0, data: [] }))
      yield* Effect.flatMap(FlowCustomers, (c) =>
        c.card.listCharges({ customerId: "cus_onoolldvec", filter: undefined, start: undefined })).pipe(
          Effect.provide(layer)
        )
      expect(requests[0]!.paramNames.slice().sort()).toStrictEqual(["apiKey", "customerId", "s"])
    }))
})
