/**
 * @flowcl/core: Flow.cl's customer API as Effect services (https://developers.flow.cl/api).
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
 * its request Schema from `CustomerRequests.ts` (fields in `RequestFields.ts`), its answer Schema from
 * `Responses.ts` (one module per resource in `responses/`), whether it pages or is reconciled; the params
 * helpers are in `OperationParams.ts`);
 * `Operation.ts` turns the declarations into the functions of `FlowCustomers` and `FlowPayments`;
 * `FlowHttp.ts` is the one place that talks to Flow. To add an operation, start in `Operations.ts`.
 *
 * @module @flowcl/core
 */
export * from "./CustomerRequests.js"
export * from "./Responses.js"
export * from "./FlowConfig.js"
export { FlowCustomers, type UntilProcessedOptions, type WatchOptions } from "./FlowCustomers.js"
export { FlowPayments } from "./FlowPayments.js"
/**
 * FlowCustomers and FlowPayments on one FlowHttp, as one scoped Effect (`make`) or one layer (`layer`):
 * the cheapest way to build both.
 *
 * @since 0.1.0
 * @category services
 */
export * as FlowServices from "./FlowServices.js"
/**
 * The handler of Flow's POST to a massive charge's `urlCallBack`: reads the batch `token`, asks
 * `card.massiveChargeStatus` (GET `customer/getBatchCollectStatus`) and gives the batch's status with each
 * row's outcome. `handler(f)` for `@effect/platform` routers, `fromRequest` for web `Request`s.
 *
 * @since 0.1.0
 * @category callbacks
 */
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
/**
 * The handler of Flow's POST to `urlConfirmation`: reads the payment `token`, asks `payments.getStatus`
 * (GET `payment/getStatus`) and gives the payment (`status` {@link FlowPaymentStatus}). The POST is unsigned:
 * the payment comes only from the signed read. `handler(f)` for `@effect/platform` routers, `fromRequest`
 * for web `Request`s.
 *
 * @since 0.1.0
 * @category callbacks
 */
export * as PaymentConfirmation from "./PaymentConfirmation.js"
export * from "./FlowErrors.js"
export {
  FlowCallOptions,
  type FlowCallOptionsShape,
  FlowHttp,
  type FlowMethod,
  type FlowParamValue,
  type FlowRequest,
  type FlowRequestTracker,
  requestMayHaveLeft,
  toFlowParams,
  withCallOptions
} from "./FlowHttp.js"
/**
 * Walking Flow's lists page by page (`start`/`limit` while `hasMore`), one page fetched ahead: the
 * streams behind `list.stream` and `list.pages`, with the bounds that end a walk Flow's pages cannot make.
 *
 * @since 0.1.0
 * @category pagination
 */
export * as Pagination from "./Pagination.js"
/**
 * The handler of Flow's POST to a card registration's `url_return`: reads the `token`, asks `card.status`
 * (GET `customer/getRegisterStatus`) and gives the registration's outcome. `handler(f)` for
 * `@effect/platform` routers, `fromRequest` for web `Request`s.
 *
 * @since 0.1.0
 * @category callbacks
 */
export * as RegistrationCallback from "./RegistrationCallback.js"
export * from "./Statuses.js"
export * from "./sign.js"
/**
 * The tolerant decoders of Flow's answers: numbers as text, PHP's `[]`/`{}`/`""` for absent values, open
 * enums ({@link Wire.Unrecognized}) for statuses Flow adds later, and safe previews of bad values.
 *
 * @since 0.1.0
 * @category wire
 */
export * as Wire from "./Wire.js"
