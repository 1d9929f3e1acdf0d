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
import { FlowPaymentMethods } from "../src/CustomerRequests.js"
import { FlowCustomers } from "../src/FlowCustomers.js"
import type { FlowOperationError } from "../src/FlowErrors.js"
import { type OperationCase, operations } from "./support/operations.js"
import { json, makeTestCustomers, TEST_API_KEY } from "./support/RecordingHttpClient.js"

// Inputs a plain-JavaScript caller could pass; the cast stands for "no compiler to stop it".
const bad = <A>(u: unknown): A => u as A

type Arbitrary<A> = FastCheck.Arbitrary<A>

// ---------------------------------------------------------------------------------------------
// Verdicts
// ---------------------------------------------------------------------------------------------

/** A field path as segments: `["batchRows", 2, "amount"]`. */
type Path = ReadonlyArray<string | number>

/** `["batchRows", 2, "amount"]` → `batchRows[2].amount`, the notation FlowValidationError uses. */
const show = (path: Path): string =>
  path.reduce<string>(
    (out, key) => typeof key === "number" ? `${out}[${key}]` : out === "" ? key : `${out}.${key}`,
    ""
  )

/** What one param must be on the wire: this exact text, or JSON text whose parse equals this value. */
type Expect = { readonly text: string } | { readonly json: unknown }

/** A valid value: what Flow must receive for it, and what it becomes inside `batchRows` JSON. */
interface Good {
  readonly value: unknown
  readonly wire: Expect
  readonly json: unknown
}
/** An invalid value and the paths (relative to its field) that are at fault; `[]` is the field itself. */
interface Bad {
  readonly value: unknown
  readonly faults: ReadonlyArray<Path>
}

const good = (value: unknown, text: string, inJson: unknown = value): Good => ({ value, wire: { text }, json: inJson })
const goodText = (s: string): Good => good(s, s)
const goodNumber = (n: number): Good => good(n, String(n))
const badHere = (value: unknown): Bad => ({ value, faults: [[]] })

