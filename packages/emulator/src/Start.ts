/** The emulator for Promise code: `start()` runs it until `close()`. */
import * as HttpServerError from "@effect/platform/HttpServerError"
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Scope from "effect/Scope"
import { make } from "./EmulatorServer.js"
import type { EmulatorOptions, FlowEmulatorShape } from "./EmulatorTypes.js"

/** What `start()` resolves with: a running emulator (URL, keys, state, faults, …) and `close()`. */
export interface RunningEmulator extends FlowEmulatorShape {
  /** Stops the server and its background work (batches, callbacks). */
  readonly close: () => Promise<void>
}

/**
 * Starts the emulator; `port: 0` (the default) picks a free port. Rejects with an Error saying why it
 * could not listen (`listen EADDRINUSE: address already in use 127.0.0.1:8080`), the system's error as
 * its `cause`.
 */
export const start = async (options: EmulatorOptions = {}): Promise<RunningEmulator> => {
  const scope = Effect.runSync(Scope.make())
  const exit = await Effect.runPromiseExit(Scope.extend(make(options), scope))
  if (Exit.isSuccess(exit)) {
    return Object.assign(exit.value, { close: () => Effect.runPromise(Scope.close(scope, Exit.void)) })
  }
  await Effect.runPromise(Scope.close(scope, Exit.void))
  const error = Cause.squash(exit.cause)
  const reason = error instanceof HttpServerError.ServeError && error.cause instanceof Error ? error.cause : error
  throw new Error(`the Flow emulator cannot start: ${reason instanceof Error ? reason.message : String(reason)}`, {
    cause: reason
  })
}
