/**
 * Flow's card-registration callback: when the person is done, Flow POSTs the registration `token`
 * (a form, urlencoded or multipart) to `url_return` (docs/flow-api.md, "Callbacks"). These read the
 * token, ask `card.status`, and give the typed result: as an @effect/platform handler, and from a web
 * `Request` for any other framework (`@flowcl/promise` builds its `card.registrationCallback` on the
 * latter). Bounded like every callback route (Callback.ts): a large body is refused unread, and
 * concurrent posts of one token make one call to Flow.
 *
 * The callback carries no signature; the answer comes from the signed `card.status` call, so a forged
 * POST learns nothing and changes nothing.
 *
 * ```ts
 * HttpRouter.post("/flow/card-registered", RegistrationCallback.handler((status) =>
 *   status.status === 1 ? saveCard(status).pipe(Effect.as(HttpServerResponse.text("ok"))) : …))
 * ```
 */
import { makeCallback } from "./Callback.js"
import { FlowCustomers } from "./FlowCustomers.js"
import { FlowRegisterCardStatusError, FlowValidationError } from "./FlowErrors.js"
import { unchecked } from "./Unchecked.js"

const callback = makeCallback({
  kind: "registration",
  tag: FlowCustomers,
  resolve: (customers, token) => customers.card.status(token),
  refuse: (problem) =>
    new FlowRegisterCardStatusError({
      reason: new FlowValidationError({
        field: problem.field,
        message: `Flow's registration callback carried no usable token: ${problem.message}`
      }, unchecked)
    }, unchecked)
})

/**
 * The registration's outcome for a callback given as a web `Request`.
 *
 * @since 0.1.0
 * @category callbacks
 */
export const fromRequest = callback.fromRequest
/**
 * The registration's outcome for the request an @effect/platform server is handling.
 *
 * @since 0.1.0
 * @category callbacks
 */
export const fromServerRequest = callback.fromServerRequest
/**
 * An @effect/platform handler for the `url_return` route.
 *
 * @since 0.1.0
 * @category callbacks
 */
export const handler = callback.handler
