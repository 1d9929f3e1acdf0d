/**
 * Automatic charges and collections (docs/flow-api.md "Payment", "Collect", "Lists"):
 * `customer/charge`, `collect`, `getCharges` and `getChargeAttemps`.
 */
import { ErrorCodes, FlowFailure } from "../Failures.js"
import type { Params } from "../Params.js"
import { activeCustomer, contains, endpointsOf, findCustomer, paging } from "./Endpoint.js"
import {
  chargeCard,
  checkAmount,
  confirmation,
  paidPaymentOf,
  pendingPayment,
  previouslyPaid,
  recordAttempt,
  takeCommerceOrder
} from "./Payments.js"

/** What both lists read, in this order: the customer, the page, a text `filter` and a `fromDate`. */
const listQuery = (p: Params) => ({
  customerId: p.required("customerId"),
  page: paging(p),
  filter: p.optional("filter"),
  fromDate: p.date("fromDate")
})

/** Whether an item of `customerId`, with `text` to filter on and dated `date`, is in the list `query` asks for. */
const inList = (query: ReturnType<typeof listQuery>, customerId: string, text: string, date: string): boolean =>
  customerId === query.customerId && contains(text, query.filter) &&
  (query.fromDate === undefined || date >= query.fromDate)

export const chargeEndpoints = endpointsOf({
  charge: {
    method: "POST",
    handle: (p, { answers, state }) => {
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
      if (paidPaymentOf(state, commerceOrder) !== undefined) {
        // Flow's own example of a failed automatic charge is exactly this one (code 1605)
        recordAttempt(state, { customer, commerceOrder, currency, amount }, ErrorCodes.commerceOrderPaid, previouslyPaid(commerceOrder))
      }
      takeCommerceOrder(state, commerceOrder)
      const payment = chargeCard(state, { customer, commerceOrder, subject, amount, currency, optional })
      return { body: answers.payment(payment) }
    }
  },

  collect: {
    method: "POST",
    handle: (p, { answers, origin, state }) => {
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
      takeCommerceOrder(state, commerceOrder)
      const input = { customer, commerceOrder, subject, amount, currency, optional, urlConfirmation, urlReturn }

      if (byEmail) return { body: answers.collect(pendingPayment(state, input, 3, origin)) }
      if (customer.card !== undefined && !ignoreAutoCharging) {
        const charged = chargeCard(state, input)
        if (charged.status === 2) return { body: answers.collect(charged), followUps: confirmation(charged) }
        // the automatic charge was declined: the payment goes out as a link instead, under the same order
      }
      return { body: answers.collect(pendingPayment(state, input, 2, origin)) }
    }
  },

  getCharges: {
    method: "GET",
    handle: (p, { answers, state }) => {
      const list = listQuery(p)
      const status = p.optionalInt("status", 1, 4)
      findCustomer(state, list.customerId)
      const items = state.payments
        .filter((x) => inList(list, x.customerId, x.subject, x.requestDate) && (status === undefined || x.status === status))
        .map(answers.payment)
      return { body: answers.page(items, list.page) }
    }
  },

  getChargeAttemps: {
    method: "GET",
    handle: (p, { answers, state }) => {
      const list = listQuery(p)
      const commerceOrder = p.optional("commerceOrder")
      findCustomer(state, list.customerId)
      const items = state.attempts
        .filter((a) =>
          inList(list, a.customerId, a.errorDescription, a.date) &&
          (commerceOrder === undefined || a.commerceOrder === commerceOrder)
        )
        .map(answers.attempt)
      return { body: answers.page(items, list.page) }
    }
  }
})
