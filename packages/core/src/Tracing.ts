/**
 * Spans that cost nothing when nobody records them, and stay complete when someone does.
 *
 * Every Effect program has a tracer; unless one is installed (OpenTelemetry, or any other), it is
 * Effect's built-in one, which keeps spans in memory and exports nothing. Profiled, a span per call
 * under it (and `Effect.fn`'s stack capture for it) was more than half of the fiber steps of a call.
 * So an operation opens its span only under another tracer, and its HTTP attributes are computed only
 * then; under the built-in one, neither exists.
 */
import * as Effect from "effect/Effect"
import type * as Tracer from "effect/Tracer"

/** The built-in tracer, as every runtime gets it unless another is installed. */
const builtInTracer: Tracer.Tracer = Effect.runSync(Effect.tracer)

/** Whether `tracer` records spans anywhere (anything but the built-in tracer). */
export const records = (tracer: Tracer.Tracer): boolean => tracer !== builtInTracer

/**
 * `effect` in a span named `name` when `recording` (the caller read {@link records} of its fiber's
 * tracer, with whatever else it reads there, in one step); `effect` itself otherwise. No stack is
 * captured for the span: it was the hottest line of a call.
 */
export const withSpanWhen = <A, E, R>(recording: boolean, name: string, effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  recording ? Effect.withSpan(effect, name, { captureStackTrace: false }) : effect
