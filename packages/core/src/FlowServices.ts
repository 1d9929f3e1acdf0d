/**
 * FlowCustomers and FlowPayments on one FlowHttp, built as one scoped Effect rather than as a graph
 * of layers. `FlowNode.layer` and the Promise package's client are made from it.
 *
 * Why not `Layer.mergeAll(FlowCustomers.Default, FlowPayments.Default)` with its dependencies
 * provided: the result is the same services, but the first build of that graph runs a good deal of
 * Layer code (memo map, scopes per layer, merges, provides) for the first time. Measured on fresh
 * Node processes, building the Promise client's services through that graph cost about 30–45 ms,
 * through this one Effect about 10–15 ms: the difference was most of what a serverless function's first
 * call paid beyond the import.
 *
 * @since 0.1.0
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"
import type { FlowConfig } from "./FlowConfig.js"
import { FlowCustomers, make as makeCustomers } from "./FlowCustomers.js"
import { FlowHttp, make as makeHttp } from "./FlowHttp.js"
import { FlowPayments, make as makePayments } from "./FlowPayments.js"

/**
 * Both services over one FlowHttp, whose shutdown (the `closeGrace` wait for calls under way) is
 * bound to the scope.
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<
  Context.Context<FlowCustomers | FlowPayments>,
  never,
  FlowConfig | HttpClient.HttpClient | Scope.Scope
> = Effect.gen(function*() {
  const http = FlowHttp.make(yield* makeHttp)
  const customers = yield* Effect.provideService(makeCustomers, FlowHttp, http)
  const payments = yield* Effect.provideService(makePayments, FlowHttp, http)
  return Context.make(FlowCustomers, FlowCustomers.make(customers)).pipe(
    Context.add(FlowPayments, FlowPayments.make(payments))
  )
})

/**
 * {@link make} as a layer: FlowCustomers and FlowPayments, needing only `FlowConfig` and an
 * `HttpClient`.
 *
 * @example
 * ```ts
 * const FlowLive = FlowServices.layer.pipe(Layer.provide(Layer.merge(FlowConfig.layerConfig(), FetchHttpClient.layer)))
 * ```
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<FlowCustomers | FlowPayments, never, FlowConfig | HttpClient.HttpClient> = Layer
  .scopedContext(make)
