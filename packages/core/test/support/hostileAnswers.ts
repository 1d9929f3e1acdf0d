/**
 * Answers Flow's PHP backend writes, and answers Flow never wrote, with exactly what the caller must
 * get for each. One table for both APIs (core's Effect API and the Promise package), run over both
 * transports against a loopback server. Bodies are raw text: some hold what `JSON.stringify` cannot
 * write (integers beyond 2^53, `__proto__` keys, 3,000-deep values).
 */
import { batchStatus, charge, json, payment, paymentData, phpPayment, phpPaymentData, phpRow, rawCharge } from "./phpAnswers.js"

/** The operations the table calls, with their arguments and the tag of their own error. */
export const operations = {
  get: { args: ["cus_onoolldvec"], errorTag: "FlowGetCustomerError" },
  "card.charge": {
    args: [{ customerId: "cus_onoolldvec", amount: 9990, subject: "Plan mensual", commerceOrder: "o-1" }],
    errorTag: "FlowChargeCardError"
  },
  "card.sendCharge": {
    args: [{
      customerId: "cus_onoolldvec",
      commerceOrder: "o-2",
      subject: "Cuota",
      amount: 3000,
      urlConfirmation: "https://shop.example.cl/confirm",
      urlReturn: "https://shop.example.cl/return"
    }],
    errorTag: "FlowSendChargeCardError"
  },
  "card.sendMassiveCharge": {
    args: [{
      urlCallBack: "https://shop.example.cl/batch",
      urlConfirmation: "https://shop.example.cl/confirm",
      urlReturn: "https://shop.example.cl/return",
      batchRows: [{ customerId: "cus_onoolldvec", commerceOrder: "r-1", subject: "Cuota", amount: 3000 }]
    }],
    errorTag: "FlowSendMassiveChargeCardError"
  },
  "card.massiveChargeStatus": { args: ["B1"], errorTag: "FlowMassiveChargeCardStatusError" },
  "card.listCharges": { args: [{ customerId: "cus_onoolldvec" }], errorTag: "FlowListChargesCardError" }
} as const

export type OperationKey = keyof typeof operations

export type Expected =
  | { readonly value: unknown }
  | {
    readonly reason: "FlowDecodeError" | "FlowAPIError"
    readonly statusCode: number
    /** The decode error's path (FlowDecodeError only). */
    readonly path?: string
    /** The operation error's message is at most this long. */
    readonly maxMessage?: number
  }

export interface AnswerCase {
  readonly title: string
  readonly op: OperationKey
  readonly body: string
  readonly status?: number
  readonly contentType?: string
  readonly expect: Expected
  /** Also check that no object of the result has a prototype other than Object's or Array's. */
  readonly clean?: boolean
}

const decodeError = (path: string, statusCode = 200): Expected => ({ reason: "FlowDecodeError", statusCode, path })

// ------------------------------------------------------------------------------------------- PHP forms

