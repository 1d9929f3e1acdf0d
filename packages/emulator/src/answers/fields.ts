/**
 * One description of each answer's fields, for every form: which fields an answer has, in which
 * order, and where their values come from. How a value is written (a number or its text, `""` or
 * `null` for nothing, an empty object or `[]`, list `data` as an array or JSON text) is the form's
 * {@link Encoding}; each form file (./spec.ts, ./alternative.ts, ./php.ts) states its encoding and
 * the few fields only it writes.
 */
import type { BatchRowRecord, PaymentRecord } from "../EmulatorState.js"
import type { AnswerForm, AnswerWriter, PageAnswer, Paging } from "./AnswerWriter.js"
import { decimals, fee, registeredCard, slice, wasPaid } from "./shared.js"

/**
 * What a form writes for a value that is not there, by the three places where forms differ (php mixes
 * `""` and `null`, as a PHP backend's columns and code paths do). Fields every form leaves `null` (a
 * conversion rate, a batch row's `errorMsg`) are written `null` as they are.
 */
export interface Blanks {
  /** Text the spec shows as `""`: a customer's card brand and last digits, a registration's card brand, a transfer date, a coupon's fields. */
  readonly text: "" | null
  /** Text the spec shows as `""` that php leaves `null`: a customer's `registerDate`, a registration's last digits, a conversion date. */
  readonly nullableText: "" | null
  /** A value the spec shows as `null` that php writes `""`: a payment date, `merchantId`, a batch's `processedDate` and an unprocessed row's outcome. */
  readonly value: "" | null
}

/** How a form writes the values of the answers {@link answersWith} describes. */
export interface Encoding {
  /** Ids, counts, codes, collect types, and the statuses the spec types as numbers (payments, collects). */
  readonly number: (value: number) => number | string
  /** The 0/1 statuses the spec types as text: a customer's, a registration's, a reversal's. */
  readonly onOff: (status: 0 | 1) => number | string
  /** An amount with `places` decimals: a payment's (2 in CLP, 4 otherwise), an attempt's (4). */
  readonly amount: (amount: number, places: number) => number | string
  /** A paid payment's fee and balance. */
  readonly fee: (amount: number, places: number) => number | string
  readonly blank: Blanks
  /** An object with nothing to tell (an unpaid payment's `paymentData`, the coupon info of a payment without coupon). */
  readonly empty: <A extends object>(fields: A) => A | readonly []
  /** A payment's `optional`; `undefined` leaves the field out. */
  readonly optional: (value: unknown) => Readonly<Record<string, unknown>> | string | null | readonly [] | undefined
  /** A list's `hasMore`. */
  readonly hasMore: (more: boolean) => boolean | number | string
  /** A list's `data`. */
  readonly data: <A>(items: ReadonlyArray<A>) => ReadonlyArray<A> | string
}

/** The settlement data of a payment not paid: every field absent. */
const UNPAID = {
  date: null,
  media: null,
  conversionDate: null,
  conversionRate: null,
  amount: null,
  currency: null,
  fee: null,
  balance: null,
  transferDate: null
} as const

/** One row of a batch's status. */
const batchRow = (row: BatchRowRecord, { blank, number }: Encoding) => {
  const code = (value: number | undefined) => value === undefined ? blank.value : number(value)
  return {
    commerceOrder: row.commerceOrder,
    type: code(row.type),
    flowOrder: code(row.flowOrder),
    url: row.url ?? blank.value,
    token: row.token ?? blank.value,
    status: row.status,
    errorCode: code(row.errorCode),
    errorMsg: row.errorMsg ?? null
  }
}

/** The answers of the customer operations in `form`, written with `encoding`. */
export const answersWith = (form: AnswerForm, encoding: Encoding) => {
  const { blank, number } = encoding

  const payment = (p: PaymentRecord) => {
    const places = decimals(p.currency)
    const paymentFee = wasPaid(p) ? fee(p.amount, p.currency) : undefined
    const optional = encoding.optional(p.optional)
    return {
      flowOrder: number(p.flowOrder),
      commerceOrder: p.commerceOrder,
      requestDate: p.requestDate,
      status: number(p.status),
      subject: p.subject,
      currency: p.currency,
      amount: encoding.amount(p.amount, places),
      payer: p.payer,
      ...(optional === undefined ? {} : { optional }),
      // no payment coupon is ever generated here; a pending link or email names Flow as its media
      pending_info: encoding.empty({ media: p.status === 1 && p.type !== 1 ? "Flow" : blank.text, date: blank.text }),
      paymentData: paymentFee === undefined
        ? encoding.empty(UNPAID)
        : {
          date: p.paidAt ?? blank.value,
          media: p.media ?? "webpay",
          conversionDate: blank.nullableText,
          conversionRate: null,
          amount: encoding.amount(p.amount, places),
          currency: p.currency,
          fee: encoding.fee(paymentFee, places),
          balance: encoding.fee(p.amount - paymentFee, places),
          transferDate: blank.text
        },
      merchantId: blank.value
    }
  }

  return {
    form,

    customer: (c) => ({
      customerId: c.customerId,
      created: c.created,
      email: c.email,
      name: c.name,
      pay_mode: c.card ? "auto" : "manual",
      creditCardType: c.card?.brand ?? blank.text,
      last4CardDigits: c.card?.last4 ?? blank.text,
      externalId: c.externalId,
      status: encoding.onOff(c.status),
      registerDate: c.card?.registeredAt ?? blank.nullableText
    }),

    page: <A>(items: ReadonlyArray<A>, paging: Paging): PageAnswer<A> => {
      const { data, hasMore } = slice(items, paging)
      return { total: number(items.length), hasMore: encoding.hasMore(hasMore), data: encoding.data(data) }
    },

    register: (url, token) => ({ url, token }),

    registerStatus: (r) => {
      const card = registeredCard(r)
      return {
        status: encoding.onOff(card ? 1 : 0),
        customerId: r.customerId,
        creditCardType: card?.brand ?? blank.text,
        last4CardDigits: card?.last4 ?? blank.nullableText
      }
    },

    payment,

    collect: (p) => ({
      type: number(p.type),
      commerceOrder: p.commerceOrder,
      flowOrder: number(p.flowOrder),
      // automatic charges have no url: they are synchronous
      url: p.url ?? "",
      token: p.type === 1 ? "" : p.token,
      // 1: a charge was issued (automatic charge made, link or email sent)
      status: number(1),
      paymenResult: payment(p)
    }),

    attempt: (a) => ({
      ...a,
      id: number(a.id),
      amount: encoding.amount(a.amount, 4),
      errorCode: number(a.errorCode),
      invoiceId: ""
    }),

    subscription: (s) => s,

    batchCollect: (outcome) => ({
      ...outcome,
      receivedRows: number(outcome.receivedRows),
      acceptedRows: number(outcome.acceptedRows),
      rejectedRows: outcome.rejectedRows.map((row) => ({
        ...row,
        rowNumber: number(row.rowNumber),
        errorCode: number(row.errorCode)
      }))
    }),

    batchStatus: (b) => ({
      token: b.token,
      createdDate: b.createdDate,
      processedDate: b.processedDate ?? blank.value,
      status: b.status,
      collectRows: b.rows.map((row) => batchRow(row, encoding))
    }),

    reverse: () => ({ status: encoding.onOff(1), message: "Reverse charge was successful" })
  } satisfies AnswerWriter
}
