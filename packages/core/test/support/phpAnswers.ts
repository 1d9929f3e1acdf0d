/**
 * Flow's answers as its PHP backend writes them (`json_encode`: `[]` for an empty object, `""` and
 * `null` for absent values, numbers as numeric text), and the values they must decode to. Builders
 * for support/hostileAnswers.ts.
 */

export const phpPayment = {
  flowOrder: "3567899",
  commerceOrder: "o-1",
  requestDate: "2024-05-02 10:11:12",
  status: "2",
  subject: "Plan mensual",
  currency: "CLP",
  amount: "9990",
  payer: "ana@example.cl",
  optional: [],
  pending_info: [],
  paymentData: [],
  merchantId: null
}
export const payment = {
  flowOrder: 3567899,
  commerceOrder: "o-1",
  requestDate: "2024-05-02 10:11:12",
  status: 2,
  subject: "Plan mensual",
  currency: "CLP",
  amount: 9990,
  payer: "ana@example.cl"
}
export const phpPaymentData = {
  date: "2024-05-02 10:11:12",
  media: "webpay",
  conversionDate: "",
  conversionRate: "",
  amount: "9990.00",
  currency: "CLP",
  fee: "551",
  balance: "9439",
  transferDate: null
}
export const paymentData = { date: "2024-05-02 10:11:12", media: "webpay", amount: 9990, currency: "CLP", fee: 551, balance: 9439 }

export const phpRow = (fields: Record<string, unknown>) => ({
  commerceOrder: "r-1",
  type: "",
  flowOrder: "",
  url: "",
  token: "",
  status: "unprocessed",
  errorCode: "",
  errorMsg: "",
  ...fields
})
export const batchStatus = (fields: Record<string, unknown>) =>
  JSON.stringify({ token: "B1", createdDate: "2024-05-02 10:00:00", processedDate: "", status: "processing", ...fields })

export const json = (value: unknown) => JSON.stringify(value)
export const charge = (fields: Record<string, unknown>) => json({ ...phpPayment, ...fields })
/** A charge answer whose `field` is written as raw JSON text (`9007199254740993`, beyond what JSON.stringify can write). */
export const rawCharge = (field: keyof typeof phpPayment, raw: string) => {
  const { [field]: _, ...rest } = phpPayment
  return `{"${field}":${raw},${json(rest).slice(1)}`
}
