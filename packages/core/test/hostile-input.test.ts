/**
 * Hostile input, property-based, for every operation: wrong types, missing and unknown fields, blank,
 * huge and control-character text, unicode, bad amounts, URLs, dates, paging, flags, payment methods,
 * optionals and batch rows, mixed with valid values so both outcomes happen often.
 *
 * Every generated value carries its own verdict (an oracle written apart from the Schemas): a valid
 * value knows the text Flow must receive, an invalid one knows which field path is at fault. The
 * property: an input with no fault is sent exactly once with exactly those params; an input with a
 * fault fails with the operation's own error, reason FlowValidationError naming a faulty field, and
 * nothing is sent. Each operation's run must see both outcomes often.
 *
 * Inputs src once mishandled (lone surrogates, non-plain objects, `__proto__` keys, non-finite numbers
 * in optionals, URLs the WHATWG parser repairs) have tests of their own at the end.
 */
import { describe, expect, it, layer } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FastCheck from "effect/FastCheck"
import { FlowCustomers } from "../src/FlowCustomers.js"
import type { FlowOperationError } from "../src/FlowErrors.js"
import {
  Amount,
  type Arbitrary,
  bad,
  BatchRows,
  type Case,
  cleanText,
  Currency,
  Email,
  Flag,
  Id,
  IsoDate,
  Limit,
  literals,
  NonNegativeInt,
  optional,
  Optionals,
  type Path,
  PaymentMethod,
  PositiveInt,
  required,
  show,
  single,
  struct,
  Url,
  wholePesos
} from "./support/hostileInputs.js"
import { type OperationCase, operations } from "./support/operations.js"
import { json, makeTestCustomers, TEST_API_KEY } from "./support/RecordingHttpClient.js"

// ---------------------------------------------------------------------------------------------
// The 16 operations
// ---------------------------------------------------------------------------------------------

interface HostileOperation {
  readonly name: string
  readonly cases: Arbitrary<Case>
  readonly call: (customers: FlowCustomers, input: unknown) => Effect.Effect<unknown, FlowOperationError>
}

const paging = {
  start: optional(NonNegativeInt),
  limit: optional(Limit)
}

