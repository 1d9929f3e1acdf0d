/**
 * Flow's 16 customer endpoints as rules over EmulatorState: each reads its params the way Flow
 * documents them (SPEC.md §3), applies the business rules, and returns the answer plus any follow-up
 * work (a callback to POST, a batch to process) that the server runs asynchronously.
 */
import {
  attemptAnswer,
  type AnswerForm,
  batchCollectAnswer,
  batchStatusAnswer,
  collectAnswer,
  customerAnswer,
  pageAnswer,
  paymentAnswer,
  registerStatusAnswer,
  reverseAnswer,
  subscriptionAnswer
} from "./Answers.js"
import { checkRow, type RejectedRow } from "./BatchRows.js"
import {
  type CallbackRecord,
  type CustomerRecord,
  type EmulatorState,
  type PaymentRecord,
  reversalDeadline
} from "./EmulatorState.js"
import { ErrorCodes, FlowFailure, MINIMUM_CLP, Params } from "./Params.js"

/**
 * Magic amounts: a charge of one of these amounts is declined, like Stripe's test cards, with Flow's
 * payment-attempt error codes (SPEC.md §4). Any other amount is approved.
 */
export const MagicAmounts: Readonly<Record<number, { readonly code: number; readonly description: string }>> = {
  9001: { code: -1, description: "Tarjeta inválida" },
  9002: { code: -2, description: "Error de conexión" },
  9003: { code: -3, description: "Excede monto máximo" },
  9004: { code: -4, description: "Fecha de expiración inválida" },
  9005: { code: -5, description: "Problema en autenticación" },
  9006: { code: -6, description: "Rechazo general" },
  9007: { code: -7, description: "Tarjeta bloqueada" },
  9008: { code: -8, description: "Tarjeta vencida" },
  9009: { code: -9, description: "Transacción no soportada" },
  9010: { code: -10, description: "Problema en la transacción" },
  9011: { code: -11, description: "Excede límite de reintentos de rechazos" },
  9999: { code: 999, description: "Error desconocido" }
}

export interface EndpointContext {
  readonly state: EmulatorState
  readonly form: AnswerForm
  /** `http://host:port` as the client reached the emulator; links point back here. */
  readonly origin: string
}

export type FollowUp =
  | { readonly _tag: "Callback"; readonly kind: CallbackRecord["kind"]; readonly url: string; readonly token: string }
  | { readonly _tag: "ProcessBatch"; readonly token: string }

export interface EndpointResult {
  readonly body: unknown
  readonly followUps?: ReadonlyArray<FollowUp>
}

export interface Endpoint {
  readonly method: "GET" | "POST"
  readonly handle: (params: Params, ctx: EndpointContext) => EndpointResult
}

// ---------------------------------------------------------------------------------------------
// shared rules
// ---------------------------------------------------------------------------------------------

const findCustomer = (state: EmulatorState, customerId: string): CustomerRecord => {
  const customer = state.customers.get(customerId)
  if (customer === undefined) {
    throw new FlowFailure(401, ErrorCodes.customerNotFound, `Customer ${customerId} not found`)
  }
  return customer
}

const activeCustomer = (state: EmulatorState, customerId: string): CustomerRecord => {
  const customer = findCustomer(state, customerId)
  if (customer.status === 0) {
    throw new FlowFailure(401, ErrorCodes.customerNotFound, `Customer ${customerId} is deleted`)
  }
  return customer
}

const checkAmount = (amount: number, currency: string): void => {
  if (currency === "CLP" && !Number.isInteger(amount)) {
    throw new FlowFailure(400, ErrorCodes.invalidParam, "Amount can not contain decimals for this currency")
  }
  if (currency === "CLP" && amount < MINIMUM_CLP) {
    throw new FlowFailure(401, ErrorCodes.amountBelowMinimum, `The minimum amount is ${MINIMUM_CLP} CLP`)
  }
}

