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
import { answersWith } from "./fields.js"
import { amountText, decimalText, ISSUER_BANK, maskedCard, registeredCard } from "./shared.js"

/** Whether `value` is an object without keys: `json_encode` writes such a PHP array as `[]`. */
const isEmptyObject = (value: unknown): boolean =>
  typeof value === "object" && value !== null && Object.keys(value).length === 0

/** A number as numeric text; anything else as it is. */
const asText = (value: unknown): unknown => typeof value === "number" ? String(value) : value

const written = answersWith("php", {
  number: String,
  onOff: String,
  amount: decimalText,
  fee: decimalText,
  blank: { text: "", nullableText: null, value: "" },
  // no payment coupon is ever generated here, and an unpaid payment has no settlement data
  empty: () => [],
  optional: (value) =>
    value === undefined || value === null
      ? null
      : isEmptyObject(value)
      ? []
      : value as Readonly<Record<string, unknown>>,
  hasMore: (more) => more ? "1" : "0",
  data: (items) => items
})

/** The written answers, plus what only php writes: one field no decoder knows per object, and PHP's own orders and `[]`s. */
export const phpAnswers: AnswerWriter = {
  ...written,

  customer: (c) => ({ ...written.customer(c), cardNumber: c.card ? maskedCard(c.card.last4) : "" }),

  registerStatus: (r) => {
    const card = registeredCard(r)
    return {
      ...written.registerStatus(r),
      cardNumber: card ? maskedCard(card.last4) : "",
      issuerBank: card ? ISSUER_BANK : null,
      registerDate: card?.registeredAt ?? null
    }
  },

  payment: (p) => {
    const decline = p.status === 3 ? MagicAmounts[p.amount] : undefined
    return {
      ...written.payment(p),
      // the field Flow's extended payment status adds
      lastError: {
        code: decline === undefined ? "" : String(decline.code),
        message: decline?.description ?? "",
        medioCode: ""
      }
    }
  },

  collect: (p) => ({
    ...written.collect(p),
    // only the synchronous automatic charge has a result yet; a link or email has none so far
    paymenResult: p.type === 1 ? phpAnswers.payment(p) : [],
    amount: amountText(p.amount, p.currency)
  }),

  attempt: (a) => {
    // the columns in the order PHP's query selects them: invoiceId (none) after the customer
    const { id, date, customerId, invoiceId: _, ...rest } = written.attempt(a)
    return { id, date, customerId, invoiceId: null, ...rest, paymentMethod: "1" }
  },

  subscription: (s) => {
    const fields: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(s)) {
      fields[key] = isEmptyObject(value) ? [] : value === undefined ? null : asText(value)
    }
    return { ...fields, currency: "CLP" }
  },

  batchCollect: (outcome) => ({
    ...written.batchCollect(outcome),
    rejectedCount: String(outcome.rejectedRows.length)
  }),

  batchStatus: (b) => {
    const status = written.batchStatus(b)
    return {
      ...status,
      collectRows: status.collectRows.map((row, i) => ({ ...row, subject: b.rows[i]!.subject })),
      acceptedRows: String(b.rows.length)
    }
  },

  reverse: (p) => ({ ...written.reverse(), flowOrder: String(p.flowOrder) })
}
