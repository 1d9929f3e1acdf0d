/**
 * What every operation of FlowCustomers and FlowPayments shares: reading and checking the caller's
 * input once, and turning any failure into the operation's own error.
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import {
  describeParseError,
  FlowConnectionError,
  type FlowErrorReason,
  type FlowReconciliation,
  FlowValidationError
} from "./FlowErrors.js"
import { plainInput } from "./PlainInput.js"
import { UnresolvedWrite } from "./Reconciliation.js"

/**
 * Decodes untrusted input (plain JavaScript may pass anything). The input is first copied to plain
 * data, each property read once (PlainInput.ts), so what is checked is what is sent. Request Schemas
 * refuse unknown fields themselves (CustomerRequests.ts `Closed`), so a typo cannot go unnoticed.
 */
export const validate = <A, I>(schema: Schema.Schema<A, I, never>, input: unknown): Effect.Effect<A, FlowValidationError> => {
  const copied = plainInput(input)
  if (!copied.ok) {
    return Effect.fail(
      new FlowValidationError({
        field: copied.field,
        message: `Invalid input: ${copied.field === "" ? "" : `${copied.field}: `}${copied.message}`
      })
    )
  }
  try {
    return Either.match(Schema.decodeUnknownEither(schema, { errors: "all" })(copied.value), {
      onRight: Effect.succeed,
      onLeft: (error) => {
        const { message, path } = describeParseError(error)
        return Effect.fail(new FlowValidationError({ field: path, message: `Invalid input: ${message}` }))
      }
    })
  } catch (cause) {
    return Effect.fail(
      new FlowValidationError({
        field: "",
        message: `Invalid input: it could not be checked (${cause instanceof Error ? cause.name : "unknown error"})`
      })
    )
  }
}

/**
 * Wraps a reason (and what reconciliation learnt, for a write it could not settle) into an operation's
 * error. A defect (a bug, never an input or an answer: those have
 * their own reasons) still ends as the operation's error, as a connection failure that may have reached
 * Flow, since where it happened is unknown: for a write, the outcome is then unknown, never "failed".
 */
export const failWith = <E>(
  make: new(props: { readonly reason: FlowErrorReason; readonly reconciliation?: FlowReconciliation }) => E
) =>
<A, R>(effect: Effect.Effect<A, FlowErrorReason | UnresolvedWrite, R>): Effect.Effect<A, E, R> =>
  effect.pipe(
    Effect.catchAllDefect((defect) =>
      Effect.fail(
        new FlowConnectionError({
          message: `The call stopped on an unexpected internal error; the request may have reached Flow (${
            defect instanceof Error ? defect.name : "unknown error"
          })`,
          mayHaveReachedFlow: true,
          cause: defect
        })
      )
    ),
    Effect.mapError((error) =>
      error instanceof UnresolvedWrite
        ? new make({ reason: error.reason, reconciliation: error.report })
        : new make({ reason: error })
    )
  )