/** commerceOrder is unique per merchant across charges, collects and batch rows. */
const reserveCommerceOrder = (state: EmulatorState, commerceOrder: string): void => {
  const previous = state.paymentsByOrder.get(commerceOrder)
  if (previous !== undefined && (previous.status === 2 || previous.status === 4)) {
    throw new FlowFailure(
      401,
      ErrorCodes.commerceOrderRepeated,
      `This commerceOrder ${commerceOrder} has been previously paid`
    )
  }
  if (state.commerceOrders.has(commerceOrder)) {
    throw new FlowFailure(401, ErrorCodes.commerceOrderRepeated, `commerceOrder ${commerceOrder} already sent`)
  }
  state.commerceOrders.add(commerceOrder)
}

const paging = (params: Params) => ({
  start: params.optionalInt("start", 0) ?? 0,
  limit: params.optionalInt("limit", 1, 100) ?? 10
})

const contains = (haystack: string, needle: string | undefined) =>
  needle === undefined || haystack.toLowerCase().includes(needle.toLowerCase())

interface NewPayment {
  readonly customer: CustomerRecord
  readonly commerceOrder: string
  readonly subject: string
  readonly amount: number
  readonly currency: string
  readonly optional: unknown
  readonly urlConfirmation?: string | undefined
  readonly urlReturn?: string | undefined
}

/**
 * Charges the customer's registered card now: approved unless the amount is magic, in which case the
 * payment is rejected (status 3) and the failure is recorded as a charge attempt.
 */
export const chargeCard = (state: EmulatorState, input: NewPayment): PaymentRecord => {
  const decline = MagicAmounts[input.amount]
  const now = state.nowLocal()
  const payment = state.addPayment({
    flowOrder: state.newFlowOrder(),
    commerceOrder: input.commerceOrder,
    customerId: input.customer.customerId,
    subject: input.subject,
    currency: input.currency,
    amount: input.amount,
    requestDate: now,
    requestedAtMillis: state.now(),
    status: decline ? 3 : 2,
    payer: input.customer.email,
    optional: input.optional,
    type: 1,
    token: state.newToken(),
    url: undefined,
    paidAt: decline ? undefined : now,
    media: decline ? undefined : `${input.customer.card?.brand ?? "Card"} automatic charge`,
    urlConfirmation: input.urlConfirmation,
    urlReturn: input.urlReturn
  })
  if (decline) {
    state.attempts.push({
      id: state.newAttemptId(),
      date: now,
      customerId: input.customer.customerId,
      commerceOrder: input.commerceOrder,
      currency: input.currency,
      amount: input.amount,
      errorCode: decline.code,
      errorDescription: decline.description
    })
  }
  return payment
}

/** A payment the customer pays later: through a link (type 2) or an email (type 3). */
const pendingPayment = (state: EmulatorState, input: NewPayment, type: 2 | 3, origin: string): PaymentRecord =>
  state.addPayment({
    flowOrder: state.newFlowOrder(),
    commerceOrder: input.commerceOrder,
    customerId: input.customer.customerId,
    subject: input.subject,
    currency: input.currency,
    amount: input.amount,
    requestDate: state.nowLocal(),
    requestedAtMillis: state.now(),
    status: 1,
    payer: input.customer.email,
    optional: input.optional,
    type,
    token: state.newToken(),
    url: `${origin}/app/web/pay.php`,
    paidAt: undefined,
    media: undefined,
    urlConfirmation: input.urlConfirmation,
    urlReturn: input.urlReturn
  })

const confirmation = (payment: PaymentRecord): ReadonlyArray<FollowUp> =>
  payment.status === 2 && payment.urlConfirmation !== undefined
    ? [{ _tag: "Callback", kind: "payment-confirmation", url: payment.urlConfirmation, token: payment.token }]
    : []

// ---------------------------------------------------------------------------------------------
// the 16 endpoints, keyed by the last segment of `customer/<name>`
// ---------------------------------------------------------------------------------------------

