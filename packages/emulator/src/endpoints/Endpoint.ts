/**
 * What an endpoint is: Flow's verb and a rule over the emulator's state that reads the params, applies
 * Flow's business rules, and returns the answer plus any follow-up work (a callback to POST, a batch
 * to process) that the server runs asynchronously. Shared lookups live here too.
 */
import type { AnswerWriter } from "../answers/AnswerWriter.js"
import type { CallbackRecord, CustomerRecord, EmulatorState } from "../EmulatorState.js"
import { ErrorCodes, FlowFailure } from "../Failures.js"
import type { Params } from "../Params.js"

export interface EndpointContext {
  readonly state: EmulatorState
  /** The answer form in use. */
  readonly answers: AnswerWriter
  /** `http://host:port` as the client reached the emulator; links point back here. */
  readonly origin: string
}

/** Work the server does after answering: Flow's callbacks, and processing a batch. */
export type FollowUp =
  | { readonly _tag: "Callback"; readonly kind: CallbackRecord["kind"]; readonly url: string; readonly token: string }
  | { readonly _tag: "ProcessBatch"; readonly token: string }

export interface EndpointResult {
  readonly body: unknown
  readonly followUps?: ReadonlyArray<FollowUp>
}

export interface Endpoint {
  readonly method: "GET" | "POST"
  readonly handle: (params: Params, ctx: EndpointContext) => EndpointResult
}

/** A customer, deleted or not; unknown is 401 code 1001. */
export const findCustomer = (state: EmulatorState, customerId: string): CustomerRecord => {
  const customer = state.customers.get(customerId)
  if (customer === undefined) {
    throw new FlowFailure(401, ErrorCodes.customerNotFound, `Customer ${customerId} not found`)
  }
  return customer
}

/** A customer that is not deleted; unknown or deleted is 401 code 1001. */
export const activeCustomer = (state: EmulatorState, customerId: string): CustomerRecord => {
  const customer = findCustomer(state, customerId)
  if (customer.status === 0) {
    throw new FlowFailure(401, ErrorCodes.customerNotFound, `Customer ${customerId} is deleted`)
  }
  return customer
}

/** A list's `start` (default 0) and `limit` (default 10, at most 100). */
export const paging = (params: Params) => ({
  start: params.optionalInt("start", 0) ?? 0,
  limit: params.optionalInt("limit", 1, 100) ?? 10
})

/** A list's `filter`: a case-insensitive substring; absent matches everything. */
export const contains = (haystack: string, needle: string | undefined): boolean =>
  needle === undefined || haystack.toLowerCase().includes(needle.toLowerCase())

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** A resource's endpoints, by name (or path), keeping the names in the type: what CustomerEndpoints.ts checks against core's operations. */
export const endpointsOf = <K extends string>(endpoints: Readonly<Record<K, Endpoint>>): Readonly<Record<K, Endpoint>> => endpoints
