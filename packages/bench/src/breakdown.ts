/**
 * Where a core call's CPU goes, piece by piece, in process: the fixed costs of one `get` that the
 * floor does not pay. Prints one JSON object { piece: µs per call }. Run by bench.ts.
 */
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { Customer, CustomerIdRequest, FlowConnectionError, FlowGetCustomerError, sign } from "@flowcl/core"
import * as Effect from "effect/Effect"
import * as Redacted from "effect/Redacted"
import * as Schema from "effect/Schema"

const N = 20_000

/** Median µs per call over 5 batches of `n` (N unless a piece is slow), after a warm-up. */
const cost = (f: () => unknown, n = N): number => {
  for (let i = 0; i < n / 4; i++) f()
  const samples: Array<number> = []
  for (let k = 0; k < 5; k++) {
    const started = process.cpuUsage()
    for (let i = 0; i < n; i++) f()
    const used = process.cpuUsage(started)
    samples.push((used.user + used.system) / n)
  }
  return Math.round(samples.sort((a, b) => a - b)[2]! * 100) / 100
}

const customerJson = {
  customerId: "cus_onoolldvec",
  created: "2017-07-21 12:33:15",
  email: "ana@example.cl",
  name: "Ana Pérez",
  pay_mode: "auto",
  creditCardType: "Visa",
  last4CardDigits: "4425",
  externalId: "14233531-8",
  status: "1",
  registerDate: "2017-07-21 14:22:01"
}
const validate = Schema.decodeUnknownEither(CustomerIdRequest, { errors: "all" })
// FastDecode is internal to core: read from its built module, the instance that registered Customer
const { fastDecoderOf } = (await import(new URL("../../core/dist/esm/FastDecode.js", import.meta.url).href)) as {
  readonly fastDecoderOf: (schema: object) => ((raw: unknown) => unknown) | undefined
}
const fastCustomer = fastDecoderOf(Customer)!
const decode = Schema.decodeUnknownEither(Customer)
const secret = Redacted.make("bench-secret-key")
const params = { apiKey: "bench-api-key", customerId: "cus_onoolldvec" }

// an operation span (what Effect.fn adds to every operation) against the same body untraced
const traced = Effect.fn("customers.get")(function*() {
  return yield* Effect.succeed(1)
})
const untraced = Effect.fnUntraced(function*() {
  return yield* Effect.succeed(1)
})
const runSync = <A>(effect: Effect.Effect<A>) => Effect.runSync(effect)
const unchecked = { disableValidation: true } as const
const reasonProps = { message: "connection refused", mayHaveReachedFlow: false, cause: new Error("ECONNREFUSED") }

const pieces = {
  "validate the input (Schema)": cost(() => validate({ customerId: "cus_onoolldvec" })),
  "decode the answer (Schema, 10 fields; only answers the fast decoder declines)": cost(() => decode(customerJson)),
  "parse the answer (JSON.parse)": cost(() => JSON.parse(JSON.stringify(customerJson))),
  "sign (HMAC-SHA256)": cost(() => sign(params, secret)),
  "build the HttpClientRequest (generic transports only)": cost(() =>
    HttpClientRequest.get("http://127.0.0.1/api/customer/get", { urlParams: { ...params, s: "x" }, acceptJson: true })
  ),
  // what a call runs: Schema decodes only an answer the fast decoder declines (FastDecode.ts)
  "decode the answer (core's fast decoder, 10 fields)": cost(() => fastCustomer(customerJson)),
  // paid only when a tracer that records is installed (Tracing.ts); 0 under Effect's built-in one
  "an operation's span, when recorded (Effect.fn vs fnUntraced)": Math.round((cost(() => runSync(traced())) - cost(() => runSync(untraced()))) * 100) / 100,
  "run an Effect (runSync of a 1-step program)": cost(() => runSync(Effect.succeed(1))),
  // a failed call makes a reason and its operation's error: core makes them unchecked (Unchecked.ts)
  "make a failed call's errors, as core does (fields not checked again)": cost(() =>
    new FlowGetCustomerError({ reason: new FlowConnectionError(reasonProps, unchecked) }, unchecked), 2_000),
  "make a failed call's errors with Schema's check on construction": cost(() =>
    new FlowGetCustomerError({ reason: new FlowConnectionError(reasonProps) }), 2_000)
}
console.log(JSON.stringify(pieces))
