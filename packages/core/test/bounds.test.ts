/**
 * Bounds, through FlowCustomers and the recording double: a walk over pages that cannot be Flow's
 * (a page that repeats, an empty page while `hasMore`, a walk far past the first page's `total`) ends
 * with the list's own error instead of looping; a value of the wrong type is quoted as a short preview
 * (a 10 MB string gives a short message, quickly); `batchRows` beyond `maxBatchRows` is refused before
 * anything is sent.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import { describe, expect, it } from "@effect/vitest"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import { FlowConfig } from "../src/FlowConfig.js"
import { FlowCustomers } from "../src/FlowCustomers.js"
import type { FlowOperationError } from "../src/FlowErrors.js"
import { overrunMargin } from "../src/Pagination.js"
import * as F from "./support/fixtures.js"
import {
  json,
  makeRecordingClient,
  type RecordedRequest,
  type Responder,
  TEST_API_KEY,
  TEST_BASE_URL,
  TEST_SECRET
} from "./support/RecordingHttpClient.js"

/** FlowCustomers over the recording double, without retries, with `maxBatchRows` when given. */
const customersOver = (respond: Responder, options: { readonly maxBatchRows?: number } = {}) => {
  const { client, requests } = makeRecordingClient(respond)
  const layer = FlowCustomers.Default.pipe(
    Layer.provide(FlowConfig.layer({
      apiKey: TEST_API_KEY,
      secretKey: Redacted.make(TEST_SECRET),
      baseUrl: TEST_BASE_URL,
      retry: { retries: 0 },
      reconcile: false,
      ...(options.maxBatchRows === undefined ? {} : { maxBatchRows: options.maxBatchRows })
    })),
    Layer.provide(Layer.succeed(HttpClient.HttpClient, client)),
    Layer.orDie
  )
  return { layer, requests }
}

const failure = <A>(result: Either.Either<A, FlowOperationError>): FlowOperationError => {
  if (Either.isRight(result)) throw new Error("expected a failure")
  return result.left
}

// ------------------------------------------------------------------------------------------------ pages

/** A page answer: `start`/`limit` as asked → `{ total, hasMore, data }`. */
type PageServer = (start: number, limit: number) => { readonly total: number; readonly hasMore: boolean; readonly count: number; readonly from?: number }

const customer = (i: number) => ({ ...F.customerSpec, customerId: `cus_${i}`, externalId: `ext-${i}` })

interface ListCase {
  readonly name: string
  readonly path: string
  readonly item: (i: number) => unknown
  readonly walk: (c: FlowCustomers) => Stream.Stream<unknown, FlowOperationError>
  readonly tag: string
}

/** The four lists: their path, an item numbered `i`, a walk of every item, and their error's tag. */
const lists: ReadonlyArray<ListCase> = [
  {
    name: "list",
    path: "/api/customer/list",
    item: customer,
    walk: (c: FlowCustomers) => c.list.stream({}),
    tag: "FlowGetCustomerListError"
  },
  {
    name: "card.listCharges",
    path: "/api/customer/getCharges",
    item: (i: number) => ({ ...F.paymentSpec, flowOrder: i + 1, commerceOrder: `order-${i}` }),
    walk: (c: FlowCustomers) => c.card.listCharges.stream({ customerId: "cus_1" }),
    tag: "FlowListChargesCardError"
  },
  {
    name: "card.listFailedCharges",
    path: "/api/customer/getChargeAttemps",
    item: (i: number) => ({ ...F.attemptSpec, id: i + 1, commerceOrder: `order-${i}` }),
    walk: (c: FlowCustomers) => c.card.listFailedCharges.stream({ customerId: "cus_1" }),
    tag: "FlowListFailedChargesCardError"
  },
  {
    name: "card.subscriptions.list",
    path: "/api/customer/getSubscriptions",
    item: (i: number) => ({ ...F.subscriptionSpec, subscriptionId: `sus_${i}` }),
    walk: (c: FlowCustomers) => c.card.subscriptions.list.stream({ customerId: "cus_1" }),
    tag: "FlowListPaginatedSubscriptionsError"
  }
]

