/**
 * Why a signature did not verify (Flow's 108 "Invalid Signature"), as far as what arrived can tell.
 * The emulator has only the params it received; it re-signs variants of them with the configured
 * secret key and reports the first variant whose signature is the one received. In this order:
 *
 * - the apiKey: missing or another (and whether the signature itself is right);
 * - the form of `s`: missing, uppercase hex, base64 (then the rest is tried with the digest it holds);
 * - the scheme: Flow's legacy `k1=v1&k2=v2` (refused by a setting, or over a value with `+` or `&`);
 * - the key: the emulator's default secret key while another is configured, the apiKey used as the
 *   key, an empty key, the text hashed as Latin-1;
 * - a param sent but not signed (the text without it matches), `apiKey` included;
 * - a value encoded differently when signed and when sent: `+` for spaces (or the reverse),
 *   URL-encoded, encoded twice, a number written another way, JSON text serialized again (PHP's
 *   escapes, Python's spacing), surrounding spaces, accents composed differently (NFC/NFD);
 * - the order: the params as sent, unsorted; sorted ignoring case; sorted by locale;
 * - the text: values without names, the URL-encoded body, the sorted params URL-encoded.
 *
 * When nothing matches, the key is probably wrong (or a param was signed and not sent: its name
 * cannot be told from here). The work is bounded (HASH_BUDGET bytes hashed), and what is kept for the
 * request log is cut to size. The secret key is never part of what is kept.
 */
import { stringToSign } from "@flowcl/core"
import * as Redacted from "effect/Redacted"
import { createHmac } from "node:crypto"
import { DEFAULT_SECRET_KEY } from "./EmulatorTypes.js"
import type { SignatureCheck, SignatureFinding } from "./SignatureCheck.js"
import { type Authentication, type AuthenticationRules, legacyStringToSign } from "./Signatures.js"

const MAX_TEXT = 8 * 1024
const MAX_NAMES = 100
const MAX_SHOWN = 200
/** The most bytes hashed while looking for a matching variant (a few milliseconds). */
const HASH_BUDGET = 8 * 1024 * 1024

type Params = Readonly<Record<string, string>>

/** `0123abcd…89efcdab`: enough to compare by eye, not the whole signature. */
export const shortSignature = (s: string): string =>
  /^[0-9a-fA-F]{64}$/.test(s) ? `${s.slice(0, 8)}…${s.slice(-8)}` : s.length <= 16
  ? JSON.stringify(s)
  : `${JSON.stringify(s.slice(0, 8))}… (${s.length} characters)`

const cut = (text: string, max = MAX_SHOWN) => (text.length > max ? `${text.slice(0, max)}…` : text)
/** A value in a message: in double quotes, or in single quotes when it holds double quotes (JSON). */
const quote = (text: string) => (text.includes("\"") ? `'${cut(text)}'` : JSON.stringify(cut(text)))

const hmac = (key: string, text: string, encoding: "utf8" | "latin1" = "utf8") =>
  createHmac("sha256", key).update(text, encoding).digest("hex")

/** `s` as a hex digest, whatever the client wrote it in, and what was odd about its form. */
const readSignature = (s: string): { readonly hex: string | undefined; readonly form: SignatureFinding | undefined } => {
  if (/^[0-9a-f]{64}$/.test(s)) return { hex: s, form: undefined }
  if (/^[0-9a-fA-F]{64}$/.test(s)) {
    return { hex: s.toLowerCase(), form: { kind: "format", message: "s is written in uppercase hex: Flow compares 64 lowercase hex digits." } }
  }
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(s)) {
    const hex = Buffer.from(s.replace(/-/g, "+").replace(/_/g, "/"), "base64").toString("hex")
    if (hex.length === 64) {
      return { hex, form: { kind: "format", message: "s is written in base64: send the HMAC as 64 lowercase hex digits." } }
    }
  }
  const trimmed = s.trim()
  if (trimmed !== s && /^[0-9a-f]{64}$/.test(trimmed)) {
    return { hex: trimmed, form: { kind: "format", message: "s has spaces or a line break around it: send the 64 hex digits alone." } }
  }
  return {
    hex: undefined,
    form: { kind: "format", message: `s is not a signature: Flow's is 64 lowercase hex digits (HMAC-SHA256), this is ${s.length} characters.` }
  }
}

