/**
 * Who we are to Flow and where Flow is: keys, environment, base URL, timeout.
 *
 * Build it from values with `FlowConfig.layer({...})`, or from the environment with
 * `FlowConfig.layerConfig()` (`FLOW_API_KEY`, `FLOW_SECRET_KEY`, `FLOW_ENVIRONMENT`, `FLOW_BASE_URL`,
 * `FLOW_TIMEOUT`, `FLOW_RETRIES`). The secret key is held as a `Redacted` from the first moment.
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
import { FlowAuthenticationError, FlowValidationError } from "./FlowErrors.js"

export type FlowEnvironment = "sandbox" | "production"

/** Flow's API base URLs (SPEC.md §1.1). */
export const FlowBaseUrls: { readonly [E in FlowEnvironment]: string } = {
  sandbox: "https://sandbox.flow.cl/api",
  production: "https://www.flow.cl/api"
}

/** Default time allowed for one whole call, reading the body included. */
export const DEFAULT_TIMEOUT: Duration.Duration = Duration.seconds(30)

/**
 * When a failed call is tried again (RELIABILITY.md). Reads (GET) are retried after a transport
 * failure, a timeout, 429 or 5xx. Writes (POST) only when the connection was never made: Flow has
 * no idempotency keys, so a write that may have reached Flow is never sent twice.
 */
export interface FlowRetryPolicy {
  /** Tries after the first; 0 disables retries. Default 2. */
  readonly retries: number
  /** First backoff; each next one doubles, with jitter (half to all of it). Default 500 ms. */
  readonly baseDelay: Duration.Duration
  /** Longest wait between tries, `Retry-After` included: Flow asking for more ends the retries. Default 5 s. */
  readonly maxDelay: Duration.Duration
}

export const DEFAULT_RETRY: FlowRetryPolicy = {
  retries: 2,
  baseDelay: Duration.millis(500),
  maxDelay: Duration.seconds(5)
}

export interface FlowRetryOptions {
  readonly retries?: number | undefined
  readonly baseDelay?: Duration.DurationInput | undefined
  readonly maxDelay?: Duration.DurationInput | undefined
}

/** What `FlowConfig.layer` takes. */
export interface FlowConfigOptions {
  readonly apiKey: string
  readonly secretKey: string | Redacted.Redacted<string>
  /** Default `"sandbox"`. */
  readonly environment?: FlowEnvironment | undefined
  /** Replaces the environment's base URL (an emulator, a proxy), e.g. `http://127.0.0.1:8080/api`. */
  readonly baseUrl?: string | undefined
  /** Time allowed for one whole call, reading the body included. Default 30 seconds. */
  readonly timeout?: Duration.DurationInput | undefined
  /** When to try a failed call again; see {@link FlowRetryPolicy}. */
  readonly retry?: FlowRetryOptions | undefined
}

/** The resolved configuration every request reads. */
export interface FlowConfigShape {
  readonly apiKey: string
  readonly secretKey: Redacted.Redacted<string>
  readonly environment: FlowEnvironment
  /** Base URL without a trailing slash. */
  readonly baseUrl: string
  readonly timeout: Duration.Duration
  readonly retry: FlowRetryPolicy
}

type ConfigProblem =
  | { readonly _tag: "MissingKey"; readonly field: "apiKey" | "secretKey"; readonly message: string }
  | { readonly _tag: "Invalid"; readonly field: string; readonly message: string }