const hostileOperations: ReadonlyArray<HostileOperation> = [
  {
    name: "create",
    cases: struct({ name: required(Id), email: required(Email), externalId: required(Id) }),
    call: (c, input) => c.create(bad(input))
  },
  {
    name: "edit",
    cases: struct({
      customerId: required(Id),
      name: optional(Id),
      email: optional(Email),
      externalId: optional(Id)
    }, {
      rule: (v) =>
        v["name"] === undefined && v["email"] === undefined && v["externalId"] === undefined
          ? [["name"], ["email"], ["externalId"]]
          : []
    }),
    call: (c, input) => c.edit(bad(input))
  },
  { name: "delete", cases: single("customerId"), call: (c, input) => c.delete(bad(input)) },
  { name: "get", cases: single("customerId"), call: (c, input) => c.get(bad(input)) },
  {
    name: "list",
    cases: FastCheck.oneof(
      {
        arbitrary: struct({
          ...paging,
          filter: optional(Id),
          // 1 active, 0 deleted (-0 is 0, and travels as "0")
          status: optional(literals([0, -0, 1], [2, -1, 0.5, "1", "0", true, false, null, Number.NaN]))
        }),
        weight: 9
      },
      // no argument at all: the first page with Flow's defaults
      { arbitrary: FastCheck.constant<Case>({ input: undefined, faults: [], params: {}, json: {} }), weight: 1 }
    ),
    call: (c, input) => c.list(bad(input))
  },
  {
    name: "card.register",
    cases: struct({ customerId: required(Id), url_return: required(Url) }),
    call: (c, input) => c.card.register(bad(input))
  },
  { name: "card.status", cases: single("token"), call: (c, input) => c.card.status(bad(input)) },
  { name: "card.delete", cases: single("customerId"), call: (c, input) => c.card.delete(bad(input)) },
  {
    name: "card.charge",
    cases: struct({
      customerId: required(Id),
      commerceOrder: required(Id),
      subject: required(Id),
      amount: required(Amount),
      currency: optional(Currency),
      optionals: optional(Optionals)
    }, { rule: wholePesos }),
    call: (c, input) => c.card.charge(bad(input))
  },
  {
    name: "card.sendCharge",
    cases: struct({
      customerId: required(Id),
      commerceOrder: required(Id),
      subject: required(Id),
      amount: required(Amount),
      currency: optional(Currency),
      urlConfirmation: required(Url),
      urlReturn: required(Url),
      paymentMethod: optional(PaymentMethod),
      byEmail: optional(Flag),
      forward_days_after: optional(NonNegativeInt),
      forward_times: optional(NonNegativeInt),
      ignore_auto_charging: optional(Flag),
      optionals: optional(Optionals),
      timeout: optional(PositiveInt)
    }, { rule: wholePesos }),
    call: (c, input) => c.card.sendCharge(bad(input))
  },
  {
    name: "card.sendMassiveCharge",
    cases: struct({
      urlCallBack: required(Url),
      urlConfirmation: required(Url),
      urlReturn: required(Url),
      batchRows: required(BatchRows),
      byEmail: optional(Flag),
      forward_days_after: optional(NonNegativeInt),
      forward_times: optional(NonNegativeInt),
      timeout: optional(PositiveInt)
    }, {
      // the rows are where most can go wrong: break them alone half the time
      corrupt: FastCheck.oneof(
        FastCheck.constant(["batchRows"]),
        FastCheck.subarray([
          "urlCallBack",
          "urlConfirmation",
          "urlReturn",
          "batchRows",
          "byEmail",
          "forward_days_after",
          "forward_times",
          "timeout"
        ], { minLength: 1, maxLength: 3 })
      )
    }),
    call: (c, input) => c.card.sendMassiveCharge(bad(input))
  },
  { name: "card.massiveChargeStatus", cases: single("token"), call: (c, input) => c.card.massiveChargeStatus(bad(input)) },
  {
    name: "card.reverseCharge",
    cases: struct({ commerceOrder: optional(Id), flowOrder: optional(PositiveInt) }, {
      // exactly one of the two
      rule: (v) =>
        (v["commerceOrder"] === undefined) === (v["flowOrder"] === undefined) ? [["commerceOrder"], ["flowOrder"]] : []
    }),
    call: (c, input) => c.card.reverseCharge(bad(input))
  },
  {
    name: "card.listCharges",
    cases: struct({
      customerId: required(Id),
      ...paging,
      filter: optional(Id),
      fromDate: optional(IsoDate),
      status: optional(literals([1, 2, 3, 4], [0, 5, -1, 2.5, "2", true, null, Number.NaN]))
    }),
    call: (c, input) => c.card.listCharges(bad(input))
  },
  {
    name: "card.listFailedCharges",
    cases: struct({
      customerId: required(Id),
      ...paging,
      filter: optional(Id),
      fromDate: optional(IsoDate),
      // Flow types it as an integer; text is accepted too: bad only if bad as both
      commerceOrder: optional({
        good: FastCheck.oneof(Id.good, NonNegativeInt.good),
        bad: FastCheck.oneof(Id.bad, NonNegativeInt.bad).filter(({ value }) =>
          !(typeof value === "string" && cleanText(value, 255)) &&
          !(typeof value === "number" && Number.isSafeInteger(value) && value >= 0)
        )
      })
    }),
    call: (c, input) => c.card.listFailedCharges(bad(input))
  },
  {
    name: "card.subscriptions.list",
    cases: struct({ customerId: required(Id), ...paging, filter: optional(Id) }),
    call: (c, input) => c.card.subscriptions.list(bad(input))
  }
]

// ---------------------------------------------------------------------------------------------
// The property
// ---------------------------------------------------------------------------------------------

const NUM_RUNS = 200

/** The field named is at fault, or lies inside a field at fault (`optionals.a` inside `optionals`). */
const namesAFault = (field: string, faults: ReadonlyArray<Path>): boolean =>
  faults.map(show).some((f) => field === f || (f !== "" && (field.startsWith(`${f}.`) || field.startsWith(`${f}[`))))

const operationCase = (name: string): OperationCase => {
  const op = operations.find((o) => o.name === name)
  if (op === undefined) throw new Error(`no operation ${name} in support/operations.ts`)
  return op
}

