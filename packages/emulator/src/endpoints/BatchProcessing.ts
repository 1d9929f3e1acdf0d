/**
 * A massive charge after Flow accepted it, one step at a time (the server paces the steps):
 * `created` → `processing` → each row → `processed`, then Flow POSTs the batch token to `urlCallBack`.
 */
import type { EmulatorState } from "../EmulatorState.js"
import { MagicAmounts } from "../MagicAmounts.js"
import type { FollowUp } from "./Endpoint.js"
import { chargeCard, confirmation, paidPaymentOf, pendingPayment } from "./Payments.js"

/** Step 1: the batch starts processing. */
export const startBatch = (state: EmulatorState, token: string): void => {
  const batch = state.batches.get(token)
  if (batch !== undefined) batch.status = "processing"
}

/**
 * Step 2 (once per row): the row becomes a charge (card), a link, or an email charge. A paid card
 * charge is confirmed to `urlConfirmation`, as collect's automatic charge is. A row whose customer was
 * deleted meanwhile is uncollected with row code 103; one whose order was paid meanwhile (by a charge
 * or collect sent after the batch) with code 105, in the words of Flow's example ("12300 has been
 * previously paid"): an order is never paid twice.
 */
export const processBatchRow = (
  state: EmulatorState,
  token: string,
  index: number,
  origin: string
): ReadonlyArray<FollowUp> => {
  const batch = state.batches.get(token)
  const row = batch?.rows[index]
  if (batch === undefined || row === undefined) return []
  const customer = state.customers.get(row.customerId)
  if (customer === undefined || customer.status === 0) {
    row.status = "uncollected"
    row.errorCode = 103
    row.errorMsg = "customer not exist or deleted"
    return []
  }
  if (paidPaymentOf(state, row.commerceOrder) !== undefined) {
    row.status = "uncollected"
    row.errorCode = 105
    row.errorMsg = `${row.commerceOrder} has been previously paid`
    return []
  }
  const input = {
    customer,
    commerceOrder: row.commerceOrder,
    subject: row.subject,
    amount: row.amount,
    currency: row.currency,
    optional: row.optional,
    urlConfirmation: batch.urlConfirmation,
    urlReturn: batch.urlReturn
  }
  const payment = !batch.byEmail && customer.card !== undefined
    ? chargeCard(state, input)
    : pendingPayment(state, input, batch.byEmail ? 3 : 2, origin)
  row.type = payment.type
  row.flowOrder = payment.flowOrder
  row.url = payment.url ?? ""
  row.token = payment.type === 1 ? "" : payment.token
  if (payment.status === 3) {
    const decline = MagicAmounts[row.amount]!
    row.status = "uncollected"
    row.errorCode = decline.code
    row.errorMsg = decline.description
  } else {
    row.status = "collected"
    row.errorCode = 0
    row.errorMsg = ""
  }
  return confirmation(payment)
}

/** Step 3: processed; Flow then POSTs the batch token to `urlCallBack`. */
export const finishBatch = (state: EmulatorState, token: string): ReadonlyArray<FollowUp> => {
  const batch = state.batches.get(token)
  if (batch === undefined) return []
  batch.status = "processed"
  batch.processedDate = state.nowLocal()
  return [{ _tag: "Callback", kind: "batch-processed", url: batch.urlCallBack, token }]
}
