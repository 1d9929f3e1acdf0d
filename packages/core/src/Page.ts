/**
 * One page of Flow's lists (docs/flow-api.md, "Lists"), the shape every list answer shares: the
 * customers', the charges', the failed attempts' and the subscriptions'.
 */
import type * as Schema from "effect/Schema"
import { WireArray, WireBoolean, WireCount, WireStruct, withDefault } from "./Wire.js"

/**
 * One page of a list (docs/flow-api.md, "Lists"): `data` may arrive as JSON text and `hasMore` as 0/1.
 * An empty `data` or `hasMore` (PHP's `""`, `null`, `[]`) reads as no items and no more pages.
 *
 * @since 0.1.0
 * @category responses
 */
export const Page = <A, I>(item: Schema.Schema<A, I>) =>
  WireStruct({
    total: WireCount,
    hasMore: withDefault(WireBoolean, () => false),
    data: withDefault(WireArray(item), () => [])
  })
export interface Page<A> {
  readonly total: number
  readonly hasMore: boolean
  readonly data: ReadonlyArray<A>
}
