/**
 * What a few operations do of their own, for their entries in Operations.ts: how an input becomes
 * Flow's params (optionals as JSON text, payment methods as Flow's numbers, flags as 0/1, `batchRows` as
 * one JSON text field), how a collect's answer is rebuilt from a payment (reconciliation), and the
 * inputs of the operations that take a single value (an id or a token with the request that checks it,
 * spread into the entry).
 */
import type { CollectResponse, Payment } from "./Responses.js"
import * as Req from "./CustomerRequests.js"

/**
 * Optionals travel as JSON text, for charge and collect and inside each `batchRows` row alike (Flow
 * types a row's `optional` as text, and refuses a row whose text is not JSON): text given by the caller
 * is sent exactly as given.
 */
const jsonText = (value: Req.Optionals | undefined): string | undefined =>
  value === undefined || typeof value === "string" ? value : JSON.stringify(value)

/**
 * `charge`'s params: optionals as JSON text. The input itself when they already are (absent, or text):
 * a charge's request is built on every call, and a rest-and-spread copy was a measurable part of it.
 */
export const chargeParams = (input: Req.ChargeCardRequest): ChargeParams =>
  input.optionals === undefined || typeof input.optionals === "string"
    ? input as ChargeParams
    : { ...input, optionals: jsonText(input.optionals) }

/** A charge's params: its input, with optionals as JSON text. */
type ChargeParams = Omit<Req.ChargeCardRequest, "optionals"> & { readonly optionals?: string | undefined }

/** `collect`'s params: the payment method as Flow's number, flags as 0/1, optionals as JSON text. */
export const collectParams = ({ byEmail, ignore_auto_charging, optionals, paymentMethod, ...input }: Req.SendChargeRequest) => ({
  ...input,
  paymentMethod: Req.paymentMethodCode(paymentMethod),
  byEmail: Req.flagValue(byEmail),
  ignore_auto_charging: Req.flagValue(ignore_auto_charging),
  optionals: jsonText(optionals)
})

/**
 * A collect's answer rebuilt from the payment Flow holds for its order (reconciliation): without the
 * link's `url`/`token` (Flow's status read does not give them), its `type` inferred: 3 when sent by
 * email, 2 while the payment is pending, 1 once it was charged.
 */
export const collectFromPayment = (payment: Payment, input: Req.SendChargeRequest): CollectResponse => ({
  type: Req.flagValue(input.byEmail) === 1 ? 3 : payment.status === 1 ? 2 : 1,
  commerceOrder: payment.commerceOrder,
  flowOrder: payment.flowOrder,
  status: 1,
  paymentResult: payment
})

/** `batchCollect`'s params: `batchRows` as one JSON text field, signed exactly as sent. */
export const batchParams = ({ batchRows, byEmail, ...input }: Req.SendMassiveChargeRequest) => ({
  ...input,
  byEmail: Req.flagValue(byEmail),
  batchRows: JSON.stringify(batchRows.map((row) => ({
    customerId: row.customerId,
    commerceOrder: row.commerceOrder,
    subject: row.subject,
    amount: row.amount,
    currency: row.currency,
    paymentMethod: Req.paymentMethodCode(row.paymentMethod),
    optional: jsonText(row.optional)
  })))
})

/** The input and request of the operations that take only a `customerId`. */
export const byCustomerId = { input: (customerId: string) => ({ customerId }), request: Req.CustomerIdRequest }
/** The input and request of the operations that take only a `token`. */
export const byToken = { input: (token: string) => ({ token }), request: Req.TokenRequest }
/** The input of the operations whose request is given whole, as it is. */
export const asGiven = <A>(data: A) => data
