/**
 * Flow's 16 customer endpoints, keyed by the last segment of `customer/<name>`; each resource's rules
 * live in ./endpoints. `apiRoutes` keys them by their path under `/api` (`customer/create`), the table
 * the server routes by, where the payment status reads (`payment/getStatus`, …) join them.
 */
import { batchEndpoints } from "./endpoints/Batches.js"
import { chargeEndpoints } from "./endpoints/Charges.js"
import { customerEndpoints } from "./endpoints/Customers.js"
import type { Endpoint } from "./endpoints/Endpoint.js"
import { paymentStatusEndpoints } from "./endpoints/PaymentStatus.js"
import { registrationEndpoints } from "./endpoints/Registration.js"
import { reversalEndpoints } from "./endpoints/Reversals.js"
import { subscriptionEndpoints } from "./endpoints/Subscriptions.js"

export type { Endpoint, EndpointContext, EndpointResult, FollowUp } from "./endpoints/Endpoint.js"

export const endpoints: Readonly<Record<string, Endpoint>> = {
  ...customerEndpoints,
  ...registrationEndpoints,
  ...chargeEndpoints,
  ...batchEndpoints,
  ...reversalEndpoints,
  ...subscriptionEndpoints
}

/** Every endpoint by its path under `/api`: the 16 `customer/<name>` ones and the 3 `payment/getStatus…` reads. */
export const apiRoutes: ReadonlyMap<string, Endpoint> = new Map([
  ...Object.entries(endpoints).map(([name, endpoint]) => [`customer/${name}`, endpoint] as const),
  ...Object.entries(paymentStatusEndpoints)
])