/** Answers every list path with the pages `server` describes (items numbered from `from`, default `start`). */
const pagesOf = (item: (i: number) => unknown, server: PageServer): Responder => (request: RecordedRequest) => {
  const start = Number(request.params.start ?? 0)
  const limit = Number(request.params.limit ?? 10)
  const page = server(start, limit)
  const from = page.from ?? start
  return json({
    total: page.total,
    hasMore: page.hasMore ? 1 : 0,
    data: Array.from({ length: page.count }, (_, i) => item(from + i))
  })
}

/** Walks every customer: the items received before the walk ended, and its error if it failed. */
const walkCustomers = (server: PageServer, request: { readonly limit?: number } = {}) =>
  Effect.gen(function*() {
    const { layer, requests } = customersOver(pagesOf(customer, server))
    const items: Array<unknown> = []
    const result = yield* Effect.flatMap(FlowCustomers, (c) =>
      Stream.runForEach(c.list.stream(request), (item) => Effect.sync(() => items.push(item)))).pipe(
        Effect.either,
        Effect.provide(layer)
      )
    return { items, result, requests }
  })

/** A server whose list really holds `size` items, though every page says `total`. */
const holding = (size: number, total: number): PageServer => (start, limit) => {
  const count = Math.max(0, Math.min(limit, size - start))
  return { total, hasMore: start + count < size, count }
}

