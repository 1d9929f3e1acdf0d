/**
 * FastDecode.ts against Schema, differentially: for every answer Schema of the 19 operations, on every
 * answer fixture (spec, alternative and PHP forms) and on each of them with one field (at any depth)
 * replaced by a hostile or unusual value, the fast decoder either gives exactly Schema's value or
 * declines; it never accepts what Schema refuses. And it does not decline what it was made for: every
 * well-formed fixture is read by it.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import * as Res from "../src/Responses.js"
import { DECLINE, fastDecoderOf } from "../src/FastDecode.js"
import * as F from "./support/fixtures.js"
import * as P from "./support/phpAnswers.js"

const schemas = {
  Customer: Res.Customer,
  CustomerList: Res.CustomerList,
  RegisterCardResponse: Res.RegisterCardResponse,
  RegisterCardStatus: Res.RegisterCardStatus,
  Payment: Res.Payment,
  ChargeList: Res.ChargeList,
  CollectResponse: Res.CollectResponse,
  BatchCollectResponse: Res.BatchCollectResponse,
  BatchCollectStatus: Res.BatchCollectStatus,
  ReverseChargeResponse: Res.ReverseChargeResponse,
  ChargeAttemptList: Res.ChargeAttemptList,
  SubscriptionList: Res.SubscriptionList
} as const

/** Every fixture object of the test support, pages of each item kind included. */
const fixtures: ReadonlyArray<readonly [string, unknown]> = (() => {
  const out: Array<readonly [string, unknown]> = []
  for (const [name, value] of [...Object.entries(F), ...Object.entries(P)]) {
    if (typeof value === "object" && value !== null) out.push([name, value])
  }
  const items = [
    F.customerSpec,
    F.customerAlt,
    F.paymentSpec,
    F.paymentAlt,
    F.paymentPhp,
    F.attemptSpec,
    F.attemptAlt,
    F.subscriptionSpec,
    F.subscriptionAlt
  ]
  for (const item of items) {
    out.push(["pageSpec", F.pageSpec([item, item], 10, 1)])
    out.push(["pageAlt", F.pageAlt([item], 1, false)])
    out.push(["pageAsText", { total: "2", hasMore: "0", data: JSON.stringify([item, item]) }])
  }
  out.push(["phpRow", P.phpRow({})], ["batchStatus", P.batchStatus({})])
  return out
})()

/** Values a field may be replaced with: empty forms, numbers as text, malformed numbers, wrong types. */
const replacements: ReadonlyArray<unknown> = [
  undefined, // the field removed
  null,
  "",
  [],
  {},
  "NaN",
  "0x10",
  "1e3",
  " 5",
  "-1",
  -1,
  "12",
  12,
  12.5,
  "12.50",
  0,
  "-0",
  "9007199254740993",
  2 ** 60,
  true,
  "true",
  "1",
  "abc",
  [1],
  [{}],
  { a: 1 },
  "[]",
  "{\"a\":1}"
]

/** `value` with the field at `path` replaced (removed when `replacement` is undefined). */
const replaced = (value: unknown, path: ReadonlyArray<string>, replacement: unknown): unknown => {
  if (path.length === 0) return replacement
  if (Array.isArray(value)) {
    const copy = [...value]
    copy[Number(path[0])] = replaced(copy[Number(path[0])], path.slice(1), replacement)
    return copy
  }
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) }
  if (path.length === 1 && replacement === undefined) delete copy[path[0]!]
  else copy[path[0]!] = replaced(copy[path[0]!], path.slice(1), replacement)
  return copy
}

/** Every path into `value`, up to `depth` levels. */
const pathsOf = (value: unknown, depth: number, prefix: ReadonlyArray<string> = []): Array<ReadonlyArray<string>> => {
  if (depth === 0 || typeof value !== "object" || value === null) return []
  const keys = Array.isArray(value) ? value.map((_, i) => String(i)) : Object.keys(value)
  return keys.flatMap((key) => [
    [...prefix, key],
    ...pathsOf((value as Record<string, unknown>)[key], depth - 1, [...prefix, key])
  ])
}

/** Runs both decoders; fails the test on any disagreement. Returns whether the fast one read it. */
const agree = (name: string, schema: Schema.Schema.AnyNoContext, input: unknown): boolean => {
  const fast = fastDecoderOf(schema)!
  const slow = Schema.decodeUnknownEither(schema)(input)
  const quick = fast(input)
  if (quick === DECLINE) return false
  if (Either.isLeft(slow)) {
    expect.fail(`${name}: the fast decoder accepted what Schema refuses (${slow.left.message.slice(0, 200)})`)
  }
  expect(quick, name).toStrictEqual(Either.getOrThrow(slow))
  return true
}

describe("FastDecode agrees with Schema", () => {
  it("every answer Schema of the operations has a fast decoder", () => {
    for (const [name, schema] of Object.entries(schemas)) {
      expect(fastDecoderOf(schema), name).toBeTypeOf("function")
    }
  })

  it("on every fixture: the same value, and every fixture Schema reads is read fast too", () => {
    let read = 0
    for (const [schemaName, schema] of Object.entries(schemas)) {
      for (const [fixtureName, fixture] of fixtures) {
        const slow = Schema.decodeUnknownEither(schema as Schema.Schema.AnyNoContext)(fixture)
        const fast = agree(`${schemaName} ← ${fixtureName}`, schema as Schema.Schema.AnyNoContext, fixture)
        if (Either.isRight(slow)) {
          expect(fast, `${schemaName} ← ${fixtureName} declined`).toBe(true)
          read++
        }
      }
    }
    expect(read).toBeGreaterThan(30)
  })

  it("on every fixture with one field replaced: never a different value, never an accepted refusal", () => {
    let cases = 0
    let fastReads = 0
    for (const [schemaName, schema] of Object.entries(schemas)) {
      for (const [fixtureName, fixture] of fixtures) {
        // only the pairs Schema reads as given: the mutations then probe that Schema's fields
        if (Either.isLeft(Schema.decodeUnknownEither(schema as Schema.Schema.AnyNoContext)(fixture))) continue
        for (const path of pathsOf(fixture, 4)) {
          for (const replacement of replacements) {
            cases++
            const input = replaced(fixture, path, replacement)
            if (agree(`${schemaName} ← ${fixtureName} with ${path.join(".")} = ${String(replacement)}`, schema as Schema.Schema.AnyNoContext, input)) fastReads++
          }
        }
      }
    }
    console.log(`fast-decode: ${cases} cases, ${fastReads} read by the fast decoder`)
    expect(cases).toBeGreaterThan(5_000)
    // most replacements leave an answer Schema reads: the fast decoder reads them too
    expect(fastReads).toBeGreaterThan(cases / 4)
  }, 60_000)
})