/** PHP's `json_encode` without flags: `/` escaped as `\/`, anything beyond ASCII as `\uXXXX`. */
const phpJson = (value: unknown): string =>
  JSON.stringify(value)
    .replace(/\//g, "\\/")
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)

/** Python's `json.dumps` without arguments: `, ` and `: ` between items, anything beyond ASCII as `\uXXXX`. */
const pythonJson = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(pythonJson).join(", ")}]`
    : typeof value === "object" && value !== null
    ? `{${Object.entries(value).map(([k, v]) => `${pythonJson(k)}: ${pythonJson(v)}`).join(", ")}}`
    : JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)

/** Other texts a client may have signed for `value`, each with what happened to it. */
const valueVariants = (value: string): ReadonlyArray<readonly [string, string]> => {
  const out: Array<readonly [string, string]> = []
  const add = (variant: string | undefined, how: string) => {
    if (variant !== undefined && variant !== value && !out.some(([v]) => v === variant)) out.push([variant, how])
  }
  add(value.replace(/ /g, "+"), "it arrived with spaces where the signature has +: a + sent unencoded is read as a space (encode it as %2B), or the form-encoded text was signed instead of the value")
  add(value.replace(/\+/g, " "), "it arrived with + where the signature has spaces: the spaces were sent as a literal + (encoded twice?)")
  add(encodeURIComponent(value), "the URL-encoded value was signed: sign the value itself, before any encoding")
  add(new URLSearchParams({ v: value }).toString().slice(2), "the form-encoded value was signed: sign the value itself, before any encoding")
  if (/%[0-9A-Fa-f]{2}/.test(value)) {
    try {
      add(decodeURIComponent(value.replace(/\+/g, " ")), "it arrived still URL-encoded (%xx): it was encoded twice when sent")
    } catch {
      // not decodable: nothing to try
    }
  }
  if (/^-?\d+(\.\d+)?$/.test(value)) {
    const n = Number(value)
    add(String(n), "the number was written differently when signed and when sent")
    add(n.toFixed(2), "the number was written differently when signed and when sent")
  }
  if (/^\s*[[{]/.test(value)) {
    try {
      const parsed: unknown = JSON.parse(value)
      const how = "the JSON text was serialized again between signing and sending: serialize once, sign and send that text"
      add(JSON.stringify(parsed), how)
      add(phpJson(parsed), `${how} (the signature has PHP's escapes, \\/ and \\uXXXX)`)
      add(pythonJson(parsed), `${how} (the signature has Python's json.dumps spacing, ", " and ": ")`)
      add(JSON.stringify(parsed, null, 2), how)
    } catch {
      // not JSON: nothing to try
    }
  }
  add(value.trim(), "the value was trimmed when signed but sent with spaces around it")
  add(value.normalize("NFC"), "accented letters are composed differently (Unicode NFC and NFD) in what was signed and what was sent")
  add(value.normalize("NFD"), "accented letters are composed differently (Unicode NFC and NFD) in what was signed and what was sent")
  return out
}

const textOf = (params: Params, names: ReadonlyArray<string>) => names.map((name) => name + params[name]).join("")

interface Search {
  readonly finding: SignatureFinding | undefined
  readonly exhausted: boolean
}

type Candidate = readonly [text: string, finding: SignatureFinding, key?: string, encoding?: "utf8" | "latin1"]

