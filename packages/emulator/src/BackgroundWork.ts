/**
 * What the emulator does after answering, as Flow does: POST a token to a merchant URL (card
 * registered, payment confirmed, batch processed), and move a massive charge along step by step.
 * Where a callback may go is Callbacks.ts's rule. Work started in the background lives in the
 * emulator's scope and stops when it closes.
 */
import * as Effect from "effect/Effect"
import * as FiberSet from "effect/FiberSet"
import type * as Scope from "effect/Scope"
import { type CallbackPolicy, postForm, resolveCallbackTarget } from "./Callbacks.js"
import type { EmulatorSettings } from "./EmulatorTypes.js"
import type { EmulatorState } from "./EmulatorState.js"
import { finishBatch, processBatchRow, startBatch } from "./endpoints/BatchProcessing.js"
import type { FollowUp } from "./endpoints/Endpoint.js"

/** How often a batch waiting for its next step reads `batchPaceMs` again. */
const PACE_CHECK_MS = 10

/** How long a merchant has to answer a callback. */
const CALLBACK_TIMEOUT_MS = 10_000

export interface BackgroundWork {
  /** Does the work and waits for it (a page's callback goes out before the page answers, as on Flow). */
  readonly run: (followUp: FollowUp, origin: string) => Effect.Effect<void>
  /** Starts the work without waiting for it. */
  readonly start: (followUp: FollowUp, origin: string) => Effect.Effect<void>
}

export const makeBackgroundWork = (deps: {
  readonly state: EmulatorState
  readonly settings: EmulatorSettings
  readonly log: ((line: string) => void) | undefined
  readonly callbacks: CallbackPolicy
}): Effect.Effect<BackgroundWork, never, Scope.Scope> =>
  Effect.gen(function*() {
    const { log, settings, state } = deps
    const fibers = yield* FiberSet.make()

    /** Flow → merchant: a form POST with the single param `token` (docs/flow-api.md "Callbacks"). */
    const sendCallback = (kind: FollowUp & { _tag: "Callback" }) =>
      Effect.gen(function*() {
        const record = {
          kind: kind.kind,
          url: kind.url,
          token: kind.token,
          at: state.nowLocal(),
          status: undefined as number | undefined,
          error: undefined as string | undefined
        }
        state.callbacks.push(record)
        const target = yield* Effect.promise(() => resolveCallbackTarget(kind.url, deps.callbacks))
        if (target._tag === "Sink") {
          // the emulator's own stand-in merchant URL: answered here, no request made
          record.status = 200
        } else if (target._tag === "Refused") {
          record.error = `not sent: ${target.reason}`
        } else {
          yield* Effect.tryPromise((signal) =>
            postForm(target, { token: kind.token }, { timeoutMs: CALLBACK_TIMEOUT_MS, signal })
          ).pipe(
            Effect.timeout(CALLBACK_TIMEOUT_MS),
            Effect.match({
              onSuccess: (status) => {
                record.status = status
              },
              onFailure: (error) => {
                record.error = error._tag === "UnknownException" && error.error instanceof Error
                  ? error.error.message
                  : error.message
              }
            })
          )
        }
        log?.(`callback ${kind.kind} POST ${kind.url} → ${record.status ?? record.error}`)
      })

    /**
     * One step of a batch: `batchPaceMs` after the previous one. The setting is read again while
     * waiting, so a change applies to batches in progress too: a long pace holds a batch where it is
     * until the pace is lowered.
     */
    const pace = () =>
      Effect.suspend(() => {
        const since = Date.now()
        const wait: Effect.Effect<void> = Effect.suspend(() => {
          const remaining = since + settings.batchPaceMs - Date.now()
          return remaining <= 0 ? Effect.void : Effect.zipRight(Effect.sleep(Math.min(remaining, PACE_CHECK_MS)), wait)
        })
        return wait
      })

    const processBatch = (token: string, origin: string) =>
      Effect.gen(function*() {
        yield* pace()
        startBatch(state, token)
        const rows = state.batches.get(token)?.rows.length ?? 0
        for (let index = 0; index < rows; index++) {
          yield* pace()
          for (const followUp of processBatchRow(state, token, index, origin)) {
            yield* FiberSet.run(fibers, run(followUp, origin))
          }
        }
        yield* pace()
        for (const followUp of finishBatch(state, token)) yield* run(followUp, origin)
      })

    const run = (followUp: FollowUp, origin: string): Effect.Effect<void> =>
      followUp._tag === "Callback" ? sendCallback(followUp) : processBatch(followUp.token, origin)

    const start = (followUp: FollowUp, origin: string): Effect.Effect<void> =>
      Effect.asVoid(FiberSet.run(fibers, run(followUp, origin)))

    return { run, start }
  })
