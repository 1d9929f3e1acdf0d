/**
 * Customers (`customer/create`, `edit`, `delete`, `get`, `list`; docs/flow-api.md, "Customer").
 */
import type * as Schema from "effect/Schema"
import { Page } from "../Page.js"
import { CustomerStatusCode } from "../Statuses.js"
import { optional, WireString, WireStruct } from "../Wire.js"
import { Last4 } from "./Last4.js"

/**
 * A Flow customer (docs/flow-api.md, "Customer"). `status`: {@link FlowCustomerStatus}.
 *
 * @since 0.1.0
 * @category responses
 */
export const Customer = WireStruct({
  customerId: WireString,
  created: WireString,
  email: WireString,
  name: WireString,
  /** `"auto"` (automatic card charge) or `"manual"`. */
  pay_mode: optional(WireString),
  creditCardType: optional(WireString),
  last4CardDigits: optional(Last4),
  externalId: optional(WireString),
  status: CustomerStatusCode,
  registerDate: optional(WireString)
})
export interface Customer extends Schema.Schema.Type<typeof Customer> {}

/**
 * The answer of `customers.list`: one page of customers.
 *
 * @since 0.1.0
 * @category responses
 */
export const CustomerList = Page(Customer)
export type CustomerList = Page<Customer>
