/**
 * Robust decoding of big list pages through FlowCustomers and the recording double: a 10,000-item
 * `customer/list` page and a 10,000-item `customer/getCharges` page decode in both of Flow's forms
 * (`data` as an array; `data` as JSON text with `hasMore` boolean and `total` as text), every item in
 * order; one malformed item anywhere fails with the operation's error, reason FlowDecodeError, whose
 * `path` names that item's index and field.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { Page } from "../src/Responses.js"
import { FlowCustomers } from "../src/FlowCustomers.js"
import type { FlowOperationError } from "../src/FlowErrors.js"
import * as F from "./support/fixtures.js"
import { makeTestCustomers } from "./support/RecordingHttpClient.js"

const SIZE = 10_000
/** Flow's total can exceed one page. */
const TOTAL = 25_000

interface Listing {
  readonly name: string
  readonly errorTag: FlowOperationError["_tag"]
  readonly path: string
  readonly call: (customers: FlowCustomers) => Effect.Effect<Page<unknown>, FlowOperationError>
  /** Item `i` as Flow sends it, in the spec's form or the alternative one (numbers as text, nulls…). */
  readonly item: (i: number) => Readonly<Record<string, unknown>>
  /** What item `i` decodes to. */
  readonly decoded: (i: number) => unknown
  /** Item `i` with the field `badField` broken. */
  readonly malformed: (i: number) => Readonly<Record<string, unknown>>
  readonly badField: string
  /** A decoded item's id, and item `i`'s: checks every item is there, in order, without comparing 10,000 objects. */
  readonly key: (decoded: unknown) => unknown
  readonly keyOf: (i: number) => unknown
}

/**
 * One item in ten carries all of Flow's fields, in the spec's form (i % 20 = 0) or the alternative one
 * (i % 20 = 5); the others only the required ones, in the alternative form one time in four (i % 4 = 3,
 * so 4711 and the last item) and the spec's form otherwise. Decoding every optional and nested field,
 * and the slower alternative form, 10,000 times over would only slow the file down.
 */
const full = (i: number) => i % 20 === 0 || i % 20 === 5
const alternative = (i: number) => full(i) ? i % 20 === 5 : i % 4 === 3

const customerListing: Listing = {
  name: "list",
  errorTag: "FlowGetCustomerListError",
  path: "/api/customer/list",
  call: (c) => c.list(),
  item: (i) =>
    full(i)
      ? alternative(i)
        ? { ...F.customerAlt, customerId: `cus_${i}`, externalId: i }
        : { ...F.customerSpec, customerId: `cus_${i}`, externalId: `ext-${i}` }
      : alternative(i)
      ? { customerId: `cus_${i}`, created: "2017-07-21 12:33:15", email: `c${i}@x.cl`, name: i, status: "0", pay_mode: null }
      : { customerId: `cus_${i}`, created: "2017-07-21 12:33:15", email: `c${i}@x.cl`, name: `C ${i}`, status: 1 },
  decoded: (i) =>
    full(i)
      ? alternative(i)
        ? { ...F.customerAltNormalized, customerId: `cus_${i}`, externalId: String(i) }
        : { ...F.customerNormalized, customerId: `cus_${i}`, externalId: `ext-${i}` }
      : {
        customerId: `cus_${i}`,
        created: "2017-07-21 12:33:15",
        email: `c${i}@x.cl`,
        name: alternative(i) ? String(i) : `C ${i}`,
        status: alternative(i) ? 0 : 1
      },
  // a customer without its id
  malformed: (i) => {
    const { customerId: _, ...rest } = customerListing.item(i)
    return rest
  },
  badField: "customerId",
  key: (decoded) => (decoded as { readonly customerId: string }).customerId,
  keyOf: (i) => `cus_${i}`
}

const chargeListing: Listing = {
  name: "card.listCharges",
  errorTag: "FlowListChargesCardError",
  path: "/api/customer/getCharges",
  call: (c) => c.card.listCharges({ customerId: "cus_onoolldvec" }),
  item: (i) =>
    full(i)
      ? alternative(i)
        ? { ...F.paymentAlt, flowOrder: String(1_000_000 + i), commerceOrder: i, amount: `${i + 1}.00` }
        : { ...F.paymentSpec, flowOrder: 1_000_000 + i, commerceOrder: `o-${i}`, amount: i + 1 }
      : alternative(i)
      ? { flowOrder: String(1_000_000 + i), commerceOrder: i, status: "1", amount: `${i + 1}.00`, payer: null }
      : { flowOrder: 1_000_000 + i, commerceOrder: `o-${i}`, status: 2, amount: i + 1 },
  decoded: (i) =>
    full(i)
      ? alternative(i)
        ? { ...F.paymentAltNormalized, flowOrder: 1_000_000 + i, commerceOrder: String(i), amount: i + 1 }
        : { ...F.paymentNormalized, flowOrder: 1_000_000 + i, commerceOrder: `o-${i}`, amount: i + 1 }
      : {
        flowOrder: 1_000_000 + i,
        commerceOrder: alternative(i) ? String(i) : `o-${i}`,
        status: alternative(i) ? 1 : 2,
        amount: i + 1
      },
  // an amount that is not a number
  malformed: (i) => ({ ...chargeListing.item(i), amount: "abc" }),
  badField: "amount",
  key: (decoded) => (decoded as { readonly flowOrder: number }).flowOrder,
  keyOf: (i) => 1_000_000 + i
}