export const phpForms: ReadonlyArray<AnswerCase> = [
  {
    title: "card.charge: pending_info [], paymentData [], optional [], merchantId null, numbers as text",
    op: "card.charge",
    body: charge({}),
    expect: { value: payment }
  },
  {
    title: "card.charge: optional \"\", pending_info of empty texts, paymentData with empty and null fields",
    op: "card.charge",
    body: charge({ optional: "", pending_info: { media: "", date: "" }, paymentData: phpPaymentData, merchantId: "" }),
    expect: { value: { ...payment, pending_info: {}, paymentData } }
  },
  {
    title: "card.charge: optional {} and merchantId []",
    op: "card.charge",
    body: charge({ optional: {}, merchantId: [] }),
    expect: { value: payment }
  },
  {
    title: "card.sendCharge: a payment link whose paymenResult is []",
    op: "card.sendCharge",
    body: json({
      type: "2",
      commerceOrder: "o-2",
      flowOrder: "3567900",
      url: "https://www.flow.cl/app/web/pay.php",
      token: "41097C28B5BD",
      status: "1",
      paymenResult: []
    }),
    expect: {
      value: {
        type: 2,
        commerceOrder: "o-2",
        flowOrder: 3567900,
        url: "https://www.flow.cl/app/web/pay.php",
        token: "41097C28B5BD",
        status: 1
      }
    }
  },
  {
    title: "card.sendCharge: a card charge whose paymenResult is a payment in PHP forms, url and token \"\"",
    op: "card.sendCharge",
    body: json({ type: 1, commerceOrder: "o-1", flowOrder: "3567899", url: "", token: "", status: 1, paymenResult: phpPayment }),
    expect: { value: { type: 1, commerceOrder: "o-1", flowOrder: 3567899, status: 1, paymentResult: payment } }
  },
  {
    title: "card.listCharges: items in PHP forms, total and hasMore as text",
    op: "card.listCharges",
    body: json({ total: "2", hasMore: "0", data: [phpPayment, { ...phpPayment, flowOrder: "3567900", optional: "" }] }),
    expect: { value: { total: 2, hasMore: false, data: [payment, { ...payment, flowOrder: 3567900 }] } }
  },
  {
    title: "card.listCharges: data as JSON text of PHP-form items",
    op: "card.listCharges",
    body: json({ total: "1", hasMore: 0, data: json([phpPayment]) }),
    expect: { value: { total: 1, hasMore: false, data: [payment] } }
  },
  {
    title: "card.listCharges: an empty page as \"\" (data and hasMore)",
    op: "card.listCharges",
    body: json({ total: "0", hasMore: "", data: "" }),
    expect: { value: { total: 0, hasMore: false, data: [] } }
  },
  {
    title: "card.massiveChargeStatus: an unprocessed row with flowOrder \"\", type \"\", errorCode \"\"",
    op: "card.massiveChargeStatus",
    body: batchStatus({
      collectRows: [
        phpRow({}),
        phpRow({ commerceOrder: "r-2", type: "1", flowOrder: "3567901", status: "collected", errorCode: null })
      ]
    }),
    expect: {
      value: {
        token: "B1",
        createdDate: "2024-05-02 10:00:00",
        status: "processing",
        collectRows: [
          { commerceOrder: "r-1", status: "unprocessed" },
          { commerceOrder: "r-2", type: 1, flowOrder: 3567901, status: "collected" }
        ]
      }
    }
  },
  ...["\"\"", "[]", "null"].map((empty): AnswerCase => ({
    title: `card.massiveChargeStatus: collectRows ${empty}`,
    op: "card.massiveChargeStatus",
    body: `{"token":"B1","status":"created","collectRows":${empty}}`,
    expect: { value: { token: "B1", status: "created", collectRows: [] } }
  })),
  ...["\"\"", "[]", "null"].map((empty): AnswerCase => ({
    title: `card.sendMassiveCharge: rejectedRows ${empty}, counts as text`,
    op: "card.sendMassiveCharge",
    body: `{"token":"B1","receivedRows":"1","acceptedRows":"1","rejectedRows":${empty}}`,
    expect: { value: { token: "B1", receivedRows: 1, acceptedRows: 1, rejectedRows: [] } }
  })),
  {
    title: "card.sendMassiveCharge: a rejected row in PHP forms",
    op: "card.sendMassiveCharge",
    body: json({
      token: "B1",
      receivedRows: "1",
      acceptedRows: "0",
      rejectedRows: [{ customerId: "cus_onoolldvec", commerceOrder: "", rowNumber: "1", parameter: "amount", errorCode: "108", errorMsg: "" }]
    }),
    expect: {
      value: {
        token: "B1",
        receivedRows: 1,
        acceptedRows: 0,
        rejectedRows: [{ customerId: "cus_onoolldvec", rowNumber: 1, parameter: "amount", errorCode: 108 }]
      }
    }
  },
  {
    title: "get: a customer without card, its empty fields as \"\" and null",
    op: "get",
    body: json({
      customerId: "cus_onoolldvec",
      created: "2024-05-02 10:00:00",
      email: "ana@example.cl",
      name: "Ana",
      pay_mode: "",
      creditCardType: "",
      last4CardDigits: "",
      externalId: null,
      status: "1",
      registerDate: []
    }),
    expect: { value: { customerId: "cus_onoolldvec", created: "2024-05-02 10:00:00", email: "ana@example.cl", name: "Ana", status: 1 } }
  }
]

