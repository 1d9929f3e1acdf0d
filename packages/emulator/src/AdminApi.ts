/**
 * The admin API under `/_admin` (JSON, no Flow signature): seed and reset data, read the request log
 * and the callbacks sent, set the clock, inject faults, change settings, and play the person on
 * Flow's pages (finish a card registration, pay a link).
 */
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { describeParseError } from "@flowcl/core"
import * as Effect from "effect/Effect"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { ANSWER_FORMS, specAnswers } from "./Answers.js"
import type { BackgroundWork } from "./BackgroundWork.js"
import type { FlowEmulatorShape } from "./EmulatorTypes.js"
import type { FollowUp } from "./endpoints/Endpoint.js"
import { payPendingPayment } from "./endpoints/Payments.js"
import { finishRegistration } from "./endpoints/Registration.js"
import { FlowFailure } from "./Failures.js"
import { FaultRequest, normalizeEndpoint } from "./Faults.js"
import { originOf, pageStatus } from "./Http.js"
import { BRANDS } from "./Pages.js"

const SeedCustomer = Schema.Struct({
  name: Schema.String,
  email: Schema.String,
  externalId: Schema.optional(Schema.String),
  status: Schema.optional(Schema.Literal(0, 1)),
  card: Schema.optional(Schema.Struct({
    brand: Schema.optional(Schema.String),
    last4: Schema.optional(Schema.String.pipe(Schema.pattern(/^\d{4}$/)))
  }))
})

const SeedSubscription = Schema.Struct(
  {
    customerId: Schema.String,
    subscriptionId: Schema.optional(Schema.String),
    planId: Schema.optional(Schema.String),
    status: Schema.optional(Schema.Number)
  },
  Schema.Record({ key: Schema.String, value: Schema.Unknown })
)

const SeedRequest = Schema.Struct({
  customers: Schema.optional(Schema.Array(SeedCustomer)),
  subscriptions: Schema.optional(Schema.Array(SeedSubscription))
})

const ClockRequest = Schema.Struct({
  /** An ISO date (`2026-01-05T16:00:00-03:00`) or epoch milliseconds. */
  now: Schema.optional(Schema.Union(Schema.String, Schema.Number)),
  advanceMs: Schema.optional(Schema.Number)
})

const SettingsRequest = Schema.Struct({
  answerForm: Schema.optional(Schema.Literal(...ANSWER_FORMS)),
  batchPaceMs: Schema.optional(Schema.Number.pipe(Schema.int(), Schema.between(0, 60_000))),
  verifySignatures: Schema.optional(Schema.Boolean),
  legacySignatures: Schema.optional(Schema.Boolean),
  postForGet: Schema.optional(Schema.Boolean)
})

const RegistrationRequest = Schema.Struct({
  approve: Schema.optional(Schema.Boolean),
  brand: Schema.optional(Schema.String),
  last4: Schema.optional(Schema.String)
})

const json = (body: unknown, status = 200) =>
  HttpServerResponse.text(JSON.stringify(body, null, 2), { status, contentType: "application/json" })

class AdminInputError {
  constructor(readonly message: string) {}
}

/** Reads the JSON body (an empty body is `{}`) with a Schema. */
const body = <A, I>(schema: Schema.Schema<A, I>) =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const text = yield* Effect.orDie(request.text)
    let value: unknown = {}
    if (text.trim() !== "") {
      try {
        value = JSON.parse(text)
      } catch {
        return yield* Effect.fail(new AdminInputError("the body is not JSON"))
      }
    }
    return yield* Schema.decodeUnknown(schema, { onExcessProperty: "error" })(value).pipe(
      Effect.mapError((error: ParseResult.ParseError) => new AdminInputError(describeParseError(error).message))
    )
  })

export const adminRouter = (emulator: FlowEmulatorShape, background: BackgroundWork) => {
  const { faults, requests, settings, state } = emulator
  const runFollowUps = (followUps: ReadonlyArray<FollowUp>, origin: string) =>
    Effect.forEach(followUps, (followUp) => background.run(followUp, origin), { discard: true })

  const origin = Effect.map(HttpServerRequest.HttpServerRequest, originOf)

  return HttpRouter.empty.pipe(
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
          "GET /_admin/callbacks",
          "POST /_admin/sink[/*] (answers 200: a stand-in merchant callback URL)",
          "GET|POST /_admin/clock {now?, advanceMs?}",
          "GET|POST|DELETE /_admin/faults {endpoint, fault, attempts?, times?, phase?}",
          "DELETE /_admin/faults/:id",
          "GET|POST /_admin/settings {answerForm?, batchPaceMs?, verifySignatures?, legacySignatures?, postForGet?}",
          "POST /_admin/registrations/:token {approve?, brand?, last4?}",
          "POST /_admin/payments/:token/pay"
        ]
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
        const seed = yield* body(SeedRequest)
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
    HttpRouter.del("/requests", Effect.sync(() => {
      ;(requests as Array<unknown>).length = 0
      return json({ cleared: true })
    })),

    HttpRouter.get("/callbacks", Effect.sync(() => json(state.callbacks))),
    // a stand-in for the merchant's callback URLs: answers 200 to whatever Flow POSTs
    HttpRouter.post("/sink", Effect.sync(() => json({ received: true }))),
    HttpRouter.post("/sink/*", Effect.sync(() => json({ received: true }))),

    HttpRouter.get("/clock", Effect.sync(() => json({ now: state.nowLocal(), epochMs: state.now() }))),
    HttpRouter.post(
      "/clock",
      Effect.gen(function*() {
        const clock = yield* body(ClockRequest)
        if (clock.now !== undefined) {
          const millis = typeof clock.now === "number" ? clock.now : Date.parse(clock.now)
          if (Number.isNaN(millis)) return yield* Effect.fail(new AdminInputError(`now: not a date: ${clock.now}`))
          state.setClock(millis)
        }
        if (clock.advanceMs !== undefined) state.advanceClock(clock.advanceMs)
        return json({ now: state.nowLocal(), epochMs: state.now() })
      })
    ),

    HttpRouter.get("/faults", Effect.sync(() => json(faults.list()))),
    HttpRouter.post("/faults", Effect.map(body(FaultRequest), (request) => json(faults.add(request), 201))),
    HttpRouter.del("/faults", Effect.sync(() => {
      faults.clear()
      return json({ cleared: true })
    })),
    HttpRouter.del(
      "/faults/:id",
      Effect.map(HttpRouter.params, ({ id }) =>
        faults.remove(Number(id)) ? json({ removed: Number(id) }) : json({ message: `no fault ${id}` }, 404))
    ),

    HttpRouter.get("/settings", Effect.sync(() => json(settings))),
    HttpRouter.post(
      "/settings",
      Effect.map(body(SettingsRequest), (changes) => {
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
        const input = yield* body(RegistrationRequest)
        const followUps = yield* Effect.try({
          try: () => finishRegistration(state, token, { approve: input.approve ?? true, brand: input.brand, last4: input.last4 }),
          catch: (error) => error
        })
        yield* runFollowUps(followUps, yield* origin)
        return json({ token, status: state.registrations.get(token)!.status })
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
    ),

    HttpRouter.catchAll((error) =>
      Effect.succeed(
        error instanceof AdminInputError
          ? json({ message: error.message }, 400)
          : error instanceof FlowFailure
          ? json({ code: error.code, message: error.message }, pageStatus(error))
          : json({ message: String(error) }, 404)
      )
    )
  )
}
