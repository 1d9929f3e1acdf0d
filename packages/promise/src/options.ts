/**
 * What a caller passes besides the input: the options of `new Flow(…)`, of each call, and of
 * `untilProcessed`. Each field is read exactly once into a plain snapshot, which is then checked and
 * used: a getter or a Proxy cannot answer one thing to the check and another to the call. A field that
 * cannot be read (a getter that throws) is refused like a bad value, naming it.
 */
import type { FlowMassiveChargeCardStatusResponse } from "./api.js"

/** A refused option: its name (`options.timeout`) and why. */
export interface OptionProblem {
  readonly field: string
  readonly message: string
}

export type OptionsRead<A> =
  | { readonly ok: true; readonly value: A }
  | { readonly ok: false; readonly problem: OptionProblem }

const ok = <A>(value: A): OptionsRead<A> => ({ ok: true, value })
const refused = (field: string, message: string): OptionsRead<never> => ({ ok: false, problem: { field, message } })

/** A thrown value as text, whatever it is (its own `message` getter may throw too). */
const describe = (error: unknown): string => {
  try {
    const text = error instanceof Error ? error.message : String(error)
    return text.length > 200 ? `${text.slice(0, 200)}…` : text
  } catch {
    return "an error that cannot be shown"
  }
}

/** `value` in a message: short, and never a call to the value's own `toString`. */
const show = (value: unknown): string =>
  typeof value === "number" || typeof value === "boolean" || value === undefined || value === null
    ? String(value)
    : typeof value === "string"
    ? JSON.stringify(value.length > 50 ? `${value.slice(0, 50)}…` : value)
    : typeof value

const join = (prefix: string, key: string) => prefix === "" ? key : `${prefix}.${key}`

/**
 * The named fields of `options`, each read once (`undefined` options have none). Anything but an
 * object is refused as `prefix` (or `options`).
 */
const readFields = <K extends string>(
  options: unknown,
  prefix: string,
  keys: ReadonlyArray<K>
): OptionsRead<{ readonly [P in K]?: unknown }> => {
  if (options === undefined) return ok({})
  if (typeof options !== "object" || options === null) {
    return refused(prefix === "" ? "options" : prefix, `Expected an object { ${keys.map((k) => `${k}?`).join(", ")} }`)
  }
  const out: { [P in K]?: unknown } = {}
  for (const key of keys) {
    try {
      out[key] = (options as Record<K, unknown>)[key]
    } catch (error) {
      return refused(join(prefix, key), `could not be read: ${describe(error)}`)
    }
  }
  return ok(out)
}

/** The platform's own `aborted` getter: it refuses anything that is not a genuine AbortSignal. */
const nativeAborted = Object.getOwnPropertyDescriptor(AbortSignal.prototype, "aborted")?.get

const isAbortSignal = (value: unknown): value is AbortSignal => {
  if (typeof value !== "object" || value === null || nativeAborted === undefined) return false
  try {
    nativeAborted.call(value)
    return true
  } catch {
    return false
  }
}

const checkSignal = (signal: unknown, field: string): OptionProblem | undefined =>
  signal === undefined || isAbortSignal(signal) ? undefined : { field, message: "Expected an AbortSignal" }

const checkMillis = (value: unknown, field: string): OptionProblem | undefined =>
  value === undefined || (typeof value === "number" && Number.isFinite(value) && value > 0)
    ? undefined
    : { field, message: `Expected a positive number of milliseconds, got ${show(value)}` }

const checkRetries = (value: unknown, field: string): OptionProblem | undefined =>
  value === undefined || (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 10)
    ? undefined
    : { field, message: `Expected an integer from 0 to 10, got ${show(value)}` }

const checkBoolean = (value: unknown, field: string): OptionProblem | undefined =>
  value === undefined || typeof value === "boolean"
    ? undefined
    : { field, message: `Expected true or false, got ${show(value)}` }

const checkFunction = (value: unknown, field: string): OptionProblem | undefined =>
  value === undefined || typeof value === "function" ? undefined : { field, message: "Expected a function" }

type Check = (value: unknown, field: string) => OptionProblem | undefined

/**
 * The fields of `options` that `checks` names, each read once and checked (`options.<name>` named in
 * a refusal); `A` is what the checks guarantee.
 */
const readChecked = <A>(options: unknown, checks: { readonly [K in keyof A & string]: Check }): OptionsRead<A> => {
  const keys = Object.keys(checks) as Array<keyof A & string>
  const read = readFields(options, "options", keys)
  if (!read.ok) return read
  for (const key of keys) {
    const problem = checks[key](read.value[key], `options.${key}`)
    if (problem !== undefined) return { ok: false, problem }
  }
  return ok(read.value as A)
}

// --------------------------------------------------------------------------------------------- per call

/** The last argument of every method, read once. */
export interface CallOptions {
  readonly signal: AbortSignal | undefined
  readonly timeout: number | undefined
  readonly retries: number | undefined
  readonly reconcile: boolean | undefined
}

export const NO_CALL_OPTIONS: CallOptions = {
  signal: undefined,
  timeout: undefined,
  retries: undefined,
  reconcile: undefined
}

/** `{ signal?, timeout?, retries?, reconcile? }`, each field read once and checked. */
export const readCallOptions = (options: unknown): OptionsRead<CallOptions> =>
  options === undefined ? ok(NO_CALL_OPTIONS) : readChecked<CallOptions>(options, {
    signal: checkSignal,
    timeout: checkMillis,
    retries: checkRetries,
    reconcile: checkBoolean
  })

/** `untilProcessed`'s options, read once. */
export interface UntilProcessedOptions {
  readonly interval: number | undefined
  readonly timeout: number | undefined
  readonly onStatus: ((status: FlowMassiveChargeCardStatusResponse) => void) | undefined
  readonly signal: AbortSignal | undefined
}

export const readUntilProcessedOptions = (options: unknown): OptionsRead<UntilProcessedOptions> =>
  readChecked<UntilProcessedOptions>(options, {
    interval: checkMillis,
    timeout: checkMillis,
    onStatus: checkFunction,
    signal: checkSignal
  })

// --------------------------------------------------------------------------------------------- new Flow

/** The 4th argument of `new Flow(…)`, read once; values are checked by core's FlowConfig. */
export interface ConstructorOptions {
  readonly transport: unknown
  readonly baseUrl: unknown
  readonly timeout: unknown
  readonly retry: { readonly retries: unknown; readonly baseDelay: unknown; readonly maxDelay: unknown } | undefined
  readonly maxResponseBytes: unknown
  readonly reconcile: unknown
  readonly maxBatchRows: unknown
  readonly closeGrace: unknown
}

export const readConstructorOptions = (options: unknown): OptionsRead<ConstructorOptions> => {
  const read = readFields(options, "", [
    "transport",
    "baseUrl",
    "timeout",
    "retry",
    "maxResponseBytes",
    "reconcile",
    "maxBatchRows",
    "closeGrace"
  ])
  if (!read.ok) return read
  const { baseUrl, closeGrace, maxBatchRows, maxResponseBytes, reconcile, retry, timeout, transport } = read.value
  const rest = { maxResponseBytes, reconcile, maxBatchRows, closeGrace }
  if (retry === undefined) return ok({ transport, baseUrl, timeout, retry: undefined, ...rest })
  const policy = readFields(retry, "retry", ["retries", "baseDelay", "maxDelay"])
  if (!policy.ok) return policy
  const { baseDelay, maxDelay, retries } = policy.value
  return ok({ transport, baseUrl, timeout, retry: { retries, baseDelay, maxDelay }, ...rest })
}
