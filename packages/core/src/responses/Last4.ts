/**
 * A card's last four digits as Flow answers them (in a customer and in a card registration's status).
 * Not exported from the package: the answers that carry it are.
 */
import * as Schema from "effect/Schema"
import { DECLINE, fastDecoderOf, registerFast } from "../FastDecode.js"
import { WireCount } from "../Wire.js"

/** Text as it is; a numeric answer (`366`) gets its leading zeros back (`"0366"`). */
export const Last4 = Schema.Union(
  Schema.String,
  Schema.transform(WireCount, Schema.String, {
    strict: true,
    decode: (n) => String(n).padStart(4, "0"),
    encode: Number
  })
)
// the same reading for FastDecode.ts: text as it is, else a count padded to four digits
const readCount = fastDecoderOf(WireCount)!
registerFast(Last4, (raw) => {
  if (typeof raw === "string") return raw
  const n = readCount(raw)
  return n === DECLINE ? DECLINE : String(n).padStart(4, "0")
})
