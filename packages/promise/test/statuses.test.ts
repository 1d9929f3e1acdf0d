/**
 * The named status constants (`FlowPaymentStatus.Paid`, …) against what the emulator writes: each
 * constant equals the status an answer carries in that state, comparisons narrow as bare numbers did,
 * and the Promise package exports the very objects of `@flowcl/core`.
 */
import * as Core from "@flowcl/core"
import { EmulatorClient, type RunningEmulator, start } from "@flowcl/emulator"
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "@effect/vitest"
import Flow, {
  FlowBatchRowStatus,
  FlowBatchStatus,
  FlowCardRegistrationStatus,
  FlowCollectStatus,
  FlowCollectType,
  FlowCustomerStatus,
  type FlowPayment,
  FlowPaymentStatus,
  FlowReverseChargeStatus,
  FlowSubscriptionStatus
} from "@flowcl/promise"

let emulator: RunningEmulator
let flow: Flow
let admin: EmulatorClient

beforeAll(async () => {
  emulator = await start({ batchPaceMs: 2 })
  flow = new Flow(emulator.apiKey, emulator.secretKey, "sandbox", { baseUrl: emulator.url })
  admin = new EmulatorClient(emulator)
})
afterAll(async () => {
  await flow.close()
  await emulator.close()
})

let n = 0
const unique = (label: string) => `${label}-${Date.now()}-${++n}`
const charge = (customerId: string, amount: number) =>
  flow.customers.card.charge({ customerId, amount, subject: "Cuota", commerceOrder: unique("order") })

describe("status constants", () => {
  it("are @flowcl/core's constants, with Flow's codes", () => {
    // equal, not the same objects: the published bundle carries its own copy of core
    expect(FlowPaymentStatus).toStrictEqual(Core.FlowPaymentStatus)
    expect(FlowSubscriptionStatus).toStrictEqual(Core.FlowSubscriptionStatus)
    expect(FlowPaymentStatus).toStrictEqual({ Pending: 1, Paid: 2, Rejected: 3, Cancelled: 4 })
    expect(FlowSubscriptionStatus).toStrictEqual({ NotStarted: 0, Active: 1, Trial: 2, Cancelled: 4 })
    expect(FlowCollectType).toStrictEqual({ CardCharge: 1, PaymentLink: 2, EmailCharge: 3 })
  })

  it("a paid charge, a declined one, a pending link and a cancelled one carry the payment statuses", async () => {
    const { customerId } = await admin.seedCustomer({ card: true })
    expect((await charge(customerId, 2_500)).status).toBe(FlowPaymentStatus.Paid)
    expect((await charge(customerId, 9006)).status).toBe(FlowPaymentStatus.Rejected) // a magic amount
    const commerceOrder = unique("link")
    const link = await flow.customers.card.sendCharge({
      customerId,
      commerceOrder,
      subject: "Cuota",
      amount: 3_000,
      urlConfirmation: "http://127.0.0.1:9/confirm",
      urlReturn: "http://127.0.0.1:9/return",
      ignore_auto_charging: 1
    })
    expect(link.type).toBe(FlowCollectType.PaymentLink)
    expect(link.status).toBe(FlowCollectStatus.Issued)
    expect((await flow.payments.getStatusByFlowOrder(link.flowOrder)).status).toBe(FlowPaymentStatus.Pending)
    // paying the order by card cancels the pending link (an order is paid once)
    await flow.customers.card.charge({ customerId, amount: 3_000, subject: "Cuota", commerceOrder })
    expect((await flow.payments.getStatusByFlowOrder(link.flowOrder)).status).toBe(FlowPaymentStatus.Cancelled)
  })

  it("customers, card registrations, reversals, batches and subscriptions", async () => {
    const customer = await flow.customers.create({ name: "Ana", email: "ana@example.cl", externalId: unique("x") })
    expect(customer.status).toBe(FlowCustomerStatus.Active)
    const registration = await flow.customers.card.register({
      customerId: customer.customerId,
      url_return: "http://127.0.0.1:9/registered"
    })
    expect((await flow.customers.card.status(registration.token)).status).toBe(FlowCardRegistrationStatus.NotRegistered)
    await admin.approveRegistration(registration.token)
    expect((await flow.customers.card.status(registration.token)).status).toBe(FlowCardRegistrationStatus.Registered)

    const paid = await charge(customer.customerId, 4_000)
    const reversal = await flow.customers.card.reverseCharge({ flowOrder: paid.flowOrder })
    expect(reversal.status).toBe(FlowReverseChargeStatus.Reversed)

    const batch = await flow.customers.card.sendMassiveCharge({
      urlCallBack: "http://127.0.0.1:9/batch",
      urlConfirmation: "http://127.0.0.1:9/confirm",
      urlReturn: "http://127.0.0.1:9/return",
      batchRows: [{ customerId: customer.customerId, commerceOrder: unique("row"), subject: "Cuota", amount: 3_000 }]
    })
    const done = await flow.customers.card.massiveChargeStatus.untilProcessed(batch.token, { interval: 5 })
    expect(done.status).toBe(FlowBatchStatus.Processed)
    expect(done.collectRows[0]!.status).toBe(FlowBatchRowStatus.Collected)
    expect(done.collectRows[0]!.type).toBe(FlowCollectType.CardCharge)

    await admin.seed({ subscriptions: [{ customerId: customer.customerId, planId: "mensual" }] })
    const subscriptions = await flow.customers.card.subscriptions.list({ customerId: customer.customerId })
    expect(Object.values(FlowSubscriptionStatus)).toContain(subscriptions.data[0]!.status)

    const leaving = await flow.customers.create({ name: "Bea", email: "bea@example.cl", externalId: unique("y") })
    expect((await flow.customers.delete(leaving.customerId)).status).toBe(FlowCustomerStatus.Deleted)
  })

  it("comparisons narrow as the bare numbers do, and a status Flow adds later stays possible", () => {
    const label = (payment: FlowPayment): string => {
      switch (payment.status) {
        case FlowPaymentStatus.Pending:
          return "pending"
        case FlowPaymentStatus.Paid:
          return "paid"
        case FlowPaymentStatus.Rejected:
          return "rejected"
        case FlowPaymentStatus.Cancelled:
          return "cancelled"
        default:
          // only a status this version does not know is left
          expectTypeOf(payment.status).toEqualTypeOf<Core.Wire.Unrecognized<number>>()
          return `status ${payment.status}`
      }
    }
    expectTypeOf(FlowPaymentStatus.Paid).toEqualTypeOf<2>()
    expectTypeOf<FlowPaymentStatus>().toEqualTypeOf<FlowPayment["status"]>()
    expect(label({ status: 2 } as FlowPayment)).toBe("paid")
    expect(label({ status: 7 } as FlowPayment)).toBe("status 7")
  })
})
