/**
 * The `spec` answer form, the default: Flow's documented types, as the spec and the suites that
 * passed against Flow's sandbox show them. Text statuses for customers, registrations and reversals
 * (`"1"`); numbers for payment and collect statuses, types, amounts and counts; list `data` an array
 * and `hasMore` 0/1; the collect payment spelled `paymenResult` (sic); absent card fields `""` and
 * absent payment data `null`.
 */
import type { AnswerWriter } from "./AnswerWriter.js"
import { fee, slice, wasPaid } from "./shared.js"

export const specAnswers: AnswerWriter = {
  form: "spec",

  customer: (c) => ({
    customerId: c.customerId,
    created: c.created,
    email: c.email,
    name: c.name,
    pay_mode: c.card ? "auto" : "manual",
    creditCardType: c.card?.brand ?? "",
    last4CardDigits: c.card?.last4 ?? "",
    externalId: c.externalId,
    status: String(c.status),
    registerDate: c.card?.registeredAt ?? ""
  }),

  page: (items, paging) => {
    const { data, hasMore } = slice(items, paging)
    return { total: items.length, hasMore: hasMore ? 1 : 0, data }
  },

  register: (url, token) => ({ url, token }),

  registerStatus: (r) => {
    const card = r.status === "completed" ? r.card : undefined
    return {
      status: card ? "1" : "0",
      customerId: r.customerId,
      creditCardType: card?.brand ?? "",
      last4CardDigits: card?.last4 ?? ""
    }
  },

  payment: (p) => {
    const paymentFee = wasPaid(p) ? fee(p.amount, p.currency) : undefined
    return {
      flowOrder: p.flowOrder,
      commerceOrder: p.commerceOrder,
      requestDate: p.requestDate,
      status: p.status,
      subject: p.subject,
      currency: p.currency,
      amount: p.amount,
      payer: p.payer,
      ...(p.optional === undefined ? {} : { optional: p.optional as Record<string, unknown> }),
      pending_info: { media: p.status === 1 && p.type !== 1 ? "Flow" : "", date: "" },
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
          conversionDate: "",
          conversionRate: null,
          amount: p.amount,
          currency: p.currency,
          fee: paymentFee,
          balance: p.amount - paymentFee,
          transferDate: ""
        },
      merchantId: null
    }
  },

  collect: (p) => ({
    type: p.type,
    commerceOrder: p.commerceOrder,
    flowOrder: p.flowOrder,
    // automatic charges have no url: they are synchronous
    url: p.url ?? "",
    token: p.type === 1 ? "" : p.token,
    // 1: a charge was issued (automatic charge made, link or email sent)
    status: 1,
    paymenResult: specAnswers.payment(p)
  }),

  attempt: (a) => ({ ...a, invoiceId: "" }),

  subscription: (s) => s,

  batchCollect: (outcome) => outcome,

  batchStatus: (b) => ({
    token: b.token,
    createdDate: b.createdDate,
    processedDate: b.processedDate ?? null,
    status: b.status,
    collectRows: b.rows.map((row) => ({
      commerceOrder: row.commerceOrder,
      type: row.type ?? null,
      flowOrder: row.flowOrder ?? null,
      url: row.url ?? null,
      token: row.token ?? null,
      status: row.status,
      errorCode: row.errorCode ?? null,
      errorMsg: row.errorMsg ?? null
    }))
  }),

  reverse: () => ({ status: "1", message: "Reverse charge was successful" })
}
