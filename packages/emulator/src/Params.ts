/**
 * Reading Flow's text params the way a strict server would: a missing param is 400 code 100 and a
 * malformed one 400 code 101, each naming the param (the emulator's own codes, see Failures.ts).
 */
import { ErrorCodes, FlowFailure } from "./Failures.js"

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

  /** A JSON-valued param: one form field of JSON text, which must parse (docs/flow-api.md "JSON-valued params"). */
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
