/**
 * Reading Flow's text params the way a strict server would, and the error answers Flow gives:
 * `{ code, message }` with HTTP 400 (API error) or 401 (business error), SPEC.md §4.
 */

/** An error answer. Thrown by the endpoint rules, turned into JSON by the server. */
export class FlowFailure {
  constructor(
    readonly status: 400 | 401 | 404 | 405,
    readonly code: number,
    readonly message: string
  ) {}
}

/**
 * The emulator's error codes. Flow documents none but 108 (SPEC.md §4); the others are the emulator's
 * own, stable so that tests can match them.
 */
export const ErrorCodes = {
  missingParam: 100,
  invalidParam: 101,
  invalidSignature: 108,
  notFound: 404,
  wrongMethod: 405,
  customerNotFound: 1001,
  customerHasPendingCharges: 1002,
  customerHasNoCard: 1003,
  registrationNotFound: 1004,
  commerceOrderRepeated: 1005,
  chargeNotFound: 1006,
  reversalWindowClosed: 1007,
  chargeAlreadyReversed: 1008,
  chargeNotReversible: 1009,
  batchNotFound: 1010,
  amountBelowMinimum: 1011
} as const

/** Flow's minimum amount in CLP (its "The minimum amount is 350 CLP"). */
export const MINIMUM_CLP = 350

const missing = (name: string) => new FlowFailure(400, ErrorCodes.missingParam, `Missing required param: ${name}`)
const invalid = (name: string, expected: string, value: string) =>
  new FlowFailure(400, ErrorCodes.invalidParam, `Invalid param ${name}: expected ${expected}, got ${JSON.stringify(value)}`)

export class Params {
  constructor(readonly values: Readonly<Record<string, string>>) {}

  optional(name: string): string | undefined {
    const value = this.values[name]
    return value === undefined || value === "" ? undefined : value
  }

  required(name: string): string {
    const value = this.optional(name)
    if (value === undefined) throw missing(name)
    return value
  }

  private parseInt(name: string, value: string, min: number, max: number): number {
    if (!/^-?\d+$/.test(value)) throw invalid(name, "an integer", value)
    const n = Number(value)
    if (n < min || n > max) throw invalid(name, `an integer from ${min} to ${max}`, value)
    return n
  }

  optionalInt(name: string, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined {
    const value = this.optional(name)
    return value === undefined ? undefined : this.parseInt(name, value, min, max)
  }

  requiredInt(name: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    return this.parseInt(name, this.required(name), min, max)
  }

  /** A positive amount: digits with an optional decimal part. */
  amount(name = "amount"): number {
    const value = this.required(name)
    if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0) throw invalid(name, "a positive number", value)
    return Number(value)
  }

  flag(name: string): boolean {
    const value = this.optionalInt(name, 0, 1)
    return value === 1
  }

  url(name: string): string {
    const value = this.required(name)
    try {
      const url = new URL(value)
      if (url.protocol === "http:" || url.protocol === "https:") return value
    } catch {
      // fall through
    }
    throw invalid(name, "an absolute http(s) URL", value)
  }

  /** A JSON param: it must parse (SPEC.md §1.5). */
  json(name: string, required: true): unknown
  json(name: string, required?: false): unknown | undefined
  json(name: string, required = false): unknown | undefined {
    const value = required ? this.required(name) : this.optional(name)
    if (value === undefined) return undefined
    try {
      return JSON.parse(value)
    } catch {
      throw invalid(name, "JSON text", value.length > 80 ? `${value.slice(0, 80)}…` : value)
    }
  }

  /** `yyyy-mm-dd`. */
  date(name: string): string | undefined {
    const value = this.optional(name)
    if (value === undefined) return undefined
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw invalid(name, "a date as yyyy-mm-dd", value)
    return value
  }

  currency(name = "currency"): string {
    const value = this.optional(name) ?? "CLP"
    if (value !== "CLP" && value !== "UF") throw invalid(name, "CLP or UF", value)
    return value
  }
}
