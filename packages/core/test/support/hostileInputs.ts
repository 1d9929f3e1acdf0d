/**
 * Generators of hostile input for the hostile-input properties (hostile-input.test.ts): for each kind
 * of field, valid values that know the text Flow must receive, and invalid ones that know which field
 * path is at fault; structs of such fields (with extra keys, wrong roots, undefined and missing fields);
 * batch rows. An oracle written apart from the library's Schemas.
 */
import * as FastCheck from "effect/FastCheck"
import { FlowPaymentMethods } from "../../src/CustomerRequests.js"

// Inputs a plain-JavaScript caller could pass; the cast stands for "no compiler to stop it".
export const bad = <A>(u: unknown): A => u as A

export type Arbitrary<A> = FastCheck.Arbitrary<A>

// ---------------------------------------------------------------------------------------------
// Verdicts
// ---------------------------------------------------------------------------------------------

/** A field path as segments: `["batchRows", 2, "amount"]`. */
export type Path = ReadonlyArray<string | number>

/** `["batchRows", 2, "amount"]` → `batchRows[2].amount`, the notation FlowValidationError uses. */
export const show = (path: Path): string =>
  path.reduce<string>(
    (out, key) => typeof key === "number" ? `${out}[${key}]` : out === "" ? key : `${out}.${key}`,
    ""
  )

/** What one param must be on the wire: this exact text, or JSON text whose parse equals this value. */
export type Expect = { readonly text: string } | { readonly json: unknown }

/** A valid value: what Flow must receive for it, and what it becomes inside `batchRows` JSON. */
export interface Good {
  readonly value: unknown
  readonly wire: Expect
  readonly json: unknown
}
/** An invalid value and the paths (relative to its field) that are at fault; `[]` is the field itself. */
export interface Bad {
  readonly value: unknown
  readonly faults: ReadonlyArray<Path>
}

export const good = (value: unknown, text: string, inJson: unknown = value): Good => ({ value, wire: { text }, json: inJson })
export const goodText = (s: string): Good => good(s, s)
export const goodNumber = (n: number): Good => good(n, String(n))
export const badHere = (value: unknown): Bad => ({ value, faults: [[]] })

