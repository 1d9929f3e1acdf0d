/**
 * What Flow answers, decoded tolerantly (see Wire.ts) into one normalized type per operation: one
 * module per resource in `responses/`, as the emulator's `endpoints/` (customers, card registration,
 * the payment, charges, reversals, massive charges, subscriptions). Field names are Flow's; where
 * Flow's spec or the seed document disagree, the normalized type is documented in the README ("Seed vs
 * Flow"). Unknown extra fields are ignored.
 */
export * from "./Page.js"
export * from "./responses/Batches.js"
export * from "./responses/Charges.js"
export * from "./responses/Customers.js"
export * from "./responses/Payment.js"
export * from "./responses/Registration.js"
export * from "./responses/Reversals.js"
export * from "./responses/Subscriptions.js"
