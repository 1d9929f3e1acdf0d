/**
 * Who we are to Flow and where Flow is: keys, environment, base URL, timeout.
 *
 * Build it from values with `FlowConfig.layer({...})`, or from the environment with
 * `FlowConfig.layerConfig()` (`FLOW_API_KEY`, `FLOW_SECRET_KEY`, `FLOW_ENVIRONMENT`, `FLOW_BASE_URL`,
 * `FLOW_TIMEOUT`, `FLOW_RETRIES`, `FLOW_MAX_RESPONSE_BYTES`, `FLOW_RECONCILE`, `FLOW_MAX_BATCH_ROWS`,
 * `FLOW_CLOSE_GRACE`). The secret key is held as a `Redacted` from the first moment.
 */
import * as Config from "effect/Config"
import * as ConfigError from "effect/ConfigError"
import * as Context from "effect/Context"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import { FlowAuthenticationError, FlowValidationError } from "./FlowErrorReasons.js"
import { unchecked } from "./Unchecked.js"

/**
 * Which Flow a client talks to: `"sandbox"` (https://sandbox.flow.cl/api) or `"production"`
 * (https://www.flow.cl/api).
 *
 * @since 0.1.0
 * @category config
 */
export type FlowEnvironment = "sandbox" | "production"

/**
 * Flow's API base URLs (docs/flow-api.md, "Transport").
 *
 * @since 0.1.0
 * @category config
 */
export const FlowBaseUrls: { readonly [E in FlowEnvironment]: string } = {
  sandbox: "https://sandbox.flow.cl/api",
  production: "https://www.flow.cl/api"
}

/**
 * Default time allowed for one whole call, reading the body included.
 *
 * @since 0.1.0
 * @category config
 */
export const DEFAULT_TIMEOUT: Duration.Duration = Duration.seconds(30)

/**
 * When a failed call is tried again (RELIABILITY.md). Reads (GET) are retried after a transport
 * failure, a timeout, 429 or 5xx. Writes (POST) only when the connection was never made: Flow has
 * no idempotency keys, so a write that may have reached Flow is never sent twice.
 *
 * @since 0.1.0
 * @category config
 */
export interface FlowRetryPolicy {
  /** Tries after the first; 0 disables retries. Default 2. */
  readonly retries: number
  /** First backoff; each next one doubles, with jitter (half to all of it). Default 500 ms. */
  readonly baseDelay: Duration.Duration
  /** Longest wait between tries, `Retry-After` included: Flow asking for more ends the retries. Default 5 s. */
  readonly maxDelay: Duration.Duration
}

/**
 * Default most rows of one massive charge.
 *
 * @since 0.1.0
 * @category config
 */
export const DEFAULT_MAX_BATCH_ROWS = 5_000
const MAX_BATCH_ROWS_LIMIT = 100_000
/**
 * Default time calls in flight may still finish after the client is closed.
 *
 * @since 0.1.0
 * @category config
 */
export const DEFAULT_CLOSE_GRACE: Duration.Duration = Duration.seconds(5)

/**
 * Default largest answer body read: 10 MiB.
 *
 * @since 0.1.0
 * @category config
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024
/** The largest `maxResponseBytes` accepted: 256 MiB, well within what one string can hold. */
const MAX_RESPONSE_BYTES_LIMIT = 256 * 1024 * 1024

/**
 * The default {@link FlowRetryPolicy}: 2 retries, 500 ms first backoff, 5 s at most between tries.
 *
 * @since 0.1.0
 * @category config
 */
export const DEFAULT_RETRY: FlowRetryPolicy = {
  retries: 2,
  baseDelay: Duration.millis(500),
  maxDelay: Duration.seconds(5)
}

/**
 * What `FlowConfigOptions.retry` takes: any of `retries`, `baseDelay`, `maxDelay` (see
 * {@link FlowRetryPolicy}); the others keep their defaults.
 *
 * @since 0.1.0
 * @category config
 */
export interface FlowRetryOptions {
  readonly retries?: number | undefined
  readonly baseDelay?: Duration.DurationInput | undefined
  readonly maxDelay?: Duration.DurationInput | undefined
}

/**
 * What `FlowConfig.layer` takes.
 *
 * @since 0.1.0
 * @category config
 */
