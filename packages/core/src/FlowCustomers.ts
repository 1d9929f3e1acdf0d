/**
 * Flow's customer API as an Effect service: all 16 operations, under the seed document's names,
 * built from their declarations in Operations.ts (the one place to read what `card.charge` is).
 *
 * Every operation reads the same way (Operation.ts):
 *   1. validate the input with its Schema (bad input fails with FlowValidationError, nothing is sent);
 *   2. build Flow's params (numbers and JSON become text once; FlowHttp signs that exact text);
 *   3. send with Flow's verb and path, decode the answer with its Schema;
 *   4. any failure becomes the operation's own error, whose `reason` says why.
 *
 * Beyond the declarations: `card.massiveChargeStatus.watch` and `.untilProcessed` follow a batch.
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import type * as Res from "./Responses.js"
import { FlowConfig } from "./FlowConfig.js"
import { FlowTimeoutError } from "./FlowErrorReasons.js"
import { FlowHttp } from "./FlowHttp.js"
import { makeOperations } from "./Operation.js"
import { FlowMassiveChargeCardStatusError, Operations } from "./Operations.js"
import { makeReconciler } from "./Reconciliation.js"
import { unchecked } from "./Unchecked.js"

/**
 * What `card.massiveChargeStatus.watch` takes: the time between polls.
 *
 * @since 0.1.0
 * @category services
 */
export interface WatchOptions {
  /** Time between two polls. Default 2 seconds. */
  readonly interval?: Duration.DurationInput | undefined
}

/**
 * What `card.massiveChargeStatus.untilProcessed` takes: the time between polls, how long to wait, and a
 * callback for each new status.
 *
 * @since 0.1.0
 * @category services
 */
export interface UntilProcessedOptions extends WatchOptions {
  /** How long to wait for `processed`. Default 10 minutes. */
  readonly timeout?: Duration.DurationInput | undefined
  /** Called with each new status (`created`, `processing`, `processed`). */
  readonly onStatus?: ((status: Res.BatchCollectStatus) => void) | undefined
}

const DEFAULT_POLL_INTERVAL = Duration.seconds(2)
const DEFAULT_WAIT_TIMEOUT = Duration.minutes(10)

/** Following a massive charge: its status each time it changes, or just the final one. */
const followBatch = (
  status: (token: string) => Effect.Effect<Res.BatchCollectStatus, FlowMassiveChargeCardStatusError>
) => {
  /** The batch's status each time it changes (polled every `interval`), ending once it is processed. */
  const watch = (token: string, options: WatchOptions = {}) =>
    Stream.repeatEffectWithSchedule(status(token), Schedule.spaced(options.interval ?? DEFAULT_POLL_INTERVAL)).pipe(
      Stream.changesWith((a, b) => a.status === b.status),
      Stream.takeUntil((batch) => batch.status === "processed")
    )

  /**
   * Polls until the batch is processed and returns its final status, each row's outcome included.
   * Gives up after `timeout` (default 10 minutes) with the operation's error, reason FlowTimeoutError.
   */
  const untilProcessed = Effect.fn("customers.card.massiveChargeStatus.untilProcessed")(
    function*(token: string, options: UntilProcessedOptions = {}) {
      const timeout = Duration.decode(options.timeout ?? DEFAULT_WAIT_TIMEOUT)
      const onStatus = options.onStatus
      const statuses = onStatus === undefined
        ? watch(token, options)
        : Stream.tap(watch(token, options), (batch) => Effect.sync(() => onStatus(batch)))
      const last = yield* Stream.runLast(statuses).pipe(
        Effect.timeoutFail({
          duration: timeout,
          onTimeout: () =>
            new FlowMassiveChargeCardStatusError({
              reason: new FlowTimeoutError({
                timeoutMillis: Duration.toMillis(timeout),
                message: `batch ${token} was not processed within ${Duration.format(timeout)}`
              }, unchecked)
            }, unchecked)
        })
      )
      // the stream ends only after a status arrived
      return Option.getOrThrow(last)
    }
  )
  return { watch, untilProcessed }
}

export const make = Effect.gen(function*() {
  const http = yield* FlowHttp
  const config = yield* FlowConfig
  const operations = makeOperations(Operations.customers, "customers", {
    http,
    config,
    reconcile: makeReconciler(http, config)
  })
  const { card } = operations
  return {
    ...operations,
    card: { ...card, massiveChargeStatus: Object.assign(card.massiveChargeStatus, followBatch(card.massiveChargeStatus)) }
  }
})

/**
 * Flow's customer API as an Effect service. `FlowCustomers.Default` includes FlowHttp and needs only
 * `FlowConfig` and an `HttpClient`.
 *
 * @since 0.1.0
 * @category services
 */
export class FlowCustomers extends Effect.Service<FlowCustomers>()("@flowcl/core/FlowCustomers", {
  effect: make,
  dependencies: [FlowHttp.Default]
}) {}
