/**
 * A tracer that keeps every span it is asked for: name, parent, kind, attributes, events and exit,
 * to assert names and attributes (core's tracing tests, the secrets tests of packages/integration).
 */
import type * as Context from "effect/Context"
import type * as Exit from "effect/Exit"
import * as Option from "effect/Option"
import * as Tracer from "effect/Tracer"

export interface RecordedEvent {
  readonly name: string
  readonly attributes: Record<string, unknown> | undefined
}

export interface RecordedSpan {
  readonly name: string
  readonly parent: string | undefined
  readonly kind: Tracer.SpanKind
  readonly attributes: Map<string, unknown>
  readonly events: Array<RecordedEvent>
  exit: Exit.Exit<unknown, unknown> | undefined
}

export const makeRecordingTracer = () => {
  const spans: Array<RecordedSpan> = []
  let next = 0
  const tracer = Tracer.make({
    span(name, parent, context: Context.Context<never>, links, startTime, kind) {
      const recorded: RecordedSpan = {
        name,
        parent: Option.isSome(parent) && parent.value._tag === "Span" ? parent.value.name : undefined,
        kind,
        attributes: new Map(),
        events: [],
        exit: undefined
      }
      spans.push(recorded)
      const spanId = `span-${next++}`
      const span: Tracer.Span = {
        _tag: "Span",
        name,
        spanId,
        traceId: "trace",
        parent,
        context,
        status: { _tag: "Started", startTime },
        attributes: recorded.attributes,
        links: Array.from(links),
        sampled: true,
        kind,
        end(_endTime, exit) {
          recorded.exit = exit
        },
        attribute(key, value) {
          recorded.attributes.set(key, value)
        },
        event(name, _startTime, attributes) {
          recorded.events.push({ name, attributes })
        },
        addLinks() {}
      }
      return span
    },
    context: (f) => f()
  })
  return { tracer, spans }
}