export interface FlowConfigOptions {
  /** Your Flow apiKey (Flow's "Mis datos" page of the environment); a `Redacted` one is read too. */
  readonly apiKey: string | Redacted.Redacted<string>
  /** Your Flow secretKey: only ever used to sign, held as a `Redacted`. */
  readonly secretKey: string | Redacted.Redacted<string>
  /** Default `"sandbox"`. */
  readonly environment?: FlowEnvironment | undefined
  /** Replaces the environment's base URL (an emulator, a proxy), e.g. `http://127.0.0.1:8080/api`. */
  readonly baseUrl?: string | undefined
  /** Time allowed for one whole call, reading the body included. Default 30 seconds. */
  readonly timeout?: Duration.DurationInput | undefined
  /** When to try a failed call again; see {@link FlowRetryPolicy}. */
  readonly retry?: FlowRetryOptions | undefined
  /**
   * The largest answer body read, in bytes; a larger one is dropped unread and the call fails.
   * Default 10 MiB, far above any answer of Flow's (a 100-item page is tens of KB).
   */
  readonly maxResponseBytes?: number | undefined
  /**
   * Whether a charge or collect whose answer was lost is settled by asking Flow for its order
   * (RELIABILITY.md, "Reconciliation"). Default true.
   */
  readonly reconcile?: boolean | undefined
  /**
   * The most rows one `card.sendMassiveCharge` takes; more are refused before anything is sent.
   * Default 5,000 (a JSON field of about 1 MB); at most 100,000.
   */
  readonly maxBatchRows?: number | undefined
  /**
   * When the client is closed (the layer's scope, or the Promise client's `close()`), how long calls
   * already sent may still finish before they are aborted. Default 5 seconds.
   */
  readonly closeGrace?: Duration.DurationInput | undefined
}

/**
 * The resolved configuration every request reads.
 *
 * @since 0.1.0
 * @category config
 */
export interface FlowConfigShape {
  readonly apiKey: string
  readonly secretKey: Redacted.Redacted<string>
  readonly environment: FlowEnvironment
  /** Base URL without a trailing slash. */
  readonly baseUrl: string
  readonly timeout: Duration.Duration
  readonly retry: FlowRetryPolicy
  readonly maxResponseBytes: number
  readonly reconcile: boolean
  readonly maxBatchRows: number
  readonly closeGrace: Duration.Duration
}

type ConfigProblem =
  | { readonly _tag: "MissingKey"; readonly field: "apiKey" | "secretKey"; readonly message: string }
  | { readonly _tag: "Invalid"; readonly field: string; readonly message: string }

/** Checks options field by field; shared by `make` (typed errors) and `layerConfig` (ConfigError). */
const resolve = (options: FlowConfigOptions): Either.Either<FlowConfigShape, ConfigProblem> => {
  const givenApiKey: unknown = Redacted.isRedacted(options.apiKey) ? Redacted.value(options.apiKey) : options.apiKey
  const apiKey = typeof givenApiKey === "string" ? givenApiKey.trim() : ""
  if (apiKey === "") {
    return Either.left({ _tag: "MissingKey", field: "apiKey", message: "apiKey is missing or empty" })
  }
  const secretKey = Redacted.isRedacted(options.secretKey)
    ? options.secretKey as Redacted.Redacted<string>
    : typeof options.secretKey === "string"
    ? Redacted.make(options.secretKey)
    : undefined
  if (secretKey === undefined || typeof Redacted.value(secretKey) !== "string" || Redacted.value(secretKey) === "") {
    return Either.left({ _tag: "MissingKey", field: "secretKey", message: "secretKey is missing or empty" })
  }
  const environment = options.environment ?? "sandbox"
  if (environment !== "sandbox" && environment !== "production") {
    return Either.left({
      _tag: "Invalid",
      field: "environment",
      message: `environment must be "sandbox" or "production", got ${JSON.stringify(environment)}`
    })
  }
  const baseUrl = typeof options.baseUrl === "string" ? options.baseUrl.replace(/\/+$/, "") : FlowBaseUrls[environment]
  if (options.baseUrl !== undefined) {
    const problem = baseUrlProblem(options.baseUrl, environment)
    if (problem !== undefined) return Either.left({ _tag: "Invalid", field: "baseUrl", message: problem })
  }
  const timeout = Duration.decodeUnknown(options.timeout ?? DEFAULT_TIMEOUT)
  if (Option.isNone(timeout) || !Duration.greaterThan(timeout.value, Duration.zero)) {
    return Either.left({ _tag: "Invalid", field: "timeout", message: "timeout must be a positive duration" })
  }
  const retries = options.retry?.retries ?? DEFAULT_RETRY.retries
  if (!Number.isInteger(retries) || retries < 0 || retries > 10) {
    return Either.left({ _tag: "Invalid", field: "retry.retries", message: "retry.retries must be an integer from 0 to 10" })
  }
  const baseDelay = Duration.decodeUnknown(options.retry?.baseDelay ?? DEFAULT_RETRY.baseDelay)
  const maxDelay = Duration.decodeUnknown(options.retry?.maxDelay ?? DEFAULT_RETRY.maxDelay)
  if (Option.isNone(baseDelay) || Option.isNone(maxDelay) || Duration.lessThan(maxDelay.value, baseDelay.value)) {
    return Either.left({
      _tag: "Invalid",
      field: "retry",
      message: "retry.baseDelay and retry.maxDelay must be durations, with maxDelay ≥ baseDelay"
    })
  }
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES
  if (!Number.isSafeInteger(maxResponseBytes) || maxResponseBytes < 1024 || maxResponseBytes > MAX_RESPONSE_BYTES_LIMIT) {
    return Either.left({
      _tag: "Invalid",
      field: "maxResponseBytes",
      message: `maxResponseBytes must be a whole number of bytes from 1024 to ${MAX_RESPONSE_BYTES_LIMIT}`
    })
  }
  const reconcile = options.reconcile ?? true
  if (typeof reconcile !== "boolean") {
    return Either.left({ _tag: "Invalid", field: "reconcile", message: "reconcile must be true or false" })
  }
  const maxBatchRows = options.maxBatchRows ?? DEFAULT_MAX_BATCH_ROWS
  if (!Number.isSafeInteger(maxBatchRows) || maxBatchRows < 1 || maxBatchRows > MAX_BATCH_ROWS_LIMIT) {
    return Either.left({
      _tag: "Invalid",
      field: "maxBatchRows",
      message: `maxBatchRows must be a whole number from 1 to ${MAX_BATCH_ROWS_LIMIT}`
    })
  }
  const closeGrace = Duration.decodeUnknown(options.closeGrace ?? DEFAULT_CLOSE_GRACE)
  if (Option.isNone(closeGrace) || Duration.lessThan(closeGrace.value, Duration.zero)) {
    return Either.left({ _tag: "Invalid", field: "closeGrace", message: "closeGrace must be a duration (0 or more)" })
  }
  return Either.right({
    apiKey,
    secretKey,
    environment,
    baseUrl,
    timeout: timeout.value,
    retry: { retries, baseDelay: baseDelay.value, maxDelay: maxDelay.value },
    maxResponseBytes,
    reconcile,
    maxBatchRows,
    closeGrace: closeGrace.value
  })
}

