/**
 * Reversals (`customer/reverseCharge`; docs/flow-api.md, "Reversals").
 */
import type * as Schema from "effect/Schema"
import { ReverseStatusCode } from "../Statuses.js"
import { optional, WireString, WireStruct } from "../Wire.js"

/**
 * `customer/reverseCharge` (docs/flow-api.md, "Reversals"). `status`: {@link FlowReverseChargeStatus}.
 *
 * @since 0.1.0
 * @category responses
 */
export const ReverseChargeResponse = WireStruct({
  status: ReverseStatusCode,
  message: optional(WireString)
})
export interface ReverseChargeResponse extends Schema.Schema.Type<typeof ReverseChargeResponse> {}
