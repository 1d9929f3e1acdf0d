/**
 * The emulator as an HTTP server on @effect/platform's HttpRouter and the Node platform:
 * - `/api/...`: Flow's 16 customer endpoints and its 3 payment status reads (ApiHandler.ts), and
 *   Flow's `{ code, message }` 404 for any other path under `/api`;
 * - `/app/customer/disclaimer.php`, `/app/web/pay.php`: the pages a person sees at Flow (FlowPages.ts);
 * - `/_admin/...`: seed, reset, request log, clock, faults, settings, no signature (AdminApi.ts).
 */
import * as HttpRouter from "@effect/platform/HttpRouter"
import type * as HttpServer from "@effect/platform/HttpServer"
import type * as HttpServerError from "@effect/platform/HttpServerError"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Redacted from "effect/Redacted"
import type * as Scope from "effect/Scope"
import { createServer } from "node:http"
import { adminRouter } from "./AdminApi.js"
import { makeApiHandler } from "./ApiHandler.js"
import { makeBackgroundWork } from "./BackgroundWork.js"
import {
  DEFAULT_API_KEY,
  DEFAULT_SECRET_KEY,
  type EmulatorOptions,
  type FlowEmulatorShape,
  initialSettings,
  type RequestLogEntry
} from "./EmulatorTypes.js"
import { EmulatorState } from "./EmulatorState.js"
import { ErrorCodes } from "./Failures.js"
import { Faults } from "./Faults.js"
import { flowPages } from "./FlowPages.js"
import { json } from "./Http.js"

export {
  DEFAULT_API_KEY,
  DEFAULT_SECRET_KEY,
  type EmulatorOptions,
  type EmulatorSettings,
  type FlowEmulatorShape,
  type RequestLogEntry
} from "./EmulatorTypes.js"

export class FlowEmulator extends Context.Tag("@flowcl/emulator/FlowEmulator")<FlowEmulator, FlowEmulatorShape>() {
  /** The emulator as a Layer: started when the layer is built, stopped when its scope closes. */
  static layer(options: EmulatorOptions = {}): Layer.Layer<FlowEmulator, HttpServerError.ServeError> {
    return Layer.scoped(FlowEmulator, make(options))
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
    const state = new EmulatorState()
    const faults = new Faults()
    const settings = initialSettings(options)
    const requests: Array<RequestLogEntry> = []
    const log = logLine(options.log)
    const background = yield* makeBackgroundWork({ state, settings, log })

    const emulator: FlowEmulatorShape = {
      url: "",
      origin: "",
      adminUrl: "",
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
        requests.length = 0
      }
    }

    const api = makeApiHandler({
      apiKey,
      secretKey: Redacted.make(secretKey),
      state,
      faults,
      settings,
      requests,
      background,
      log
    })
    const notFound = Effect.succeed(json({ code: ErrorCodes.notFound, message: "Not found" }, 404))

    const router = HttpRouter.empty.pipe(
      // every verb and every path under /api reaches the handler: it answers Flow's 404 and 405 itself
      HttpRouter.all("/api", api),
      HttpRouter.all("/api/*", api),
      HttpRouter.concat(flowPages(state, background)),
      HttpRouter.mount("/_admin", adminRouter(emulator, background)),
      HttpRouter.all("*", notFound),
      HttpRouter.catchAllCause((cause) =>
        Effect.succeed(json({ code: 500, message: `Emulator error: ${String(cause)}` }, 500))
      )
    )

    const nodeServer = createServer()
    const server: HttpServer.HttpServer = yield* NodeHttpServer.make(() => nodeServer, {
      port: options.port ?? 0,
      host: options.host ?? "127.0.0.1"
    })
    // on close, drop idle keep-alive connections too, so closing does not wait for clients to let go
    yield* Effect.addFinalizer(() => Effect.sync(() => nodeServer.closeAllConnections()))
    yield* server.serve(router)
    const address = server.address
    const port = address._tag === "TcpAddress" ? address.port : 0
    const host = address._tag === "TcpAddress" && address.hostname !== "0.0.0.0" && address.hostname !== "::"
      ? address.hostname
      : "127.0.0.1"
    const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`
    Object.assign(emulator, { url: `${origin}/api`, origin, adminUrl: `${origin}/_admin`, port })
    log?.(`Flow emulator listening on ${origin}/api (admin ${origin}/_admin)`)
    return emulator
  })

/** Same as {@link FlowEmulator.layer}. */
export const layer = (options: EmulatorOptions = {}): Layer.Layer<FlowEmulator, HttpServerError.ServeError> =>
  FlowEmulator.layer(options)
