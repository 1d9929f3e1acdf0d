/**
 * What the admin API reads: a JSON body, or a form (urlencoded or multipart) for clients that do not
 * write JSON (`curl -d approve=false`). Each route's input is a Schema; out-of-range or unknown
 * input is refused with 400 and a message naming the field.
 *
 * A form's fields are text, except those a route lists as JSON (numbers, booleans, lists, objects):
 * `advanceMs=3600000`, `verifySignatures=false`, `customers=[{"name":…}]`. Dotted names build
 * objects and lists: `fault.type=status&fault.status=503`, `customers.0.name=Ana`. An empty field is
 * absent (an HTML form sends every field, filled in or not).
 */
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import { describeParseError } from "@flowcl/core"
import * as Effect from "effect/Effect"
import type * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import { ANSWER_FORMS } from "./Answers.js"
import { FaultRequest } from "./Faults.js"
import { adminBodyKind } from "./RequestPolicy.js"

export class AdminInputError {
  readonly _tag = "AdminInputError"
  constructor(readonly message: string) {}
}

/** The emulator's clock stays within these dates (epoch ms): years 1970 to 9999. */
export const CLOCK_MIN = 0
export const CLOCK_MAX = Date.UTC(9999, 11, 31, 23, 59, 59, 999)

const Last4 = Schema.String.pipe(Schema.pattern(/^\d{4}$/, { message: () => "last4 must be four digits" }))
const Text = Schema.String.pipe(Schema.maxLength(255))

const Card = Schema.Struct({ brand: Schema.optional(Text), last4: Schema.optional(Last4) })

const SeedCustomer = Schema.Struct({
  name: Text,
  email: Text,
  externalId: Schema.optional(Text),
  status: Schema.optional(Schema.Literal(0, 1)),
  card: Schema.optional(Card)
})

const SeedSubscription = Schema.Struct(
  {
    customerId: Text,
    subscriptionId: Schema.optional(Text),
    planId: Schema.optional(Text),
    status: Schema.optional(Schema.Number)
  },
  Schema.Record({ key: Schema.String, value: Schema.Unknown })
)

export const SeedRequest = Schema.Struct({
  customers: Schema.optional(Schema.Array(SeedCustomer).pipe(Schema.maxItems(10_000))),
  subscriptions: Schema.optional(Schema.Array(SeedSubscription).pipe(Schema.maxItems(10_000)))
})

export const ClockRequest = Schema.Struct({
  /** An ISO date (`2026-01-05T16:00:00-03:00`) or epoch milliseconds, from 1970 to 9999. */
  now: Schema.optional(Schema.Union(Schema.String, Schema.Number.pipe(Schema.between(CLOCK_MIN, CLOCK_MAX)))),
  advanceMs: Schema.optional(Schema.Number.pipe(Schema.int(), Schema.between(-CLOCK_MAX, CLOCK_MAX)))
})

export const SettingsRequest = Schema.Struct({
  answerForm: Schema.optional(Schema.Literal(...ANSWER_FORMS)),
  batchPaceMs: Schema.optional(Schema.Number.pipe(Schema.int(), Schema.between(0, 60_000))),
  verifySignatures: Schema.optional(Schema.Boolean),
  legacySignatures: Schema.optional(Schema.Boolean),
  postForGet: Schema.optional(Schema.Boolean)
})

export const RegistrationRequest = Schema.Struct({
  approve: Schema.optional(Schema.Boolean),
  brand: Schema.optional(Text),
  last4: Schema.optional(Last4)
})

export const CardRequest = Card

/** A route's input: its Schema, and the form fields read as JSON (by their last dotted segment). */
export interface AdminInput<A, I> {
  readonly schema: Schema.Schema<A, I>
  readonly jsonFields: ReadonlySet<string>
}

const input = <A, I>(schema: Schema.Schema<A, I>, jsonFields: ReadonlyArray<string>): AdminInput<A, I> => ({
  schema,
  jsonFields: new Set(jsonFields)
})

