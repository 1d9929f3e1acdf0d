/**
 * The `alternative` answer form, a stress form: the shapes the spec's own examples show against its
 * schemas (list `data` as JSON text, `hasMore` a boolean, numbers as text, numeric statuses where the
 * schema says text, `null` for absent values, the collect payment spelled `paymentResult`). Suites
 * that passed against Flow's sandbox contradict it (`data` an array, `total` and statuses numbers):
 * it tests a client's tolerance, not Flow's behaviour.
 */
import type { AnswerWriter } from "./AnswerWriter.js"
import { amountText, fee, maskedCard, slice, wasPaid } from "./shared.js"

export const alternativeAnswers: AnswerWriter = {
  form: "alternative",

  customer: (c) => ({
    customerId: c.customerId,
    created: c.created,
    email: c.email,
    name: c.name,
    pay_mode: c.card ? "auto" : "manual",
    creditCardType: c.card?.brand ?? null,
    last4CardDigits: c.card?.last4 ?? null,
    externalId: c.externalId,
    status: c.status,
    registerDate: c.card?.registeredAt ?? null
  }),

  page: (items, paging) => {
    const { data, hasMore } = slice(items, paging)
    return { total: String(items.length), hasMore, data: JSON.stringify(data) }
  },

  register: (url, token) => ({ url, token }),

  registerStatus: (r) => {
    const card = r.status === "completed" ? r.card : undefined
    return {
      status: card ? 1 : 0,
      customerId: r.customerId,
      creditCardType: card?.brand ?? null,
      last4CardDigits: card?.last4 ?? null,
      // the fields Flow's newer rendered docs add
      ...(card ? { cardNumber: maskedCard(card.last4), issuerBank: "BANCO EMULADO" } : {})
    }
  },

  payment: (p) => {
    const paymentFee = wasPaid(p) ? fee(p.amount, p.currency) : undefined
    return {
      flowOrder: String(p.flowOrder),
      commerceOrder: p.commerceOrder,
      requestDate: p.requestDate,
      status: String(p.status),
      subject: p.subject,
      currency: p.currency,
      amount: amountText(p.amount, p.currency),
      payer: p.payer,
      ...(p.optional === undefined ? {} : { optional: JSON.stringify(p.optional) }),
      pending_info: { media: p.status === 1 && p.type !== 1 ? "Flow" : null, date: null },
      paymentData: paymentFee === undefined
        ? {
          date: null,
          media: null,
          conversionDate: null,
          conversionRate: null,
          amount: null,
          currency: null,
          fee: null,
          balance: null,
          transferDate: null
        }
        : {
          date: p.paidAt ?? null,
          media: p.media ?? "webpay",
          conversionDate: null,
          conversionRate: null,
          amount: amountText(p.amount, p.currency),
          currency: p.currency,
          fee: String(paymentFee),
          balance: String(p.amount - paymentFee),
          transferDate: null
        },
      merchantId: null
    }
  },

  collect: (p) => ({
    type: String(p.type),
    commerceOrder: p.commerceOrder,
    flowOrder: String(p.flowOrder),
    url: p.url ?? "",
    token: p.type === 1 ? "" : p.token,
    status: "1",
    paymentResult: alternativeAnswers.payment(p)
  }),

  attempt: (a) => ({
    ...a,
    id: String(a.id),
    amount: a.amount.toFixed(4),
    errorCode: String(a.errorCode),
    invoiceId: ""
  }),

  subscription: (s) => ({ ...s, status: String(s["status"] ?? "1") }),

  // the spec's rendered examples show the counts as text ("112")
  batchCollect: (outcome) => ({
    ...outcome,
    receivedRows: String(outcome.receivedRows),
    acceptedRows: String(outcome.acceptedRows),
    rejectedRows: outcome.rejectedRows.map((row) => ({
      ...row,
      rowNumber: String(row.rowNumber),
      errorCode: String(row.errorCode)
    }))
  }),

  batchStatus: (b) => ({
    token: b.token,
    createdDate: b.createdDate,
    processedDate: b.processedDate ?? null,
    status: b.status,
    collectRows: b.rows.map((row) => ({
      commerceOrder: row.commerceOrder,
      type: row.type === undefined ? null : String(row.type),
      flowOrder: row.flowOrder === undefined ? null : String(row.flowOrder),
      url: row.url ?? null,
      token: row.token ?? null,
      status: row.status,
      errorCode: row.errorCode === undefined ? null : String(row.errorCode),
      errorMsg: row.errorMsg ?? null
    }))
  }),

  reverse: () => ({ status: 1, message: "Reverse charge was successful" })
}
