/** FlowConfig from values and from environment variables, including the missing-key errors. */
import { describe, expect, it } from "@effect/vitest"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import { inspect } from "node:util"
import { FlowConfig, type FlowConfigOptions } from "../src/FlowConfig.js"

const fromEnv = (env: Record<string, string>) =>
  FlowConfig.pipe(
    Effect.provide(FlowConfig.layerConfig()),
    Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))),
    Effect.either
  )

const fromValues = (options: FlowConfigOptions) => FlowConfig.pipe(Effect.provide(FlowConfig.layer(options)), Effect.either)

describe("FlowConfig.layerConfig (environment)", () => {
  it.effect("reads the keys, defaults to sandbox and 30 s", () =>
    Effect.gen(function*() {
      const result = yield* fromEnv({ FLOW_API_KEY: "api-1", FLOW_SECRET_KEY: "secret-1" })
      const config = Either.getOrThrow(result)
      expect(config.apiKey).toBe("api-1")
      expect(Redacted.value(config.secretKey)).toBe("secret-1")
      expect(config.environment).toBe("sandbox")
      expect(config.baseUrl).toBe("https://sandbox.flow.cl/api")
      expect(Duration.toMillis(config.timeout)).toBe(30_000)
    }))

  it.effect("FLOW_ENVIRONMENT=production uses www.flow.cl", () =>
    Effect.gen(function*() {
      const config = Either.getOrThrow(
        yield* fromEnv({ FLOW_API_KEY: "a", FLOW_SECRET_KEY: "s", FLOW_ENVIRONMENT: "production" })
      )
      expect(config.baseUrl).toBe("https://www.flow.cl/api")
    }))

  it.effect("FLOW_BASE_URL and FLOW_TIMEOUT override, trailing slashes dropped", () =>
    Effect.gen(function*() {
      const config = Either.getOrThrow(
        yield* fromEnv({
          FLOW_API_KEY: "a",
          FLOW_SECRET_KEY: "s",
          FLOW_BASE_URL: "http://127.0.0.1:8080/api/",
          FLOW_TIMEOUT: "5 seconds"
        })
      )
      expect(config.baseUrl).toBe("http://127.0.0.1:8080/api")
      expect(Duration.toMillis(config.timeout)).toBe(5_000)
    }))

  it.effect.each([
    ["a missing FLOW_API_KEY", { FLOW_SECRET_KEY: "s" }, "FLOW_API_KEY"],
    ["an empty FLOW_API_KEY", { FLOW_API_KEY: "", FLOW_SECRET_KEY: "s" }, "FLOW_API_KEY"],
    ["a missing FLOW_SECRET_KEY", { FLOW_API_KEY: "a" }, "FLOW_SECRET_KEY"],
    ["an empty FLOW_SECRET_KEY", { FLOW_API_KEY: "a", FLOW_SECRET_KEY: "" }, "FLOW_SECRET_KEY"],
    ["an unknown FLOW_ENVIRONMENT", { FLOW_API_KEY: "a", FLOW_SECRET_KEY: "s", FLOW_ENVIRONMENT: "staging" }, "FLOW_ENVIRONMENT"],
    ["a FLOW_BASE_URL that is not a URL", { FLOW_API_KEY: "a", FLOW_SECRET_KEY: "s", FLOW_BASE_URL: "flow" }, "FLOW_BASE_URL"]
  ] as const)("%s fails naming %s", ([, env, name]) =>
    Effect.gen(function*() {
      const result = yield* fromEnv(env)
      if (Either.isRight(result)) throw new Error("expected a ConfigError")
      expect(String(result.left)).toContain(name)
    }))
})

describe("FlowConfig.layer (values)", () => {
  it.effect.each([
    ["an empty apiKey", { apiKey: "", secretKey: "s" }, "apiKey"],
    ["a blank apiKey", { apiKey: "   ", secretKey: "s" }, "apiKey"],
    ["an empty secretKey", { apiKey: "a", secretKey: "" }, "secretKey"],
    ["an empty redacted secretKey", { apiKey: "a", secretKey: Redacted.make("") }, "secretKey"]
  ] as const)("%s fails with FlowAuthenticationError naming it", ([, options, field]) =>
    Effect.gen(function*() {
      const result = yield* fromValues(options)
      if (Either.isRight(result)) throw new Error("expected an error")
      expect(result.left._tag).toBe("FlowAuthenticationError")
      expect(result.left.message).toContain(field)
    }))

  it.effect.each([
    ["environment", { apiKey: "a", secretKey: "s", environment: "staging" as never }],
    ["baseUrl", { apiKey: "a", secretKey: "s", baseUrl: "ftp://flow.cl" }],
    ["timeout", { apiKey: "a", secretKey: "s", timeout: -1 }]
  ] as const)("a bad %s fails with FlowValidationError naming it", ([field, options]) =>
    Effect.gen(function*() {
      const result = yield* fromValues(options)
      if (Either.isRight(result)) throw new Error("expected an error")
      const error = result.left
      if (error._tag !== "FlowValidationError") throw new Error(`unexpected ${error._tag}`)
      expect(error.field).toBe(field)
    }))

  it.effect("the secret key is redacted when the config is printed", () =>
    Effect.gen(function*() {
      const config = Either.getOrThrow(yield* fromValues({ apiKey: "a", secretKey: "very-secret-value" }))
      expect(inspect(config, { depth: 10 })).not.toContain("very-secret-value")
      expect(JSON.stringify(config)).not.toContain("very-secret-value")
      expect(String(config.secretKey)).toBe("<redacted>")
    }))
})