/** A generated input with its verdict. */
interface Case {
  readonly input: unknown
  /** Empty: the input is valid. */
  readonly faults: ReadonlyArray<Path>
  /** Every param that must travel (apiKey and s excepted), when valid. */
  readonly params: Readonly<Record<string, Expect>>
  /** The input as it appears inside `batchRows` JSON (rows only). */
  readonly json: Readonly<Record<string, unknown>>
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

const CONTROL = ["\u0000", "\u0001", "\u0007", "\b", "\t", "\n", "\u000b", "\f", "\r", "\u001b", "\u001f", "\u007f"]
// eslint-disable-next-line no-control-regex
const HAS_CONTROL = /[\u0000-\u001f\u007f]/

/** Text a person or a system may really send: accents, emoji, RTL, combining marks, URL metacharacters. */
const UNICODE = [
  "José Pérez Ñuñoa",
  "Zoë Saldaña-Müller",
  "💳 pago 🇨🇱 👩‍👩‍👧‍👦",
  "שלום עולם",
  "مرحبا بالعالم",
  "\u202eevil\u202c.pdf",
  "e\u0301\u0301\u0301",
  "Z\u0351\u0363a\u0310\u0353l\u036eg\u0306o",
  "日本語テキスト",
  "a+b&c=d%20e?f#g",
  "  padded  ",
  "x\u200by",
  "\"quoted\" 'single' <tag> \\back\\",
  "null",
  "undefined",
  "0"
]

/** Values of the wrong type for any field. */
const wrongType: Arbitrary<unknown> = FastCheck.oneof(
  FastCheck.integer(),
  FastCheck.double(),
  FastCheck.boolean(),
  FastCheck.constantFrom<unknown>(
    null,
    {},
    [],
    ["x"],
    { value: "x" },
    new String("x"),
    Symbol("x"),
    () => "x",
    10n,
    new Date(0)
  )
)

/** Non-blank, no C0 control or DEL, at most `max` UTF-16 units. */
const cleanText = (s: string, max: number) => s.trim() !== "" && !HAS_CONTROL.test(s) && s.length <= max

const goodTextArb = (max: number): Arbitrary<Good> =>
  FastCheck.oneof(
    { arbitrary: FastCheck.stringMatching(/^[A-Za-z0-9][\w .@+-]{0,30}$/), weight: 3 },
    { arbitrary: FastCheck.constantFrom(...UNICODE), weight: 3 },
    { arbitrary: FastCheck.string({ unit: "grapheme", minLength: 1, maxLength: 30 }), weight: 2 },
    { arbitrary: FastCheck.constantFrom("x".repeat(max), "ñ".repeat(max), "💳".repeat(Math.floor(max / 2))), weight: 1 }
  ).filter((s) => cleanText(s, max)).map(goodText)

const badTextArb = (max: number): Arbitrary<Bad> =>
  FastCheck.oneof(
    wrongType,
    FastCheck.constantFrom("", " ", "   ", "\u00a0", "\u3000", "\u2028", "\ufeff", " \u00a0 "),
    // a control character anywhere
    FastCheck.tuple(FastCheck.constantFrom(...UNICODE), FastCheck.constantFrom(...CONTROL), FastCheck.nat()).map(
      ([s, c, at]) => {
        const i = at % (s.length + 1)
        return `${s.slice(0, i)}${c}${s.slice(i)}`
      }
    ),
    FastCheck.constantFrom(...CONTROL),
    // too long
    FastCheck.constantFrom("x".repeat(max + 1), "y".repeat(10_000), "é".repeat(max + 1), "💳".repeat(Math.ceil(max / 2) + 1))
  ).map(badHere)

const Id = { good: goodTextArb(255), bad: badTextArb(255) }

const Email = {
  good: FastCheck.oneof(
    FastCheck.tuple(
      FastCheck.stringMatching(/^[a-z0-9][a-z0-9._%+-]{0,15}$/),
      FastCheck.stringMatching(/^[a-z0-9-]{1,12}$/),
      FastCheck.constantFrom("cl", "com", "co.uk", "io", "c")
    ).map(([local, domain, tld]) => `${local}@${domain}.${tld}`),
    FastCheck.constantFrom(
      "customer@gmail.com",
      "josé.pérez@dominio.cl",
      "user+tag@sub.example.com",
      "😀@emoji.io",
      `${"a".repeat(249)}@b.cl`
    )
  ).map(goodText),
  bad: FastCheck.oneof(
    badTextArb(254),
    FastCheck.constantFrom(
      "ana at b.cl",
      "a@b",
      "@b.cl",
      "a@",
      "a@.cl",
      "a@b.",
      "a b@c.cl",
      "a@b c.cl",
      "a@b@c.cl",
      "a@b.cl ",
      " a@b.cl",
      `${"a".repeat(250)}@b.cl`
    ).map(badHere)
  )
}

const Url = {
  good: FastCheck.oneof(
    FastCheck.constantFrom(
      "https://shop.cl/flow/confirm",
      "http://localhost:3000/cb?x=1&y=2",
      "https://tienda.cl/ñandú?q=José&r=💳",
      "https://xn--mnchen-3ya.de/",
      "https://münchen.de/pago",
      "HTTPS://SHOP.CL/RETURN",
      "https://user:pw@shop.cl:8443/a/b;c?d=e#frag",
      "http://127.0.0.1/cb",
      "https://[::1]:8080/x",
      `https://shop.cl/${"a".repeat(2048 - 16)}`
    ),
    FastCheck.webUrl({ validSchemes: ["http", "https"], withQueryParameters: true, withFragments: true })
  ).map(goodText),
  bad: FastCheck.oneof(
    badTextArb(2048),
    FastCheck.constantFrom(
      "/relative/path",
      "relative/path",
      "shop.cl/cb",
      "//shop.cl/cb",
      "ftp://shop.cl/file",
      "javascript:alert(1)",
      "JavaScript:alert(document.cookie)",
      "mailto:a@b.cl",
      "data:text/html,hi",
      "file:///etc/passwd",
      "ws://shop.cl/socket",
      "https://",
      "http://",
      "https://sh op.cl/",
      "http://exa mple.com/cb",
      "https:// shop.cl",
      "https://shop.cl:99999/",
      "https://[::1/",
      `https://shop.cl/${"a".repeat(2048)}`
    ).map(badHere)
  )
}

const Amount = {
  // finite, positive, at most 1e12; whether decimals are allowed depends on the currency (a struct rule)
  good: FastCheck.oneof(
    { arbitrary: FastCheck.integer({ min: 1, max: 100_000_000 }), weight: 5 },
    { arbitrary: FastCheck.constantFrom(1, 12_000, 999_999_999_999, 1e12), weight: 1 },
    {
      arbitrary: FastCheck.oneof(
        FastCheck.double({ min: 0.0001, max: 1_000_000, noNaN: true }),
        FastCheck.constantFrom(0.5, 1.25, 33.3333, 0.0001, Number.MIN_VALUE)
      ).filter((n) => !Number.isInteger(n)),
      weight: 2
    }
  ).map((n) => good(n, String(n))),
  bad: FastCheck.oneof(
    FastCheck.constantFrom(
      0,
      -0,
      -1,
      -0.5,
      -1e12,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      1e12 + 1,
      1e15,
      Number.MAX_VALUE,
      -Number.MIN_VALUE
    ),
    FastCheck.integer({ max: 0 }),
    FastCheck.double({ max: 0, noNaN: true }),
    FastCheck.double({ min: 1e12 + 1, noNaN: true }),
    FastCheck.constantFrom<unknown>("1000", "12.5", "", "abc", null, true, {}, [], [1000], 10n)
  ).map(badHere)
}

const Currency = {
  good: FastCheck.constantFrom("CLP", "UF").map(goodText),
  bad: FastCheck.constantFrom<unknown>(
    "clp",
    "uf",
    "",
    "C",
    "CLPXX",
    "CL P",
    "ÇLP",
    " CLP",
    "CLP\n",
    "€",
    1,
    null,
    true,
    {},
    ["CLP"]
  ).map(badHere)
}

/** CLP, or no currency (Flow's default), takes whole pesos only. */
const wholePesos = (values: Readonly<Record<string, unknown>>): ReadonlyArray<Path> => {
  const amount = values["amount"]
  const currency = values["currency"] ?? "CLP"
  return typeof amount === "number" && currency === "CLP" && !Number.isInteger(amount) ? [["amount"]] : []
}

const notAnInteger = FastCheck.constantFrom<unknown>(
  0.5,
  1.5,
  99.99,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  2 ** 53,
  1e21,
  "5",
  "0",
  "",
  null,
  true,
  false,
  {},
  [],
  [1],
  10n
)

const NonNegativeInt = {
  good: FastCheck.oneof(
    FastCheck.nat({ max: 1_000_000 }),
    FastCheck.constantFrom(0, -0, 100, 101, 150, Number.MAX_SAFE_INTEGER)
  ).map(goodNumber),
  bad: FastCheck.oneof(notAnInteger, FastCheck.integer({ max: -1 }), FastCheck.constantFrom(-1, -100)).map(badHere)
}

const PositiveInt = {
  good: FastCheck.oneof(
    FastCheck.integer({ min: 1, max: 10_000_000 }),
    FastCheck.constantFrom(1, 3600, Number.MAX_SAFE_INTEGER)
  ).map(goodNumber),
  bad: FastCheck.oneof(notAnInteger, FastCheck.integer({ max: 0 }), FastCheck.constantFrom(0, -0, -1)).map(badHere)
}

/** Flow's page size: 1 to 100. */
const Limit = {
  good: FastCheck.integer({ min: 1, max: 100 }).map(goodNumber),
  bad: FastCheck.oneof(
    notAnInteger,
    FastCheck.integer({ min: 101, max: 1_000_000 }),
    FastCheck.integer({ max: 0 }),
    FastCheck.constantFrom(0, 101, 1000, -5, 50.5)
  ).map(badHere)
}

const literals = (valid: ReadonlyArray<number>, invalid: ReadonlyArray<unknown>) => ({
  good: FastCheck.constantFrom(...valid).map(goodNumber),
  bad: FastCheck.constantFrom(...invalid).map(badHere)
})

const Flag = {
  good: FastCheck.constantFrom(
    good(0, "0"),
    good(1, "1"),
    good(true, "1"),
    good(false, "0")
  ),
  bad: FastCheck.constantFrom<unknown>(2, -1, 0.5, "1", "0", "true", "false", "yes", "", null, Number.NaN, [], {}, [1])
    .map(badHere)
}

const methodNames = Object.keys(FlowPaymentMethods) as ReadonlyArray<keyof typeof FlowPaymentMethods>
/** A name (sent as Flow's number) or any positive integer (sent as is). */
const PaymentMethod = {
  good: FastCheck.oneof(
    FastCheck.constantFrom(...methodNames).map((name) => {
      const code = FlowPaymentMethods[name]
      return good(name, String(code), code)
    }),
    FastCheck.integer({ min: 1, max: 1000 }).map(goodNumber),
    FastCheck.constant(Number.MAX_SAFE_INTEGER).map(goodNumber)
  ),
  bad: FastCheck.oneof(
    FastCheck.constantFrom<unknown>(
      "webpay",
      "Webpay-Plus",
      "WEBPAY-PLUS",
      "webpay plus",
      " flow",
      "flow ",
      "khipu\n",
      "9",
      "",
      "toString",
      "__proto__",
      "constructor",
      "hasOwnProperty"
    ),
    notAnInteger,
    FastCheck.integer({ max: 0 })
  ).map(badHere)
}

const IsoDate = {
  good: FastCheck.oneof(
    FastCheck.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
    FastCheck.constantFrom("2024-02-29", "2000-02-29", "2023-12-31", "1999-01-01", "2024-01-01")
  ).map(goodText),
  bad: FastCheck.oneof(
    FastCheck.constantFrom<unknown>(
      "2023-02-29",
      "2024-13-01",
      "01-02-2024",
      "2024-00-10",
      "2024-01-00",
      "2024-01-32",
      "2024-04-31",
      "2024-02-30",
      "2100-02-29",
      "1900-02-29",
      "2024-1-01",
      "2024-01-1",
      "2024/01/01",
      "20240101",
      "2024-01-01T00:00:00Z",
      "2024-01-01 ",
      " 2024-01-01",
      "2024-01-01\n",
      "",
      "yesterday",
      "２０２４-01-01",
      "+02024-01-01",
      20240101,
      new Date("2024-01-01T00:00:00Z"),
      null,
      true,
      {},
      []
    ),
    wrongType
  ).map(badHere)
}

// Optionals: an object of text/number/boolean/null values (sent as its JSON text), or JSON text of an
// object (sent as given). Non-finite numbers, `__proto__` keys and non-plain objects have tests of
// their own at the end, so they are left out here.
const optionalsKey = FastCheck.oneof(
  FastCheck.stringMatching(/^[A-Za-z_][\w-]{0,10}$/),
  FastCheck.constantFrom("RUT", "ñandú", "emoji💳", "with space", "", "a.b", "0", "10", "constructor", "toString", "a\nb")
)
const optionalsValue = FastCheck.oneof(
  FastCheck.string({ unit: "grapheme", maxLength: 20 }),
  FastCheck.string({ unit: "binary", maxLength: 5 }),
  FastCheck.constantFrom("\u0000", "line\nbreak", "tab\there", "\"quotes\""),
  FastCheck.integer(),
  FastCheck.double({ noNaN: true, noDefaultInfinity: true }),
  FastCheck.boolean(),
  FastCheck.constant(null)
)
const optionalsObject = FastCheck.dictionary(optionalsKey, optionalsValue, { maxKeys: 6 })

const Optionals = {
  good: FastCheck.oneof(
    // a row's `optional` travels as JSON text too, inside the batchRows JSON
    { arbitrary: optionalsObject.map((o) => good(o, JSON.stringify(o), JSON.stringify(o))), weight: 3 },
    {
      arbitrary: FastCheck.oneof(
        optionalsObject.map((o) => JSON.stringify(o)),
        optionalsObject.map((o) => JSON.stringify(o, null, 2)),
        FastCheck.constantFrom(
          "{}",
          "  {\"a\":1}  ",
          "{\"nested\":{\"deep\":[1,2,{\"x\":null}]}}",
          "{\"nul\":\"\\u0000\"}",
          "{\"rut\": \"9999999-9\", \"ñ\": \"💳\"}",
          `{"a":"${"x".repeat(10_000 - 8)}"}`
        )
      ).map((s) => good(s, s, s)),
      weight: 2
    }
  ),
  bad: FastCheck.oneof(
    FastCheck.constantFrom<unknown>(
      "",
      " ",
      "{",
      "[]",
      "[{\"a\":1}]",
      "null",
      "42",
      "\"text\"",
      "true",
      "{'a':1}",
      "{a:1}",
      "{\"a\":1}x",
      "{\"a\":\"raw\ncontrol\"}",
      `{"a":"${"x".repeat(10_000)}"}`,
      42,
      0,
      true,
      null,
      [],
      ["a"],
      [{ a: 1 }],
      { a: { b: 1 } },
      { a: [1] },
      { a: undefined },
      { ok: "yes", a: () => 1 },
      { ok: "yes", a: 10n }
    ),
    FastCheck.tuple(optionalsObject, optionalsKey, FastCheck.constantFrom<unknown>({ x: 1 }, [1], undefined, Symbol("s")))
      .map(([o, key, value]) => ({ ...o, [key]: value }))
  ).map(badHere)
}

// ---------------------------------------------------------------------------------------------
// Structs
// ---------------------------------------------------------------------------------------------

interface Field {
  readonly required: boolean
  readonly good: Arbitrary<Good>
  readonly bad: Arbitrary<Bad>
}
const required = (spec: { readonly good: Arbitrary<Good>; readonly bad: Arbitrary<Bad> }): Field => ({
  required: true,
  ...spec
})
const optional = (spec: { readonly good: Arbitrary<Good>; readonly bad: Arbitrary<Bad> }): Field => ({
  required: false,
  ...spec
})

/** Struct-level rules (whole pesos, at least one field…), checked only when every field is valid. */
type Rule = (values: Readonly<Record<string, unknown>>) => ReadonlyArray<Path>

/** Misspellings and awkward names, none a real field of the struct. */
const EXTRA_KEYS = [
  "extra",
  "externalID",
  "customer_id",
  "CustomerId",
  "Amount",
  "optional",
  "optionals",
  "urlconfirmation",
  "paymentmethod",
  "toString",
  "constructor",
  "hasOwnProperty",
  "__proto__",
  "",
  " ",
  "ñ",
  "💳",
  "0"
]

/** Replaces the whole input. */
const rootGarbage = FastCheck.constantFrom<unknown>(null, "text", "", 42, 0, true, [], [{}], Symbol("root"))

const setOwn = (target: Record<string, unknown>, key: string, value: unknown) => {
  // defineProperty, so that `__proto__` becomes an own key as JSON.parse would make it
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

type Hostility = "none" | "fields" | "extra" | "fields+extra" | "root"

/**
 * Inputs for a struct: valid about half the time (optionals present, absent or explicitly undefined),
 * otherwise with 1–3 bad, missing or undefined fields, an unknown extra field, or no object at all.
 */
const struct = (
  fields: Readonly<Record<string, Field>>,
  options: {
    readonly rule?: Rule
    readonly hostility?: Arbitrary<Hostility>
    /** Which fields to break, when breaking fields; 1–3 of any by default. */
    readonly corrupt?: Arbitrary<ReadonlyArray<string>>
  } = {}
): Arbitrary<Case> => {
  const names = Object.keys(fields)
  const extraKeys = EXTRA_KEYS.filter((key) => !names.includes(key))
  const slots: Record<string, Arbitrary<{ readonly good: Good; readonly bad: Bad; readonly form: string }>> = {}
  for (const name of names) {
    const field = fields[name]!
    slots[name] = FastCheck.record({
      good: field.good,
      bad: field.bad,
      form: FastCheck.constantFrom("present", "present", "absent", "undefined")
    })
  }
  const hostility = options.hostility ?? FastCheck.oneof(
    { arbitrary: FastCheck.constant<Hostility>("none"), weight: 10 },
    { arbitrary: FastCheck.constant<Hostility>("fields"), weight: 6 },
    { arbitrary: FastCheck.constant<Hostility>("extra"), weight: 1 },
    { arbitrary: FastCheck.constant<Hostility>("fields+extra"), weight: 1 },
    { arbitrary: FastCheck.constant<Hostility>("root"), weight: 1 }
  )
  return FastCheck.record({
    hostility,
    corrupt: options.corrupt ?? FastCheck.subarray(names, { minLength: 1, maxLength: Math.min(3, names.length) }),
    extraKey: FastCheck.constantFrom(...extraKeys),
    extraValue: FastCheck.oneof(FastCheck.string(), FastCheck.integer(), FastCheck.constantFrom(null, undefined, true, {})),
    root: rootGarbage,
    slots: FastCheck.record(slots)
  }).map(({ corrupt, extraKey, extraValue, hostility, root, slots }): Case => {
    if (hostility === "root") return { input: root, faults: [[]], params: {}, json: {} }
    const broken = new Set(hostility === "fields" || hostility === "fields+extra" ? corrupt : [])
    const input: Record<string, unknown> = {}
    const faults: Array<Path> = []
    const values: Record<string, unknown> = {}
    const params: Record<string, Expect> = {}
    const inJson: Record<string, unknown> = {}
    for (const name of names) {
      const field = fields[name]!
      const slot = slots[name]!
      if (broken.has(name)) {
        if (field.required && slot.form === "absent") {
          faults.push([name])
        } else if (field.required && slot.form === "undefined") {
          input[name] = undefined
          faults.push([name])
        } else {
          setOwn(input, name, slot.bad.value)
          faults.push(...slot.bad.faults.map((path) => [name, ...path]))
        }
      } else if (!field.required && slot.form === "absent") {
        // left out: not sent
      } else if (!field.required && slot.form === "undefined") {
        input[name] = undefined
      } else {
        setOwn(input, name, slot.good.value)
        values[name] = slot.good.value
        params[name] = slot.good.wire
        inJson[name] = slot.good.json
      }
    }
    if (hostility === "extra" || hostility === "fields+extra") {
      setOwn(input, extraKey, extraValue)
      faults.push([extraKey])
    }
    if (faults.length === 0 && options.rule !== undefined) faults.push(...options.rule(values))
    return { input, faults, params, json: inJson }
  })
}

/** The operations that take one id: `delete("cus_…")`, `status(token)`… */
const single = (name: string): Arbitrary<Case> =>
  FastCheck.oneof(
    Id.good.map((g): Case => ({ input: g.value, faults: [], params: { [name]: g.wire }, json: {} })),
    FastCheck.oneof(Id.bad, FastCheck.constant(badHere(undefined)))
      .map((b): Case => ({ input: b.value, faults: [[name]], params: {}, json: {} }))
  )

// ---------------------------------------------------------------------------------------------
// Batch rows
// ---------------------------------------------------------------------------------------------

const rowFields = {
  customerId: required(Id),
  commerceOrder: required(Id),
  subject: required(Id),
  amount: required(Amount),
  currency: optional(Currency),
  paymentMethod: optional(PaymentMethod),
  optional: optional(Optionals)
}
const validRow = struct(rowFields, { rule: wholePesos, hostility: FastCheck.constant<Hostility>("none") })
  .filter((row) => row.faults.length === 0)
const hostileRow = struct(rowFields, {
  rule: wholePesos,
  hostility: FastCheck.constantFrom<Hostility>("fields", "fields", "fields", "extra", "root")
})

const BatchRows = {
  // travels as JSON text of the rows, paymentMethod as Flow's number and `optional` as JSON text inside
  good: FastCheck.array(validRow, { minLength: 1, maxLength: 5 }).map((rows): Good => ({
    value: rows.map((row) => row.input),
    wire: { json: rows.map((row) => row.json) },
    json: undefined
  })),
  bad: FastCheck.oneof(
    // bad rows at random indexes among good ones
    {
      weight: 4,
      arbitrary: FastCheck.array(
        FastCheck.oneof({ arbitrary: validRow, weight: 3 }, { arbitrary: hostileRow, weight: 1 }),
        { minLength: 1, maxLength: 6 }
      )
        .filter((rows) => rows.some((row) => row.faults.length > 0))
        .map((rows): Bad => ({
          value: rows.map((row) => row.input),
          faults: rows.flatMap((row, i) => row.faults.map((path) => [i, ...path]))
        }))
    },
    FastCheck.constantFrom<unknown>([], {}, null, "", "[]", 42, true).map(badHere),
    validRow.map((row) => badHere({ 0: row.input })),
    validRow.map((row) => badHere(JSON.stringify([row.input])))
  )
}

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
