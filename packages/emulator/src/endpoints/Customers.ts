/** `customer/create`, `edit`, `delete`, `get` and `list` (docs/flow-api.md "Customer", "Lists"). */
import type { CustomerRecord } from "../EmulatorState.js"
import { ErrorCodes, FlowFailure } from "../Failures.js"
import { activeCustomer, contains, EMAIL, endpointsOf, findCustomer, paging } from "./Endpoint.js"

const checkEmail = (email: string | undefined): void => {
  if (email !== undefined && !EMAIL.test(email)) {
    throw new FlowFailure(400, ErrorCodes.invalidParam, `Invalid param email: ${JSON.stringify(email)}`)
  }
}

export const customerEndpoints = endpointsOf({
  create: {
    method: "POST",
    handle: (p, { answers, state }) => {
      const name = p.required("name")
      const email = p.required("email")
      const externalId = p.required("externalId")
      checkEmail(email)
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
      return { body: answers.customer(customer) }
    }
  },

  edit: {
    method: "POST",
    handle: (p, { answers, state }) => {
      const customer = activeCustomer(state, p.required("customerId"))
      const name = p.optional("name")
      const email = p.optional("email")
      const externalId = p.optional("externalId")
      checkEmail(email)
      // only the fields sent change
      if (name !== undefined) customer.name = name
      if (email !== undefined) customer.email = email
      if (externalId !== undefined) customer.externalId = externalId
      return { body: answers.customer(customer) }
    }
  },

  delete: {
    method: "POST",
    handle: (p, { answers, state }) => {
      const customer = activeCustomer(state, p.required("customerId"))
      // Flow: "it must not have active subscriptions or amounts pending payment"
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
      return { body: answers.customer(customer) }
    }
  },

  get: {
    method: "GET",
    handle: (p, { answers, state }) => ({ body: answers.customer(findCustomer(state, p.required("customerId"))) })
  },

  list: {
    method: "GET",
    handle: (p, { answers, state }) => {
      const page = paging(p)
      const filter = p.optional("filter")
      const status = p.optionalInt("status", 0, 1)
      const items = [...state.customers.values()]
        .filter((c) => contains(c.name, filter) && (status === undefined || c.status === status))
        .map(answers.customer)
      return { body: answers.page(items, page) }
    }
  }
})
