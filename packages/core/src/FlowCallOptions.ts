/**
 * The per-call settings that override FlowConfig for the calls they wrap (timeout, retries,
 * reconciliation), and the tracker that says whether a call's request may have left. FlowHttp.ts reads
 * them for each call (and re-exports them).
 */
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"

/**
 * Per-call settings that override FlowConfig for the calls they wrap (see {@link withCallOptions}).
 *
 * @since 0.1.0
 * @category http
 */
export interface FlowCallOptionsShape {
  /** Time allowed for each try, reading the body included. */
  readonly timeout?: Duration.Duration | undefined
  /** Retries after the first try (reads; writes only when nothing was sent). 0 disables. */
  readonly retries?: number | undefined
  /** Whether a charge or collect whose answer was lost is settled by asking Flow (Reconciliation.ts). */
  readonly reconcile?: boolean | undefined
  /**
   * Told, as the calls inside run, whether a request of theirs may have left. Read it after a call was
   * interrupted to say whether a write may have happened: the Promise API does so when a `signal`
   * aborts a call ({@link FlowRequestTracker}).
   */
  readonly requests?: FlowRequestTracker | undefined
}

/**
 * Whether the requests of a call may have left, kept up to date by FlowHttp as they go out and end.
 * `current` is the request under way on a transport that says when it writes (core's undici client);
 * on any other transport a request counts as sent once it is handed over.
 *
 * @since 0.1.0
 * @category http
 */
export interface FlowRequestTracker {
  sent: boolean
  current: { readonly sent: boolean } | undefined
}

/**
 * Whether a request tracked by `tracker` may have left, at this moment.
 *
 * @since 0.1.0
 * @category http
 */
export const requestMayHaveLeft = (tracker: FlowRequestTracker): boolean =>
  tracker.sent || tracker.current?.sent === true

/**
 * The per-call settings in effect (a `Context.Reference`, empty by default); set them with
 * {@link withCallOptions}.
 *
 * @since 0.1.0
 * @category http
 */
export class FlowCallOptions extends Context.Reference<FlowCallOptions>()("@flowcl/core/FlowCallOptions", {
  defaultValue: (): FlowCallOptionsShape => ({})
}) {}

/**
 * Overrides FlowConfig for the calls inside `effect`:
 * `customers.get(id).pipe(withCallOptions({ timeout: "5 seconds", retries: 0 }))`.
 *
 * @since 0.1.0
 * @category http
 */
export const withCallOptions = (options: {
  readonly timeout?: Duration.DurationInput | undefined
  readonly retries?: number | undefined
  readonly reconcile?: boolean | undefined
}) =>
<A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.flatMap(FlowCallOptions, (current) =>
    Effect.provideService(effect, FlowCallOptions, {
      ...current,
      ...(options.timeout === undefined ? {} : { timeout: Duration.decode(options.timeout) }),
      ...(options.retries === undefined ? {} : { retries: options.retries }),
      ...(options.reconcile === undefined ? {} : { reconcile: options.reconcile })
    }))
