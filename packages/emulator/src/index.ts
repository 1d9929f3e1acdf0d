/**
 * @flowcl/emulator: a local Flow.cl server with the customer API and the payment status reads, for
 * tests, examples and development.
 *
 * ```ts
 * const emulator = await start({ port: 0 })       // emulator.url = "http://127.0.0.1:<port>/api"
 * // … point a client at emulator.url with emulator.apiKey / emulator.secretKey …
 * await emulator.close()
 * ```
 * In Effect code, `FlowEmulator.layer(options)` starts it for the life of the layer, and
 * `FlowEmulator.layerConfig(options)` adds a `FlowConfig` pointed at it. `EmulatorClient` is a typed
 * client of its admin API (seed, cards, links, faults, clock, request log) for any running emulator.
 * `emulator.inspectorUrl` is a page of the requests it received (and why a signature was refused),
 * its state and the callbacks it made.
 *
 * @module @flowcl/emulator
 */
export { ANSWER_FORMS, type AnswerForm } from "./Answers.js"
export { RowErrors } from "./BatchRows.js"
export { type CannedServer, type CannedServerOptions, startCanned } from "./CannedServer.js"
export {
  type CardInput,
  type ClockReading,
  EmulatorAdminError,
  EmulatorClient,
  type FaultInput,
  type SeededCustomer,
  type SeedInput
} from "./EmulatorClient.js"
export * from "./EmulatorServer.js"
export { EmulatorState, reversalDeadline, TIME_ZONE } from "./EmulatorState.js"
export type { CallbackRecord } from "./EmulatorState.js"
export { ErrorCodes, MINIMUM_CLP } from "./Failures.js"
export { type FaultKind, type FaultRequest, type FaultRule, Faults } from "./Faults.js"
export { MagicAmounts } from "./MagicAmounts.js"
export type { SignatureCheck, SignatureFinding } from "./SignatureCheck.js"
export { legacyStringToSign, type SignatureScheme, signLegacy } from "./Signatures.js"
export { type RunningEmulator, start } from "./Start.js"
