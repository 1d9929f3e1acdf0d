/**
 * Fault injection, per endpoint and per attempt: latency, a status code with a body, a connection
 * reset, a malformed or truncated body, an HTML error page, an empty body.
 *
 * A rule counts the requests to its endpoint from the moment it is set; `attempts: [1, 2]` hits the
 * first two, `times: 3` the next three, neither means every request. `phase: "before"` answers with
 * the fault without processing the request; `"after"` processes it (state changes, as when Flow did
 * the work but the answer was lost) and then answers with the fault.
 */
import * as Schema from "effect/Schema"

/**
 * A fault the emulator can answer with: `latency` (ms), `status` (an HTTP status, optional body and
 * headers), `reset`, `malformed` or `truncated` JSON, `html`, or an `empty` body.
 */
export const FaultKind = Schema.Union(
  Schema.Struct({ type: Schema.Literal("latency"), ms: Schema.Number.pipe(Schema.int(), Schema.between(0, 600_000)) }),
  Schema.Struct({
    type: Schema.Literal("status"),
    status: Schema.Number.pipe(Schema.int(), Schema.between(100, 599)),
    body: Schema.optional(Schema.Unknown),
    headers: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String }))
  }),
  Schema.Struct({ type: Schema.Literal("reset") }),
  Schema.Struct({ type: Schema.Literal("malformed") }),
  Schema.Struct({ type: Schema.Literal("truncated") }),
  Schema.Struct({
    type: Schema.Literal("html"),
    status: Schema.optional(Schema.Number.pipe(Schema.int(), Schema.between(100, 599)))
  }),
  Schema.Struct({
    type: Schema.Literal("empty"),
    status: Schema.optional(Schema.Number.pipe(Schema.int(), Schema.between(100, 599)))
  })
)
/**
 * A fault the emulator can answer with: `latency` (ms), `status` (an HTTP status, optional body and
 * headers), `reset`, `malformed` or `truncated` JSON, `html`, or an `empty` body.
 */
export type FaultKind = typeof FaultKind.Type

/**
 * A fault rule as the admin API takes it: the `endpoint` (`customer/charge`, or `*`), the `fault`,
 * which `attempts` or how many `times`, and the `phase` (`before` the work, or `after` it, so the work
 * is done but the answer is lost).
 */
export const FaultRequest = Schema.Struct({
  /** `customer/charge` (or just `charge`), or `*` for every endpoint. */
  endpoint: Schema.String,
  fault: FaultKind,
  attempts: Schema.optional(Schema.Array(Schema.Number.pipe(Schema.int(), Schema.positive()))),
  times: Schema.optional(Schema.Number.pipe(Schema.int(), Schema.positive())),
  phase: Schema.optional(Schema.Literal("before", "after"))
})
/**
 * A fault rule as the admin API takes it: the `endpoint` (`customer/charge`, or `*`), the `fault`,
 * which `attempts` or how many `times`, and the `phase` (`before` the work, or `after` it, so the work
 * is done but the answer is lost).
 */
export type FaultRequest = typeof FaultRequest.Type

/**
 * A fault rule in force: its `id`, what it matches and does, and how many requests it has `seen` and
 * `applied` to.
 */
export interface FaultRule {
  readonly id: number
  readonly endpoint: string
  readonly fault: FaultKind
  readonly attempts: ReadonlyArray<number> | undefined
  readonly times: number | undefined
  readonly phase: "before" | "after"
  /** Requests to the endpoint since the rule was set. */
  seen: number
  /** Requests the rule answered. */
  applied: number
}

/**
 * An endpoint's path under `/api`: accepts `customer/charge`, `/api/customer/charge`, or a bare
 * `charge` (a customer operation); a path of another resource (`payment/getStatus`) is kept as given.
 */
export const normalizeEndpoint = (endpoint: string): string => {
  if (endpoint === "*") return endpoint
  const path = endpoint.replace(/^\/?(api\/)?/, "")
  return path.includes("/") ? path : `customer/${path}`
}

/**
 * The fault rules of a running emulator (`emulator.faults`): `add` a rule, `remove` or `clear` them;
 * each request to a matching endpoint is answered with the fault instead, before or after the work.
 */
export class Faults {
  private rules: Array<FaultRule> = []
  private nextId = 1

  add(request: FaultRequest): FaultRule {
    const rule: FaultRule = {
      id: this.nextId++,
      endpoint: normalizeEndpoint(request.endpoint),
      fault: request.fault,
      attempts: request.attempts,
      times: request.times,
      // a truncated answer is a real answer cut short, so the request is processed first
      phase: request.phase ?? (request.fault.type === "truncated" ? "after" : "before"),
      seen: 0,
      applied: 0
    }
    this.rules.push(rule)
    return rule
  }

  list(): ReadonlyArray<FaultRule> {
    return this.rules
  }

  remove(id: number): boolean {
    const before = this.rules.length
    this.rules = this.rules.filter((r) => r.id !== id)
    return this.rules.length < before
  }

  clear(): void {
    this.rules = []
  }

  /** Counts this request against every rule of its endpoint; returns the first rule that fires. */
  match(endpoint: string): FaultRule | undefined {
    let hit: FaultRule | undefined
    for (const rule of this.rules) {
      if (rule.endpoint !== "*" && rule.endpoint !== endpoint) continue
      rule.seen++
      const fires = rule.attempts !== undefined
        ? rule.attempts.includes(rule.seen)
        : rule.times !== undefined
        ? rule.applied < rule.times
        : true
      if (fires && hit === undefined) {
        rule.applied++
        hit = rule
      }
    }
    return hit
  }
}
