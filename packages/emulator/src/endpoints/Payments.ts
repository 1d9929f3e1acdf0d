/**
 * How payments come to be, shared by `charge`, `collect` and batch rows: the amount rules, the rule
 * for a repeated `commerceOrder`, a card charge, a link or email payment, and paying one.
 *
 * A repeated `commerceOrder` (docs/flow-api.md "Errors"): Flow refuses an order that was paid, with
 * code 1605 "This commerceOrder … has been previously paid"; one that was never paid (pending, or
 * rejected) may be charged or collected again, as suites run against Flow's sandbox do with fixed
 * order numbers. Every attempt is kept as its own payment (all of them show in `getCharges`); an
 * order lookup returns the newest, or, once the order is paid, the one that paid it. An order is paid
 * at most once: when one of its payments is paid, its other pending payments (older links or emails)
 * are cancelled (status 4, never paid), and a batch row whose order was paid meanwhile is not charged.
 */
import { type CustomerRecord, type EmulatorState, type PaymentRecord, wasPaid } from "../EmulatorState.js"
import { ErrorCodes, FlowFailure, MINIMUM_CLP } from "../Failures.js"
import { MagicAmounts } from "../MagicAmounts.js"
import type { FollowUp } from "./Endpoint.js"

/**
 * CLP amounts are whole pesos and at least 350: both are HTTP 400 with Flow's messages, as reported
 * from Flow; the code (101) is the emulator's own.
 */
export const checkAmount = (amount: number, currency: string): void => {
  if (currency === "CLP" && !Number.isInteger(amount)) {
    throw new FlowFailure(400, ErrorCodes.invalidParam, "Amount can not contain decimals for this currency")
  }
  if (currency === "CLP" && amount < MINIMUM_CLP) {
    throw new FlowFailure(400, ErrorCodes.invalidParam, `The minimum amount is ${MINIMUM_CLP} CLP`)
  }
}

/** Flow's words for an order that was paid (its ChargeAttemps example). */
export const previouslyPaid = (commerceOrder: string): string =>
  `This commerceOrder ${commerceOrder} has been previously paid`

/** The order's payment that was paid, if any. */
export const paidPaymentOf = (state: EmulatorState, commerceOrder: string): PaymentRecord | undefined => {
  const payment = state.paymentsByOrder.get(commerceOrder)
  return payment !== undefined && wasPaid(payment) ? payment : undefined
}

/** 401 code 1605 if the order was paid; otherwise the order is noted as sent (for batch rows' code 104). */
export const takeCommerceOrder = (state: EmulatorState, commerceOrder: string): void => {
  if (paidPaymentOf(state, commerceOrder) !== undefined) {
    throw new FlowFailure(401, ErrorCodes.commerceOrderPaid, previouslyPaid(commerceOrder))
  }
  state.commerceOrders.add(commerceOrder)
}

/** What every new payment needs. */
export interface NewPayment {
  readonly customer: CustomerRecord
  readonly commerceOrder: string
  readonly subject: string
  readonly amount: number
  readonly currency: string
  readonly optional: unknown
  readonly urlConfirmation?: string | undefined
  readonly urlReturn?: string | undefined
}

const newPayment = (
  state: EmulatorState,
  input: NewPayment,
  how: Pick<PaymentRecord, "status" | "type" | "url" | "paidAt" | "media">
): PaymentRecord =>
  state.addPayment({
    flowOrder: state.newFlowOrder(),
    commerceOrder: input.commerceOrder,
    customerId: input.customer.customerId,
    subject: input.subject,
    currency: input.currency,
    amount: input.amount,
    requestDate: state.nowLocal(),
    requestedAtMillis: state.now(),
    payer: input.customer.email,
    optional: input.optional,
    token: state.newToken(),
    urlConfirmation: input.urlConfirmation,
    urlReturn: input.urlReturn,
    ...how
  })

/** The order is now paid by `payment`: it answers the order's lookups, and no other payment of it can be paid. */
const settle = (state: EmulatorState, payment: PaymentRecord): void => {
  state.paymentsByOrder.set(payment.commerceOrder, payment)
  for (const other of state.payments) {
    if (other !== payment && other.commerceOrder === payment.commerceOrder && other.status === 1) other.status = 4
  }
}

/**
 * Charges the customer's registered card now: approved unless the amount is magic, in which case the
 * payment is rejected (status 3) and the failure is recorded as a charge attempt.
 */
export const chargeCard = (state: EmulatorState, input: NewPayment): PaymentRecord => {
  const decline = MagicAmounts[input.amount]
  const now = state.nowLocal()
  const payment = newPayment(state, input, {
    status: decline ? 3 : 2,
    type: 1,
    url: undefined,
    paidAt: decline ? undefined : now,
    media: decline ? undefined : `${input.customer.card?.brand ?? "Card"} automatic charge`
  })
  if (decline) {
    recordAttempt(state, input, decline.code, decline.description)
  } else {
    settle(state, payment)
  }
  return payment
}

/** A failed automatic charge, as `getChargeAttemps` lists it. */
export const recordAttempt = (
  state: EmulatorState,
  input: Pick<NewPayment, "customer" | "commerceOrder" | "currency" | "amount">,
  errorCode: number,
  errorDescription: string
): void => {
  state.attempts.push({
    id: state.newAttemptId(),
    date: state.nowLocal(),
    customerId: input.customer.customerId,
    commerceOrder: input.commerceOrder,
    currency: input.currency,
    amount: input.amount,
    errorCode,
    errorDescription
  })
}

/** A payment the customer pays later: through a link (type 2) or an email (type 3). */
export const pendingPayment = (state: EmulatorState, input: NewPayment, type: 2 | 3, origin: string): PaymentRecord =>
  newPayment(state, input, { status: 1, type, url: `${origin}/app/web/pay.php`, paidAt: undefined, media: undefined })

/** Flow POSTs a paid payment's token to its `urlConfirmation`. */
export const confirmation = (payment: PaymentRecord): ReadonlyArray<FollowUp> =>
  payment.status === 2 && payment.urlConfirmation !== undefined
    ? [{ _tag: "Callback", kind: "payment-confirmation", url: payment.urlConfirmation, token: payment.token }]
    : []

/** The payer pays a link or email charge; Flow then POSTs the payment token to `urlConfirmation`. */
export const payPendingPayment = (state: EmulatorState, token: string): ReadonlyArray<FollowUp> => {
  const payment = state.payments.find((x) => x.token === token)
  if (payment === undefined) throw new FlowFailure(404, ErrorCodes.chargeNotFound, `Payment token ${token} not found`)
  const paid = paidPaymentOf(state, payment.commerceOrder)
  if (paid !== undefined && paid !== payment) {
    throw new FlowFailure(401, ErrorCodes.commerceOrderPaid, previouslyPaid(payment.commerceOrder))
  }
  if (payment.status !== 1) {
    throw new FlowFailure(401, ErrorCodes.chargeNotReversible, `Payment ${payment.flowOrder} is not pending`)
  }
  payment.status = 2
  payment.paidAt = state.nowLocal()
  payment.media = "webpay"
  settle(state, payment)
  return confirmation(payment)
}
