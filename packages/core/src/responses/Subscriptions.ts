/**
 * A customer's subscriptions (`customer/getSubscriptions`; docs/flow-api.md, "Lists").
 */
import * as Schema from "effect/Schema"
import { Page } from "../Page.js"
import { SubscriptionStatusCode } from "../Statuses.js"
import { optional, WireArray, WireCount, WireNumber, WireRecord, WireString, WireStruct } from "../Wire.js"

/**
 * A subscription of the customer (`Subscription`, docs/flow-api.md, "Lists").
 * `status`: {@link FlowSubscriptionStatus}. `morose`: 0 paid up, 1 overdue, 2 pending.
 * `discount`, `invoices` and `planAdditionalList` are passed through as Flow sent them.
 *
 * @since 0.1.0
 * @category responses
 */
export const Subscription = WireStruct({
  subscriptionId: WireString,
  planId: WireString,
  plan_name: optional(WireString),
  customerId: WireString,
  created: optional(WireString),
  subscription_start: optional(WireString),
  subscription_end: optional(WireString),
  period_start: optional(WireString),
  period_end: optional(WireString),
  next_invoice_date: optional(WireString),
  trial_period_days: optional(WireCount),
  trial_start: optional(WireString),
  trial_end: optional(WireString),
  cancel_at_period_end: optional(WireCount),
  cancel_at: optional(WireString),
  periods_number: optional(WireCount),
  days_until_due: optional(WireCount),
  status: SubscriptionStatusCode,
  discount_balance: optional(WireNumber),
  newPlanId: optional(WireString),
  new_plan_scheduled_change_date: optional(WireString),
  in_new_plan_next_attempt_date: optional(WireString),
  morose: optional(WireCount),
  discount: optional(WireRecord),
  invoices: optional(WireArray(WireRecord)),
  planAdditionalList: optional(WireArray(Schema.Unknown))
})
export interface Subscription extends Schema.Schema.Type<typeof Subscription> {}

/**
 * The answer of `card.subscriptions.list`: one page of subscriptions.
 *
 * @since 0.1.0
 * @category responses
 */
export const SubscriptionList = Page(Subscription)
export type SubscriptionList = Page<Subscription>