/** The variants to re-sign, most likely first; made lazily, so a large request stops at the budget. */
function* candidates(
  params: Params,
  names: ReadonlyArray<string>,
  text: string,
  secret: string,
  spend: (cost: number) => boolean
): Generator<Candidate> {
  // the key
  if (secret !== DEFAULT_SECRET_KEY) {
    yield [text, { kind: "key", message: "Signed with the emulator's default secret key, but this emulator was started with another one (--secret-key / secretKey)." }, DEFAULT_SECRET_KEY]
  }
  if (params["apiKey"] !== undefined) {
    yield [text, { kind: "key", message: "Signed with the apiKey as the HMAC key: sign with the secret key." }, params["apiKey"]]
  }
  yield [text, { kind: "key", message: "Signed with an empty secret key: the key was not loaded (check the variable or file it comes from)." }, ""]
  yield [text, { kind: "key", message: "The text was hashed as Latin-1: hash its UTF-8 bytes." }, secret, "latin1"]
  // a param sent but not signed
  for (const name of names) {
    yield [textOf(params, names.filter((n) => n !== name)), {
      kind: "unsigned-param",
      param: name,
      message: name === "apiKey"
        ? "The signature matches if apiKey is left out: apiKey was sent but not signed. It is signed like every other param."
        : `The signature matches if ${name} is left out: ${name} was sent but not signed. Sign every param you send (s excepted).`
    }]
  }
  // a value encoded differently
  for (const name of names) {
    const value = params[name]!
    // making a value's variants costs about as much as hashing them: stop here when over budget
    if (!spend(8 * value.length)) return
    for (const [variant, how] of valueVariants(value)) {
      yield [textOf({ ...params, [name]: variant }, names), {
        kind: "value",
        param: name,
        signedValue: cut(variant),
        message: `The signature matches if ${name} were ${quote(variant)} instead of ${quote(value)}: ${how}.`
      }]
    }
  }
  // the order and the form of the text
  const sent = Object.keys(params).filter((n) => n !== "s")
  const lower = (a: string, b: string) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0)
  const orders: ReadonlyArray<readonly [ReadonlyArray<string>, string]> = [
    [sent, "The signature matches the params in the order they were sent, unsorted: sort them by name before signing."],
    [[...names].sort(lower), "The signature matches the names sorted ignoring case: sort by character code (capitals first, R before _)."],
    [[...names].sort((a, b) => a.localeCompare(b)), "The signature matches the names sorted by locale: sort by character code (capitals first, R before _)."]
  ]
  for (const [order, message] of orders) {
    const position = order.findIndex((n, i) => n !== names[i])
    if (position !== -1) yield [textOf(params, order), { kind: "order", param: order[position], message }]
  }
  yield [names.map((n) => params[n]).join(""), { kind: "text", message: "The signature matches the values without their names: write each param as its name followed by its value." }]
  yield [new URLSearchParams(sent.map((n) => [n, params[n]!])).toString(), { kind: "text", message: "The signature matches the URL-encoded body (k=v&…): sign name+value over the params sorted by name, not the body." }]
  yield [new URLSearchParams(names.map((n) => [n, params[n]!])).toString(), { kind: "text", message: "The signature matches the sorted params URL-encoded as k=v&…: sign name+value over the values as they are." }]
}

/** Re-signs variants of `params` until one gives `given` (a hex digest), within HASH_BUDGET. */
const searchVariants = (params: Params, names: ReadonlyArray<string>, text: string, given: string, secret: string): Search => {
  let budget = HASH_BUDGET
  const spend = (cost: number) => {
    budget -= cost
    return budget >= 0
  }
  for (const [candidate, finding, key = secret, encoding = "utf8"] of candidates(params, names, text, secret, spend)) {
    if (!spend(candidate.length)) return { finding: undefined, exhausted: true }
    if (hmac(key, candidate, encoding) === given) return { finding, exhausted: false }
  }
  return { finding: undefined, exhausted: budget < 0 }
}

/** The part of the string-to-sign that `param` occupies, `[start, end)`, when within the text kept. */
const segmentOf = (params: Params, names: ReadonlyArray<string>, param: string | undefined, limit: number) => {
  if (param === undefined || !names.includes(param)) return undefined
  let start = 0
  for (const name of names) {
    const end = start + name.length + params[name]!.length
    if (name === param) return end <= limit ? ([start, end] as const) : undefined
    start = end
  }
  return undefined
}

/**
 * What the emulator can tell about a request it refused with 108 (`auth.ok` false). Never called
 * for accepted requests; bounded in time (HASH_BUDGET) and in what it keeps.
 */
