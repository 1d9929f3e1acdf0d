/**
 * `batchCollect` row checks with Flow's rejected-row codes 100–110 (docs/flow-api.md "Massive
 * charges"). A row is refused with the first problem found; the rest of the batch goes on.
 */
import { type BatchRowInput, type EmulatorState, wasPaid } from "./EmulatorState.js"
import { MINIMUM_CLP } from "./Failures.js"

/**
 * The codes and messages Flow gives a rejected massive charge row (100–110), as the emulator writes
 * them in `rejectedRows`.
 */
export const RowErrors = {
  100: "Mandatory field not sent",
  101: "Value is empty or cero",
  102: "Invalid field",
  103: "customer not exist or deleted",
  104: "CommerceOrder already sent",
  105: "CommerceOrder has been previously paid",
  106: "Currency is not soported",
  107: "Amount is not numeric",
  108: "Amount can not contain decimals for this currency",
  109: `The minimum amount is ${MINIMUM_CLP} CLP`,
  110: "Optional values are not in JSON format"
} as const
export type RowErrorCode = keyof typeof RowErrors

export interface RejectedRow {
  readonly customerId: string
  readonly commerceOrder: string
  readonly rowNumber: number
  readonly parameter: string
  readonly errorCode: RowErrorCode
  readonly errorMsg: string
}

const REQUIRED = ["customerId", "commerceOrder", "subject", "amount"] as const

const INVALID = Symbol("invalid")

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)

/**
 * A row's `optional`: JSON text of an object (what Flow's spec types and this library's client send),
 * or a nested object (what some clients send); the stored object shows in the row's payment. Text that
 * is not JSON of an object is Flow's code 110. Absent, `null` or `""` is no optional, and an empty JSON
 * array (PHP's `json_encode` of an empty array) an empty one: both are what a PHP client sends for
 * "nothing".
 */
const readOptional = (raw: unknown): Record<string, unknown> | undefined | typeof INVALID => {
  if (raw === undefined || raw === null || raw === "") return undefined
  let value = raw
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw)
    } catch {
      return INVALID
    }
  }
  if (Array.isArray(value) && value.length === 0) return {}
  return isObject(value) ? value : INVALID
}

/**
 * Checks one row. `seen` holds the commerceOrders accepted earlier in the same batch.
 * `rowNumber` is 1-based (Flow's example shows 3 for the third row; its base is undocumented).
 */
export const checkRow = (
  row: unknown,
  rowNumber: number,
  state: EmulatorState,
  seen: ReadonlySet<string>
): { readonly accepted: BatchRowInput } | { readonly rejected: RejectedRow } => {
  const fields = (typeof row === "object" && row !== null && !Array.isArray(row) ? row : {}) as Record<string, unknown>
  const text = (name: string) => typeof fields[name] === "string" ? fields[name] as string : String(fields[name] ?? "")
  const reject = (errorCode: RowErrorCode, parameter: string) => ({
    rejected: {
      customerId: text("customerId"),
      commerceOrder: text("commerceOrder"),
      rowNumber,
      parameter,
      errorCode,
      errorMsg: RowErrors[errorCode]
    }
  })

  if (fields !== row) return reject(102, "row")
  for (const name of REQUIRED) {
    if (fields[name] === undefined || fields[name] === null) return reject(100, name)
  }
  for (const name of REQUIRED) {
    const value = fields[name]
    if (value === "" || value === 0 || value === "0") return reject(101, name)
  }
  for (const name of ["customerId", "commerceOrder", "subject"] as const) {
    if (typeof fields[name] !== "string" && typeof fields[name] !== "number") return reject(102, name)
  }
  const rawAmount = fields["amount"]
  const amount = typeof rawAmount === "number"
    ? rawAmount
    : typeof rawAmount === "string" && /^\d+(\.\d+)?$/.test(rawAmount)
    ? Number(rawAmount)
    : Number.NaN
  if (!Number.isFinite(amount)) return reject(107, "amount")
  if (amount < 0) return reject(102, "amount")
  const currency = fields["currency"] === undefined || fields["currency"] === null ? "CLP" : fields["currency"]
  if (currency !== "CLP" && currency !== "UF") return reject(106, "currency")
  if (currency === "CLP" && !Number.isInteger(amount)) return reject(108, "amount")
  if (currency === "CLP" && amount < MINIMUM_CLP) return reject(109, "amount")
  const rawMethod = fields["paymentMethod"]
  const paymentMethod = rawMethod === undefined || rawMethod === null ? 9 : Number(rawMethod)
  if (!Number.isInteger(paymentMethod) || paymentMethod <= 0) return reject(102, "paymentMethod")
  const optional = readOptional(fields["optional"])
  if (optional === INVALID) return reject(110, "optional")
  const customerId = text("customerId")
  const customer = state.customers.get(customerId)
  if (customer === undefined || customer.status === 0) return reject(103, "customerId")
  const commerceOrder = text("commerceOrder")
  const previous = state.paymentsByOrder.get(commerceOrder)
  if (previous !== undefined && wasPaid(previous)) return reject(105, "commerceOrder")
  if (state.commerceOrders.has(commerceOrder) || seen.has(commerceOrder)) return reject(104, "commerceOrder")

  return {
    accepted: {
      customerId,
      commerceOrder,
      subject: text("subject"),
      amount,
      currency,
      paymentMethod,
      optional
    }
  }
}
