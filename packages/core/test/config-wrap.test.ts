/**
 * `FlowConfig.layerConfig` given one `Config` per field (a `Config.Wrap` record, as `@effect/ai-openai`'s
 * `layerConfig` takes): read from any variables, a `Redacted` apiKey, constants with `Config.succeed`,
 * the fields left out defaulted, and a refused value naming the field; the whole-`Config` form still works.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Config from "effect/Config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Redacted from "effect/Redacted"
import { FlowConfig } from "../src/FlowConfig.js"

const withEnv = (env: Record<string, string>) =>
  Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))

const read = (layer: ReturnType<typeof FlowConfig.layerConfig>, env: Record<string, string>) =>
  FlowConfig.pipe(Effect.provide(layer), withEnv(env), Effect.either)

describe("FlowConfig.layerConfig with a Config per field", () => {
  it.effect("reads redacted keys from the named variables and a constant environment", () =>
    Effect.gen(function*() {
      const layer = FlowConfig.layerConfig({
        apiKey: Config.redacted("FLOW_API_KEY"),
        secretKey: Config.redacted("FLOW_SECRET_KEY"),
        environment: Config.succeed("sandbox")
      })
      const config = Either.getOrThrow(yield* read(layer, { FLOW_API_KEY: "api-1", FLOW_SECRET_KEY: "secret-1" }))
      expect(config.apiKey).toBe("api-1")
      expect(Redacted.value(config.secretKey)).toBe("secret-1")
      expect(config.environment).toBe("sandbox")
      expect(config.baseUrl).toBe("https://sandbox.flow.cl/api")
      expect(Duration.toMillis(config.timeout)).toBe(30_000)
      expect(config.retry.retries).toBe(2)
    }))

  it.effect("takes any variable names and the optional fields, nested ones included", () =>
    Effect.gen(function*() {
      const layer = FlowConfig.layerConfig({
        apiKey: Config.string("SHOP_FLOW_KEY"),
        secretKey: Config.string("SHOP_FLOW_SECRET"),
        environment: Config.literal("sandbox", "production")("SHOP_FLOW_ENV"),
        baseUrl: Config.string("SHOP_FLOW_URL"),
        timeout: Config.duration("SHOP_FLOW_TIMEOUT"),
        retry: { retries: Config.integer("SHOP_FLOW_RETRIES") },
        reconcile: Config.succeed(false)
      })
      const config = Either.getOrThrow(
        yield* read(layer, {
          SHOP_FLOW_KEY: "k",
          SHOP_FLOW_SECRET: "s",
          SHOP_FLOW_ENV: "production",
          SHOP_FLOW_URL: "https://flow.example.cl/api/",
          SHOP_FLOW_TIMEOUT: "7 seconds",
          SHOP_FLOW_RETRIES: "0"
        })
      )
      expect(config.environment).toBe("production")
      expect(config.baseUrl).toBe("https://flow.example.cl/api")
      expect(Duration.toMillis(config.timeout)).toBe(7_000)
      expect(config.retry.retries).toBe(0)
      expect(config.reconcile).toBe(false)
    }))

  it.effect("a missing variable is a ConfigError naming it", () =>
    Effect.gen(function*() {
      const layer = FlowConfig.layerConfig({
        apiKey: Config.redacted("FLOW_API_KEY"),
        secretKey: Config.redacted("FLOW_SECRET_KEY")
      })
      const result = yield* read(layer, { FLOW_API_KEY: "a" })
      expect(Either.isLeft(result)).toBe(true)
      expect(String(Either.flip(result).pipe(Either.getOrThrow))).toContain("FLOW_SECRET_KEY")
    }))

  it.effect("a refused value (an empty key, an http base URL in production) is a ConfigError naming the field", () =>
    Effect.gen(function*() {
      const empty = yield* read(
        FlowConfig.layerConfig({ apiKey: Config.succeed(Redacted.make(" ")), secretKey: Config.succeed("s") }),
        {}
      )
      expect(String(Either.flip(empty).pipe(Either.getOrThrow))).toContain("apiKey")
      const insecure = yield* read(
        FlowConfig.layerConfig({
          apiKey: Config.succeed("a"),
          secretKey: Config.succeed("s"),
          environment: Config.succeed("production"),
          baseUrl: Config.succeed("http://flow.example.cl/api")
        }),
        {}
      )
      const message = String(Either.flip(insecure).pipe(Either.getOrThrow))
      expect(message).toContain("baseUrl")
      expect(message).toContain("https")
    }))

  it.effect("the whole-Config form and the default still read FLOW_* variables", () =>
    Effect.gen(function*() {
      const env = { FLOW_API_KEY: "a", FLOW_SECRET_KEY: "s", FLOW_ENVIRONMENT: "staging" }
      expect(Either.isRight(yield* read(FlowConfig.layerConfig(), { FLOW_API_KEY: "a", FLOW_SECRET_KEY: "s" }))).toBe(true)
      const refused = yield* read(FlowConfig.layerConfig(FlowConfig.config), env)
      expect(String(Either.flip(refused).pipe(Either.getOrThrow))).toContain("FLOW_ENVIRONMENT")
    }))
})

describe("FlowConfig.layer with a Redacted apiKey", () => {
  it.effect("reads it as text", () =>
    Effect.gen(function*() {
      const config = yield* FlowConfig.make({ apiKey: Redacted.make("api-2"), secretKey: "s" })
      expect(config.apiKey).toBe("api-2")
    }))
})
