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

/** `effect` in a span named `name` when a tracer records it; `effect` itself otherwise. */
export const withSpanIfRecorded = (name: string) => <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.tracerWith((tracer) => records(tracer) ? Effect.withSpan(effect, name, { captureStackTrace: false }) : effect)
