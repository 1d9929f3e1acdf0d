/**
 * The emulator as an HTTP server: @effect/platform's HttpRouter behind a bare `node:http` server
 * (NodeServer.ts, screened by RequestPolicy.ts):
 * - `/api/...`: Flow's 16 customer endpoints and its 3 payment status reads (ApiHandler.ts), and
 *   Flow's `{ code, message }` 404 for any other path under `/api`;
 * - `/app/customer/disclaimer.php`, `/app/web/pay.php`: the pages a person sees at Flow (FlowPages.ts);
 * - `/_admin/...`: seed, reset, request log, clock, faults, settings, no signature (AdminApi.ts);
 * - `/_inspector/...`: HTML pages of the request log, the state and the callbacks, with forms for the
 *   admin API's actions (inspector/Inspector.ts), behind the admin API's protections.
 */
import * as HttpApp from "@effect/platform/HttpApp"
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerError from "@effect/platform/HttpServerError"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import { type FlowAuthenticationError, FlowConfig, type FlowConfigOptions, type FlowValidationError } from "@flowcl/core"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import { adminRouter } from "./AdminApi.js"
import { makeApiHandler } from "./ApiHandler.js"
import { makeBackgroundWork } from "./BackgroundWork.js"
import {
  DEFAULT_API_KEY,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_SECRET_KEY,
  type EmulatorOptions,
  type FlowEmulatorShape,
  initialSettings
} from "./EmulatorTypes.js"
import { EmulatorState } from "./EmulatorState.js"
import { ErrorCodes } from "./Failures.js"
import { Faults } from "./Faults.js"
import { flowPages } from "./FlowPages.js"
import { inspectorRouter } from "./inspector/Inspector.js"
import { json } from "./Http.js"
import { listen } from "./NodeServer.js"
import { RequestLog } from "./RequestLog.js"
import { checkAdminRequest, checkHost, hostNamesFor, isFlowPath } from "./RequestPolicy.js"

export {
  DEFAULT_API_KEY,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_SECRET_KEY,
  type EmulatorOptions,
  type EmulatorSettings,
  type FlowEmulatorShape,
  type RequestLogEntry
} from "./EmulatorTypes.js"

/** What `FlowEmulator.layerConfig` passes on to `FlowConfig.layer` (the keys and URL are the emulator's). */
export type EmulatorFlowConfigOptions = Omit<FlowConfigOptions, "apiKey" | "secretKey" | "baseUrl" | "environment">

/**
 * The emulator as an Effect service: `FlowEmulator.layer(options)` starts it for the life of the
 * layer; `FlowEmulator.layerConfig(options)` adds a `FlowConfig` pointed at it.
 *
 * @example
 * ```ts
 * const program = Effect.gen(function*() {
 *   const customers = yield* FlowCustomers
 *   return yield* customers.create({ name: "Ana", email: "ana@example.cl", externalId: "42" })
 * })
 * program.pipe(
 *   Effect.provide(FlowCustomers.Default),
 *   Effect.provide(Layer.merge(FlowEmulator.layerConfig({ port: 0 }), FetchHttpClient.layer))
 * )
 * ```
 */
export class FlowEmulator extends Context.Tag("@flowcl/emulator/FlowEmulator")<FlowEmulator, FlowEmulatorShape>() {
  /** The emulator as a Layer: started when the layer is built, stopped when its scope closes. */
  static layer(options: EmulatorOptions = {}): Layer.Layer<FlowEmulator, HttpServerError.ServeError> {
    return Layer.scoped(FlowEmulator, make(options))
  }

  /**
   * A running emulator and a `FlowConfig` pointed at it (its URL and keys): add an `HttpClient` and
   * `FlowCustomers.Default` / `FlowPayments.Default` and the program talks to the emulator.
   * `config` sets the rest of the client's configuration (timeout, retry, …). @since 0.3.0
   */
  static layerConfig(
    options: EmulatorOptions = {},
    config: EmulatorFlowConfigOptions = {}
  ): Layer.Layer<
    FlowEmulator | FlowConfig,
    HttpServerError.ServeError | FlowAuthenticationError | FlowValidationError
  > {
    const flowConfig = Layer.unwrapEffect(
      Effect.map(FlowEmulator, (emulator) =>
        FlowConfig.layer({ ...config, apiKey: emulator.apiKey, secretKey: emulator.secretKey, baseUrl: emulator.url }))
    )
    return Layer.provideMerge(flowConfig, FlowEmulator.layer(options))
  }
}

