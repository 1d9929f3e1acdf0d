/**
 * The `spec` answer form, the default: Flow's documented types, as the spec and the suites that
 * passed against Flow's sandbox show them. Text statuses for customers, registrations and reversals
 * (`"1"`); numbers for payment and collect statuses, types, amounts and counts; list `data` an array
 * and `hasMore` 0/1; the collect payment spelled `paymenResult` (sic); absent card fields `""` and
 * absent payment data `null`.
 */
import type { AnswerWriter } from "./AnswerWriter.js"
import { answersWith } from "./fields.js"

export const specAnswers: AnswerWriter = answersWith("spec", {
  number: (value) => value,
  onOff: String,
  amount: (amount) => amount,
  fee: (amount) => amount,
  blank: { text: "", nullableText: "", value: null },
  empty: (fields) => fields,
  optional: (value) => value as Readonly<Record<string, unknown>> | undefined,
  hasMore: (more) => more ? 1 : 0,
  data: (items) => items
})