/** Checks options field by field; shared by `make` (typed errors) and `layerConfig` (ConfigError). */
const resolve = (options: FlowConfigOptions): Either.Either<FlowConfigShape, ConfigProblem> => {
  const apiKey = typeof options.apiKey === "string" ? options.apiKey.trim() : ""
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
  const baseUrl = (options.baseUrl ?? FlowBaseUrls[environment]).replace(/\/+$/, "")
  if (!isHttpUrl(baseUrl)) {
    return Either.left({
      _tag: "Invalid",
      field: "baseUrl",
      message: `baseUrl must be an absolute http(s) URL, got ${JSON.stringify(options.baseUrl)}`
    })
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
  return Either.right({
    apiKey,
    secretKey,
    environment,
    baseUrl,
    timeout: timeout.value,
    retry: { retries, baseDelay: baseDelay.value, maxDelay: maxDelay.value }
  })
}

const isHttpUrl = (text: string): boolean => {
  try {
    const url = new URL(text)
    return url.protocol === "http:" || url.protocol === "https:"
  } catch {
    return false
  }
}

export class FlowConfig extends Context.Tag("@flowcl/core/FlowConfig")<FlowConfig, FlowConfigShape>() {
  /** Validates options: a missing key fails with FlowAuthenticationError, any other bad field with FlowValidationError. */
  static make(options: FlowConfigOptions): Effect.Effect<FlowConfigShape, FlowAuthenticationError | FlowValidationError> {
    return Either.match(resolve(options), {
      onRight: Effect.succeed,
      onLeft: (problem) =>
        problem._tag === "MissingKey"
          ? Effect.fail(new FlowAuthenticationError({ message: problem.message }))
          : Effect.fail(new FlowValidationError({ field: problem.field, message: problem.message }))
    })
  }

  /** FlowConfig from values. */
  static layer(options: FlowConfigOptions): Layer.Layer<FlowConfig, FlowAuthenticationError | FlowValidationError> {
    return Layer.effect(FlowConfig, FlowConfig.make(options))
  }

  /**
   * The options read through Effect `Config`: `FLOW_API_KEY`, `FLOW_SECRET_KEY` (redacted),
   * `FLOW_ENVIRONMENT` (default `sandbox`), `FLOW_BASE_URL` (optional), `FLOW_TIMEOUT` (optional, e.g. `10 seconds`),
   * `FLOW_RETRIES` (optional, retries of reads; 0 disables).
   * Missing or empty keys fail with a ConfigError naming the variable.
   */
  static readonly config: Config.Config<FlowConfigOptions> = Config.all({
    apiKey: Config.nonEmptyString("FLOW_API_KEY"),
    secretKey: Config.redacted(Config.nonEmptyString("FLOW_SECRET_KEY")),
    environment: Config.withDefault(Config.literal("sandbox", "production")("FLOW_ENVIRONMENT"), "sandbox" as const),
    baseUrl: Config.option(Config.nonEmptyString("FLOW_BASE_URL")),
    timeout: Config.option(Config.duration("FLOW_TIMEOUT")),
    retries: Config.option(Config.integer("FLOW_RETRIES"))
  }).pipe(Config.map(({ baseUrl, retries, timeout, ...rest }) => ({
    ...rest,
    baseUrl: Option.getOrUndefined(baseUrl),
    timeout: Option.getOrUndefined(timeout),
    retry: { retries: Option.getOrUndefined(retries) }
  })))

  /** FlowConfig from a `Config` (by default {@link FlowConfig.config}, i.e. the environment variables). */
  static layerConfig(
    config: Config.Config<FlowConfigOptions> = FlowConfig.config
  ): Layer.Layer<FlowConfig, ConfigError.ConfigError> {
    const envName: Record<string, string> = {
      apiKey: "FLOW_API_KEY",
      secretKey: "FLOW_SECRET_KEY",
      environment: "FLOW_ENVIRONMENT",
      baseUrl: "FLOW_BASE_URL",
      timeout: "FLOW_TIMEOUT",
      "retry.retries": "FLOW_RETRIES"
    }
    return Layer.effect(
      FlowConfig,
      Effect.flatMap(config, (options) =>
        Either.match(resolve(options), {
          onRight: Effect.succeed,
          onLeft: (problem) =>
            Effect.fail(ConfigError.InvalidData([envName[problem.field] ?? problem.field], problem.message))
        }))
    )
  }
}
