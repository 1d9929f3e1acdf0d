/**
 * Flow's answers in the two forms its spec shows (docs/flow-api.md, "Answer forms"): the documented form, and
 * the alternative one (numbers as numbers or text, `data` as JSON text, `hasMore` boolean, nulls,
 * extra fields), with the normalized value both must decode to.
 */

export const customerSpec = {
  customerId: "cus_onoolldvec",
  created: "2017-07-21 12:33:15",
  email: "customer@gmail.com",
  name: "Pedro Raul Perez",
  pay_mode: "auto",
  creditCardType: "Visa",
  last4CardDigits: "0366",
  externalId: "14233531-8",
  status: "1",
  registerDate: "2017-07-21 14:22:01"
}
export const customerAlt = {
  ...customerSpec,
  status: 1,
  last4CardDigits: 366,
  pay_mode: null,
  registerDate: null,
  somethingNew: { nested: true }
}
export const customerNormalized = { ...customerSpec, status: 1 }
export const customerAltNormalized = {
  customerId: "cus_onoolldvec",
  created: "2017-07-21 12:33:15",
  email: "customer@gmail.com",
  name: "Pedro Raul Perez",
  creditCardType: "Visa",
  last4CardDigits: "0366",
  externalId: "14233531-8",
  status: 1
}

export const paymentSpec = {
  flowOrder: 3567899,
  commerceOrder: "sf12377",
  requestDate: "2017-07-21 12:32:11",
  status: 2,
  subject: "Pago prueba",
  currency: "CLP",
  amount: 12000,
  payer: "pperez@gamil.com",
  optional: { RUT: "7025521-9", ID: "899564778" },
  pending_info: { media: "", date: "" },
  paymentData: {
    date: "2017-07-21 12:32:11",
    media: "webpay",
    conversionDate: "2017-07-21",
    conversionRate: 1.1,
    amount: 12000,
    currency: "CLP",
    fee: 551,
    balance: 11499,
    transferDate: "2017-07-24"
  },
  merchantId: "string"
}
export const paymentAlt = {
  ...paymentSpec,
  flowOrder: "3567899",
  status: "2",
  amount: "12000.00",
  optional: "{\"RUT\":\"7025521-9\",\"ID\":\"899564778\"}",
  pending_info: { media: null, date: null },
  paymentData: { ...paymentSpec.paymentData, fee: "551", balance: "11499", conversionRate: null },
  merchantId: null
}
/** `pending_info`'s empty texts are absent. */
export const paymentNormalized = { ...paymentSpec, pending_info: {} }
/** nulls dropped, numeric text read as numbers, `optional` JSON text read as an object. */
export const paymentAltNormalized = {
  flowOrder: 3567899,
  commerceOrder: "sf12377",
  requestDate: "2017-07-21 12:32:11",
  status: 2,
  subject: "Pago prueba",
  currency: "CLP",
  amount: 12000,
  payer: "pperez@gamil.com",
  optional: { RUT: "7025521-9", ID: "899564778" },
  pending_info: {},
  paymentData: {
    date: "2017-07-21 12:32:11",
    media: "webpay",
    conversionDate: "2017-07-21",
    amount: 12000,
    currency: "CLP",
    fee: 551,
    balance: 11499,
    transferDate: "2017-07-24"
  }
}

export const registerStatusSpec = {
  status: "1",
  customerId: "cus_onoolldvec",
  creditCardType: "Visa",
  last4CardDigits: "4425"
}
export const registerStatusAlt = {
  status: 1,
  customerId: "cus_onoolldvec",
  creditCardType: "Visa",
  last4CardDigits: 4425,
  cardNumber: "457630 **** **** 4425",
  issuerBank: "BANCO SANTANDER"
}

export const collectSpec = {
  type: 1,
  commerceOrder: "sf12377",
  flowOrder: 3567899,
  url: "https://www.flow.cl/app/web/pay.php",
  token: "41097C28B5BD78C77F589FE4BC59E18AC333F9EU",
  status: 1,
  paymenResult: paymentSpec
}
export const collectAlt = {
  ...collectSpec,
  type: "1",
  flowOrder: "3567899",
  status: "1",
  paymenResult: undefined,
  paymentResult: paymentAlt
}
export const collectNormalized = (() => {
  const { paymenResult: _p, ...rest } = collectSpec
  return { ...rest, paymentResult: paymentNormalized }
})()
export const collectAltNormalized = { ...collectNormalized, paymentResult: paymentAltNormalized }

export const batchSpec = {
  token: "AJ089FF5467367",
  receivedRows: 3,
  acceptedRows: 2,
  rejectedRows: [{
    customerId: "cus_onoolldvec",
    commerceOrder: "zc23456",
    rowNumber: 3,
    parameter: "commerceOrder",
    errorCode: 104,
    errorMsg: "CommerceOrder already sent"
  }]
}
export const batchAlt = {
  ...batchSpec,
  receivedRows: "3",
  acceptedRows: "2",
  rejectedRows: JSON.stringify([{ ...batchSpec.rejectedRows[0], rowNumber: "3", errorCode: "104" }])
}

