/**
 * Card registration (`customer/register`, `getRegisterStatus`; docs/flow-api.md, "Card registration").
 * (`customer/unRegister` answers the customer: Customers.ts.)
 */
import * as Schema from "effect/Schema"
import { mappedDecoder, registerLazyFast } from "../FastDecode.js"
import { RegisterStatusCode } from "../Statuses.js"
import { optional, WireString, WireStruct } from "../Wire.js"
import { Last4 } from "./Last4.js"

/**
 * `customer/register`: where to send the person to register a card, as Flow answers it.
 *
 * @since 0.1.0
 * @category responses
 */
export const RegisterCardAnswer = WireStruct({
  url: WireString,
  token: WireString
})
/**
 * `card.register`'s result: Flow's `url` and `token`, plus `redirectUrl` = `url?token=token`, where the browser goes.
 *
 * @since 0.1.0
 * @category responses
 */
export interface RegisterCardResponse extends Schema.Schema.Type<typeof RegisterCardAnswer> {
  readonly redirectUrl: string
}
/** The answer with the page to send the person to: `url?token=…` (or `&token=` when `url` has a query). */
const withRedirectUrl = (answer: Schema.Schema.Type<typeof RegisterCardAnswer>) => ({
  ...answer,
  redirectUrl: `${answer.url}${answer.url.includes("?") ? "&" : "?"}token=${encodeURIComponent(answer.token)}`
})

/**
 * Flow's answer with the `redirectUrl` the browser is sent to (the token encoded, after `?` or `&`).
 *
 * @since 0.1.0
 * @category responses
 */
export const RegisterCardResponse: Schema.Schema<RegisterCardResponse, Schema.Schema.Encoded<typeof RegisterCardAnswer>> =
  Schema.transform(RegisterCardAnswer, Schema.typeSchema(Schema.Struct({
    url: Schema.String,
    token: Schema.String,
    redirectUrl: Schema.String
  })), {
    strict: true,
    decode: withRedirectUrl,
    encode: ({ redirectUrl: _, ...answer }) => answer
  })
registerLazyFast(RegisterCardResponse, mappedDecoder(RegisterCardAnswer, withRedirectUrl))

/**
 * `customer/getRegisterStatus` (docs/flow-api.md, "Card registration"). `status`:
 * {@link FlowCardRegistrationStatus}.
 *
 * @since 0.1.0
 * @category responses
 */
export const RegisterCardStatus = WireStruct({
  status: RegisterStatusCode,
  customerId: WireString,
  creditCardType: optional(WireString),
  last4CardDigits: optional(Last4),
  /** Masked number (`"457630 **** **** 0366"`), sent by newer Flow versions. */
  cardNumber: optional(WireString),
  issuerBank: optional(WireString)
})
export interface RegisterCardStatus extends Schema.Schema.Type<typeof RegisterCardStatus> {}