// ------------------------------------------------------------------------------------------- open enums

export const openEnums: ReadonlyArray<AnswerCase> = [
  { title: "a charge with status 5 (a number)", op: "card.charge", body: charge({ status: 5 }), expect: { value: { ...payment, status: 5 } } },
  { title: "a charge with status \"5\" (text)", op: "card.charge", body: charge({ status: "5" }), expect: { value: { ...payment, status: 5 } } },
  {
    title: "a collect of type \"4\"",
    op: "card.sendCharge",
    body: json({ type: "4", commerceOrder: "o-2", flowOrder: "3567900", status: "1" }),
    expect: { value: { type: 4, commerceOrder: "o-2", flowOrder: 3567900, status: 1 } }
  },
  {
    title: "a batch status \"paused\" and a row status \"refunded\"",
    op: "card.massiveChargeStatus",
    body: batchStatus({ status: "paused", collectRows: [phpRow({ status: "refunded" })] }),
    expect: {
      value: {
        token: "B1",
        createdDate: "2024-05-02 10:00:00",
        status: "paused",
        collectRows: [{ commerceOrder: "r-1", status: "refunded" }]
      }
    }
  }
]

// ------------------------------------------------------------------------------------------- malformed values

export const malformedValues: ReadonlyArray<AnswerCase> = [
  ...["NaN", "-9990", "Infinity", "0x10", "1e3", " 12", "012", "+12", "12.", "1_000"].map((amount): AnswerCase => ({
    title: `amount ${JSON.stringify(amount)}`,
    op: "card.charge",
    body: charge({ amount }),
    expect: decodeError("amount")
  })),
  { title: "amount -9990 (a number)", op: "card.charge", body: charge({ amount: -9990 }), expect: decodeError("amount") },
  {
    title: "a negative fee in paymentData",
    op: "card.charge",
    body: charge({ paymentData: { ...phpPaymentData, fee: "-551" } }),
    expect: decodeError("paymentData.fee")
  },
  {
    title: "flowOrder 9007199254740993 as a JSON number: refused, never rounded",
    op: "card.charge",
    body: rawCharge("flowOrder", "9007199254740993"),
    expect: decodeError("flowOrder")
  },
  {
    title: "flowOrder \"9007199254740993\" as text: refused, never rounded",
    op: "card.charge",
    body: charge({ flowOrder: "9007199254740993" }),
    expect: decodeError("flowOrder")
  },
  {
    title: "commerceOrder 12345678901234567890 as a JSON number: kept exactly, as text",
    op: "card.charge",
    body: rawCharge("commerceOrder", "12345678901234567890"),
    expect: { value: { ...payment, commerceOrder: "12345678901234567890" } }
  },
  {
    title: "an item of a page with amount \"NaN\"",
    op: "card.listCharges",
    body: json({ total: 2, hasMore: 0, data: [phpPayment, { ...phpPayment, amount: "NaN" }] }),
    expect: decodeError("data[1].amount")
  },
  {
    title: "a negative receivedRows",
    op: "card.sendMassiveCharge",
    body: json({ token: "B1", receivedRows: "-1", acceptedRows: "0" }),
    expect: decodeError("receivedRows")
  },
  {
    title: "a batch row's flowOrder \"0x10\"",
    op: "card.massiveChargeStatus",
    body: batchStatus({ collectRows: [phpRow({ flowOrder: "0x10" })] }),
    expect: decodeError("collectRows[0].flowOrder")
  }
]

// ------------------------------------------------------------------------------------------- prototypes

