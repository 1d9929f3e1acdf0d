/**
 * The admin API under `/_admin` (no Flow signature; JSON or form bodies, read by AdminInput.ts): seed
 * and reset data, read the request log and the callbacks sent, set the clock, inject faults, change
 * settings, and play the person on Flow's pages (finish a card registration, pay a link). Who may call
 * it (no cross-site request, no foreign Host) is decided before it runs: RequestPolicy.ts.
 */
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import * as Effect from "effect/Effect"
import { redirectBack } from "./AdminRedirect.js"
import { AdminInputError, CLOCK_MAX, CLOCK_MIN, clockMillis, Inputs, readInput } from "./AdminInput.js"
import { specAnswers } from "./Answers.js"
import type { BackgroundWork } from "./BackgroundWork.js"
import type { FlowEmulatorShape } from "./EmulatorTypes.js"
import type { FollowUp } from "./endpoints/Endpoint.js"
import { payPendingPayment } from "./endpoints/Payments.js"
import { finishRegistration } from "./endpoints/Registration.js"
import { FlowFailure } from "./Failures.js"
import { normalizeEndpoint } from "./Faults.js"
import { originOf, pageStatus } from "./Http.js"
import { BRANDS } from "./Pages.js"
import type { RequestLog } from "./RequestLog.js"

const json = (body: unknown, status = 200) =>
  HttpServerResponse.text(JSON.stringify(body, null, 2), { status, contentType: "application/json" })

/** The admin API's errors are Flow's error JSON, `{ code, message }`, with the HTTP status as the code. */
const failure = (status: number, message: string) => json({ code: status, message }, status)