export const batchStatusSpec = {
  token: "AJ089FF5467367",
  createdDate: "2018-06-26 17:29:06",
  processedDate: "2018-06-26 17:40:06",
  status: "processed",
  collectRows: [
    {
      commerceOrder: "zc23456",
      type: 1,
      flowOrder: 3567899,
      url: "",
      token: "",
      status: "collected",
      errorCode: 0,
      errorMsg: ""
    },
    {
      commerceOrder: "12300",
      type: 2,
      flowOrder: 0,
      url: "https://www.flow.cl/app/web/pay.php",
      token: "B2C8",
      status: "uncollected",
      errorCode: 105,
      errorMsg: "12300 has been previously paid"
    }
  ]
}
export const batchStatusAlt = {
  ...batchStatusSpec,
  processedDate: null,
  collectRows: JSON.stringify(batchStatusSpec.collectRows.map(({ errorCode, ...row }) => ({
    ...row,
    type: String(row.type),
    erroorCode: errorCode
  })))
}
/** The first row's empty `url`, `token` and `errorMsg` are absent. */
export const batchStatusNormalized = {
  ...batchStatusSpec,
  collectRows: [
    {
      commerceOrder: "zc23456",
      type: 1,
      flowOrder: 3567899,
      status: "collected",
      errorCode: 0
    },
    batchStatusSpec.collectRows[1]
  ]
}
export const batchStatusAltNormalized = (() => {
  const { processedDate: _p, ...rest } = batchStatusNormalized
  return rest
})()

export const reverseSpec = { status: "1", message: "Reverse charge was successful" }
export const reverseAlt = { status: 1, message: "Reverse charge was successful" }
export const reverseNormalized = { status: 1, message: "Reverse charge was successful" }

export const attemptSpec = {
  id: 12345,
  date: "2018-06-26 17:29:06",
  customerId: "cus_onoolldvec",
  invoiceId: 8990,
  commerceOrder: "1883",
  currency: "CLP",
  amount: 90000.0,
  errorCode: 1605,
  errorDescription: "This commerceOrder 1883 has been previously paid"
}
export const attemptAlt = { ...attemptSpec, id: "12345", invoiceId: "", amount: "90000.0000", errorCode: "1605" }
/** An empty `invoiceId` (the attempt was not for an invoice) is absent. */
export const attemptAltNormalized = (() => {
  const { invoiceId: _i, ...rest } = attemptSpec
  return rest
})()

export const subscriptionSpec = {
  subscriptionId: "sus_azcyjj9ycd",
  planId: "MiPlanMensual",
  plan_name: "Plan mensual",
  customerId: "cus_eblcbsua2g",
  created: "2018-06-26 17:29:06",
  subscription_start: "2018-06-26 17:29:06",
  subscription_end: "2019-06-25 00:00:00",
  period_start: "2018-06-26 00:00:00",
  period_end: "2018-06-26 00:00:00",
  next_invoice_date: "2018-06-27 00:00:00",
  trial_period_days: 1,
  trial_start: "2018-06-26 00:00:00",
  trial_end: "2018-06-26 00:00:00",
  cancel_at_period_end: 0,
  periods_number: 12,
  days_until_due: 3,
  status: 1,
  discount_balance: 20000,
  morose: 0,
  invoices: []
}
export const subscriptionAlt = {
  ...subscriptionSpec,
  status: "1",
  discount_balance: "20000.0000",
  cancel_at: null,
  newPlanId: 12,
  subscription_end: null
}
/** An empty `invoices` list is absent. */
export const subscriptionNormalized = (() => {
  const { invoices: _i, ...rest } = subscriptionSpec
  return rest
})()
export const subscriptionAltNormalized = (() => {
  const { subscription_end: _e, ...rest } = subscriptionNormalized
  return { ...rest, newPlanId: "12" }
})()

/** A list page in the spec's form (data array, hasMore 0/1) and the alternative (data as JSON text, hasMore boolean). */
export const pageSpec = (items: ReadonlyArray<unknown>, total = items.length, hasMore = 0) => ({ total, hasMore, data: items })
export const pageAlt = (items: ReadonlyArray<unknown>, total = items.length, hasMore = false) => ({
  total: String(total),
  hasMore,
  data: JSON.stringify(items)
})

/**
 * A payment as a PHP backend writes it: numbers as text, `[]` for empty objects, `""` and `null` for
 * absent values, and a field this library does not know.
 */
export const paymentPhp = {
  flowOrder: "3567899",
  commerceOrder: "sf12377",
  requestDate: "2017-07-21 12:32:11",
  status: "2",
  subject: "Pago prueba",
  currency: "CLP",
  amount: "12000.00",
  payer: "pperez@gamil.com",
  optional: [],
  pending_info: [],
  paymentData: {
    date: "2017-07-21 12:32:11",
    media: "webpay",
    conversionDate: "",
    conversionRate: null,
    amount: "12000.00",
    currency: "CLP",
    fee: "551",
    balance: "11499",
    transferDate: null
  },
  merchantId: "",
  newField: "something Flow added"
}
export const paymentPhpNormalized = {
  flowOrder: 3567899,
  commerceOrder: "sf12377",
  requestDate: "2017-07-21 12:32:11",
  status: 2,
  subject: "Pago prueba",
  currency: "CLP",
  amount: 12000,
  payer: "pperez@gamil.com",
  paymentData: {
    date: "2017-07-21 12:32:11",
    media: "webpay",
    amount: 12000,
    currency: "CLP",
    fee: 551,
    balance: 11499
  }
}
