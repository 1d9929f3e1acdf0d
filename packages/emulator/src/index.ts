/**
 * @flowcl/emulator: a local Flow.cl server with the customer API and the payment status reads, for
 * tests, examples and development.
 *
 * ```ts
 * const emulator = await start({ port: 0 })       // emulator.url = "http://127.0.0.1:<port>/api"
 * // … point a client at emulator.url with emulator.apiKey / emulator.secretKey …
 * await emulator.close()
 * ```
 * In Effect code, `FlowEmulator.layer(options)` starts it for the life of the layer.
 */
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Scope from "effect/Scope"
import { type EmulatorOptions, type FlowEmulatorShape, make } from "./EmulatorServer.js"

export { ANSWER_FORMS, type AnswerForm } from "./Answers.js"
export { RowErrors } from "./BatchRows.js"
export { type CannedServer, type CannedServerOptions, startCanned } from "./CannedServer.js"
export * from "./EmulatorServer.js"
export { EmulatorState, reversalDeadline, TIME_ZONE } from "./EmulatorState.js"
export { ErrorCodes, MINIMUM_CLP } from "./Failures.js"
export { type FaultKind, type FaultRequest, type FaultRule, Faults } from "./Faults.js"
export { MagicAmounts } from "./MagicAmounts.js"
export { legacyStringToSign, type SignatureScheme, signLegacy } from "./Signatures.js"

export interface RunningEmulator extends FlowEmulatorShape {
  /** Stops the server and its background work (batches, callbacks). */
  readonly close: () => Promise<void>
}

/** Starts the emulator; `port: 0` (the default) picks a free port. */
export const start = async (options: EmulatorOptions = {}): Promise<RunningEmulator> => {
  const scope = Effect.runSync(Scope.make())
  try {
    const emulator = await Effect.runPromise(Scope.extend(make(options), scope))
    return Object.assign(emulator, { close: () => Effect.runPromise(Scope.close(scope, Exit.void)) })
  } catch (error) {
    await Effect.runPromise(Scope.close(scope, Exit.void))
    throw error
  }
}
