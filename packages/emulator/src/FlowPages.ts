/**
 * The pages a person sees at Flow, as routes: card registration (`/app/customer/disclaimer.php`,
 * where `register`'s `url?token=` leads) and paying a link (`/app/web/pay.php`). Finishing one runs
 * Flow's callback before the page answers, as Flow notifies the merchant first. The HTML is in Pages.ts.
 */
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import type { BackgroundWork } from "./BackgroundWork.js"
import type { FollowUp } from "./endpoints/Endpoint.js"
import { payPendingPayment } from "./endpoints/Payments.js"
import { finishRegistration } from "./endpoints/Registration.js"
import type { EmulatorState } from "./EmulatorState.js"
import { FlowFailure } from "./Failures.js"
import { formOf, originOf, pageStatus } from "./Http.js"
import { paymentDonePage, paymentPage, registrationDonePage, registrationPage } from "./Pages.js"

const page = (status: number, html: string) => HttpServerResponse.text(html, { status, contentType: "text/html" })

/** A refused action (FlowFailure) is a small error page with the matching status; anything else is a bug. */
const refusedPage = (error: unknown) =>
  error instanceof FlowFailure
    ? Effect.succeed(page(pageStatus(error), `<p>${error.message}</p>`))
    : Effect.die(error)

const attempt = (action: () => ReadonlyArray<FollowUp>) => Effect.try({ try: action, catch: (error) => error })

const tokenOf = (request: HttpServerRequest.HttpServerRequest) =>
  new URL(request.url, originOf(request)).searchParams.get("token") ?? ""

export const flowPages = (state: EmulatorState, background: BackgroundWork) => {
  const runAll = (followUps: ReadonlyArray<FollowUp>, origin: string) =>
    Effect.forEach(followUps, (followUp) => background.run(followUp, origin), { discard: true })

  const registrationGet = Effect.map(HttpServerRequest.HttpServerRequest, (request) => {
    const { html, status } = registrationPage(state, tokenOf(request))
    return page(status, html)
  })

  const registrationPost = Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const form = yield* formOf(request)
    const token = form["token"] ?? ""
    const approve = form["action"] !== "decline"
    const followUps = yield* attempt(() =>
      finishRegistration(state, token, { approve, brand: form["brand"], last4: form["last4"] })
    )
    yield* runAll(followUps, originOf(request))
    return page(200, registrationDonePage(approve, state.registrations.get(token)!.urlReturn))
  }).pipe(Effect.catchAll(refusedPage))

  const paymentGet = Effect.map(HttpServerRequest.HttpServerRequest, (request) => {
    const { html, status } = paymentPage(state, tokenOf(request))
    return page(status, html)
  })

  const paymentPost = Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const form = yield* formOf(request)
    const followUps = yield* attempt(() => payPendingPayment(state, form["token"] ?? ""))
    yield* runAll(followUps, originOf(request))
    return page(200, paymentDonePage())
  }).pipe(Effect.catchAll(refusedPage))

  return HttpRouter.empty.pipe(
    HttpRouter.get("/app/customer/disclaimer.php", registrationGet),
    HttpRouter.post("/app/customer/disclaimer.php", registrationPost),
    HttpRouter.get("/app/web/pay.php", paymentGet),
    HttpRouter.post("/app/web/pay.php", paymentPost)
  )
}