/** Userinfo in a URL (`scheme://user:password@host`), found before parsing so it is never echoed. */
const USERINFO = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i

/**
 * Why `text` cannot be a base URL, or undefined. Messages never repeat a password: a URL holding
 * credentials is described, not shown.
 */
const baseUrlProblem = (text: unknown, environment: FlowEnvironment): string | undefined => {
  if (typeof text !== "string") return `baseUrl must be text, got ${typeof text}`
  if (USERINFO.test(text)) {
    return "baseUrl must not hold credentials (user:password@): Flow authenticates with apiKey and the signature"
  }
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return `baseUrl must be an absolute http(s) URL, got ${JSON.stringify(text.slice(0, 200))}`
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return `baseUrl must be an absolute http(s) URL, got ${JSON.stringify(text.slice(0, 200))}`
  }
  if (url.username !== "" || url.password !== "") {
    return "baseUrl must not hold credentials (user:password@): Flow authenticates with apiKey and the signature"
  }
  if (text.includes("?") || text.includes("#")) {
    return "baseUrl must not have a query or a fragment: operations' paths and params are appended to it"
  }
  if (environment === "production" && url.protocol === "http:") {
    return "baseUrl must use https in production: plain http would send signed requests in the clear"
  }
  return undefined
}

/**
 * The configuration every request reads (keys, environment, base URL, timeout, retries, limits), as an
 * Effect service. Build it with `FlowConfig.layer({ apiKey, secretKey })` from values, or
 * `FlowConfig.layerConfig()` from `Config` (the `FLOW_*` environment variables by default).
 *
 * @example
 * ```ts
 * const FlowLive = FlowCustomers.Default.pipe(
 *   Layer.provide(Layer.merge(FlowConfig.layer({ apiKey, secretKey, environment: "sandbox" }), FetchHttpClient.layer))
 * )
 * ```
 *
 * @since 0.1.0
 * @category config
 */
export class FlowConfig extends Context.Tag("@flowcl/core/FlowConfig")<FlowConfig, FlowConfigShape>() {
  /** Validates options: a missing key fails with FlowAuthenticationError, any other bad field with FlowValidationError. */
  static make(options: FlowConfigOptions): Effect.Effect<FlowConfigShape, FlowAuthenticationError | FlowValidationError> {
    return Either.match(resolve(options), {
      onRight: Effect.succeed,
      onLeft: (problem) =>
        problem._tag === "MissingKey"
          ? Effect.fail(new FlowAuthenticationError({ message: problem.message }, unchecked))
          : Effect.fail(new FlowValidationError({ field: problem.field, message: problem.message }, unchecked))
    })
  }

