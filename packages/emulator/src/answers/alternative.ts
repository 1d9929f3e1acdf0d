/**
 * The `alternative` answer form, a stress form: the shapes the spec's own examples show against its
 * schemas (list `data` as JSON text, `hasMore` a boolean, numbers as text, numeric statuses where the
 * schema says text, `null` for absent values, the collect payment spelled `paymentResult`). Suites
 * that passed against Flow's sandbox contradict it (`data` an array, `total` and statuses numbers):
 * it tests a client's tolerance, not Flow's behaviour.
 */
import type { AnswerWriter } from "./AnswerWriter.js"
import { answersWith } from "./fields.js"
import { decimalText, ISSUER_BANK, maskedCard, registeredCard } from "./shared.js"

const written = answersWith("alternative", {
  // numbers as text, as the spec's rendered examples show counts ("112")
  number: String,
  onOff: (status) => status,
  amount: decimalText,
  // the fee and balance as plain numeric text ("383"), not as a decimal column
  fee: String,
  blank: { text: null, nullableText: null, value: null },
  empty: (fields) => fields,
  optional: (value) => value === undefined ? undefined : JSON.stringify(value),
  hasMore: (more) => more,
  data: (items) => JSON.stringify(items)
})

export const alternativeAnswers: AnswerWriter = {
  ...written,

  registerStatus: (r) => {
    const card = registeredCard(r)
    return {
      ...written.registerStatus(r),
      // the fields Flow's newer rendered docs add
      ...(card ? { cardNumber: maskedCard(card.last4), issuerBank: ISSUER_BANK } : {})
    }
  },

  // the payment spelled out, as the spec's examples show it: `paymentResult`
  collect: (p) => {
    const { paymenResult, ...collect } = written.collect(p)
    return { ...collect, paymentResult: paymenResult }
  },

  subscription: (s) => ({ ...s, status: String(s["status"] ?? "1") })
}
