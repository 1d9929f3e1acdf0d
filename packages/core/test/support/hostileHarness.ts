/**
 * Calling FlowCustomers over a real transport for the hostile-answer tests, and reading what the
 * caller got: the value, or the operation's own failure (a defect or an interruption fails the test).
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import type * as HttpClient from "@effect/platform/HttpClient"
import { expect } from "@effect/vitest"
import * as Cause from "effect/Cause"
import type * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import { FlowConfig, FlowCustomers, type FlowOperationError } from "../../src/index.js"
import * as UndiciHttpClient from "../../src/UndiciHttpClient.js"
import { type AnswerCase, assertNoPollution, type OperationKey, operations } from "./hostileAnswers.js"

export const transports: ReadonlyArray<readonly [string, Layer.Layer<HttpClient.HttpClient>]> = [
  ["UndiciHttpClient", UndiciHttpClient.layer],
  ["FetchHttpClient", FetchHttpClient.layer]
]

/**
 * FlowCustomers over `transport` to `baseUrl()` (read when the layer is built), without retries and
 * with a 1 ms base delay (a write's reconciliation lookup waits for it).
 */
export const customersOver = (
  transport: Layer.Layer<HttpClient.HttpClient>,
  baseUrl: () => string,
  options: { readonly timeout?: number; readonly maxResponseBytes?: number } = {}
) =>
  FlowCustomers.Default.pipe(
    Layer.provide(Layer.suspend(() =>
      FlowConfig.layer({
        apiKey: "K",
        secretKey: "S",
        baseUrl: baseUrl(),
        timeout: options.timeout ?? 30_000,
        retry: { retries: 0, baseDelay: 1 },
        ...(options.maxResponseBytes === undefined ? {} : { maxResponseBytes: options.maxResponseBytes })
      })
    )),
    Layer.provide(transport),
    Layer.orDie
  )

/** The operation at `key` (`card.charge`) of a FlowCustomers, called with the table's arguments. */
export const callOperation = (customers: FlowCustomers, key: OperationKey) => {
  let target: unknown = customers
  for (const part of key.split(".")) target = (target as Record<string, unknown>)[part]
  const operation = target as (...args: ReadonlyArray<unknown>) => Effect.Effect<unknown, FlowOperationError>
  return operation(...operations[key].args)
}

export type Outcome<A> = { readonly value: A } | { readonly error: FlowOperationError }

/** The call's outcome: its value, or its failure; a defect or an interruption fails the test. */
export const outcome = <A>(exit: Exit.Exit<A, FlowOperationError>): Outcome<A> => {
  if (Exit.isSuccess(exit)) return { value: exit.value }
  const failure = Cause.failureOption(exit.cause)
  if (failure._tag === "None") throw new Error(`not a failure of the operation: ${Cause.pretty(exit.cause)}`)
  return { error: failure.value }
}

/** The operation's failure, or a thrown test failure when the call succeeded. */
export const failureOf = <A>(result: Outcome<A>): FlowOperationError => {
  if ("error" in result) return result.error
  throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`)
}

/** Checks a call's outcome against a case of the table. */
export const expectOutcome = (result: Outcome<unknown>, answer: AnswerCase) => {
  const expected = answer.expect
  if ("value" in expected) {
    if (!("value" in result)) throw new Error(`expected a value, got ${result.error.message}`)
    expect(result.value).toStrictEqual(expected.value)
    if (answer.clean) assertNoPollution(result.value)
    return
  }
  const error = failureOf(result)
  expect(error._tag).toBe(operations[answer.op].errorTag)
  expect(error.reason._tag).toBe(expected.reason)
  expect(error.statusCode).toBe(expected.statusCode)
  if (expected.path !== undefined) expect(error.reason).toMatchObject({ path: expected.path })
  if (expected.maxMessage !== undefined) expect(error.message.length).toBeLessThanOrEqual(expected.maxMessage)
}
