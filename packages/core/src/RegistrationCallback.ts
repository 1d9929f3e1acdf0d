/**
 * Flow's card-registration callback: when the person is done, Flow POSTs the registration `token`
 * (a form, urlencoded or multipart) to `url_return` (SPEC.md §1.6). These read the token, ask
 * `card.status`, and give the typed result: as an @effect/platform handler, and from a web `Request`
 * for any other framework (`@flowcl/promise` builds its `card.registrationCallback` on the latter).
 *
 * The callback carries no signature; the answer comes from the signed `card.status` call, so a forged
 * POST learns nothing and changes nothing.
 */
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import type * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import type { RegisterCardStatus } from "./CustomerResponses.js"
import { FlowCustomers } from "./FlowCustomers.js"
import { FlowRegisterCardStatusError, FlowValidationError } from "./FlowErrors.js"

const noToken = (detail: string) =>
  new FlowRegisterCardStatusError({
    reason: new FlowValidationError({ field: "token", message: `Flow's callback carried no registration token: ${detail}` })
  })

/** The token of a callback body, urlencoded or multipart (read through the web `Response` parser). */
const tokenOf = (body: ArrayBuffer, contentType: string): Effect.Effect<string, FlowRegisterCardStatusError> =>
  Effect.tryPromise({
    try: async () => {
      const text = new TextDecoder().decode(body)
      const token = contentType.startsWith("multipart/form-data")
        ? (await new Response(body, { headers: { "content-type": contentType } }).formData()).get("token")
        : new URLSearchParams(text).get("token")
      return typeof token === "string" ? token.trim() : ""
    },
    catch: () => noToken("the body is not a form")
  }).pipe(Effect.filterOrFail((token) => token !== "", () => noToken("no token field")))

/** The registration's outcome for a callback given as a web `Request`. */
export const fromRequest = (
  request: Request
): Effect.Effect<RegisterCardStatus, FlowRegisterCardStatusError, FlowCustomers> =>
  Effect.gen(function*() {
    const body = yield* Effect.tryPromise({
      try: () => request.arrayBuffer(),
      catch: () => noToken("the body could not be read")
    })
    const token = yield* tokenOf(body, request.headers.get("content-type") ?? "")
    const customers = yield* FlowCustomers
    return yield* customers.card.status(token)
  })

/** The registration's outcome for the request an @effect/platform server is handling. */
export const fromServerRequest: Effect.Effect<
  RegisterCardStatus,
  FlowRegisterCardStatusError,
  FlowCustomers | HttpServerRequest.HttpServerRequest
> = Effect.gen(function*() {
  const request = yield* HttpServerRequest.HttpServerRequest
  const body = yield* Effect.mapError(request.arrayBuffer, () => noToken("the body could not be read"))
  const token = yield* tokenOf(body, request.headers["content-type"] ?? "")
  const customers = yield* FlowCustomers
  return yield* customers.card.status(token)
})

/**
 * An @effect/platform handler for the `url_return` route: reads the callback, asks Flow, and answers
 * with whatever `respond` makes of the registration's outcome (or of the failure).
 *
 * ```ts
 * HttpRouter.post("/flow/card-registered", RegistrationCallback.handler((status) =>
 *   status.status === 1 ? saveCard(status).pipe(Effect.as(HttpServerResponse.text("ok"))) : …))
 * ```
 */
export const handler = <E, R>(
  respond: (status: RegisterCardStatus) => Effect.Effect<HttpServerResponse.HttpServerResponse, E, R>
): Effect.Effect<
  HttpServerResponse.HttpServerResponse,
  E | FlowRegisterCardStatusError,
  R | FlowCustomers | HttpServerRequest.HttpServerRequest
> => Effect.flatMap(fromServerRequest, respond)
