/**
 * The emulator's behaviour suites, one concept per module in ./suites, run from this one file.
 *
 * Why one file: vitest runs test files one at a time here (one worker on a 2-CPU machine) and each
 * file pays about a second to load Effect, @effect/platform and the emulator. Fifteen files cost
 * over 20 s; one costs under 10. Each suite is imported inside its own `describe`, so its
 * `useEmulator()` hooks (one emulator per suite, reset before each of its tests) stay scoped to it.
 * Run a single suite with `vitest run --project emulator -t "^faults"`.
 */
import { describe } from "@effect/vitest"

describe("wire", async () => {
  await import("./suites/wire.js")
})
describe("signature", async () => {
  await import("./suites/signature.js")
})
describe("signature-diagnosis", async () => {
  await import("./suites/signature-diagnosis.js")
})
describe("params", async () => {
  await import("./suites/params.js")
})
describe("customers", async () => {
  await import("./suites/customers.js")
})
describe("registration", async () => {
  await import("./suites/registration.js")
})
describe("charges", async () => {
  await import("./suites/charges.js")
})
describe("collect", async () => {
  await import("./suites/collect.js")
})
describe("batch", async () => {
  await import("./suites/batch.js")
})
describe("payment-status", async () => {
  await import("./suites/payment-status.js")
})
describe("reverse", async () => {
  await import("./suites/reverse.js")
})
describe("subscriptions", async () => {
  await import("./suites/subscriptions.js")
})
describe("answer-forms", async () => {
  await import("./suites/answer-forms.js")
})
describe("answer-writers", async () => {
  await import("./suites/answer-writers.js")
})
describe("faults", async () => {
  await import("./suites/faults.js")
})
describe("admin", async () => {
  await import("./suites/admin.js")
})
describe("options", async () => {
  await import("./suites/options.js")
})
describe("independent-client", async () => {
  await import("./suites/independent-client.js")
})
describe("access", async () => {
  await import("./suites/access.js")
})
describe("limits", async () => {
  await import("./suites/limits.js")
})
describe("admin-forms", async () => {
  await import("./suites/admin-forms.js")
})
describe("inspector", async () => {
  await import("./suites/inspector.js")
})
describe("helpers", async () => {
  await import("./suites/helpers.js")
})
describe("readme", async () => {
  await import("./suites/readme.js")
})
describe("readme-client", async () => {
  await import("./suites/readme-client.js")
})
describe("structure", async () => {
  await import("./suites/structure.js")
})
