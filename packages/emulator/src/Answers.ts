/**
 * How the emulator writes Flow's answers, in the two forms Flow's spec shows (SPEC.md §1.7, §2, §6.1):
 * - `spec`: the documented types: string statuses, list `data` as an array, `hasMore` 0/1, `paymenResult`;
 * - `alternative`: the forms the spec's examples also show: `data` as JSON text, `hasMore` boolean,
 *   numbers as text, statuses as numbers, `null` for absent values, `paymentResult` spelled out.
 * Each answer is typed by the client's own decoder (`@flowcl/core`), so the two cannot drift apart.
 */
import type * as Core from "@flowcl/core"
import type * as Schema from "effect/Schema"
import type { RejectedRow } from "./BatchRows.js"
import type {
  AttemptRecord,
  BatchRecord,
  CustomerRecord,
  PaymentRecord,
  RegistrationRecord,
  SubscriptionRecord
} from "./EmulatorState.js"

export type AnswerForm = "spec" | "alternative"

type Encoded<S extends Schema.Schema.Any> = Schema.Schema.Encoded<S>

export const customerAnswer = (c: CustomerRecord, form: AnswerForm): Encoded<typeof Core.Customer> => {
  const none = form === "spec" ? "" : null
  return {
    customerId: c.customerId,
    created: c.created,
    email: c.email,
    name: c.name,
    pay_mode: c.card ? "auto" : "manual",
    creditCardType: c.card?.brand ?? none,
    last4CardDigits: c.card?.last4 ?? none,
    externalId: c.externalId,
    status: form === "spec" ? String(c.status) : c.status,
    registerDate: c.card?.registeredAt ?? none
  }
}

export const pageAnswer = <A>(
  items: ReadonlyArray<A>,
  paging: { readonly start: number; readonly limit: number },
  form: AnswerForm
) => {
  const data = items.slice(paging.start, paging.start + paging.limit)
  const hasMore = paging.start + paging.limit < items.length
  return form === "spec"
    ? { total: items.length, hasMore: hasMore ? 1 : 0, data }
    : { total: String(items.length), hasMore, data: JSON.stringify(data) }
}

/** Flow's fee in the emulator: 3.19% + VAT, rounded like the currency. */
const fee = (amount: number, currency: string): number => {
  const raw = amount * 0.0319 * 1.19
  return currency === "CLP" ? Math.round(raw) : Math.round(raw * 10_000) / 10_000
}

const amountText = (amount: number, currency: string) => currency === "CLP" ? amount.toFixed(2) : amount.toFixed(4)

export const paymentAnswer = (p: PaymentRecord, form: AnswerForm): Encoded<typeof Core.Payment> => {
  const paid = p.status === 2 || (p.status === 4 && p.paidAt !== undefined)
  const none = form === "spec" ? "" : null
  const paymentFee = paid ? fee(p.amount, p.currency) : undefined
  return {
    flowOrder: form === "spec" ? p.flowOrder : String(p.flowOrder),
    commerceOrder: p.commerceOrder,
    requestDate: p.requestDate,
    status: form === "spec" ? p.status : String(p.status),
    subject: p.subject,
    currency: p.currency,
    amount: form === "spec" ? p.amount : amountText(p.amount, p.currency),
    payer: p.payer,
    ...(p.optional === undefined
      ? {}
      : { optional: (form === "spec" ? p.optional : JSON.stringify(p.optional)) as Record<string, unknown> | string }),
    pending_info: { media: p.status === 1 && p.type !== 1 ? "Flow" : none, date: none },
    paymentData: paid
      ? {
        date: p.paidAt ?? null,
        media: p.media ?? "webpay",
        conversionDate: none,
        conversionRate: null,
        amount: form === "spec" ? p.amount : amountText(p.amount, p.currency),
        currency: p.currency,
        fee: form === "spec" ? paymentFee! : String(paymentFee),
        balance: form === "spec" ? p.amount - paymentFee! : String(p.amount - paymentFee!),
        transferDate: none
      }
      : {
        date: null,
        media: null,
        conversionDate: null,
        conversionRate: null,
        amount: null,
        currency: null,
        fee: null,
        balance: null,
        transferDate: null
      },
    merchantId: null
  }
}