const polluter = "{\"__proto__\":{\"polluted\":true},\"RUT\":\"7025521-9\"}"

export const prototypeCases: ReadonlyArray<AnswerCase> = [
  {
    title: "__proto__ inside optional's JSON text",
    op: "card.charge",
    body: charge({ optional: polluter }),
    expect: { value: { ...payment, optional: { RUT: "7025521-9" } } },
    clean: true
  },
  {
    title: "__proto__ inside a page's data JSON text",
    op: "card.listCharges",
    body: json({ total: 1, hasMore: 0, data: `[${charge({ optional: { RUT: "7025521-9" } }).slice(0, -1)},"__proto__":{"polluted":true}}]` }),
    expect: { value: { total: 1, hasMore: false, data: [{ ...payment, optional: { RUT: "7025521-9" } }] } },
    clean: true
  },
  {
    title: "__proto__ at the top of the answer, in paymentData and in optional",
    op: "card.charge",
    body: `{"__proto__":{"polluted":true},` +
      `"paymentData":{"__proto__":{"polluted":true},"fee":"551"},"optional":${polluter},${charge({}).slice(1).replace(/"(paymentData|optional)":\[\],/g, "")}`,
    expect: { value: { ...payment, paymentData: { fee: 551 }, optional: { RUT: "7025521-9" } } },
    clean: true
  }
]

/**
 * Throws unless every object reachable from `value` has Object's or Array's prototype, no own
 * `__proto__` key and no `polluted` property, and `Object.prototype` was not touched.
 */
export const assertNoPollution = (value: unknown, path = "result"): void => {
  if (({} as Record<string, unknown>)["polluted"] !== undefined) throw new Error("Object.prototype was polluted")
  if (typeof value !== "object" || value === null) return
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== Array.prototype) throw new Error(`${path} has a foreign prototype`)
  if (Object.hasOwn(value, "__proto__")) throw new Error(`${path} has an own __proto__ key`)
  if ("polluted" in value) throw new Error(`${path} has a polluted property`)
  for (const [key, field] of Object.entries(value)) assertNoPollution(field, `${path}.${key}`)
}

// ------------------------------------------------------------------------------------------- bodies

const deep = (depth: number) => "[".repeat(depth) + "]".repeat(depth)

export const badBodies: ReadonlyArray<AnswerCase> = [
  {
    title: "a 3,000-deep array as amount",
    op: "card.charge",
    body: rawCharge("amount", deep(3000)),
    expect: { ...decodeError("amount"), maxMessage: 2_000 }
  },
  {
    title: "a 3,000-deep array in an extra field: ignored",
    op: "card.charge",
    body: `{"somethingNew":${deep(3000)},${json(phpPayment).slice(1)}`,
    expect: { value: payment }
  },
  {
    title: "2xx with an HTML page",
    op: "card.charge",
    body: "<html><body>Mantenimiento</body></html>",
    contentType: "text/html",
    expect: decodeError("")
  },
  { title: "2xx with truncated JSON", op: "card.charge", body: charge({}).slice(0, 60), expect: decodeError("") },
  { title: "2xx with an empty body", op: "card.charge", body: "", expect: decodeError("") },
  { title: "2xx with [] (PHP's empty object) for a payment", op: "card.charge", body: "[]", expect: decodeError("") },
  {
    title: "5xx with a 1 MB HTML page: a short message",
    op: "card.charge",
    status: 500,
    body: `<html><body>${"Error interno ".repeat(80_000)}</body></html>`,
    contentType: "text/html",
    expect: { reason: "FlowAPIError", statusCode: 500, maxMessage: 1_500 }
  }
]

export const allAnswerCases: ReadonlyArray<readonly [string, ReadonlyArray<AnswerCase>]> = [
  ["PHP's forms decode to the right values", phpForms],
  ["enum values Flow adds later decode and are kept", openEnums],
  ["malformed values are refused, naming the path", malformedValues],
  ["no prototype comes from data", prototypeCases],
  ["bodies that are not answers", badBodies]
]
