/**
 * The named status constants against the Schemas that decode Flow's answers: each constant is a value
 * its field decodes to (from a number or from text, as Flow writes both), the constants cover every
 * known value, and a status Flow adds later still decodes, equal to none of them.
 */
import { describe, expect, expectTypeOf, it } from "@effect/vitest"
import * as Schema from "effect/Schema"
import {
  BatchRowStatus,
  BatchStatus,
  CollectStatusCode,
  CollectTypeCode,
  CustomerStatusCode,
  FlowBatchRowStatus,
  FlowBatchStatus,
  FlowCardRegistrationStatus,
  FlowCollectStatus,
  FlowCollectType,
  FlowCustomerStatus,
  FlowPaymentStatus,
  FlowReverseChargeStatus,
  FlowSubscriptionStatus,
  type Payment,
  PaymentStatusCode,
  RegisterStatusCode,
  ReverseStatusCode,
  SubscriptionStatusCode,
  type Wire
} from "../src/index.js"

const cases = [
  ["FlowPaymentStatus", FlowPaymentStatus, PaymentStatusCode, [1, 2, 3, 4]],
  ["FlowCustomerStatus", FlowCustomerStatus, CustomerStatusCode, [0, 1]],
  ["FlowCardRegistrationStatus", FlowCardRegistrationStatus, RegisterStatusCode, [0, 1]],
  ["FlowCollectType", FlowCollectType, CollectTypeCode, [1, 2, 3]],
  ["FlowCollectStatus", FlowCollectStatus, CollectStatusCode, [0, 1]],
  ["FlowReverseChargeStatus", FlowReverseChargeStatus, ReverseStatusCode, [0, 1]],
  ["FlowSubscriptionStatus", FlowSubscriptionStatus, SubscriptionStatusCode, [0, 1, 2, 4]]
] as const

describe("status constants", () => {
  it.each(cases)("%s holds Flow's codes, each decoded from a number and from text", (_, constants, schema, codes) => {
    expect(Object.values(constants).sort()).toStrictEqual([...codes])
    const decode = Schema.decodeUnknownSync(schema as Schema.Schema<number, number | string>)
    for (const code of Object.values(constants)) {
      expect(decode(code)).toBe(code)
      expect(decode(String(code))).toBe(code)
    }
  })

  it("the batch statuses are Flow's words", () => {
    expect(Object.values(FlowBatchStatus)).toStrictEqual(["created", "processing", "processed"])
    expect(Object.values(FlowBatchRowStatus)).toStrictEqual(["unprocessed", "collected", "uncollected"])
    expect(Schema.decodeUnknownSync(BatchStatus)("processed")).toBe(FlowBatchStatus.Processed)
    expect(Schema.decodeUnknownSync(BatchRowStatus)("uncollected")).toBe(FlowBatchRowStatus.Uncollected)
  })

  it("a status Flow adds later decodes, equal to no constant", () => {
    const added = Schema.decodeUnknownSync(PaymentStatusCode)("7")
    expect(added).toBe(7)
    expect(Object.values(FlowPaymentStatus)).not.toContain(added)
  })

  it("types: literal constants, the field's type, and narrowing as the bare numbers", () => {
    expectTypeOf(FlowPaymentStatus.Paid).toEqualTypeOf<2>()
    expectTypeOf(FlowBatchStatus.Processed).toEqualTypeOf<"processed">()
    expectTypeOf<FlowPaymentStatus>().toEqualTypeOf<Payment["status"]>()
    const rest = (payment: Payment) => {
      if (
        payment.status === FlowPaymentStatus.Pending || payment.status === FlowPaymentStatus.Paid ||
        payment.status === FlowPaymentStatus.Rejected || payment.status === FlowPaymentStatus.Cancelled
      ) return undefined
      expectTypeOf(payment.status).toEqualTypeOf<Wire.Unrecognized<number>>()
      return payment.status
    }
    expect(rest({ status: 9 } as Payment)).toBe(9)
  })
})
