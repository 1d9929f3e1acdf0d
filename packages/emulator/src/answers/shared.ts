/** Values every answer form computes the same way; only how they are written differs. */
export { wasPaid } from "../EmulatorState.js"

/** Flow's fee in the emulator: 3.19% + VAT, rounded like the currency. */
export const fee = (amount: number, currency: string): number => {
  const raw = amount * 0.0319 * 1.19
  return currency === "CLP" ? Math.round(raw) : Math.round(raw * 10_000) / 10_000
}

/** An amount as a database decimal column prints it: `"12000.00"` in CLP, `"1.2345"` in UF. */
export const amountText = (amount: number, currency: string): string =>
  currency === "CLP" ? amount.toFixed(2) : amount.toFixed(4)

/** The masked number Flow's newer registration answers show (BIN + last 4). */
export const maskedCard = (last4: string): string => `457630 **** **** ${last4}`

/** `items` sliced as `paging` asks, and whether more follow. */
export const slice = <A>(items: ReadonlyArray<A>, paging: { readonly start: number; readonly limit: number }) => ({
  data: items.slice(paging.start, paging.start + paging.limit),
  hasMore: paging.start + paging.limit < items.length
})
