/** `customer/getSubscriptions` (docs/flow-api.md "Lists"): the subscriptions seeded through the admin API. */
import { contains, endpointsOf, findCustomer, paging } from "./Endpoint.js"

export const subscriptionEndpoints = endpointsOf({
  getSubscriptions: {
    method: "GET",
    handle: (p, { answers, state }) => {
      const customerId = p.required("customerId")
      const page = paging(p)
      const filter = p.optional("filter")
      findCustomer(state, customerId)
      const items = state.subscriptions
        .filter((s) => s.customerId === customerId && contains(s.subscriptionId, filter))
        .map(answers.subscription)
      return { body: answers.page(items, page) }
    }
  }
})