describe("hostile input", () => {
  it("covers all 16 operations", () => {
    expect(hostileOperations.map((h) => h.name)).toStrictEqual(operations.map((o) => o.name))
  })

  describe.each(hostileOperations)("$name", (hostile) => {
    const op = operationCase(hostile.name)
    const seen = { accepted: 0, rejected: 0 }
    // One FlowCustomers for all runs, without test services (no clock is involved): building them per
    // run would dominate the run time. The double keeps recording into `requests`, emptied before each run.
    const { layer: customers, requests } = makeTestCustomers(() => json(op.specAnswer))

    layer(customers, { excludeTestServices: true })((it) => {
      it.effect.prop(
        `valid input is sent exactly once, as given; invalid input fails with ${op.errorTag} naming a bad field, nothing sent`,
        [hostile.cases],
        ([testCase]) =>
          Effect.gen(function*() {
            requests.length = 0
            const result = yield* Effect.either(Effect.flatMap(FlowCustomers, (c) => hostile.call(c, testCase.input)))
            if (Either.isRight(result)) {
              seen.accepted++
              expect(testCase.faults.map(show), "accepted an input the oracle refuses").toStrictEqual([])
              expect(requests).toHaveLength(1)
              const request = requests[0]!
              expect(request.method).toBe(op.method)
              expect(request.path).toBe(op.path)
              const { apiKey, s, ...sent } = request.params
              expect(apiKey).toBe(TEST_API_KEY)
              expect(s).toMatch(/^[0-9a-f]{64}$/)
              // exactly the params given: none missing, none extra, none sent twice, undefined ones absent
              expect(Object.keys(sent).sort()).toStrictEqual(Object.keys(testCase.params).sort())
              expect(request.paramNames).toHaveLength(Object.keys(testCase.params).length + 2)
              for (const [name, expected] of Object.entries(testCase.params)) {
                const actual = sent[name]!
                if ("text" in expected) expect(actual, name).toBe(expected.text)
                else expect(JSON.parse(actual), name).toStrictEqual(expected.json)
              }
            } else {
              seen.rejected++
              const error = result.left
              expect(error._tag).toBe(op.errorTag)
              const reason = error.reason
              if (reason._tag !== "FlowValidationError") {
                throw new Error(`expected FlowValidationError, got ${reason._tag}: ${reason.message}`)
              }
              const faults = testCase.faults.map(show)
              expect(faults, `refused a valid input: ${reason.message}`).not.toStrictEqual([])
              expect(
                namesAFault(reason.field, testCase.faults),
                `named ${JSON.stringify(reason.field)}, faults are ${JSON.stringify(faults)}`
              ).toBe(true)
              if (reason.field !== "") expect(reason.message).toContain(reason.field)
              expect(error.message).toContain(reason.message)
              expect(requests).toHaveLength(0)
            }
          }),
        { fastCheck: { numRuns: NUM_RUNS } }
      )

      it("saw both accepted and refused inputs", (ctx) => {
        if (seen.accepted + seen.rejected === 0) ctx.skip() // the property did not run (filtered out)
        expect(seen.accepted).toBeGreaterThanOrEqual(NUM_RUNS / 10)
        expect(seen.rejected).toBeGreaterThanOrEqual(NUM_RUNS / 10)
      })
    })
  })
})

// ---------------------------------------------------------------------------------------------
// Known bugs: inputs the property above leaves out on purpose, because src mishandles them today.
// Each test states the correct behaviour; remove `.skip` once src is fixed.
// ---------------------------------------------------------------------------------------------

const chargeInput = { customerId: "cus_onoolldvec", commerceOrder: "o-1", subject: "Cuota", amount: 1000 }
const rowInput = { customerId: "cus_onoolldvec", commerceOrder: "o-1", subject: "Cuota", amount: 1000 }
const batchInput = {
  urlCallBack: "https://shop.cl/cb",
  urlConfirmation: "https://shop.cl/confirm",
  urlReturn: "https://shop.cl/return"
}

