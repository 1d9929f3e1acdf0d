/**
 * Flow's payment status reads (docs/flow-api.md "Payment status"): `payment/getStatus` by token,
 * `payment/getStatusByCommerceId` by the merchant's order (the param is `commerceId`), and
 * `payment/getStatusByFlowOrder` by Flow's number. All three are GET and answer the PaymentStatus of
 * a payment made by `charge`, `collect` or a batch row, in the answer form in use.
 *
 * The emulator's choices, where Flow documents nothing:
 * - Every payment has a token, Flow's id for it, told to the merchant when Flow tells anything: a
 *   link's or an email's token is in the collect answer (and a batch row's), and a paid payment's
 *   token is POSTed to `urlConfirmation` (collect's and batch rows' card charges included). A
 *   `charge` answer carries none, so a `charge` is read by its order or its `flowOrder`.
 * - By order: the order's payment as every order lookup finds it (endpoints/Payments.ts): the
 *   newest, or, once the order is paid, the one that paid it.
 * - An unknown token, order or flowOrder is a business error, HTTP 401, with the emulator's code
 *   1006 (as `reverseCharge` answers an unknown charge). A client reads that as "no such payment".
 */
import type { EmulatorState, PaymentRecord } from "../EmulatorState.js"
import { ErrorCodes, FlowFailure } from "../Failures.js"
import type { Params } from "../Params.js"
import { type Endpoint, endpointsOf } from "./Endpoint.js"

const notFound = (what: string): FlowFailure => new FlowFailure(401, ErrorCodes.chargeNotFound, `No payment with ${what}`)

/** A read of one payment: the params it takes, and how it finds the payment. */
const read = (find: (params: Params, state: EmulatorState) => PaymentRecord): Endpoint => ({
  method: "GET",
  handle: (p, { answers, state }) => ({ body: answers.payment(find(p, state)) })
})

/** The three reads, keyed by their path under `/api`. */
export const paymentStatusEndpoints = endpointsOf({
  "payment/getStatus": read((p, state) => {
    const token = p.required("token")
    const payment = state.payments.find((x) => x.token === token)
    if (payment === undefined) throw notFound(`token ${token}`)
    return payment
  }),

  "payment/getStatusByCommerceId": read((p, state) => {
    const commerceId = p.required("commerceId")
    const payment = state.paymentsByOrder.get(commerceId)
    if (payment === undefined) throw notFound(`commerceOrder ${commerceId}`)
    return payment
  }),

  "payment/getStatusByFlowOrder": read((p, state) => {
    const flowOrder = p.requiredInt("flowOrder", 1)
    const payment = state.payments.find((x) => x.flowOrder === flowOrder)
    if (payment === undefined) throw notFound(`flowOrder ${flowOrder}`)
    return payment
  })
})