const logLine = (log: EmulatorOptions["log"]): ((line: string) => void) | undefined =>
  log === true ? (line) => console.log(line) : typeof log === "function" ? log : undefined

/** Starts the emulator in the current scope; it stops when the scope closes. */
export const make = (
  options: EmulatorOptions = {}
): Effect.Effect<FlowEmulatorShape, HttpServerError.ServeError, Scope.Scope> =>
  Effect.gen(function*() {
    const apiKey = options.apiKey ?? DEFAULT_API_KEY
    const secretKey = options.secretKey ?? DEFAULT_SECRET_KEY
    const host = options.host ?? "127.0.0.1"
    const state = new EmulatorState()
    const faults = new Faults()
    const settings = initialSettings(options)
    const log = logLine(options.log)
    const requestLog = new RequestLog(options.requestLogLimit)
    const requests = requestLog.entries
    let port = 0
    const background = yield* makeBackgroundWork({
      state,
      settings,
      log,
      callbacks: { callbackHosts: options.callbackHosts ?? [], ownPort: () => port }
    })

    const emulator: FlowEmulatorShape = {
      url: "",
      origin: "",
      adminUrl: "",
      inspectorUrl: "",
      port: 0,
      apiKey,
      secretKey,
      state,
      faults,
      settings,
      requests,
      reset: () => {
        state.reset()
        faults.clear()
        requestLog.clear()
      }
    }

    const api = makeApiHandler({
      apiKey,
      secretKey: Redacted.make(secretKey),
      state,
      faults,
      settings,
      requests: requestLog,
      background,
      log
    })
    const notFound = Effect.map(HttpServerRequest.HttpServerRequest, (request) =>
      json({ code: ErrorCodes.notFound, message: `No route ${request.method} ${new URL(request.url, "http://x").pathname}` }, 404))

    const router = HttpRouter.empty.pipe(
      // every verb and every path under /api reaches the handler: it answers Flow's 404 and 405 itself
      HttpRouter.all("/api", api),
      HttpRouter.all("/api/*", api),
      HttpRouter.concat(flowPages(state, background)),
      HttpRouter.mount("/_admin", adminRouter(emulator, background, requestLog)),
      HttpRouter.mount("/_inspector", inspectorRouter(emulator, requestLog)),
      HttpRouter.all("*", notFound),
      HttpRouter.catchAllCause((cause) =>
        Effect.zipRight(
          Effect.sync(() => log?.(`emulator error: ${String(cause)}`)),
          Effect.succeed(json({ code: 500, message: "Emulator error: the request could not be served" }, 500))
        )
      )
    )
    const handler = HttpApp.toWebHandler(router)

    const hostNames = hostNamesFor(host, options.allowHosts)
    const server = yield* Effect.acquireRelease(
      Effect.tryPromise({
        try: () =>
          listen({
            port: options.port ?? 0,
            host,
            maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
            screen: (request) =>
              checkHost(request.headers, hostNames) ??
                (isFlowPath(request.url) ? undefined : checkAdminRequest(request.method ?? "GET", request.headers)),
            handler: (request) => handler(request),
            onError: (error) => log?.(`emulator error: ${String(error)}`)
          }),
        catch: (cause) => new HttpServerError.ServeError({ cause })
      }),
      (server) => Effect.promise(() => server.close())
    )
    port = server.port
    const bound = server.address
    const linkHost = bound === "0.0.0.0" || bound === "::" ? "127.0.0.1" : bound
    const origin = `http://${linkHost.includes(":") ? `[${linkHost}]` : linkHost}:${port}`
    Object.assign(emulator, { url: `${origin}/api`, origin, adminUrl: `${origin}/_admin`, inspectorUrl: `${origin}/_inspector`, port })
    log?.(`Flow emulator listening on ${origin}/api (admin ${origin}/_admin)`)
    return emulator
  })

/** Same as {@link FlowEmulator.layer}. */
export const layer = (options: EmulatorOptions = {}): Layer.Layer<FlowEmulator, HttpServerError.ServeError> =>
  FlowEmulator.layer(options)