/** The call is refused with `errorTag` / FlowValidationError naming `field` (or a path inside it), and nothing is sent. */
const expectRefused = (
  name: string,
  call: (customers: FlowCustomers) => Effect.Effect<unknown, FlowOperationError>,
  field: string
) =>
  Effect.gen(function*() {
    const op = operationCase(name)
    const { layer: customers, requests } = makeTestCustomers(() => json(op.specAnswer))
    const result = yield* Effect.either(Effect.flatMap(FlowCustomers, call)).pipe(Effect.provide(customers))
    if (Either.isRight(result)) {
      throw new Error(`${name}: accepted and sent ${JSON.stringify(requests.map((r) => r.params))}`)
    }
    expect(result.left._tag).toBe(op.errorTag)
    const reason = result.left.reason
    if (reason._tag !== "FlowValidationError") throw new Error(`unexpected reason ${reason._tag}`)
    expect(namesAFault(reason.field, [field.split(".")])).toBe(true)
    expect(requests).toHaveLength(0)
  })

describe("once-found bugs, kept fixed", () => {
  it.effect("a lone surrogate in text is refused, not sent as U+FFFD", () =>
    Effect.gen(function*() {
      yield* expectRefused(
        "create",
        (c) => c.create({ name: "Ana \ud800", email: "ana@b.cl", externalId: "1" }),
        "name"
      )
      yield* expectRefused("card.charge", (c) => c.card.charge({ ...chargeInput, subject: "Pago \udc00" }), "subject")
      yield* expectRefused("card.status", (c) => c.card.status("tok\ud83d"), "token")
      yield* expectRefused(
        "card.charge",
        (c) => c.card.charge({ ...chargeInput, optionals: "{\"rut\":\"\ud83d\"}" }),
        "optionals"
      )
    }))

  it.effect("optionals that are not plain objects are refused, not sent as {}", () =>
    Effect.gen(function*() {
      yield* expectRefused(
        "card.charge",
        (c) => c.card.charge({ ...chargeInput, optionals: bad(new Map([["rut", "9999999-9"]])) }),
        "optionals"
      )
      yield* expectRefused("card.charge", (c) => c.card.charge({ ...chargeInput, optionals: bad(new Date(0)) }), "optionals")
      yield* expectRefused(
        "card.sendMassiveCharge",
        (c) => c.card.sendMassiveCharge({ ...batchInput, batchRows: [{ ...rowInput, optional: bad(new Map([["a", "1"]])) }] }),
        "batchRows[0].optional"
      )
    }))

  it.effect("a __proto__ key in optionals is not silently dropped", () =>
    Effect.gen(function*() {
      const optionals: Record<string, string> = JSON.parse("{\"__proto__\":\"x\",\"a\":\"1\"}")
      const { layer: customers, requests } = makeTestCustomers(() => json(operationCase("card.charge").specAnswer))
      const result = yield* Effect.either(Effect.flatMap(FlowCustomers, (c) => c.card.charge({ ...chargeInput, optionals })))
        .pipe(Effect.provide(customers))
      if (Either.isRight(result)) {
        // sent: then with every key given
        expect(requests[0]!.params["optionals"]).toBe(JSON.stringify(optionals))
      } else {
        const reason = result.left.reason
        expect(reason._tag === "FlowValidationError" && reason.field.startsWith("optionals")).toBe(true)
        expect(requests).toHaveLength(0)
      }
    }))

  it.effect("non-finite numbers in optionals are refused, not sent as null", () =>
    Effect.gen(function*() {
      yield* expectRefused(
        "card.charge",
        (c) => c.card.charge({ ...chargeInput, optionals: { total: Number.NaN } }),
        "optionals"
      )
      yield* expectRefused(
        "card.sendCharge",
        (c) =>
          c.card.sendCharge({
            ...chargeInput,
            urlConfirmation: "https://shop.cl/confirm",
            urlReturn: "https://shop.cl/return",
            optionals: { limit: Number.POSITIVE_INFINITY }
          }),
        "optionals"
      )
    }))

  it.effect("URLs that only parse after repair are refused", () =>
    Effect.gen(function*() {
      for (
        const url of [
          " https://shop.cl/cb",
          "https://shop.cl/cb ",
          "https://shop.cl/a b",
          "https://shop.cl/\u00a0",
          "https:shop.cl/cb",
          "https:\\\\shop.cl\\cb"
        ]
      ) {
        yield* expectRefused(
          "card.register",
          (c) => c.card.register({ customerId: "cus_onoolldvec", url_return: url }),
          "url_return"
        )
      }
    }))
})
