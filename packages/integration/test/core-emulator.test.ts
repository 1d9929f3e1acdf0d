/**
 * The core's integration suite: all 16 operations of FlowCustomers against @flowcl/emulator over loopback HTTP,
 * in each of the emulator's answer forms (`spec`, what Flow's spec and sandbox-run suites show, and the
 * two stress forms `alternative` and `php`), including whole flows:
 * create → register card → complete → charge → list charges → reverse; collect without a card → link;
 * batch → callback → status; failed charge → listFailedCharges; a paid order resent → refused (1605).
 */
import { ANSWER_FORMS, FlowEmulator, MagicAmounts } from "@flowcl/emulator"
import { describe, expect, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { FlowConfig, FlowCustomers, signParams } from "@flowcl/core"
import { CallbackReceiver, EmulatorHarness, finishCardRegistration, payLink } from "./support/EmulatorHarness.js"

let sequence = 0
/** A commerceOrder never used before in this run (a paid one cannot be charged again, at Flow or here). */
const order = (label: string) => `${label}-${Date.now()}-${++sequence}`

const newCustomer = (name = "Ana Pérez") =>
  Effect.flatMap(FlowCustomers, (c) =>
    c.create({ name, email: `ana.${++sequence}@example.cl`, externalId: `ext-${sequence}` }))

/** A customer with a registered card, through the real registration flow. */
const customerWithCard = (card: { readonly brand?: string; readonly last4?: string } = {}) =>
  Effect.gen(function*() {
    const customers = yield* FlowCustomers
    const receiver = yield* CallbackReceiver
    const customer = yield* newCustomer()
    const path = `/card-${customer.customerId}`
    const registration = yield* customers.card.register({
      customerId: customer.customerId,
      url_return: `${receiver.url}${path}`
    })
    expect(yield* finishCardRegistration(registration.url, registration.token, card)).toBe(200)
    const callback = yield* receiver.waitFor(path)
    expect(callback.token).toBe(registration.token)
    return { customer, registration }
  })

describe.each(ANSWER_FORMS)("FlowCustomers against the emulator (%s answers)", (answerForm) => {
  layer(EmulatorHarness({ answerForm }), { excludeTestServices: true, timeout: "30 seconds" })((it) => {
    it.effect("create, get, edit (only the fields sent), list with filter and paging, delete", () =>
      Effect.gen(function*() {
        const customers = yield* FlowCustomers
        const created = yield* customers.create({ name: "Zoila Integración", email: "zoila@example.cl", externalId: "z-1" })
        expect(created.customerId).toMatch(/^cus_[a-z0-9]{10}$/)
        expect(created.status).toBe(1)
        expect(created.created).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)

        const edited = yield* customers.edit({ customerId: created.customerId, email: "zoila.nueva@example.cl" })
        expect(edited).toMatchObject({ name: "Zoila Integración", email: "zoila.nueva@example.cl", externalId: "z-1" })
        expect(yield* customers.get(created.customerId)).toStrictEqual(edited)

        for (let i = 0; i < 3; i++) yield* newCustomer(`Zoila Página ${i}`)
        const first = yield* customers.list({ filter: "zoila", limit: 3 })
        expect(first.total).toBe(4)
        expect(first.hasMore).toBe(true)
        expect(first.data).toHaveLength(3)
        const second = yield* customers.list({ filter: "zoila", limit: 3, start: 3 })
        expect(second.hasMore).toBe(false)
        expect(second.data.map((c) => c.customerId)).not.toContain(first.data[0]!.customerId)

        const deleted = yield* customers.delete(created.customerId)
        expect(deleted.status).toBe(0)
        const active = yield* customers.list({ filter: "zoila", status: 1, limit: 100 })
        expect(active.data.map((c) => c.customerId)).not.toContain(created.customerId)
      }))

    it.effect("create → register card → complete → charge → list charges → reverse", () =>
      Effect.gen(function*() {
        const customers = yield* FlowCustomers
        const { customer, registration } = yield* customerWithCard({ brand: "Mastercard", last4: "0366" })
        expect(registration.redirectUrl).toBe(`${registration.url}?token=${registration.token}`)

        const status = yield* customers.card.status(registration.token)
        expect(status).toMatchObject({ status: 1, customerId: customer.customerId, creditCardType: "Mastercard" })
        expect(status.last4CardDigits).toBe("0366")
        const withCard = yield* customers.get(customer.customerId)
        expect(withCard).toMatchObject({ pay_mode: "auto", creditCardType: "Mastercard", last4CardDigits: "0366" })

        const commerceOrder = order("charge")
        const payment = yield* customers.card.charge({
          customerId: customer.customerId,
          amount: 12_990,
          subject: "Plan anual",
          commerceOrder,
          optionals: { rut: "9999999-9" }
        })
        expect(payment).toMatchObject({ commerceOrder, status: 2, amount: 12_990, currency: "CLP" })
        expect(payment.optional).toStrictEqual({ rut: "9999999-9" })
        expect(payment.paymentData?.fee).toBeGreaterThan(0)

        const charges = yield* customers.card.listCharges({ customerId: customer.customerId })
        expect(charges.total).toBe(1)
        expect(charges.data[0]).toMatchObject({ flowOrder: payment.flowOrder, status: 2 })

        const reversed = yield* customers.card.reverseCharge({ flowOrder: payment.flowOrder })
        expect(reversed.status).toBe(1)
        const again = yield* Effect.flip(customers.card.reverseCharge({ commerceOrder }))
        expect(again._tag).toBe("FlowReverseChargeCardError")
        expect(again.reason._tag).toBe("FlowAPIError")
        const after = yield* customers.card.listCharges({ customerId: customer.customerId, status: 4 })
        expect(after.data.map((p) => p.flowOrder)).toStrictEqual([payment.flowOrder])
      }))

    it.effect("a declined registration leaves no card; card.delete removes a card", () =>
      Effect.gen(function*() {
        const customers = yield* FlowCustomers
        const receiver = yield* CallbackReceiver
        const customer = yield* newCustomer()
        const registration = yield* customers.card.register({
          customerId: customer.customerId,
          url_return: `${receiver.url}/declined-${customer.customerId}`
        })
        expect((yield* customers.card.status(registration.token)).status).toBe(0)
        yield* finishCardRegistration(registration.url, registration.token, { action: "decline" })
        yield* receiver.waitFor(`/declined-${customer.customerId}`)
        expect((yield* customers.card.status(registration.token)).status).toBe(0)

        const { customer: carded } = yield* customerWithCard()
        const removed = yield* customers.card.delete(carded.customerId)
        expect(removed.pay_mode).toBe("manual")
        const refused = yield* Effect.flip(customers.card.charge({
          customerId: carded.customerId,
          amount: 1_000,
          subject: "sin tarjeta",
          commerceOrder: order("nocard")
        }))
        expect(refused._tag).toBe("FlowChargeCardError")
        expect(refused.statusCode).toBe(401)
        expect(refused.code).toBe(1003)
      }))

    it.effect("collect without a card → a payment link; paying it confirms to urlConfirmation", () =>
      Effect.gen(function*() {
        const customers = yield* FlowCustomers
        const receiver = yield* CallbackReceiver
        const customer = yield* newCustomer()
        const commerceOrder = order("link")
        const collect = yield* customers.card.sendCharge({
          customerId: customer.customerId,
          commerceOrder,
          subject: "Cuota de marzo",
          amount: 15_000,
          urlConfirmation: `${receiver.url}/confirm-${commerceOrder}`,
          urlReturn: `${receiver.url}/return`,
          paymentMethod: "flow"
        })
        expect(collect).toMatchObject({ type: 2, commerceOrder, status: 1 })
        expect(collect.url).toMatch(/\/app\/web\/pay\.php$/)
        expect(collect.token).toMatch(/^[A-Z0-9]{40}$/)
        // the php form writes a link's not-yet-made payment as PHP's empty array: it reads as absent
        if (answerForm === "php") expect(collect.paymentResult).toBeUndefined()
        else expect(collect.paymentResult?.status).toBe(1)

        expect(yield* payLink(collect.url!, collect.token!)).toBe(200)
        const confirmation = yield* receiver.waitFor(`/confirm-${commerceOrder}`)
        expect(confirmation.token).toBe(collect.token)
        const charges = yield* customers.card.listCharges({ customerId: customer.customerId })
        expect(charges.data[0]).toMatchObject({ commerceOrder, status: 2 })
      }))

    it.effect("collect with a card charges it (type 1); byEmail gives type 3", () =>
      Effect.gen(function*() {
        const customers = yield* FlowCustomers
        const { customer } = yield* customerWithCard()
        const base = {
          customerId: customer.customerId,
          subject: "Cuota",
          amount: 5_000,
          urlConfirmation: "http://127.0.0.1:9/confirm",
          urlReturn: "http://127.0.0.1:9/return"
        }
        const automatic = yield* customers.card.sendCharge({ ...base, commerceOrder: order("auto") })
        expect(automatic).toMatchObject({ type: 1, status: 1 })
        expect(automatic.paymentResult?.status).toBe(2)
        const email = yield* customers.card.sendCharge({ ...base, commerceOrder: order("email"), byEmail: true })
        expect(email.type).toBe(3)
        const link = yield* customers.card.sendCharge({ ...base, commerceOrder: order("ignore"), ignore_auto_charging: 1 })
        expect(link.type).toBe(2)
      }))

    it.effect("batch → callback → status: rows collected, linked, declined and rejected", () =>
      Effect.gen(function*() {
        const customers = yield* FlowCustomers
        const receiver = yield* CallbackReceiver
        const { customer: carded } = yield* customerWithCard()
        const plain = yield* newCustomer()
        const orders = [order("b-card"), order("b-link"), order("b-declined"), order("b-nobody")]
        const batch = yield* customers.card.sendMassiveCharge({
          urlCallBack: `${receiver.url}/batch-${orders[0]}`,
          urlConfirmation: `${receiver.url}/confirm`,
          urlReturn: `${receiver.url}/return`,
          batchRows: [
            { customerId: carded.customerId, commerceOrder: orders[0]!, subject: "Cuota", amount: 4_000 },
            { customerId: plain.customerId, commerceOrder: orders[1]!, subject: "Cuota", amount: 4_000, paymentMethod: 9 },
            { customerId: carded.customerId, commerceOrder: orders[2]!, subject: "Cuota", amount: 9006 },
            { customerId: "cus_doesnotexi", commerceOrder: orders[3]!, subject: "Cuota", amount: 4_000 }
          ]
        })
        expect(batch).toMatchObject({ receivedRows: 4, acceptedRows: 3 })
        expect(batch.rejectedRows).toStrictEqual([
          expect.objectContaining({ rowNumber: 4, errorCode: 103, parameter: "customerId", commerceOrder: orders[3] })
        ])

        const callback = yield* receiver.waitFor(`/batch-${orders[0]}`)
        expect(callback.token).toBe(batch.token)
        const status = yield* customers.card.massiveChargeStatus(batch.token)
        expect(status.status).toBe("processed")
        expect(status.processedDate).toMatch(/^\d{4}-\d{2}-\d{2} /)
        expect(status.collectRows.map((r) => [r.commerceOrder, r.status, r.type])).toStrictEqual([
          [orders[0], "collected", 1],
          [orders[1], "collected", 2],
          [orders[2], "uncollected", 1]
        ])
        expect(status.collectRows[2]!.errorCode).toBe(MagicAmounts[9006]!.code)
      }))

    it.effect("failed charge → listFailedCharges", () =>
      Effect.gen(function*() {
        const customers = yield* FlowCustomers
        const { customer } = yield* customerWithCard()
        const commerceOrder = order("declined")
        const payment = yield* customers.card.charge({
          customerId: customer.customerId,
          amount: 9008,
          subject: "Tarjeta vencida",
          commerceOrder
        })
        expect(payment.status).toBe(3)
        const failed = yield* customers.card.listFailedCharges({ customerId: customer.customerId })
        expect(failed.total).toBe(1)
        expect(failed.data[0]).toMatchObject({
          commerceOrder,
          amount: 9008,
          errorCode: MagicAmounts[9008]!.code,
          errorDescription: MagicAmounts[9008]!.description
        })
        const filtered = yield* customers.card.listFailedCharges({ customerId: customer.customerId, filter: "no existe" })
        expect(filtered.total).toBe(0)
      }))

    it.effect("subscriptions seeded through the admin API are listed", () =>
      Effect.gen(function*() {
        const customers = yield* FlowCustomers
        const emulator = yield* FlowEmulator
        const customer = yield* newCustomer()
        yield* Effect.promise(() =>
          fetch(`${emulator.adminUrl}/seed`, {
            method: "POST",
            body: JSON.stringify({
              subscriptions: [
                { customerId: customer.customerId, subscriptionId: "sus_integr0001", planId: "mensual", status: 1 },
                { customerId: customer.customerId, subscriptionId: "sus_integr0002", planId: "anual", status: 4 }
              ]
            })
          })
        )
        const page = yield* customers.card.subscriptions.list({ customerId: customer.customerId, limit: 1 })
        expect(page).toMatchObject({ total: 2, hasMore: true })
        expect(page.data[0]).toMatchObject({ subscriptionId: "sus_integr0001", planId: "mensual", status: 1 })
        const filtered = yield* customers.card.subscriptions.list({ customerId: customer.customerId, filter: "0002" })
        expect(filtered.data.map((s) => s.status)).toStrictEqual([4])
        // an active subscription blocks deleting the customer
        const refused = yield* Effect.flip(customers.delete(customer.customerId))
        expect(refused._tag).toBe("FlowDeleteCustomerError")
        expect(refused.code).toBe(1002)
      }))

    it.effect("a wrong secret key is a FlowAuthenticationError (code 108)", () =>
      Effect.gen(function*() {
        const emulator = yield* FlowEmulator
        const wrong = FlowCustomers.Default.pipe(
          Layer.provide(FlowConfig.layer({
            apiKey: emulator.apiKey,
            secretKey: Redacted.make("not-the-secret"),
            baseUrl: emulator.url
          })),
          Layer.provide(FetchHttpClient.layer),
          Layer.orDie
        )
        const error = yield* Effect.flip(Effect.flatMap(FlowCustomers, (c) => c.get("cus_whatever00")).pipe(
          Effect.provide(wrong)
        ))
        expect(error._tag).toBe("FlowGetCustomerError")
        expect(error.reason._tag).toBe("FlowAuthenticationError")
        expect(error.code).toBe(108)
      }))

    it.effect(`the emulator really answers in the ${answerForm} form`, () =>
      Effect.gen(function*() {
        const emulator = yield* FlowEmulator
        const customers = yield* FlowCustomers
        const { customer } = yield* customerWithCard()
        const payment = yield* customers.card.charge({ customerId: customer.customerId, amount: 12_000, subject: "Forma", commerceOrder: order("form") })
        const raw = (name: string, params: Record<string, string>) => {
          const query = new URLSearchParams(signParams({ apiKey: emulator.apiKey, ...params }, Redacted.make(emulator.secretKey)))
          return Effect.promise(() => fetch(`${emulator.url}/customer/${name}?${query}`).then((r) => r.json() as Promise<Record<string, unknown>>))
        }
        const list = yield* raw("getCharges", { customerId: customer.customerId, limit: "1" })
        const item = (typeof list["data"] === "string" ? JSON.parse(list["data"]) : list["data"])[0] as Record<string, unknown>
        const got = yield* raw("get", { customerId: customer.customerId })
        const shape = {
          data: typeof list["data"],
          total: typeof list["total"],
          hasMore: typeof list["hasMore"],
          status: item["status"],
          amount: item["amount"],
          pending_info: item["pending_info"],
          customerStatus: got["status"]
        }
        expect(shape).toStrictEqual(
          answerForm === "spec"
            ? { data: "object", total: "number", hasMore: "number", status: 2, amount: 12_000, pending_info: { media: "", date: "" }, customerStatus: "1" }
            : answerForm === "alternative"
            ? { data: "string", total: "string", hasMore: "boolean", status: "2", amount: "12000.00", pending_info: { media: null, date: null }, customerStatus: 1 }
            : { data: "object", total: "string", hasMore: "string", status: "2", amount: "12000.00", pending_info: [], customerStatus: "1" }
        )
        // whatever the form, the client read the same payment
        expect(payment).toMatchObject({ status: 2, amount: 12_000 })
        if (answerForm === "php") expect(got["cardNumber"]).toMatch(/\*{4} \d{4}$/)
      }))

    it.effect("a paid order sent again is refused with Flow's 1605; a declined one may be charged again", () =>
      Effect.gen(function*() {
        const customers = yield* FlowCustomers
        const { customer } = yield* customerWithCard()
        const paid = order("paid")
        yield* customers.card.charge({ customerId: customer.customerId, amount: 5_000, subject: "Cuota", commerceOrder: paid })
        const refused = yield* Effect.flip(
          customers.card.charge({ customerId: customer.customerId, amount: 5_000, subject: "Cuota", commerceOrder: paid })
        )
        expect(refused._tag).toBe("FlowChargeCardError")
        expect([refused.statusCode, refused.code]).toStrictEqual([401, 1605])
        expect(refused.reason._tag).toBe("FlowAPIError")

        const declined = order("declined-then-paid")
        const first = yield* customers.card.charge({ customerId: customer.customerId, amount: 9006, subject: "Cuota", commerceOrder: declined })
        expect(first.status).toBe(3)
        const second = yield* customers.card.charge({ customerId: customer.customerId, amount: 5_000, subject: "Cuota", commerceOrder: declined })
        expect(second.status).toBe(2)
        const failed = yield* customers.card.listFailedCharges({ customerId: customer.customerId })
        expect(failed.data.map((a) => a.errorCode)).toStrictEqual([1605, MagicAmounts[9006]!.code])

        const low = yield* Effect.flip(
          customers.card.charge({ customerId: customer.customerId, amount: 349, subject: "Poco", commerceOrder: order("low") })
        )
        expect([low.statusCode, low.reason._tag]).toStrictEqual([400, "FlowAPIError"])
        expect(low.message).toContain("The minimum amount is 350 CLP")
      }))

    it.effect("a batch row's optional is sent as JSON text and comes back on the row's payment", () =>
      Effect.gen(function*() {
        const customers = yield* FlowCustomers
        const emulator = yield* FlowEmulator
        const receiver = yield* CallbackReceiver
        const { customer } = yield* customerWithCard()
        const commerceOrder = order("b-optional")
        const batch = yield* customers.card.sendMassiveCharge({
          urlCallBack: `${receiver.url}/batch-${commerceOrder}`,
          urlConfirmation: `${receiver.url}/confirm`,
          urlReturn: `${receiver.url}/return`,
          batchRows: [{ customerId: customer.customerId, commerceOrder, subject: "Cuota", amount: 4_000, optional: { factura: "F-77" } }]
        })
        expect(batch).toMatchObject({ acceptedRows: 1, rejectedRows: [] })
        const sent = emulator.requests.filter((r) => r.endpoint === "customer/batchCollect").at(-1)!
        expect(JSON.parse(sent.params["batchRows"]!)[0].optional).toBe("{\"factura\":\"F-77\"}")
        yield* receiver.waitFor(`/batch-${commerceOrder}`)
        const charges = yield* customers.card.listCharges({ customerId: customer.customerId })
        expect(charges.data.find((c) => c.commerceOrder === commerceOrder)?.optional).toStrictEqual({ factura: "F-77" })
      }))

    it.effect("every operation was exercised over the wire", () =>
      Effect.gen(function*() {
        const emulator = yield* FlowEmulator
        // runs last in this block: the request log holds all the calls above
        const seen = new Set(emulator.requests.map((r) => r.endpoint))
        expect([...seen].sort()).toStrictEqual([
          "customer/batchCollect",
          "customer/charge",
          "customer/collect",
          "customer/create",
          "customer/delete",
          "customer/edit",
          "customer/get",
          "customer/getBatchCollectStatus",
          "customer/getChargeAttemps",
          "customer/getCharges",
          "customer/getRegisterStatus",
          "customer/getSubscriptions",
          "customer/list",
          "customer/register",
          "customer/reverseCharge",
          "customer/unRegister"
        ])
      }))
  })
})