describe("pagination ends on pages that cannot be Flow's", () => {
  it.effect("a page that repeats the previous one: the list's error, after the first page only", () =>
    Effect.gen(function*() {
      // the server ignores `start`: the same 100 customers, and `hasMore`, forever
      const { items, requests, result } = yield* walkCustomers(() => ({ total: 1_000, hasMore: true, count: 100, from: 0 }))
      const error = failure(result)
      expect(error._tag).toBe("FlowGetCustomerListError")
      expect(error.reason).toMatchObject({ _tag: "FlowDecodeError", path: "data" })
      expect(error.message).toContain("Flow's pages are inconsistent: the page from start 100 repeats the page from start 0")
      expect(items).toHaveLength(100)
      // the repeated page is the last one asked for
      expect(requests).toHaveLength(2)
    }))

  it.effect("pages that cycle (A, B, A, …) under a huge total: the list's error at the first page seen before", () =>
    Effect.gen(function*() {
      const { items, requests, result } = yield* walkCustomers((start) => ({
        total: 1_000_000_000,
        hasMore: true,
        count: 100,
        from: (start / 100) % 2 === 0 ? 0 : 100
      }))
      const error = failure(result)
      expect(error.reason).toMatchObject({ _tag: "FlowDecodeError", path: "data" })
      expect(error.message).toContain("the page from start 200 repeats the page from start 0 (the same 100 items)")
      expect(items).toHaveLength(200)
      expect(requests).toHaveLength(3)
    }))

  it.effect("an empty page while hasMore says there is more: the list's error (it used to end silently)", () =>
    Effect.gen(function*() {
      const { items, requests, result } = yield* walkCustomers((start) => ({
        total: 1_000,
        hasMore: true,
        count: start === 0 ? 100 : 0
      }))
      const error = failure(result)
      expect(error._tag).toBe("FlowGetCustomerListError")
      expect(error.reason).toMatchObject({ _tag: "FlowDecodeError", path: "data" })
      expect(error.message).toContain("the page from start 100 is empty while hasMore says there is more")
      expect(items).toHaveLength(100)
      expect(requests).toHaveLength(2)
    }))

  it.effect("an empty first page while hasMore: the list's error, after one request", () =>
    Effect.gen(function*() {
      const { items, requests, result } = yield* walkCustomers(() => ({ total: 5, hasMore: true, count: 0 }))
      expect(failure(result).message).toContain("the page from start 0 is empty while hasMore")
      expect(items).toHaveLength(0)
      expect(requests).toHaveLength(1)
    }))

  it.effect.each([
    // [first page's total, items the server gives before the walk must end]
    [10, 10 + overrunMargin(10)],
    [0, overrunMargin(0)],
    [5_000, 5_000 + overrunMargin(5_000)]
  ] as const)("distinct pages past total %i: the list's error once the walk passes total + margin", ([total, allowed]) =>
    Effect.gen(function*() {
      // a server that never says it is done, each page new
      const { items, requests, result } = yield* walkCustomers(() => ({ total, hasMore: true, count: 100 }))
      const error = failure(result)
      expect(error._tag).toBe("FlowGetCustomerListError")
      expect(error.reason).toMatchObject({ _tag: "FlowDecodeError", path: "data" })
      const walked = (Math.floor(allowed / 100) + 1) * 100
      expect(error.message).toContain(`the walk has received ${walked} items, far more than the list's total of ${total}`)
      // every page within the margin was handed out; the one past it was not
      expect(items).toHaveLength(walked - 100)
      expect(requests).toHaveLength(walked / 100)
    }))

  it("the margin: two full pages, or a tenth of the total when that is more", () => {
    expect([0, 10, 2_000, 2_001, 100_000].map(overrunMargin)).toStrictEqual([200, 200, 200, 201, 10_000])
  })

  it.effect("a list that grew within the margin while walked is read whole; one item past it is refused", () =>
    Effect.gen(function*() {
      const within = yield* walkCustomers(holding(250 + overrunMargin(250), 250))
      expect(Either.isRight(within.result)).toBe(true)
      expect(new Set(within.items.map((c) => (c as { customerId: string }).customerId)).size).toBe(450)

      const past = yield* walkCustomers(holding(251 + overrunMargin(250), 250))
      expect(failure(past.result).message).toContain("the walk has received 451 items, far more than the list's total of 250")
    }))

  it.effect("consistent lists end as before: an empty last page with hasMore false, short pages, limit 7", () =>
    Effect.gen(function*() {
      const emptyLast = yield* walkCustomers((start) => ({ total: 100, hasMore: start === 0, count: start === 0 ? 100 : 0 }))
      expect(Either.isRight(emptyLast.result)).toBe(true)
      expect(emptyLast.items).toHaveLength(100)

      // a server that gives fewer than asked: the walk resumes where the page ended
      const short = yield* walkCustomers((start) => ({ total: 95, hasMore: start + 19 < 95, count: Math.min(19, 95 - start) }))
      expect(Either.isRight(short.result)).toBe(true)
      expect(short.items).toHaveLength(95)

      const small = yield* walkCustomers(holding(101, 101), { limit: 7 })
      expect(Either.isRight(small.result)).toBe(true)
      expect(small.items).toHaveLength(101)
      expect(small.requests).toHaveLength(15)
    }))

  it.effect.each(lists)("$name: a repeated page ends the walk with $tag", (list) =>
    Effect.gen(function*() {
      const { layer, requests } = customersOver(pagesOf(list.item, () => ({ total: 300, hasMore: true, count: 100, from: 0 })))
      const result = yield* Effect.flatMap(FlowCustomers, (c) => Stream.runCount(list.walk(c))).pipe(
        Effect.either,
        Effect.provide(layer)
      )
      const error = failure(result)
      expect(error._tag).toBe(list.tag)
      expect(error.reason).toMatchObject({ _tag: "FlowDecodeError", path: "data" })
      expect(requests.map((r) => r.path)).toStrictEqual([list.path, list.path])
    }))

  it.effect("`.pages()` fails the same way, after handing out the pages before", () =>
    Effect.gen(function*() {
      const { layer } = customersOver(pagesOf(customer, (start) => ({ total: 1_000, hasMore: true, count: start < 300 ? 100 : 0 })))
      const pages: Array<number> = []
      const result = yield* Effect.flatMap(FlowCustomers, (c) =>
        Stream.runForEach(c.list.pages({}), (page) => Effect.sync(() => pages.push(page.data.length)))).pipe(
          Effect.either,
          Effect.provide(layer)
        )
      expect(pages).toStrictEqual([100, 100, 100])
      expect(failure(result).reason).toMatchObject({ _tag: "FlowDecodeError", path: "data" })
    }))
})

// ------------------------------------------------------------------------------------------------ previews

const chargeInput = { customerId: "cus_1", amount: 9990, subject: "Plan", commerceOrder: "order-1" }
const TEN_MB = 10 * 1024 * 1024
/**
 * "Built quickly": one pass over 10 MB (the input's checks read each value once) takes about 10 ms,
 * and up to 60 ms was seen on a loaded 2-core machine; work that grew with the square of the size, or
 * a message that carried the value, would take seconds. (The messages' lengths are asserted apart.)
 */
const QUICK_MILLIS = 250

/**
 * Runs `card.charge` with `data` and times the call alone (the layer is built first, and the call is
 * warmed up on a small wrong value), with no answer expected (nothing may be sent).
 */