export const adminRouter = (emulator: FlowEmulatorShape, background: BackgroundWork, log: RequestLog) => {
  const { faults, requests, settings, state } = emulator
  const runFollowUps = (followUps: ReadonlyArray<FollowUp>, origin: string) =>
    Effect.forEach(followUps, (followUp) => background.run(followUp, origin), { discard: true })

  const origin = Effect.map(HttpServerRequest.HttpServerRequest, originOf)
  const clearRequests = Effect.sync(() => {
    log.clear()
    return json({ cleared: true })
  })
  const clearFaults = Effect.sync(() => {
    faults.clear()
    return json({ cleared: true })
  })
  const removeFault = Effect.map(HttpRouter.params, ({ id }) =>
    faults.remove(Number(id)) ? json({ removed: Number(id) }) : failure(404, `no fault ${id}`))

  const data = HttpRouter.empty.pipe(
    HttpRouter.get("/", Effect.sync(() =>
      json({
        url: emulator.url,
        settings,
        routes: [
          "GET /_admin/state",
          "POST /_admin/reset",
          "POST /_admin/seed {customers?, subscriptions?}",
          "GET /_admin/requests[?endpoint=customer/charge]",
          "DELETE /_admin/requests",
          "GET /_inspector (HTML: requests, state, callbacks, actions)",
          "GET /_admin/callbacks",
          "POST /_admin/sink[/*] (answers 200: a stand-in merchant callback URL)",
          "GET|POST /_admin/clock {now?, advanceMs?}",
          "GET|POST|DELETE /_admin/faults {endpoint, fault, attempts?, times?, phase?}",
          "DELETE /_admin/faults/:id (or POST /_admin/faults/:id/delete)",
          "POST /_admin/faults/clear (as DELETE /_admin/faults, for HTML forms)",
          "POST /_admin/requests/clear (as DELETE /_admin/requests, for HTML forms)",
          "GET|POST /_admin/settings {answerForm?, batchPaceMs?, verifySignatures?, legacySignatures?, postForGet?}",
          "POST /_admin/registrations/:token {approve?, brand?, last4?}",
          "POST /_admin/customers/:customerId/card {brand?, last4?}",
          "POST /_admin/payments/:token/pay"
        ],
        bodies: "JSON (application/json) or a form (application/x-www-form-urlencoded, multipart/form-data)"
      })
    )),

    HttpRouter.get("/state", Effect.sync(() =>
      json({
        now: state.nowLocal(),
        customers: [...state.customers.values()],
        registrations: [...state.registrations.values()],
        payments: state.payments,
        attempts: state.attempts,
        batches: [...state.batches.values()],
        subscriptions: state.subscriptions,
        callbacks: state.callbacks
      })
    )),

    HttpRouter.post("/reset", Effect.sync(() => {
      emulator.reset()
      return json({ reset: true })
    })),

    HttpRouter.post(
      "/seed",
      Effect.gen(function*() {
        const seed = yield* readInput(Inputs.seed)
        const customers = (seed.customers ?? []).map((input) => {
          const customer = {
            customerId: state.newCustomerId(),
            name: input.name,
            email: input.email,
            externalId: input.externalId ?? "",
            created: state.nowLocal(),
            status: input.status ?? 1,
            card: input.card === undefined
              ? undefined
              : { brand: input.card.brand ?? BRANDS[0], last4: input.card.last4 ?? "4242", registeredAt: state.nowLocal() }
          } as const
          state.customers.set(customer.customerId, { ...customer })
          return specAnswers.customer(state.customers.get(customer.customerId)!)
        })
        const subscriptions = (seed.subscriptions ?? []).map((input) => {
          const now = state.nowLocal()
          const subscription = {
            planId: "plan-emulator",
            plan_name: "Plan emulado",
            created: now,
            subscription_start: now,
            subscription_end: null,
            period_start: now,
            period_end: now,
            next_invoice_date: now,
            trial_period_days: 0,
            cancel_at_period_end: 0,
            periods_number: 12,
            days_until_due: 3,
            status: 1,
            morose: 0,
            invoices: [],
            ...input,
            subscriptionId: input.subscriptionId ?? state.newSubscriptionId()
          }
          state.subscriptions.push(subscription)
          return subscription
        })
        return json({ customers, subscriptions }, 201)
      })
    ),

    HttpRouter.get("/requests", Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      const endpoint = new URL(request.url, "http://x").searchParams.get("endpoint")
      const wanted = endpoint === null ? undefined : normalizeEndpoint(endpoint)
      return json(wanted === undefined ? requests : requests.filter((r) => r.endpoint === wanted))
    })),
    HttpRouter.del("/requests", clearRequests),
    HttpRouter.post("/requests/clear", clearRequests),

    HttpRouter.get("/callbacks", Effect.sync(() => json(state.callbacks))),
    // a stand-in for the merchant's callback URLs: answers 200 to whatever Flow POSTs
    HttpRouter.post("/sink", Effect.sync(() => json({ received: true }))),
    HttpRouter.post("/sink/*", Effect.sync(() => json({ received: true }))),

    HttpRouter.get("/clock", Effect.sync(() => json({ now: state.nowLocal(), epochMs: state.now() }))),
    HttpRouter.post(
      "/clock",
      Effect.gen(function*() {
        const clock = yield* readInput(Inputs.clock)
        let target = state.now()
        if (clock.now !== undefined) {
          const millis = clockMillis(clock.now)
          if (millis instanceof AdminInputError) return yield* Effect.fail(millis)
          target = millis
        }
        if (clock.advanceMs !== undefined) target += clock.advanceMs
        if (target < CLOCK_MIN || target > CLOCK_MAX) {
          return yield* Effect.fail(new AdminInputError("advanceMs: the clock would leave 1970–9999"))
        }
        // nothing changes unless the whole request is valid
        if (clock.now !== undefined || clock.advanceMs !== undefined) state.setClock(target)
        return json({ now: state.nowLocal(), epochMs: state.now() })
      })
    )
  )

  const control = HttpRouter.empty.pipe(
    HttpRouter.get("/faults", Effect.sync(() => json(faults.list()))),
    HttpRouter.post("/faults", Effect.map(readInput(Inputs.fault), (request) => json(faults.add(request), 201))),
    HttpRouter.del("/faults", clearFaults),
    // HTML forms (the inspector's) only POST: the same actions under POST
    HttpRouter.post("/faults/clear", clearFaults),
    HttpRouter.del("/faults/:id", removeFault),
    HttpRouter.post("/faults/:id/delete", removeFault),

    HttpRouter.get("/settings", Effect.sync(() => json(settings))),
    HttpRouter.post(
      "/settings",
      Effect.map(readInput(Inputs.settings), (changes) => {
        if (changes.answerForm !== undefined) settings.answerForm = changes.answerForm
        if (changes.batchPaceMs !== undefined) settings.batchPaceMs = changes.batchPaceMs
        if (changes.verifySignatures !== undefined) settings.verifySignatures = changes.verifySignatures
        if (changes.legacySignatures !== undefined) settings.legacySignatures = changes.legacySignatures
        if (changes.postForGet !== undefined) settings.postForGet = changes.postForGet
        return json(settings)
      })
    ),

    HttpRouter.post(
      "/registrations/:token",
      Effect.gen(function*() {
        const { token = "" } = yield* HttpRouter.params
        const input = yield* readInput(Inputs.registration)
        const followUps = yield* Effect.try({
          try: () => finishRegistration(state, token, { approve: input.approve ?? true, brand: input.brand, last4: input.last4 }),
          catch: (error) => error
        })
        yield* runFollowUps(followUps, yield* origin)
        return json({ token, status: state.registrations.get(token)!.status })
      })
    ),

    HttpRouter.post(
      "/customers/:customerId/card",
      Effect.gen(function*() {
        const { customerId = "" } = yield* HttpRouter.params
        const card = yield* readInput(Inputs.card)
        const customer = state.customers.get(customerId)
        if (customer === undefined || customer.status === 0) {
          return failure(404, `No active customer ${customerId}`)
        }
        customer.card = { brand: card.brand ?? BRANDS[0], last4: card.last4 ?? "4242", registeredAt: state.nowLocal() }
        return json(specAnswers.customer(customer))
      })
    ),

    HttpRouter.post(
      "/payments/:token/pay",
      Effect.gen(function*() {
        const { token = "" } = yield* HttpRouter.params
        const followUps = yield* Effect.try({ try: () => payPendingPayment(state, token), catch: (error) => error })
        yield* runFollowUps(followUps, yield* origin)
        return json({ token, status: "paid" })
      })
    )

  )

  return HttpRouter.concat(data, control).pipe(
    HttpRouter.catchAll((error) =>
      Effect.map(HttpServerRequest.HttpServerRequest, (request) =>
        error instanceof AdminInputError
          ? failure(400, error.message)
          : error instanceof FlowFailure
          ? json({ code: error.code, message: error.message }, pageStatus(error))
          : failure(404, `No admin route ${request.method} ${new URL(request.url, "http://x").pathname}`))
    ),
    // an HTML form's POST (`?back=/_inspector/…`) is answered with a redirect back to its page
    HttpRouter.use(redirectBack)
  )
}