/** A generated input with its verdict. */
export interface Case {
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

export const CONTROL = ["\u0000", "\u0001", "\u0007", "\b", "\t", "\n", "\u000b", "\f", "\r", "\u001b", "\u001f", "\u007f"]
// eslint-disable-next-line no-control-regex
export const HAS_CONTROL = /[\u0000-\u001f\u007f]/

/** Text a person or a system may really send: accents, emoji, RTL, combining marks, URL metacharacters. */
export const UNICODE = [
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
export const wrongType: Arbitrary<unknown> = FastCheck.oneof(
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
export const cleanText = (s: string, max: number) => s.trim() !== "" && !HAS_CONTROL.test(s) && s.length <= max

export const goodTextArb = (max: number): Arbitrary<Good> =>
  FastCheck.oneof(
    { arbitrary: FastCheck.stringMatching(/^[A-Za-z0-9][\w .@+-]{0,30}$/), weight: 3 },
    { arbitrary: FastCheck.constantFrom(...UNICODE), weight: 3 },
    { arbitrary: FastCheck.string({ unit: "grapheme", minLength: 1, maxLength: 30 }), weight: 2 },
    { arbitrary: FastCheck.constantFrom("x".repeat(max), "ñ".repeat(max), "💳".repeat(Math.floor(max / 2))), weight: 1 }
  ).filter((s) => cleanText(s, max)).map(goodText)

export const badTextArb = (max: number): Arbitrary<Bad> =>
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

export const Id = { good: goodTextArb(255), bad: badTextArb(255) }

export const Email = {
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

export const Url = {
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

export const Amount = {
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

export const Currency = {
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
export const wholePesos = (values: Readonly<Record<string, unknown>>): ReadonlyArray<Path> => {
  const amount = values["amount"]
  const currency = values["currency"] ?? "CLP"
  return typeof amount === "number" && currency === "CLP" && !Number.isInteger(amount) ? [["amount"]] : []
}

export const notAnInteger = FastCheck.constantFrom<unknown>(
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

export const NonNegativeInt = {
  good: FastCheck.oneof(
    FastCheck.nat({ max: 1_000_000 }),
    FastCheck.constantFrom(0, -0, 100, 101, 150, Number.MAX_SAFE_INTEGER)
  ).map(goodNumber),
  bad: FastCheck.oneof(notAnInteger, FastCheck.integer({ max: -1 }), FastCheck.constantFrom(-1, -100)).map(badHere)
}

export const PositiveInt = {
  good: FastCheck.oneof(
    FastCheck.integer({ min: 1, max: 10_000_000 }),
    FastCheck.constantFrom(1, 3600, Number.MAX_SAFE_INTEGER)
  ).map(goodNumber),
  bad: FastCheck.oneof(notAnInteger, FastCheck.integer({ max: 0 }), FastCheck.constantFrom(0, -0, -1)).map(badHere)
}

/** Flow's page size: 1 to 100. */
export const Limit = {
  good: FastCheck.integer({ min: 1, max: 100 }).map(goodNumber),
  bad: FastCheck.oneof(
    notAnInteger,
    FastCheck.integer({ min: 101, max: 1_000_000 }),
    FastCheck.integer({ max: 0 }),
    FastCheck.constantFrom(0, 101, 1000, -5, 50.5)
  ).map(badHere)
}

export const literals = (valid: ReadonlyArray<number>, invalid: ReadonlyArray<unknown>) => ({
  good: FastCheck.constantFrom(...valid).map(goodNumber),
  bad: FastCheck.constantFrom(...invalid).map(badHere)
})

export const Flag = {
  good: FastCheck.constantFrom(
    good(0, "0"),
    good(1, "1"),
    good(true, "1"),
    good(false, "0")
  ),
  bad: FastCheck.constantFrom<unknown>(2, -1, 0.5, "1", "0", "true", "false", "yes", "", null, Number.NaN, [], {}, [1])
    .map(badHere)
}

export const methodNames = Object.keys(FlowPaymentMethods) as ReadonlyArray<keyof typeof FlowPaymentMethods>
/** A name (sent as Flow's number) or any positive integer (sent as is). */
export const PaymentMethod = {
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

export const IsoDate = {
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
export const optionalsKey = FastCheck.oneof(
  FastCheck.stringMatching(/^[A-Za-z_][\w-]{0,10}$/),
  FastCheck.constantFrom("RUT", "ñandú", "emoji💳", "with space", "", "a.b", "0", "10", "constructor", "toString", "a\nb")
)
export const optionalsValue = FastCheck.oneof(
  FastCheck.string({ unit: "grapheme", maxLength: 20 }),
  FastCheck.string({ unit: "binary", maxLength: 5 }),
  FastCheck.constantFrom("\u0000", "line\nbreak", "tab\there", "\"quotes\""),
  FastCheck.integer(),
  FastCheck.double({ noNaN: true, noDefaultInfinity: true }),
  FastCheck.boolean(),
  FastCheck.constant(null)
)
export const optionalsObject = FastCheck.dictionary(optionalsKey, optionalsValue, { maxKeys: 6 })

export const Optionals = {
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

export interface Field {
  readonly required: boolean
  readonly good: Arbitrary<Good>
  readonly bad: Arbitrary<Bad>
}
export const required = (spec: { readonly good: Arbitrary<Good>; readonly bad: Arbitrary<Bad> }): Field => ({
  required: true,
  ...spec
})
export const optional = (spec: { readonly good: Arbitrary<Good>; readonly bad: Arbitrary<Bad> }): Field => ({
  required: false,
  ...spec
})

/** Struct-level rules (whole pesos, at least one field…), checked only when every field is valid. */
export type Rule = (values: Readonly<Record<string, unknown>>) => ReadonlyArray<Path>

/** Misspellings and awkward names, none a real field of the struct. */
export const EXTRA_KEYS = [
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
export const rootGarbage = FastCheck.constantFrom<unknown>(null, "text", "", 42, 0, true, [], [{}], Symbol("root"))

export const setOwn = (target: Record<string, unknown>, key: string, value: unknown) => {
  // defineProperty, so that `__proto__` becomes an own key as JSON.parse would make it
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

export type Hostility = "none" | "fields" | "extra" | "fields+extra" | "root"

/**
 * Inputs for a struct: valid about half the time (optionals present, absent or explicitly undefined),
 * otherwise with 1–3 bad, missing or undefined fields, an unknown extra field, or no object at all.
 */
export const struct = (
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
export const single = (name: string): Arbitrary<Case> =>
  FastCheck.oneof(
    Id.good.map((g): Case => ({ input: g.value, faults: [], params: { [name]: g.wire }, json: {} })),
    FastCheck.oneof(Id.bad, FastCheck.constant(badHere(undefined)))
      .map((b): Case => ({ input: b.value, faults: [[name]], params: {}, json: {} }))
  )

// ---------------------------------------------------------------------------------------------
// Batch rows
// ---------------------------------------------------------------------------------------------

export const rowFields = {
  customerId: required(Id),
  commerceOrder: required(Id),
  subject: required(Id),
  amount: required(Amount),
  currency: optional(Currency),
  paymentMethod: optional(PaymentMethod),
  optional: optional(Optionals)
}
export const validRow = struct(rowFields, { rule: wholePesos, hostility: FastCheck.constant<Hostility>("none") })
  .filter((row) => row.faults.length === 0)
export const hostileRow = struct(rowFields, {
  rule: wholePesos,
  hostility: FastCheck.constantFrom<Hostility>("fields", "fields", "fields", "extra", "root")
})

export const BatchRows = {
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