const chargeFailure = (data: unknown) =>
  Effect.scoped(Effect.gen(function*() {
    const { layer, requests } = customersOver(() => json(F.paymentSpec))
    const customers = Context.get(yield* Layer.build(layer), FlowCustomers)
    yield* Effect.either(customers.card.charge({ ...chargeInput, amount: "warm-up" } as unknown as typeof chargeInput))
    const started = performance.now()
    const result = yield* Effect.either(customers.card.charge(data as typeof chargeInput))
    const millis = performance.now() - started
    return { error: failure(result), millis, requests }
  }))

describe("values quoted in error messages are short previews", () => {
  it.effect("a 10 MB string as amount: a short message naming amount, built quickly, nothing sent", () =>
    Effect.gen(function*() {
      yield* chargeFailure({ ...chargeInput, amount: "warm-up" })
      const { error, millis, requests } = yield* chargeFailure({ ...chargeInput, amount: "9".repeat(TEN_MB) })
      expect(error.reason).toMatchObject({ _tag: "FlowValidationError", field: "amount" })
      expect(error.message).toMatch(/^card\.charge failed: Invalid input: amount: Expected number, actual "9{80}"… \(10485760 characters\)$/)
      expect(error.message.length).toBeLessThan(200)
      expect(millis).toBeLessThan(QUICK_MILLIS)
      expect(requests).toHaveLength(0)
    }))

  it.effect("a 10 MB object or array of the wrong type is previewed in at most 80 characters", () =>
    Effect.gen(function*() {
      const big = "x".repeat(TEN_MB)
      const inOptionals = yield* chargeFailure({ ...chargeInput, optionals: { note: big, bad: [1] } })
      expect(inOptionals.error.reason).toMatchObject({ _tag: "FlowValidationError", field: "optionals" })
      expect(inOptionals.error.message).toContain(`actual {"note":"${"x".repeat(71)}…`)
      expect(inOptionals.error.message.length).toBeLessThan(300)
      expect(inOptionals.millis).toBeLessThan(QUICK_MILLIS)

      const inArray = yield* chargeFailure({ ...chargeInput, amount: [big, big] })
      expect(inArray.error.reason).toMatchObject({ field: "amount" })
      expect(inArray.error.message.length).toBeLessThan(200)
      expect(inArray.millis).toBeLessThan(QUICK_MILLIS)
    }))

  it.effect("an unknown field with a 10 MB name: field and message cut to a preview of it", () =>
    Effect.gen(function*() {
      const name = "k".repeat(TEN_MB)
      const { error, requests } = yield* chargeFailure({ ...chargeInput, [name]: 1 })
      const reason = error.reason as { readonly field: string }
      expect(reason.field).toBe(`${"k".repeat(80)}…`)
      expect(error.message.length).toBeLessThan(400)
      expect(requests).toHaveLength(0)
    }))

  it.effect("many bad fields: the first ten described, the rest counted, the first path always in the message", () =>
    Effect.gen(function*() {
      const { layer, requests } = customersOver(() => json(F.batchSpec))
      const rows = Array.from({ length: 200 }, (_, i) => ({
        customerId: "cus_1",
        commerceOrder: `o-${i}`,
        subject: "s",
        amount: "x".repeat(1_000)
      }))
      const result = yield* Effect.flatMap(FlowCustomers, (c) =>
        c.card.sendMassiveCharge({
          urlCallBack: "https://shop.example.cl/cb",
          urlConfirmation: "https://shop.example.cl/confirm",
          urlReturn: "https://shop.example.cl/return",
          batchRows: rows as never
        })).pipe(Effect.either, Effect.provide(layer))
      const error = failure(result)
      expect(error.reason).toMatchObject({ _tag: "FlowValidationError", field: "batchRows[0].amount" })
      expect(error.message).toContain("Invalid input: batchRows[0].amount: Expected number, actual \"xxx")
      expect(error.message).toContain("batchRows[9].amount")
      expect(error.message).not.toContain("batchRows[10].amount")
      expect(error.message).toMatch(/; and 190 more fields$/)
      expect(error.message.length).toBeLessThan(2_000)
      expect(requests).toHaveLength(0)
    }))

  it.effect("an answer with a 5 MB text of digits as amount: FlowDecodeError naming amount, short", () =>
    Effect.gen(function*() {
      // within maxResponseBytes; the digits also take the exact-integer scan of the JSON text
      const { layer } = customersOver(() => json({ ...F.paymentSpec, amount: `${"1".repeat(5 * 1024 * 1024)}x` }))
      const result = yield* Effect.flatMap(FlowCustomers, (c) => c.card.charge(chargeInput)).pipe(
        Effect.either,
        Effect.provide(layer)
      )
      const error = failure(result)
      expect(error.reason).toMatchObject({ _tag: "FlowDecodeError", path: "amount" })
      expect(error.message).toContain(`got "${"1".repeat(80)}"… (5242881 characters)`)
      expect(error.message.length).toBeLessThan(1_000)
    }))
})

