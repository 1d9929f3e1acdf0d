/**
 * @flowcl/core: Flow.cl's customer API as Effect services.
 *
 * ```ts
 * const program = Effect.gen(function*() {
 *   const customers = yield* FlowCustomers
 *   return yield* customers.create({ name: "Ana", email: "ana@example.cl", externalId: "42" })
 * })
 * program.pipe(
 *   Effect.provide(FlowCustomers.Default),
 *   Effect.provide(Layer.merge(FlowConfig.layer({ apiKey, secretKey }), FetchHttpClient.layer))
 * )
 * ```
 *
 * Layout: every operation is declared once in `Operations.ts` (its error class, Flow's verb and path,
 * its Schemas from `CustomerRequests.ts` / `CustomerResponses.ts`, whether it pages or is reconciled);
 * `Operation.ts` turns the declarations into the functions of `FlowCustomers` and `FlowPayments`;
 * `FlowHttp.ts` is the one place that talks to Flow. To add an operation, start in `Operations.ts`.
 */
export * from "./CustomerRequests.js"
export * from "./CustomerResponses.js"
export * from "./FlowConfig.js"
export { FlowCustomers, type UntilProcessedOptions, type WatchOptions } from "./FlowCustomers.js"
export { FlowPayments } from "./FlowPayments.js"
export * as MassiveChargeCallback from "./MassiveChargeCallback.js"
export { type Built, type ListOperation } from "./Operation.js"
export {
  type AnyOperationDef,
  type DefsOf,
  type ErrorsOf,
  isOperationDef,
  type OperationDef,
  type PathsOf
} from "./OperationDef.js"
export * as PaymentConfirmation from "./PaymentConfirmation.js"
export * from "./FlowErrors.js"
export {
  FlowCallOptions,
  type FlowCallOptionsShape,
  FlowHttp,
  type FlowMethod,
  type FlowParamValue,
  type FlowRequest,
  toFlowParams,
  withCallOptions
} from "./FlowHttp.js"
export * as Pagination from "./Pagination.js"
export * as RegistrationCallback from "./RegistrationCallback.js"
export * from "./sign.js"
export * as Wire from "./Wire.js"
