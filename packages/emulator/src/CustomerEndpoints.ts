/**
 * The endpoints the emulator serves, keyed by the paths of the operations `@flowcl/core` declares
 * (`Operations`): Flow's 16 customer endpoints, by the last segment of `customer/<name>`, and the
 * payment status reads (`payment/getStatus`, …). The types make a declared operation that is not
 * served here a compile error. Each resource's rules live in ./endpoints; the emulator keeps its own
 * checks of params, never the client's Schemas, so that it can catch the client's mistakes.
 */
import type { Operations, PathsOf } from "@flowcl/core"
import { batchEndpoints } from "./endpoints/Batches.js"
import { chargeEndpoints } from "./endpoints/Charges.js"
import { customerEndpoints } from "./endpoints/Customers.js"
import type { Endpoint } from "./endpoints/Endpoint.js"
import { paymentStatusEndpoints } from "./endpoints/PaymentStatus.js"
import { registrationEndpoints } from "./endpoints/Registration.js"
import { reversalEndpoints } from "./endpoints/Reversals.js"
import { subscriptionEndpoints } from "./endpoints/Subscriptions.js"

export type { Endpoint, EndpointContext, EndpointResult, FollowUp } from "./endpoints/Endpoint.js"

/** Flow's path (`customer/charge`) of every operation `@flowcl/core` declares. */
export type FlowPath = PathsOf<typeof Operations>

/** The `<name>` of the `customer/<name>` paths. */
type Name<P> = P extends `customer/${infer N}` ? N : never
export type CustomerEndpointName = Name<FlowPath>

/** The customer endpoints, by name: exactly those core declares. */
export const endpoints: { readonly [N in CustomerEndpointName]: Endpoint } = {
  ...customerEndpoints,
  ...registrationEndpoints,
  ...chargeEndpoints,
  ...batchEndpoints,
  ...reversalEndpoints,
  ...subscriptionEndpoints
}

/** The payment status reads, by path: exactly those core declares. */
const paymentReads: { readonly [P in Exclude<FlowPath, `customer/${string}`>]: Endpoint } = paymentStatusEndpoints

/** Every endpoint by its path under `/api`: the 16 `customer/<name>` ones and the 3 `payment/getStatus…` reads. */
export const apiRoutes: ReadonlyMap<string, Endpoint> = new Map<string, Endpoint>([
  ...Object.entries(endpoints).map(([name, endpoint]) => [`customer/${name}`, endpoint] as const),
  ...Object.entries(paymentReads)
])