export const endpoints: Readonly<Record<string, Endpoint>> = {
  create: {
    method: "POST",
    handle: (p, { form, state }) => {
      const name = p.required("name")
      const email = p.required("email")
      const externalId = p.required("externalId")
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
        throw new FlowFailure(400, ErrorCodes.invalidParam, `Invalid param email: ${JSON.stringify(email)}`)
      }
      const customer: CustomerRecord = {
        customerId: state.newCustomerId(),
        name,
        email,
        externalId,
        created: state.nowLocal(),
        status: 1,
        card: undefined
      }
      state.customers.set(customer.customerId, customer)
      return { body: customerAnswer(customer, form) }
    }
  },

  edit: {
    method: "POST",
    handle: (p, { form, state }) => {
      const customer = activeCustomer(state, p.required("customerId"))
      const name = p.optional("name")
      const email = p.optional("email")
      const externalId = p.optional("externalId")
      if (email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
        throw new FlowFailure(400, ErrorCodes.invalidParam, `Invalid param email: ${JSON.stringify(email)}`)
      }
      // only the fields sent change
      if (name !== undefined) customer.name = name
      if (email !== undefined) customer.email = email
      if (externalId !== undefined) customer.externalId = externalId
      return { body: customerAnswer(customer, form) }
    }
  },

  delete: {
    method: "POST",
    handle: (p, { form, state }) => {
      const customer = activeCustomer(state, p.required("customerId"))
      const pending = state.payments.some((x) => x.customerId === customer.customerId && x.status === 1)
      const activeSubscription = state.subscriptions.some((s) =>
        s.customerId === customer.customerId && (s["status"] === 1 || s["status"] === 2)
      )
      if (pending || activeSubscription) {
        throw new FlowFailure(
          401,
          ErrorCodes.customerHasPendingCharges,
          `Customer ${customer.customerId} has active subscriptions or charges pending payment`
        )
      }
      customer.status = 0
      return { body: customerAnswer(customer, form) }
    }
  },

  get: {
    method: "GET",
    handle: (p, { form, state }) => ({ body: customerAnswer(findCustomer(state, p.required("customerId")), form) })
  },

  list: {
    method: "GET",
    handle: (p, { form, state }) => {
      const page = paging(p)
      const filter = p.optional("filter")
      const status = p.optionalInt("status", 0, 1)
      const items = [...state.customers.values()]
        .filter((c) => contains(c.name, filter) && (status === undefined || c.status === status))
        .map((c) => customerAnswer(c, form))
      return { body: pageAnswer(items, page, form) }
    }
  },

  register: {
    method: "POST",
    handle: (p, { origin, state }) => {
      const customer = activeCustomer(state, p.required("customerId"))
      const urlReturn = p.url("url_return")
      const token = state.newToken()
      state.registrations.set(token, {
        token,
        customerId: customer.customerId,
        urlReturn,
        status: "pending",
        card: undefined
      })
      return { body: { url: `${origin}/app/customer/disclaimer.php`, token } }
    }
  },

  getRegisterStatus: {
    method: "GET",
    handle: (p, { form, state }) => {
      const token = p.required("token")
      const registration = state.registrations.get(token)
      if (registration === undefined) {
        throw new FlowFailure(401, ErrorCodes.registrationNotFound, `Registration token ${token} not found`)
      }
      return { body: registerStatusAnswer(registration, form) }
    }
  },

  unRegister: {
    method: "POST",
    handle: (p, { form, state }) => {
      const customer = activeCustomer(state, p.required("customerId"))
      customer.card = undefined
      return { body: customerAnswer(customer, form) }
    }
  },

  charge: {
    method: "POST",
    handle: (p, { form, state }) => {
      const customerId = p.required("customerId")
      const amount = p.amount()
      const subject = p.required("subject")
      const commerceOrder = p.required("commerceOrder")
      const currency = p.currency()
      const optional = p.json("optionals")
      checkAmount(amount, currency)
      const customer = activeCustomer(state, customerId)
      if (customer.card === undefined) {
        throw new FlowFailure(401, ErrorCodes.customerHasNoCard, `Customer ${customerId} has no registered card`)
      }
      reserveCommerceOrder(state, commerceOrder)
      const payment = chargeCard(state, { customer, commerceOrder, subject, amount, currency, optional })
      return { body: paymentAnswer(payment, form) }
    }
  },

  collect: {
    method: "POST",
    handle: (p, { form, origin, state }) => {
      const customerId = p.required("customerId")
      const commerceOrder = p.required("commerceOrder")
      const subject = p.required("subject")
      const amount = p.amount()
      const urlConfirmation = p.url("urlConfirmation")
      const urlReturn = p.url("urlReturn")
      const currency = p.currency()
      p.optionalInt("paymentMethod", 1)
      const byEmail = p.flag("byEmail")
      p.optionalInt("forward_days_after")
      p.optionalInt("forward_times")
      const ignoreAutoCharging = p.flag("ignore_auto_charging")
      const optional = p.json("optionals")
      p.optionalInt("timeout", 1)
      checkAmount(amount, currency)
      const customer = activeCustomer(state, customerId)
      reserveCommerceOrder(state, commerceOrder)
      const input = { customer, commerceOrder, subject, amount, currency, optional, urlConfirmation, urlReturn }

      if (byEmail) return { body: collectAnswer(pendingPayment(state, input, 3, origin), form) }
      if (customer.card !== undefined && !ignoreAutoCharging) {
        const charged = chargeCard(state, input)
        if (charged.status === 2) return { body: collectAnswer(charged, form), followUps: confirmation(charged) }
        // the automatic charge was declined: the payment goes out as a link instead, under the same order
        state.paymentsByOrder.delete(commerceOrder)
      }
      return { body: collectAnswer(pendingPayment(state, input, 2, origin), form) }
    }
  },

  batchCollect: {
    method: "POST",
    handle: (p, { form, state }) => {
      const urlCallBack = p.url("urlCallBack")
      const urlConfirmation = p.url("urlConfirmation")
      const urlReturn = p.url("urlReturn")
      const rows = p.json("batchRows", true)
      if (!Array.isArray(rows)) {
        throw new FlowFailure(400, ErrorCodes.invalidParam, "Invalid param batchRows: expected a JSON array")
      }
      const byEmail = p.flag("byEmail")
      p.optionalInt("forward_days_after")
      p.optionalInt("forward_times")
      p.optionalInt("timeout", 1)

      const rejectedRows: Array<RejectedRow> = []
      const seen = new Set<string>()
      const accepted = []
      for (const [index, row] of rows.entries()) {
        const result = checkRow(row, index + 1, state, seen)
        if ("rejected" in result) {
          rejectedRows.push(result.rejected)
        } else {
          seen.add(result.accepted.commerceOrder)
          accepted.push(result.accepted)
        }
      }
      for (const commerceOrder of seen) state.commerceOrders.add(commerceOrder)
      const token = state.newToken()
      state.batches.set(token, {
        token,
        createdDate: state.nowLocal(),
        processedDate: undefined,
        status: "created",
        urlCallBack,
        urlConfirmation,
        urlReturn,
        byEmail,
        rows: accepted.map((row) => ({
          ...row,
          status: "unprocessed",
          type: undefined,
          flowOrder: undefined,
          url: undefined,
          token: undefined,
          errorCode: undefined,
          errorMsg: undefined
        }))
      })
      return {
        body: batchCollectAnswer({ token, receivedRows: rows.length, acceptedRows: accepted.length, rejectedRows }, form),
        followUps: [{ _tag: "ProcessBatch", token }]
      }
    }
  },

  getBatchCollectStatus: {
    method: "GET",
    handle: (p, { form, state }) => {
      const token = p.required("token")
      const batch = state.batches.get(token)
      if (batch === undefined) throw new FlowFailure(401, ErrorCodes.batchNotFound, `Batch ${token} not found`)
      return { body: batchStatusAnswer(batch, form) }
    }
  },

  reverseCharge: {
    method: "POST",
    handle: (p, { form, state }) => {
      const commerceOrder = p.optional("commerceOrder")
      const flowOrder = p.optionalInt("flowOrder", 1)
      if (commerceOrder === undefined && flowOrder === undefined) {
        throw new FlowFailure(400, ErrorCodes.missingParam, "Missing required param: commerceOrder or flowOrder")
      }
      const byOrder = commerceOrder === undefined ? undefined : state.paymentsByOrder.get(commerceOrder)
      const byFlow = flowOrder === undefined ? undefined : state.payments.find((x) => x.flowOrder === flowOrder)
      if (commerceOrder !== undefined && flowOrder !== undefined && byOrder !== byFlow) {
        throw new FlowFailure(400, ErrorCodes.invalidParam, "commerceOrder and flowOrder name different charges")
      }
      const payment = byOrder ?? byFlow
      if (payment === undefined) {
        throw new FlowFailure(401, ErrorCodes.chargeNotFound, `Charge ${commerceOrder ?? flowOrder} not found`)
      }
      if (payment.status === 4) {
        throw new FlowFailure(401, ErrorCodes.chargeAlreadyReversed, `Charge ${payment.flowOrder} was already reversed`)
      }
      if (payment.status !== 2) {
        throw new FlowFailure(401, ErrorCodes.chargeNotReversible, `Charge ${payment.flowOrder} is not paid`)
      }
      const deadline = reversalDeadline(payment.requestedAtMillis)
      if (state.nowLocal() > deadline) {
        throw new FlowFailure(
          401,
          ErrorCodes.reversalWindowClosed,
          `Charge ${payment.flowOrder} could be reversed until ${deadline}`
        )
      }
      payment.status = 4
      return { body: reverseAnswer(form) }
    }
  },

  getCharges: {
    method: "GET",
    handle: (p, { form, state }) => {
      const customerId = p.required("customerId")
      const page = paging(p)
      const filter = p.optional("filter")
      const fromDate = p.date("fromDate")
      const status = p.optionalInt("status", 1, 4)
      findCustomer(state, customerId)
      const items = state.payments
        .filter((x) =>
          x.customerId === customerId && contains(x.subject, filter) &&
          (fromDate === undefined || x.requestDate >= fromDate) && (status === undefined || x.status === status)
        )
        .map((x) => paymentAnswer(x, form))
      return { body: pageAnswer(items, page, form) }
    }
  },

  getChargeAttemps: {
    method: "GET",
    handle: (p, { form, state }) => {
      const customerId = p.required("customerId")
      const page = paging(p)
      const filter = p.optional("filter")
      const fromDate = p.date("fromDate")
      const commerceOrder = p.optional("commerceOrder")
      findCustomer(state, customerId)
      const items = state.attempts
        .filter((a) =>
          a.customerId === customerId && contains(a.errorDescription, filter) &&
          (fromDate === undefined || a.date >= fromDate) &&
          (commerceOrder === undefined || a.commerceOrder === commerceOrder)
        )
        .map((a) => attemptAnswer(a, form))
      return { body: pageAnswer(items, page, form) }
    }
  },

  getSubscriptions: {
    method: "GET",
    handle: (p, { form, state }) => {
      const customerId = p.required("customerId")
      const page = paging(p)
      const filter = p.optional("filter")
      findCustomer(state, customerId)
      const items = state.subscriptions
        .filter((s) => s.customerId === customerId && contains(s.subscriptionId, filter))
        .map((s) => subscriptionAnswer(s, form))
      return { body: pageAnswer(items, page, form) }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// what happens outside the API: the person on Flow's pages, and the batch processor
// ---------------------------------------------------------------------------------------------

/** The person finishes (or abandons) card registration on Flow's page; Flow then POSTs the token to `url_return`. */
export const finishRegistration = (
  state: EmulatorState,
  token: string,
  outcome: { readonly approve: boolean; readonly brand?: string | undefined; readonly last4?: string | undefined }
): ReadonlyArray<FollowUp> => {
  const registration = state.registrations.get(token)
  if (registration === undefined) {
    throw new FlowFailure(404, ErrorCodes.registrationNotFound, `Registration token ${token} not found`)
  }
  if (registration.status !== "pending") {
    throw new FlowFailure(401, ErrorCodes.registrationNotFound, `Registration ${token} is already ${registration.status}`)
  }
  if (outcome.approve) {
    const last4 = outcome.last4 ?? "4242"
    if (!/^\d{4}$/.test(last4)) throw new FlowFailure(400, ErrorCodes.invalidParam, "last4 must be four digits")
    const card = { brand: outcome.brand ?? "Visa", last4, registeredAt: state.nowLocal() }
    registration.status = "completed"
    registration.card = card
    const customer = state.customers.get(registration.customerId)
    if (customer !== undefined && customer.status === 1) customer.card = card
  } else {
    registration.status = "declined"
  }
  return [{ _tag: "Callback", kind: "card-registration", url: registration.urlReturn, token }]
}

/** The payer pays a link or email charge; Flow then POSTs the payment token to `urlConfirmation`. */
export const payPendingPayment = (state: EmulatorState, token: string): ReadonlyArray<FollowUp> => {
  const payment = state.payments.find((x) => x.token === token)
  if (payment === undefined) throw new FlowFailure(404, ErrorCodes.chargeNotFound, `Payment token ${token} not found`)
  if (payment.status !== 1) {
    throw new FlowFailure(401, ErrorCodes.chargeNotReversible, `Payment ${payment.flowOrder} is not pending`)
  }
  payment.status = 2
  payment.paidAt = state.nowLocal()
  payment.media = "webpay"
  return confirmation(payment)
}

/** Batch step 1: the batch starts processing. */
export const startBatch = (state: EmulatorState, token: string): void => {
  const batch = state.batches.get(token)
  if (batch !== undefined) batch.status = "processing"
}

/**
 * Batch step 2 (once per row): the row becomes a charge (card), a link, or an email charge. A paid
 * card charge is confirmed to `urlConfirmation`, as collect's automatic charge is.
 */
export const processBatchRow = (
  state: EmulatorState,
  token: string,
  index: number,
  origin: string
): ReadonlyArray<FollowUp> => {
  const batch = state.batches.get(token)
  const row = batch?.rows[index]
  if (batch === undefined || row === undefined) return []
  const customer = state.customers.get(row.customerId)
  if (customer === undefined || customer.status === 0) {
    row.status = "uncollected"
    row.errorCode = 103
    row.errorMsg = "customer not exist or deleted"
    return []
  }
  const input = {
    customer,
    commerceOrder: row.commerceOrder,
    subject: row.subject,
    amount: row.amount,
    currency: row.currency,
    optional: row.optional,
    urlConfirmation: batch.urlConfirmation,
    urlReturn: batch.urlReturn
  }
  const payment = !batch.byEmail && customer.card !== undefined
    ? chargeCard(state, input)
    : pendingPayment(state, input, batch.byEmail ? 3 : 2, origin)
  row.type = payment.type
  row.flowOrder = payment.flowOrder
  row.url = payment.url ?? ""
  row.token = payment.type === 1 ? "" : payment.token
  if (payment.status === 3) {
    const decline = MagicAmounts[row.amount]!
    row.status = "uncollected"
    row.errorCode = decline.code
    row.errorMsg = decline.description
  } else {
    row.status = "collected"
    row.errorCode = 0
    row.errorMsg = ""
  }
  return confirmation(payment)
}

/** Batch step 3: processed; Flow then POSTs the batch token to `urlCallBack`. */
export const finishBatch = (state: EmulatorState, token: string): ReadonlyArray<FollowUp> => {
  const batch = state.batches.get(token)
  if (batch === undefined) return []
  batch.status = "processed"
  batch.processedDate = state.nowLocal()
  return [{ _tag: "Callback", kind: "batch-processed", url: batch.urlCallBack, token }]
}
