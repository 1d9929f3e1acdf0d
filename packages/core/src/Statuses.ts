/**
 * Named constants for the statuses and types Flow writes in its answers
 * (https://developers.flow.cl/api), so that user code reads `status === FlowPaymentStatus.Paid`
 * rather than `status === 2`.
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
import type {
  BatchRowStatus,
  BatchStatus,
  CollectStatusCode,
  CollectTypeCode,
  CustomerStatusCode,
  PaymentStatusCode,
  RegisterStatusCode,
  ReverseStatusCode,
  SubscriptionStatusCode
} from "./CustomerResponses.js"
import type { Unrecognized } from "./Wire.js"

/** The known values of a decoded status field: its type without {@link Unrecognized}. */
type Known<S extends Schema.Schema.Any> = Exclude<Schema.Schema.Type<S>, Unrecognized<number> | Unrecognized<string>>

/**
 * A payment's `status` (`Payment.status`: `card.charge`, `card.listCharges`, a collect's
 * `paymentResult`, the `payment/getStatus*` reads): 1 pending, 2 paid, 3 rejected, 4 cancelled.
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
export const FlowPaymentStatus = { Pending: 1, Paid: 2, Rejected: 3, Cancelled: 4 } as const satisfies Record<
  string,
  Known<typeof PaymentStatusCode>
>
/**
 * A payment's `status` as decoded: a value of {@link FlowPaymentStatus}, or one Flow adds later.
 *
 * @since 0.1.0
 * @category statuses
 */
export type FlowPaymentStatus = Schema.Schema.Type<typeof PaymentStatusCode>

/**
 * A customer's `status`: 0 deleted, 1 active.
 *
 * @since 0.1.0
 * @category statuses
 */
export const FlowCustomerStatus = { Deleted: 0, Active: 1 } as const satisfies Record<
  string,
  Known<typeof CustomerStatusCode>
>
/**
 * A customer's `status` as decoded: a value of {@link FlowCustomerStatus}, or one Flow adds later.
 *
 * @since 0.1.0
 * @category statuses
 */
export type FlowCustomerStatus = Schema.Schema.Type<typeof CustomerStatusCode>

/**
 * A card registration's `status` (`card.status`, the registration callback): 0 not registered,
 * 1 registered.
 *
 * @since 0.1.0
 * @category statuses
 */
export const FlowCardRegistrationStatus = { NotRegistered: 0, Registered: 1 } as const satisfies Record<
  string,
  Known<typeof RegisterStatusCode>
>
/**
 * A card registration's `status` as decoded: a value of {@link FlowCardRegistrationStatus}, or one
 * Flow adds later.
 *
 * @since 0.1.0
 * @category statuses
 */
export type FlowCardRegistrationStatus = Schema.Schema.Type<typeof RegisterStatusCode>

/**
 * A collect's `type` (`card.sendCharge`, a batch row): 1 automatic card charge, 2 payment link,
 * 3 email charge.
 *
 * @since 0.1.0
 * @category statuses
 */
export const FlowCollectType = { CardCharge: 1, PaymentLink: 2, EmailCharge: 3 } as const satisfies Record<
  string,
  Known<typeof CollectTypeCode>
>
/**
 * A collect's `type` as decoded: a value of {@link FlowCollectType}, or one Flow adds later.
 *
 * @since 0.1.0
 * @category statuses
 */
export type FlowCollectType = Schema.Schema.Type<typeof CollectTypeCode>

/**
 * A collect's `status` (`card.sendCharge`): whether a charge was issued (not whether it was paid):
 * 0 not issued, 1 issued.
 *
 * @since 0.1.0
 * @category statuses
 */
export const FlowCollectStatus = { NotIssued: 0, Issued: 1 } as const satisfies Record<
  string,
  Known<typeof CollectStatusCode>
>
/**
 * A collect's `status` as decoded: a value of {@link FlowCollectStatus}, or one Flow adds later.
 *
 * @since 0.1.0
 * @category statuses
 */
export type FlowCollectStatus = Schema.Schema.Type<typeof CollectStatusCode>

/**
 * A massive charge's `status` (`card.massiveChargeStatus`): `created` → `processing` → `processed`.
 *
 * @since 0.1.0
 * @category statuses
 */
export const FlowBatchStatus = {
  Created: "created",
  Processing: "processing",
  Processed: "processed"
} as const satisfies Record<string, Known<typeof BatchStatus>>
/**
 * A massive charge's `status` as decoded: a value of {@link FlowBatchStatus}, or one Flow adds later.
 *
 * @since 0.1.0
 * @category statuses
 */
export type FlowBatchStatus = Schema.Schema.Type<typeof BatchStatus>

/**
 * A massive charge row's `status` (`collectRows[i].status`): `unprocessed`, `collected` (a charge was
 * issued) or `uncollected` (none was; `errorCode` says why).
 *
 * @since 0.1.0
 * @category statuses
 */
export const FlowBatchRowStatus = {
  Unprocessed: "unprocessed",
  Collected: "collected",
  Uncollected: "uncollected"
} as const satisfies Record<string, Known<typeof BatchRowStatus>>
/**
 * A massive charge row's `status` as decoded: a value of {@link FlowBatchRowStatus}, or one Flow adds
 * later.
 *
 * @since 0.1.0
 * @category statuses
 */
export type FlowBatchRowStatus = Schema.Schema.Type<typeof BatchRowStatus>

/**
 * A reversal's `status` (`card.reverseCharge`): 0 not reversed, 1 reversed.
 *
 * @since 0.1.0
 * @category statuses
 */
export const FlowReverseChargeStatus = { NotReversed: 0, Reversed: 1 } as const satisfies Record<
  string,
  Known<typeof ReverseStatusCode>
>
/**
 * A reversal's `status` as decoded: a value of {@link FlowReverseChargeStatus}, or one Flow adds later.
 *
 * @since 0.1.0
 * @category statuses
 */
export type FlowReverseChargeStatus = Schema.Schema.Type<typeof ReverseStatusCode>

/**
 * A subscription's `status` (`card.subscriptions.list`): 0 not started, 1 active, 2 in its trial
 * period, 4 cancelled.
 *
 * @since 0.1.0
 * @category statuses
 */
export const FlowSubscriptionStatus = { NotStarted: 0, Active: 1, Trial: 2, Cancelled: 4 } as const satisfies Record<
  string,
  Known<typeof SubscriptionStatusCode>
>
/**
 * A subscription's `status` as decoded: a value of {@link FlowSubscriptionStatus}, or one Flow adds
 * later.
 *
 * @since 0.1.0
 * @category statuses
 */
export type FlowSubscriptionStatus = Schema.Schema.Type<typeof SubscriptionStatusCode>
