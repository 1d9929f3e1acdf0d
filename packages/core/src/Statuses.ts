/**
 * The statuses and types Flow writes in its answers (https://developers.flow.cl/api), each stated once:
 * a named constant, so that user code reads `status === FlowPaymentStatus.Paid` rather than
 * `status === 2`; the type of the same name; and the Schema that decodes the field, made from the
 * constant's values (the answers in `responses/` use it).
 *
 * Each constant is an object `as const`, so `FlowPaymentStatus.Paid` has the literal type `2` and a
 * comparison narrows exactly as the bare number does. The type of the same name is the type of the
 * decoded field: the known values, plus {@link Unrecognized} for a value Flow adds later (it still
 * decodes, and an exhaustive `switch` must handle it).
 *
 * ```ts
 * const payment = yield* customers.card.charge(input)
 * if (payment.status === FlowPaymentStatus.Paid) yield* markPaid(payment.commerceOrder)
 * ```
 *
 * @since 0.1.0
 */
import type * as Schema from "effect/Schema"
import { type Unrecognized, WireCode, WireEnum } from "./Wire.js"

/**
 * A payment's `status` (`Payment.status`: `card.charge`, `card.listCharges`, a collect's
 * `paymentResult`, the `payment/getStatus*` reads): 1 pending, 2 paid, 3 rejected, 4 cancelled. As a
 * type: one of these, or a status Flow adds later.
 *
 * @example
 * ```ts
 * const payment = await flow.customers.card.charge(input)
 * if (payment.status === FlowPaymentStatus.Paid) await markPaid(payment.commerceOrder)
 * ```
 *
 * @since 0.1.0
 * @category statuses
 */
export const FlowPaymentStatus = { Pending: 1, Paid: 2, Rejected: 3, Cancelled: 4 } as const
export type FlowPaymentStatus = Schema.Schema.Type<typeof PaymentStatusCode>
/**
 * Decodes a payment's `status`: a code of {@link FlowPaymentStatus}, as a number or its text; another
 * code Flow adds decodes as {@link Unrecognized}.
 *
 * @since 0.1.0
 * @category responses
 */
export const PaymentStatusCode = WireCode(...Object.values(FlowPaymentStatus))

/**
 * A customer's `status`: 0 deleted, 1 active. As a type: one of these, or a status Flow adds later.
 *
 * @since 0.1.0
 * @category statuses
 */
export const FlowCustomerStatus = { Deleted: 0, Active: 1 } as const
export type FlowCustomerStatus = Schema.Schema.Type<typeof CustomerStatusCode>
/**
 * Decodes a customer's `status`: a code of {@link FlowCustomerStatus}, or another as {@link Unrecognized}.
 *
 * @since 0.1.0
 * @category responses
 */
export const CustomerStatusCode = WireCode(...Object.values(FlowCustomerStatus))

/**
 * A card registration's `status` (`card.status`, the registration callback): 0 not registered,
 * 1 registered. As a type: one of these, or a status Flow adds later.
 *
 * @since 0.1.0
 * @category statuses
 */
export const FlowCardRegistrationStatus = { NotRegistered: 0, Registered: 1 } as const
export type FlowCardRegistrationStatus = Schema.Schema.Type<typeof RegisterStatusCode>
/**
 * Decodes a card registration's `status`: a code of {@link FlowCardRegistrationStatus}, or another as
 * {@link Unrecognized}.
 *
 * @since 0.1.0
 * @category responses
 */
export const RegisterStatusCode = WireCode(...Object.values(FlowCardRegistrationStatus))

/**
 * A collect's `type` (`card.sendCharge`, a batch row): 1 automatic card charge, 2 payment link
 * (`url?token=token`), 3 email charge. As a type: one of these, or a type Flow adds later.
 *
 * @since 0.1.0
 * @category statuses
 */
