/**
 * Card registration (docs/flow-api.md "Card registration"): `customer/register`,
 * `getRegisterStatus` and `unRegister`, and what the person does on Flow's page in between.
 */
import type { EmulatorState } from "../EmulatorState.js"
import { ErrorCodes, FlowFailure } from "../Failures.js"
import { activeCustomer, endpointsOf, type FollowUp } from "./Endpoint.js"

export const registrationEndpoints = endpointsOf({
  register: {
    method: "POST",
    handle: (p, { answers, origin, state }) => {
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
      return { body: answers.register(`${origin}/app/customer/disclaimer.php`, token) }
    }
  },

  getRegisterStatus: {
    method: "GET",
    handle: (p, { answers, state }) => {
      const token = p.required("token")
      const registration = state.registrations.get(token)
      if (registration === undefined) {
        throw new FlowFailure(401, ErrorCodes.registrationNotFound, `Registration token ${token} not found`)
      }
      return { body: answers.registerStatus(registration) }
    }
  },

  unRegister: {
    method: "POST",
    handle: (p, { answers, state }) => {
      const customer = activeCustomer(state, p.required("customerId"))
      customer.card = undefined
      return { body: answers.customer(customer) }
    }
  }
})

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
