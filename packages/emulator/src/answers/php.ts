/**
 * The `php` answer form, a stress form: what a PHP backend writes through `json_encode` when its data
 * comes from a database (docs/flow-api.md "Answer forms"). No recorded Flow answer shows it; it tests
 * that a client reads every form PHP can produce:
 * - an empty object is `[]` (PHP's empty array): `pending_info` with no coupon, `paymentData` of an
 *   unpaid payment, an empty `optional`, `paymenResult` of a link or email charge not paid yet;
 * - absent values are `""` or `null`, both, as columns and code paths differ;
 * - numbers are numeric text, as database columns come: amounts `"12000.00"`, `flowOrder` `"3567899"`,
 *   statuses `"2"`, counts `"3"`, `hasMore` `"1"`;
 * - an unprocessed batch row has `flowOrder: ""`, `type: ""`, `errorCode: ""`;
 * - each object carries one field no decoder knows (`lastError` on payments, `cardNumber` on
 *   customers, …), as a newer Flow version could add.
 */
import { MagicAmounts } from "../MagicAmounts.js"
import type { AnswerWriter } from "./AnswerWriter.js"
import { amountText, fee, maskedCard, slice, wasPaid } from "./shared.js"

/** Whether `value` is an object without keys: `json_encode` writes such a PHP array as `[]`. */
const isEmptyObject = (value: unknown): boolean =>
  typeof value === "object" && value !== null && Object.keys(value).length === 0

/** A number as numeric text; anything else as it is. */
const asText = (value: unknown): unknown => typeof value === "number" ? String(value) : value

export const phpAnswers: AnswerWriter = {
  form: "php",

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
    registerDate: c.card?.registeredAt ?? null,
    ...{ cardNumber: c.card ? maskedCard(c.card.last4) : "" }
  }),

  page: (items, paging) => {
    const { data, hasMore } = slice(items, paging)
    return { total: String(items.length), hasMore: hasMore ? "1" : "0", data }
  },

  register: (url, token) => ({ url, token }),

  registerStatus: (r) => {
    const card = r.status === "completed" ? r.card : undefined
    return {
      status: card ? "1" : "0",
      customerId: r.customerId,
      creditCardType: card?.brand ?? "",
      last4CardDigits: card?.last4 ?? null,
      cardNumber: card ? maskedCard(card.last4) : "",
      issuerBank: card ? "BANCO EMULADO" : null,
      ...{ registerDate: card?.registeredAt ?? null }
    }
  },

  payment: (p) => {
    const decline = p.status === 3 ? MagicAmounts[p.amount] : undefined
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
      optional: p.optional === undefined || p.optional === null
        ? null
        : isEmptyObject(p.optional)
        ? []
        : p.optional as Record<string, unknown>,
      // no payment coupon is ever generated here
      pending_info: [],
      paymentData: paymentFee === undefined
        ? []
        : {
          date: p.paidAt ?? "",
          media: p.media ?? "webpay",
          conversionDate: null,
          conversionRate: null,
          amount: amountText(p.amount, p.currency),
          currency: p.currency,
          fee: amountText(paymentFee, p.currency),
          balance: amountText(p.amount - paymentFee, p.currency),
          transferDate: ""
        },
      merchantId: "",
      // the field Flow's extended payment status adds
      ...{
        lastError: {
          code: decline === undefined ? "" : String(decline.code),
          message: decline?.description ?? "",
          medioCode: ""
        }
      }
    }
  },

  collect: (p) => ({
    type: String(p.type),
    commerceOrder: p.commerceOrder,
    flowOrder: String(p.flowOrder),
    url: p.url ?? "",
    token: p.type === 1 ? "" : p.token,
    status: "1",
    // only the synchronous automatic charge has a result yet; a link or email has none so far
    paymenResult: p.type === 1 ? phpAnswers.payment(p) : [],
    ...{ amount: amountText(p.amount, p.currency) }
  }),

  attempt: (a) => ({
    id: String(a.id),
    date: a.date,
    customerId: a.customerId,
    invoiceId: null,
    commerceOrder: a.commerceOrder,
    currency: a.currency,
    amount: a.amount.toFixed(4),
    errorCode: String(a.errorCode),
    errorDescription: a.errorDescription,
    ...{ paymentMethod: "1" }
  }),

  subscription: (s) => {
    const written: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(s)) {
      written[key] = isEmptyObject(value) ? [] : value === undefined ? null : asText(value)
    }
    return { ...written, currency: "CLP" }
  },

  batchCollect: (outcome) => ({
    token: outcome.token,
    receivedRows: String(outcome.receivedRows),
    acceptedRows: String(outcome.acceptedRows),
    rejectedRows: outcome.rejectedRows.map((row) => ({
      ...row,
      rowNumber: String(row.rowNumber),
      errorCode: String(row.errorCode)
    })),
    ...{ rejectedCount: String(outcome.rejectedRows.length) }
  }),

  batchStatus: (b) => ({
    token: b.token,
    createdDate: b.createdDate,
    processedDate: b.processedDate ?? "",
    status: b.status,
    collectRows: b.rows.map((row) => ({
      commerceOrder: row.commerceOrder,
      type: row.type === undefined ? "" : String(row.type),
      flowOrder: row.flowOrder === undefined ? "" : String(row.flowOrder),
      url: row.url ?? "",
      token: row.token ?? "",
      status: row.status,
      errorCode: row.errorCode === undefined ? "" : String(row.errorCode),
      errorMsg: row.errorMsg ?? null,
      ...{ subject: row.subject }
    })),
    ...{ acceptedRows: String(b.rows.length) }
  }),

  reverse: (p) => ({ status: "1", message: "Reverse charge was successful", ...{ flowOrder: String(p.flowOrder) } })
}
