/**
 * Calling the Promise API over each transport for the hostile-answer tests, and reading what the
 * caller got: the value, or a rejection that must be the operation's own class (a FlowError) with one
 * of the reason classes as `cause`. Anything else (a FiberFailure, a RangeError, a string) fails.
 */
import { expect } from "@effect/vitest"
import {
  assertNoPollution,
  type AnswerCase,
  type OperationKey,
  operations
} from "../../../core/test/support/hostileAnswers.js"
import { operationErrorClass, type OperationErrorName } from "../../src/errors.js"
import {
  Flow,
  FlowAbortedError,
  FlowAPIError,
  FlowAuthenticationError,
  FlowClosedError,
  FlowConnectionError,
  FlowDecodeError,
  FlowError,
  type FlowOptions,
  FlowTimeoutError,
  type FlowTransport,
  FlowValidationError
} from "@flowcl/promise"

export const transports: ReadonlyArray<FlowTransport> = ["undici", "fetch"]

/** A Flow over `transport` to `baseUrl`, without retries and with a 1 ms base delay. */
export const flowOver = (transport: FlowTransport, baseUrl: string, options: FlowOptions = {}) =>
  new Flow("K", "S", "sandbox", { baseUrl, transport, timeout: 30_000, retry: { retries: 0, baseDelay: 1 }, ...options })

/** The method at `key` (`card.charge`) of `flow.customers`, called with the table's arguments. */
export const callOperation = (flow: Flow, key: OperationKey): Promise<unknown> => {
  let target: unknown = flow.customers
  for (const part of key.split(".")) target = (target as Record<string, unknown>)[part]
  const method = target as (...args: ReadonlyArray<unknown>) => PromiseLike<unknown>
  return Promise.resolve(method(...operations[key].args))
}

const reasons = {
  FlowAbortedError,
  FlowAPIError,
  FlowAuthenticationError,
  FlowClosedError,
  FlowConnectionError,
  FlowDecodeError,
  FlowTimeoutError,
  FlowValidationError
} as const

export type Outcome = { readonly value: unknown } | { readonly error: FlowError }

/**
 * How `promise` settled. A rejection must be a FlowError whose `cause` is one of the reason classes;
 * anything else fails the test.
 */
export const settle = (promise: PromiseLike<unknown>): Promise<Outcome> =>
  Promise.resolve(promise).then(
    (value) => ({ value }),
    (error: unknown) => {
      if (!(error instanceof FlowError)) throw new Error(`rejected with something else than a FlowError: ${String(error)}`)
      if (!Object.values(reasons).some((reason) => error.cause instanceof reason)) {
        throw new Error(`the cause is not a reason class: ${String(error.cause)}`)
      }
      return { error }
    }
  )

/** The rejection of an outcome, checked to be `errorName`'s class (and a FlowError, an Error). */
export const rejection = (result: Outcome, errorName: OperationErrorName | string): FlowError => {
  if (!("error" in result)) throw new Error(`expected a rejection, got ${JSON.stringify(result.value)}`)
  expect(result.error).toBeInstanceOf(operationErrorClass(errorName as OperationErrorName))
  expect(result.error).toBeInstanceOf(FlowError)
  expect(result.error).toBeInstanceOf(Error)
  expect(result.error.name).toBe(errorName)
  return result.error
}

/** The reason class of a rejection's `cause`, by name. */
export const reasonOf = (error: FlowError) =>
  Object.entries(reasons).find(([, reason]) => error.cause instanceof reason)?.[0]

/** Checks a call's outcome against a case of the table. */
export const expectOutcome = (result: Outcome, answer: AnswerCase) => {
  const expected = answer.expect
  if ("value" in expected) {
    if (!("value" in result)) throw new Error(`expected a value, got ${result.error.message}`)
    expect(result.value).toStrictEqual(expected.value)
    if (answer.clean) assertNoPollution(result.value)
    return
  }
  const error = rejection(result, operations[answer.op].errorTag)
  expect(error.cause).toBeInstanceOf(reasons[expected.reason])
  expect(error.statusCode).toBe(expected.statusCode)
  if (expected.path !== undefined) expect((error.cause as FlowDecodeError).path).toBe(expected.path)
  if (expected.maxMessage !== undefined) expect(error.message.length).toBeLessThanOrEqual(expected.maxMessage)
}