/**
 * One of Flow's two page forms, put together around the items' JSON texts, so that the 10,000 items
 * are serialized once (the "Flow's form" tests check the result equals fixtures' pageSpec / pageAlt).
 */
interface Form {
  readonly name: string
  /** What goes in the page for one item's JSON text. */
  readonly piece: (itemText: string) => string
  readonly body: (pieces: ReadonlyArray<string>) => string
  readonly fixture: (items: ReadonlyArray<unknown>) => unknown
}

const forms: ReadonlyArray<Form> = [
  {
    name: "data as an array, hasMore 1",
    piece: (text) => text,
    body: (pieces) => `{"total":${TOTAL},"hasMore":1,"data":[${pieces.join(",")}]}`,
    fixture: (items) => F.pageSpec(items, TOTAL, 1)
  },
  {
    name: "data as JSON text, hasMore true, total as text",
    // inside a JSON string: the item's text, escaped
    piece: (text) => JSON.stringify(text).slice(1, -1),
    body: (pieces) => `{"total":"${TOTAL}","hasMore":true,"data":"[${pieces.join(",")}]"}`,
    fixture: (items) => F.pageAlt(items, TOTAL, true)
  }
]

/** Calls the listing against a double that answers 200 with `body`; the outcome. */
const fetchPage = (listing: Listing, body: string) =>
  Effect.gen(function*() {
    const { layer, requests } = makeTestCustomers(() =>
      new Response(body, { status: 200, headers: { "content-type": "application/json" } })
    )
    const result = yield* Effect.either(Effect.flatMap(FlowCustomers, listing.call)).pipe(Effect.provide(layer))
    expect(requests).toHaveLength(1)
    expect(requests[0]!.path).toBe(listing.path)
    return result
  })

const SPOT_CHECKS = [0, 1, 2, 3, 5, 4700, 4705, 4710, 4711, SIZE - 20, SIZE - 15, SIZE - 2, SIZE - 1]
const BAD_INDEXES = [0, 4711, SIZE - 1]

describe.each([customerListing, chargeListing])("$name: a 10,000-item page", (listing) => {
  const itemTexts = Array.from({ length: SIZE }, (_, i) => JSON.stringify(listing.item(i)))

  describe.each(forms)("$name", (form) => {
    const pieces = itemTexts.map(form.piece)

    it("the page is Flow's form", () => {
      const few = [listing.item(0), listing.item(3), listing.item(5), listing.malformed(2)]
      expect(JSON.parse(form.body(few.map((item) => form.piece(JSON.stringify(item)))))).toStrictEqual(form.fixture(few))
    })

    it.effect("decodes every item, in order", () =>
      Effect.gen(function*() {
        const result = yield* fetchPage(listing, form.body(pieces))
        if (Either.isLeft(result)) throw new Error(`expected a page, got ${result.left.message}`)
        const page = result.right
        expect(page.total).toBe(TOTAL)
        expect(page.hasMore).toBe(true)
        expect(page.data).toHaveLength(SIZE)
        for (const i of SPOT_CHECKS) expect(page.data[i], `item ${i}`).toStrictEqual(listing.decoded(i))
        const outOfPlace = page.data.findIndex((item, i) => listing.key(item) !== listing.keyOf(i))
        expect(outOfPlace).toBe(-1)
      }))

    it.effect.each(BAD_INDEXES)(`a malformed item %i fails with ${listing.errorTag} / FlowDecodeError naming it`, (index) =>
      Effect.gen(function*() {
        const broken = pieces.slice()
        broken[index] = form.piece(JSON.stringify(listing.malformed(index)))
        const result = yield* fetchPage(listing, form.body(broken))
        if (Either.isRight(result)) throw new Error(`expected a decode failure at item ${index}`)
        const error = result.left
        expect(error._tag).toBe(listing.errorTag)
        const reason = error.reason
        if (reason._tag !== "FlowDecodeError") throw new Error(`unexpected reason ${reason._tag}: ${reason.message}`)
        const path = `data[${index}].${listing.badField}`
        expect(reason.path).toBe(path)
        expect(reason.message).toContain(path)
        expect(reason.statusCode).toBe(200)
        expect(error.statusCode).toBe(200)
        // the raw answer is kept, but only its start
        expect(reason.body.length).toBeLessThanOrEqual(501)
      }))
  })
})