  /** FlowConfig from values. */
  static layer(options: FlowConfigOptions): Layer.Layer<FlowConfig, FlowAuthenticationError | FlowValidationError> {
    return Layer.effect(FlowConfig, FlowConfig.make(options))
  }

  /**
   * The options read through Effect `Config`: `FLOW_API_KEY`, `FLOW_SECRET_KEY` (redacted),
   * `FLOW_ENVIRONMENT` (default `sandbox`), `FLOW_BASE_URL` (optional), `FLOW_TIMEOUT` (optional, e.g. `10 seconds`),
   * `FLOW_RETRIES` (optional, retries of reads; 0 disables), `FLOW_MAX_RESPONSE_BYTES` (optional), `FLOW_RECONCILE` (default true), `FLOW_MAX_BATCH_ROWS`
   * (optional), `FLOW_CLOSE_GRACE` (optional, e.g. `5 seconds`).
   * Missing or empty keys fail with a ConfigError naming the variable.
   */
  static readonly config: Config.Config<FlowConfigOptions> = Config.all({
    apiKey: Config.nonEmptyString("FLOW_API_KEY"),
    secretKey: Config.redacted(Config.nonEmptyString("FLOW_SECRET_KEY")),
    environment: Config.withDefault(Config.literal("sandbox", "production")("FLOW_ENVIRONMENT"), "sandbox" as const),
    baseUrl: Config.option(Config.nonEmptyString("FLOW_BASE_URL")),
    timeout: Config.option(Config.duration("FLOW_TIMEOUT")),
    retries: Config.option(Config.integer("FLOW_RETRIES")),
    maxResponseBytes: Config.option(Config.integer("FLOW_MAX_RESPONSE_BYTES")),
    reconcile: Config.withDefault(Config.boolean("FLOW_RECONCILE"), true),
    maxBatchRows: Config.option(Config.integer("FLOW_MAX_BATCH_ROWS")),
    closeGrace: Config.option(Config.duration("FLOW_CLOSE_GRACE"))
  }).pipe(Config.map(({ baseUrl, closeGrace, maxBatchRows, maxResponseBytes, retries, timeout, ...rest }) => ({
    ...rest,
    baseUrl: Option.getOrUndefined(baseUrl),
    timeout: Option.getOrUndefined(timeout),
    retry: { retries: Option.getOrUndefined(retries) },
    maxResponseBytes: Option.getOrUndefined(maxResponseBytes),
    maxBatchRows: Option.getOrUndefined(maxBatchRows),
    closeGrace: Option.getOrUndefined(closeGrace)
  })))

  /**
   * FlowConfig from a `Config` (by default {@link FlowConfig.config}, i.e. the environment variables),
   * or from a record of one `Config` per field, as `@effect/ai-openai`'s `layerConfig` takes. A value
   * that is refused fails with a ConfigError naming the variable (the default `Config`) or the field.
   *
   * @example
   * ```ts
   * FlowConfig.layerConfig({
   *   apiKey: Config.redacted("FLOW_API_KEY"),
   *   secretKey: Config.redacted("FLOW_SECRET_KEY"),
   *   environment: Config.succeed("sandbox")
   * })
   * ```
   */
  static layerConfig(
    config: Config.Config.Wrap<FlowConfigOptions> = FlowConfig.config
  ): Layer.Layer<FlowConfig, ConfigError.ConfigError> {
    const envName: Record<string, string> = {
      apiKey: "FLOW_API_KEY",
      secretKey: "FLOW_SECRET_KEY",
      environment: "FLOW_ENVIRONMENT",
      baseUrl: "FLOW_BASE_URL",
      timeout: "FLOW_TIMEOUT",
      "retry.retries": "FLOW_RETRIES",
      maxResponseBytes: "FLOW_MAX_RESPONSE_BYTES",
      reconcile: "FLOW_RECONCILE",
      maxBatchRows: "FLOW_MAX_BATCH_ROWS",
      closeGrace: "FLOW_CLOSE_GRACE"
    }
    // a record of Configs names its fields, not the default variables
    const names = Config.isConfig(config) ? envName : {}
    return Layer.effect(
      FlowConfig,
      Effect.flatMap(Config.unwrap(config), (options) =>
        Either.match(resolve(options), {
          onRight: Effect.succeed,
          onLeft: (problem) =>
            Effect.fail(ConfigError.InvalidData([names[problem.field] ?? problem.field], problem.message))
        }))
    )
  }
}
