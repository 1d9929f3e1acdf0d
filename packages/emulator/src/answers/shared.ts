/** Values every answer form computes the same way; only how they are written differs. */
import type { Card, RegistrationRecord } from "../EmulatorState.js"

export { wasPaid } from "../EmulatorState.js"

/** Flow's fee in the emulator: 3.19% + VAT, rounded like the currency. */
export const fee = (amount: number, currency: string): number => {
  const raw = amount * 0.0319 * 1.19
  return currency === "CLP" ? Math.round(raw) : Math.round(raw * 10_000) / 10_000
}

/** How many decimals a database decimal column prints for an amount in `currency`: 2 in CLP, 4 otherwise. */
export const decimals = (currency: string): number => currency === "CLP" ? 2 : 4

/** A number as a database decimal column prints it: `"12000.00"` with 2 places. */
export const decimalText = (value: number, places: number): string => value.toFixed(places)

/** An amount as a database decimal column prints it: `"12000.00"` in CLP, `"1.2345"` in UF. */
export const amountText = (amount: number, currency: string): string => decimalText(amount, decimals(currency))

/** The masked number Flow's newer registration answers show (BIN + last 4). */
export const maskedCard = (last4: string): string => `457630 **** **** ${last4}`

/** The issuing bank Flow's newer registration answers name. */
export const ISSUER_BANK = "BANCO EMULADO"

/** The card a registration registered: none until it completed. */
export const registeredCard = (r: RegistrationRecord): Card | undefined => r.status === "completed" ? r.card : undefined

/** `items` sliced as `paging` asks, and whether more follow. */
export const slice = <A>(items: ReadonlyArray<A>, paging: { readonly start: number; readonly limit: number }) => ({
  data: items.slice(paging.start, paging.start + paging.limit),
  hasMore: paging.start + paging.limit < items.length
})