export const registerStatusAnswer = (r: RegistrationRecord, form: AnswerForm): Encoded<typeof Core.RegisterCardStatus> => {
  const registered = r.status === "completed" && r.card !== undefined
  const none = form === "spec" ? "" : null
  return {
    status: form === "spec" ? (registered ? "1" : "0") : (registered ? 1 : 0),
    customerId: r.customerId,
    creditCardType: registered ? r.card!.brand : none,
    last4CardDigits: registered ? r.card!.last4 : none,
    ...(form === "alternative" && registered
      ? { cardNumber: `457630 **** **** ${r.card!.last4}`, issuerBank: "BANCO EMULADO" }
      : {})
  }
}

export const collectAnswer = (p: PaymentRecord, form: AnswerForm): Encoded<typeof Core.CollectResponse> => {
  const payment = paymentAnswer(p, form)
  const base = {
    type: form === "spec" ? p.type : String(p.type),
    commerceOrder: p.commerceOrder,
    flowOrder: form === "spec" ? p.flowOrder : String(p.flowOrder),
    url: p.url ?? "",
    token: p.type === 1 ? "" : p.token,
    // 1: a charge was issued (automatic charge made, link or email sent)
    status: form === "spec" ? 1 : "1"
  }
  return form === "spec" ? { ...base, paymenResult: payment } : { ...base, paymentResult: payment }
}

export const attemptAnswer = (a: AttemptRecord, form: AnswerForm): Encoded<typeof Core.ChargeAttempt> =>
  form === "spec"
    ? { ...a, invoiceId: "" }
    : { ...a, id: String(a.id), amount: a.amount.toFixed(4), errorCode: String(a.errorCode), invoiceId: "" }

export const subscriptionAnswer = (s: SubscriptionRecord, form: AnswerForm): Record<string, unknown> =>
  form === "spec" ? s : { ...s, status: String(s["status"] ?? "1") }

export const batchCollectAnswer = (
  answer: {
    readonly token: string
    readonly receivedRows: number
    readonly acceptedRows: number
    readonly rejectedRows: ReadonlyArray<RejectedRow>
  },
  form: AnswerForm
): Encoded<typeof Core.BatchCollectResponse> =>
  form === "spec"
    ? answer
    : {
      ...answer,
      // REDOC's examples show the counts as text ("112")
      receivedRows: String(answer.receivedRows),
      acceptedRows: String(answer.acceptedRows),
      rejectedRows: answer.rejectedRows.map((row) => ({
        ...row,
        rowNumber: String(row.rowNumber),
        errorCode: String(row.errorCode)
      }))
    }

export const batchStatusAnswer = (b: BatchRecord, form: AnswerForm): Encoded<typeof Core.BatchCollectStatus> => ({
  token: b.token,
  createdDate: b.createdDate,
  processedDate: b.processedDate ?? null,
  status: b.status,
  collectRows: b.rows.map((row) => ({
    commerceOrder: row.commerceOrder,
    type: row.type === undefined ? null : form === "spec" ? row.type : String(row.type),
    flowOrder: row.flowOrder === undefined ? null : form === "spec" ? row.flowOrder : String(row.flowOrder),
    url: row.url ?? null,
    token: row.token ?? null,
    status: row.status,
    errorCode: row.errorCode === undefined ? null : form === "spec" ? row.errorCode : String(row.errorCode),
    errorMsg: row.errorMsg ?? null
  }))
})

export const reverseAnswer = (form: AnswerForm): Encoded<typeof Core.ReverseChargeResponse> => ({
  status: form === "spec" ? "1" : 1,
  message: "Reverse charge was successful"
})