export const diagnoseSignature = (params: Params, rules: AuthenticationRules, auth: Authentication): SignatureCheck => {
  const secret = Redacted.value(rules.secretKey)
  // a secret key sent as a param is hidden from what is kept
  const secretParams = Object.keys(params).filter((n) => n !== "s" && secret !== "" && params[n] === secret)
  const shown: Record<string, string> = { ...params }
  for (const name of secretParams) shown[name] = "[the secret key, hidden]"
  const names = Object.keys(params).filter((n) => n !== "s").sort()
  const exact = stringToSign(params)
  const text = secretParams.length === 0 ? exact : stringToSign(shown)
  const expected = hmac(secret, exact)
  const given = params["s"]
  const findings: Array<SignatureFinding> = []

  for (const name of secretParams) {
    findings.push({ kind: "secret-sent", param: name, message: `${name} carries the secret key: never send it; it only signs.` })
  }
  if (params["apiKey"] === undefined) {
    findings.push({ kind: "api-key", param: "apiKey", message: "No apiKey param: every request carries the merchant's apiKey, signed like any other param." })
  } else if (params["apiKey"] !== rules.apiKey) {
    findings.push({
      kind: "api-key",
      param: "apiKey",
      message: `apiKey ${quote(params["apiKey"])} is not this emulator's (it takes ${quote(rules.apiKey)}): keys of another environment?`
    })
  }

  if (!rules.verifySignatures) {
    // signatures are not checked (verifySignatures off): only the apiKey was refused
  } else if (given === undefined) {
    findings.push({ kind: "no-signature", param: "s", message: "No signature: the param s is missing." })
  } else if (auth.scheme === "legacy") {
    const breaker = rules.legacySignatures
      ? Object.keys(params).find((name) => name !== "s" && /[+&]/.test(params[name]!))
      : undefined
    findings.push({
      kind: "legacy",
      param: breaker,
      message: breaker === undefined
        ? "The signature matches Flow's legacy form (k1=v1&k2=v2), which this emulator refuses (legacySignatures off). Sign name+value with nothing between."
        : `The signature matches Flow's legacy form (k1=v1&k2=v2), but ${breaker} holds + or &, which never verified that way on Flow. Sign name+value with nothing between.`
    })
  } else if (params["apiKey"] !== rules.apiKey && verifiesOver(params, exact, secret, given)) {
    // the signature is right: only the apiKey (already said) is wrong
    findings.push({ kind: "api-key", message: "The signature itself is right for the params sent and the secret key." })
  } else {
    const { form, hex } = readSignature(given)
    const search = hex === undefined ? undefined : hex === expected ? "match" : searchVariants(params, names, exact, hex, secret)
    if (form !== undefined) findings.push(form)
    if (search !== undefined && search !== "match") {
      if (search.finding !== undefined) findings.push(search.finding)
      else {
        findings.push({
          kind: "unknown",
          message: `${search.exhausted ? "Of the variants tried (not all: the request is large), none" : "No variant the emulator tried"} matches the signature received: the secret key is probably wrong (another environment's, or mistyped), or a param was signed but not sent (its name cannot be told from what arrived).`
        })
      }
    }
  }
  if (findings.length === 0) findings.push({ kind: "unknown", message: auth.note ?? "The signature did not verify." })

  const focus = findings.find((f) => f.param !== undefined)?.param
  return {
    sorted: names.slice(0, MAX_NAMES).map((n) => cut(n, 256)),
    stringToSign: cut(text, MAX_TEXT),
    stringToSignTruncated: text.length > MAX_TEXT,
    highlight: segmentOf(shown, names, focus, Math.min(text.length, MAX_TEXT)),
    expected: shortSignature(expected),
    received: given === undefined ? undefined : shortSignature(given),
    findings: findings.map((f) => ({ ...f, message: cut(f.message, 1024) }))
  }
}

/** Whether `given` signs `params` (current or legacy form): asked only when the apiKey was refused first. */
const verifiesOver = (params: Params, exact: string, secret: string, given: string): boolean =>
  given === hmac(secret, exact) || given === hmac(secret, legacyStringToSign(params))