// ------------------------------------------------------------------------------------------------ batchRows

const row = (i: number) => ({ customerId: "cus_1", commerceOrder: `o-${i}`, subject: "Cuota", amount: 1_000 })
const batch = (rows: number) => ({
  urlCallBack: "https://shop.example.cl/cb",
  urlConfirmation: "https://shop.example.cl/confirm",
  urlReturn: "https://shop.example.cl/return",
  batchRows: Array.from({ length: rows }, (_, i) => row(i))
})

const sendBatch = (rows: number, maxBatchRows?: number, data: unknown = batch(rows)) =>
  Effect.gen(function*() {
    const { layer, requests } = customersOver(
      () => json(F.batchSpec),
      maxBatchRows === undefined ? {} : { maxBatchRows }
    )
    const started = performance.now()
    const result = yield* Effect.flatMap(FlowCustomers, (c) => c.card.sendMassiveCharge(data as ReturnType<typeof batch>)).pipe(
      Effect.either,
      Effect.provide(layer)
    )
    return { result, requests, millis: performance.now() - started }
  })

describe("batchRows has an upper bound, maxBatchRows", () => {
  it.effect("5,000 rows (the default bound) are sent; 5,001 are refused, naming the count and the bound, nothing sent", () =>
    Effect.gen(function*() {
      const at = yield* sendBatch(5_000)
      expect(Either.isRight(at.result)).toBe(true)
      expect(JSON.parse(at.requests[0]!.params.batchRows!)).toHaveLength(5_000)

      const over = yield* sendBatch(5_001)
      const error = failure(over.result)
      expect(error._tag).toBe("FlowSendMassiveChargeCardError")
      expect(error.outcome).toBe("not-sent")
      expect(error.reason).toMatchObject({ _tag: "FlowValidationError", field: "batchRows" })
      expect(error.message).toContain("Expected at most 5000 rows (maxBatchRows), got 5001")
      expect(over.requests).toHaveLength(0)
    }))

  it.effect("100,000 rows are refused quickly, before any row is checked", () =>
    Effect.gen(function*() {
      // every row is invalid: were they checked, the error would name batchRows[0].amount
      const rows = Array.from({ length: 100_000 }, (_, i) => ({ ...row(i), amount: -1 }))
      const { millis, requests, result } = yield* sendBatch(100_000, undefined, { ...batch(0), batchRows: rows })
      const error = failure(result)
      expect(error.reason).toMatchObject({ _tag: "FlowValidationError", field: "batchRows" })
      expect(error.message).toContain("got 100000")
      expect(requests).toHaveLength(0)
      expect(millis).toBeLessThan(1_000)
    }))

  it.effect("the bound is configurable: maxBatchRows 3 sends 3 rows and refuses 4", () =>
    Effect.gen(function*() {
      expect(Either.isRight((yield* sendBatch(3, 3)).result)).toBe(true)
      const over = yield* sendBatch(4, 3)
      expect(failure(over.result).message).toContain("Expected at most 3 rows (maxBatchRows), got 4")
      expect(over.requests).toHaveLength(0)
    }))

  it.effect("a bound of 6,000 lets 6,000 rows through", () =>
    Effect.gen(function*() {
      const { requests, result } = yield* sendBatch(6_000, 6_000)
      expect(Either.isRight(result)).toBe(true)
      expect(requests).toHaveLength(1)
    }))

  it.effect.each([0, 100_001, 1.5, Number.NaN])("maxBatchRows %s is refused by FlowConfig", (maxBatchRows) =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(FlowConfig.make({ apiKey: "k", secretKey: "s", maxBatchRows }))
      expect(error).toMatchObject({ _tag: "FlowValidationError", field: "maxBatchRows" })
    }))
})
