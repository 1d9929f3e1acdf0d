/**
 * `@flowcl/core/node`: the fast default for Effect programs on Node, in one call. `FlowCustomers` and
 * `FlowPayments` (sharing one FlowHttp) over core's undici transport (`UndiciHttpClient`, a private
 * keep-alive pool closed with the layer), which `pnpm bench` measures several times cheaper per call
 * than `FetchHttpClient` on Node (BENCHMARKS.md).
 *
 * ```ts
 * import { FlowCustomers } from "@flowcl/core"
 * import * as FlowNode from "@flowcl/core/node"
 *
 * program.pipe(Effect.provide(FlowNode.layer({ apiKey, secretKey, environment: "sandbox" })))
 * // or from FLOW_API_KEY, FLOW_SECRET_KEY, FLOW_ENVIRONMENT, …
 * program.pipe(Effect.provide(FlowNode.layerConfig()))
 * ```
 *
 * A separate entry, so that `@flowcl/core` itself never loads undici: on runtimes without Node (workers,
 * Deno, Bun, browsers), provide `FlowConfig` and `FetchHttpClient.layer` to `FlowCustomers.Default`.
 *
 * @since 0.1.0
 * @module @flowcl/core/node
 */
import type * as HttpClient from "@effect/platform/HttpClient"
import type * as Config from "effect/Config"
import type * as ConfigError from "effect/ConfigError"
import * as Layer from "effect/Layer"
import { FlowConfig, type FlowConfigOptions } from "./FlowConfig.js"
import type { FlowCustomers } from "./FlowCustomers.js"
import { type FlowAuthenticationError, FlowValidationError } from "./FlowErrorReasons.js"
import type { FlowPayments } from "./FlowPayments.js"
import * as FlowServices from "./FlowServices.js"
import * as UndiciHttpClient from "./UndiciHttpClient.js"
import { unchecked } from "./Unchecked.js"

/**
 * What {@link layer} takes: FlowConfig's options, and the most connections kept to Flow
 * (default {@link UndiciHttpClient.DEFAULT_CONNECTIONS}).
 *
 * @since 0.1.0
 * @category models
 */
export interface FlowNodeOptions extends FlowConfigOptions {
  readonly connections?: number | undefined
}

/** The services over `config` and the undici transport. */
const servicesOver = <E>(
  config: Layer.Layer<FlowConfig, E>,
  transport: Layer.Layer<HttpClient.HttpClient>
): Layer.Layer<FlowCustomers | FlowPayments, E> =>
  // one FlowHttp for both (FlowServices.ts)
  FlowServices.layer.pipe(Layer.provide(Layer.merge(config, transport)))

/**
 * `FlowCustomers` and `FlowPayments` on Node's fast transport, from options given in code. Fails to
 * build with `FlowAuthenticationError` (a key missing) or `FlowValidationError` (an option out of range),
 * before anything is sent.
 *
 * @since 0.1.0
 * @category layers
 */
export const layer = (
  options: FlowNodeOptions
): Layer.Layer<FlowCustomers | FlowPayments, FlowAuthenticationError | FlowValidationError> => {
  const { connections, ...config } = options
  // undici would throw its own error from inside the layer (a defect): refused here, named
  if (connections !== undefined && (!Number.isSafeInteger(connections) || connections < 1)) {
    return Layer.fail(
      new FlowValidationError({ field: "connections", message: "connections must be a whole number of 1 or more" }, unchecked)
    )
  }
  return servicesOver(FlowConfig.layer(config), UndiciHttpClient.layerWith({ connections }))
}

/**
 * `FlowCustomers` and `FlowPayments` on Node's fast transport, from Effect `Config`: by default
 * `FLOW_API_KEY`, `FLOW_SECRET_KEY`, `FLOW_ENVIRONMENT`, … as {@link FlowConfig.layerConfig} reads them,
 * or a record of one `Config` per option.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerConfig = (
  config?: Config.Config.Wrap<FlowConfigOptions>
): Layer.Layer<FlowCustomers | FlowPayments, ConfigError.ConfigError> =>
  servicesOver(FlowConfig.layerConfig(config), UndiciHttpClient.layer)