export const FlowCollectType = { CardCharge: 1, PaymentLink: 2, EmailCharge: 3 } as const
export type FlowCollectType = Schema.Schema.Type<typeof CollectTypeCode>
/**
 * Decodes a collect's `type`: a code of {@link FlowCollectType}, or another as {@link Unrecognized}.
 *
 * @since 0.1.0
 * @category responses
 */
export const CollectTypeCode = WireCode(...Object.values(FlowCollectType))

/**
 * A collect's `status` (`card.sendCharge`): whether a charge was issued (not whether it was paid):
 * 0 not issued, 1 issued. As a type: one of these, or a status Flow adds later.
 *
 * @since 0.1.0
 * @category statuses
 */
export const FlowCollectStatus = { NotIssued: 0, Issued: 1 } as const
export type FlowCollectStatus = Schema.Schema.Type<typeof CollectStatusCode>
/**
 * Decodes a collect's `status`: a code of {@link FlowCollectStatus}, or another as {@link Unrecognized}.
 *
 * @since 0.1.0
 * @category responses
 */
export const CollectStatusCode = WireCode(...Object.values(FlowCollectStatus))

/**
 * A massive charge's `status` (`card.massiveChargeStatus`): `created` → `processing` → `processed`. As a
 * type: one of these, or a status Flow adds later.
 *
 * @since 0.1.0
 * @category statuses
 */
export const FlowBatchStatus = { Created: "created", Processing: "processing", Processed: "processed" } as const
export type FlowBatchStatus = Schema.Schema.Type<typeof BatchStatus>
/**
 * Decodes a massive charge's `status`: a word of {@link FlowBatchStatus}, or other text as
 * {@link Unrecognized}.
 *
 * @since 0.1.0
 * @category responses
 */
export const BatchStatus = WireEnum(...Object.values(FlowBatchStatus))

/**
 * A massive charge row's `status` (`collectRows[i].status`): `unprocessed`, `collected` (a charge was
 * issued) or `uncollected` (none was; `errorCode` says why). As a type: one of these, or a status Flow
 * adds later.
 *
 * @since 0.1.0
 * @category statuses
 */
export const FlowBatchRowStatus = {
  Unprocessed: "unprocessed",
  Collected: "collected",
  Uncollected: "uncollected"
} as const
export type FlowBatchRowStatus = Schema.Schema.Type<typeof BatchRowStatus>
/**
 * Decodes a massive charge row's `status`: a word of {@link FlowBatchRowStatus}, or other text as
 * {@link Unrecognized}.
 *
 * @since 0.1.0
 * @category responses
 */
export const BatchRowStatus = WireEnum(...Object.values(FlowBatchRowStatus))

/**
 * A reversal's `status` (`card.reverseCharge`): 0 not reversed, 1 reversed. As a type: one of these, or
 * a status Flow adds later.
 *
 * @since 0.1.0
 * @category statuses
 */
export const FlowReverseChargeStatus = { NotReversed: 0, Reversed: 1 } as const
export type FlowReverseChargeStatus = Schema.Schema.Type<typeof ReverseStatusCode>
/**
 * Decodes a reversal's `status`: a code of {@link FlowReverseChargeStatus}, or another as
 * {@link Unrecognized}.
 *
 * @since 0.1.0
 * @category responses
 */
export const ReverseStatusCode = WireCode(...Object.values(FlowReverseChargeStatus))

/**
 * A subscription's `status` (`card.subscriptions.list`): 0 not started, 1 active, 2 in its trial
 * period, 4 cancelled. As a type: one of these, or a status Flow adds later.
 *
 * @since 0.1.0
 * @category statuses
 */
export const FlowSubscriptionStatus = { NotStarted: 0, Active: 1, Trial: 2, Cancelled: 4 } as const
export type FlowSubscriptionStatus = Schema.Schema.Type<typeof SubscriptionStatusCode>
/**
 * Decodes a subscription's `status`: a code of {@link FlowSubscriptionStatus}, or another as
 * {@link Unrecognized}.
 *
 * @since 0.1.0
 * @category responses
 */
export const SubscriptionStatusCode = WireCode(...Object.values(FlowSubscriptionStatus))