export const Inputs = {
  seed: input(SeedRequest, ["customers", "subscriptions", "status", "card"]),
  clock: input(ClockRequest, ["advanceMs"]),
  settings: input(SettingsRequest, ["batchPaceMs", "verifySignatures", "legacySignatures", "postForGet"]),
  registration: input(RegistrationRequest, ["approve"]),
  card: input(CardRequest, []),
  fault: input(FaultRequest, ["fault", "attempts", "times", "status", "ms", "headers"])
} as const

const FORBIDDEN_SEGMENTS = new Set(["__proto__", "prototype", "constructor"])

/** A form's fields as one object: dotted names nest, the route's JSON fields are parsed. */
export const formToObject = (
  fields: Iterable<readonly [string, string]>,
  jsonFields: ReadonlySet<string>
): Record<string, unknown> => {
  const root: Record<string, unknown> = {}
  for (const [name, text] of fields) {
    const path = name.split(".")
    if (path.some((segment) => segment === "" || FORBIDDEN_SEGMENTS.has(segment))) {
      throw new AdminInputError(`bad field name ${JSON.stringify(name)}`)
    }
    let value: unknown = text
    if (jsonFields.has(path.at(-1)!)) {
      try {
        value = JSON.parse(text)
      } catch {
        // kept as text: the Schema then says what the field takes
      }
    }
    let node: Record<string, unknown> | Array<unknown> = root
    path.forEach((segment, i) => {
      const key: string | number = Array.isArray(node) ? Number(segment) : segment
      if (Array.isArray(node) && (!Number.isInteger(key) || (key as number) < 0 || (key as number) > 10_000)) {
        throw new AdminInputError(`bad index in field ${JSON.stringify(name)}`)
      }
      if (i === path.length - 1) {
        ;(node as Record<string, unknown>)[key] = value
        return
      }
      const existing = (node as Record<string, unknown>)[key]
      const next = typeof existing === "object" && existing !== null
        ? existing
        : /^\d+$/.test(path[i + 1]!)
        ? []
        : {}
      ;(node as Record<string, unknown>)[key] = next
      node = next as Record<string, unknown> | Array<unknown>
    })
  }
  return root
}

/** Reads the body (JSON, or a form; an empty body is `{}`) with the route's Schema. */
export const readInput = <A, I>(route: AdminInput<A, I>) =>
  Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const contentType = request.headers["content-type"]
    const kind = adminBodyKind(contentType, request.headers["origin"] !== undefined) ?? "json"
    let value: unknown = {}
    if (kind === "json") {
      const text = yield* Effect.orDie(request.text)
      if (text.trim() !== "") {
        try {
          value = JSON.parse(text)
        } catch {
          return yield* Effect.fail(new AdminInputError("the body is not JSON"))
        }
      }
    } else {
      const body = yield* Effect.orDie(request.arrayBuffer)
      const fields = kind === "form"
        ? [...new URLSearchParams(new TextDecoder().decode(body))]
        : yield* Effect.tryPromise({
          try: async () => {
            const form = await new Response(body, { headers: { "content-type": contentType ?? "" } }).formData()
            return [...form].flatMap(([name, part]) => typeof part === "string" ? [[name, part] as const] : [])
          },
          catch: () => new AdminInputError("malformed multipart/form-data body")
        })
      value = yield* Effect.try({
        // an empty field is absent: an HTML form sends every field, filled in or not
        try: () => formToObject(fields.filter(([, text]) => text !== ""), route.jsonFields),
        catch: (error) => error instanceof AdminInputError ? error : new AdminInputError(String(error))
      })
    }
    return yield* Schema.decodeUnknown(route.schema, { onExcessProperty: "error" })(value).pipe(
      Effect.mapError((error: ParseResult.ParseError) => new AdminInputError(describeParseError(error).message))
    )
  })

/** A clock setting as epoch milliseconds, or an input error for a date out of range. */
export const clockMillis = (now: string | number): number | AdminInputError => {
  const millis = typeof now === "number" ? now : /^\d+$/.test(now) ? Number(now) : Date.parse(now)
  if (Number.isNaN(millis)) return new AdminInputError(`now: not a date: ${now}`)
  if (millis < CLOCK_MIN || millis > CLOCK_MAX) return new AdminInputError(`now: ${now} is outside 1970–9999`)
  return millis
}
