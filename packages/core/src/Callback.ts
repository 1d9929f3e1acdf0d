/**
 * What Flow's callbacks share (docs/flow-api.md, "Callbacks"): Flow POSTs one form field, `token`,
 * urlencoded or multipart, to a URL of the merchant's, and the merchant resolves it with a signed read.
 * The callback itself is unsigned, so nothing but the token is taken from it.
 *
 * These routes are public, so the handlers built here are bounded: a body over
 * {@link MAX_CALLBACK_BYTES} is refused without being read in full (an announced length at once, an
 * unannounced one as soon as it passes the limit), and concurrent posts of one token make one call to
 * Flow, which every one of them then shares.
 */
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import type * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import type * as Context from "effect/Context"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import type * as Exit from "effect/Exit"
import * as FiberId from "effect/FiberId"
import { readStreamCapped, readWebCapped } from "./CappedRead.js"

/** The largest callback body read. Flow sends one short field; 8 KiB leaves room for any framing. */
export const MAX_CALLBACK_BYTES = 8 * 1024

/** Why a callback carried no usable token. */
export interface CallbackProblem {
  readonly field: "token" | "body" | "request"
  readonly message: string
}

const problem = (field: CallbackProblem["field"], message: string): CallbackProblem => ({ field, message })

const tooLarge = problem("body", `the callback's body is larger than ${MAX_CALLBACK_BYTES} bytes`)

const announcedTooLarge = (contentLength: string | null | undefined): boolean =>
  contentLength !== null && contentLength !== undefined && Number(contentLength) > MAX_CALLBACK_BYTES

/** A web `Request`'s body, read chunk by chunk up to the limit (the rest is cancelled, never read). */
const readWebBody = (request: Request): Effect.Effect<Uint8Array, CallbackProblem> => {
  if (announcedTooLarge(request.headers.get("content-length"))) return Effect.fail(tooLarge)
  return Effect.tryPromise({
    try: (signal) => readWebCapped(request.body, MAX_CALLBACK_BYTES, signal),
    catch: () => problem("body", "the callback's body could not be read")
  }).pipe(Effect.flatMap((read) => "bytes" in read ? Effect.succeed(read.bytes) : Effect.fail(tooLarge)))
}

/** The body of the request an @effect/platform server is handling, read up to the limit. */
const readServerBody = (request: HttpServerRequest.HttpServerRequest): Effect.Effect<Uint8Array, CallbackProblem> => {
  if (announcedTooLarge(request.headers["content-length"])) return Effect.fail(tooLarge)
  return readStreamCapped(request.stream, MAX_CALLBACK_BYTES).pipe(
    Effect.mapError(() => problem("body", "the callback's body could not be read")),
    Effect.flatMap((read) => "bytes" in read ? Effect.succeed(read.bytes) : Effect.fail(tooLarge))
  )
}

/** The `token` field of a callback body, urlencoded or multipart (read through the web `Response` parser). */
const tokenOf = (body: Uint8Array, contentType: string): Effect.Effect<string, CallbackProblem> =>
  Effect.tryPromise({
    try: async () => {
      const token = contentType.startsWith("multipart/form-data")
        ? (await new Response(body as Uint8Array<ArrayBuffer>, { headers: { "content-type": contentType } }).formData())
          .get("token")
        : new URLSearchParams(new TextDecoder().decode(body)).get("token")
      return typeof token === "string" ? token.trim() : ""
    },
    catch: () => problem("token", "the callback's body is not a form")
  }).pipe(Effect.filterOrFail((token) => token !== "", () => problem("token", "the callback carried no token field")))

/** In-flight resolutions, per service instance and token. */
const inFlight = new WeakMap<object, Map<string, Deferred.Deferred<unknown, unknown>>>()

/**
 * Runs `effect` once for all concurrent callers with the same `owner` and `key`: the first starts it
 * (in a fiber of its own, so a caller that goes away does not cancel it for the others), every caller
 * awaits its result. Claimed in one synchronous step, so no two callers can both start it.
 */
export const singleFlight = <A, E, R>(owner: object, key: string, effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.suspend(() => {
    let table = inFlight.get(owner)
    if (table === undefined) inFlight.set(owner, table = new Map())
    const running = table.get(key) as Deferred.Deferred<A, E> | undefined
    if (running !== undefined) return Deferred.await(running)
    const deferred = Deferred.unsafeMake<A, E>(FiberId.none)
    table.set(key, deferred as Deferred.Deferred<unknown, unknown>)
    const settle = (exit: Exit.Exit<A, E>) =>
      Effect.sync(() => table.delete(key)).pipe(Effect.zipRight(Deferred.done(deferred, exit)))
    return Effect.forkDaemon(Effect.onExit(effect, settle)).pipe(Effect.zipRight(Deferred.await(deferred)))
  })

/**
 * A callback route: how to resolve a token with the service `tag` gives, and how a bad callback fails
 * (the resolving operation's own error, reason FlowValidationError naming `token` or `body`).
 */
export interface CallbackSpec<I, S, A, E> {
  /** Keeps the in-flight table of each kind of callback apart. */
  readonly kind: string
  readonly tag: Context.Tag<I, S>
  readonly resolve: (service: S, token: string) => Effect.Effect<A, E>
  readonly refuse: (problem: CallbackProblem) => E
}

/** The three ways to handle a callback route: from a web `Request`, inside an @effect/platform server, as a handler. */
export const makeCallback = <I, S extends object, A, E>(spec: CallbackSpec<I, S, A, E>) => {
  const resolveToken = (body: Effect.Effect<Uint8Array, CallbackProblem>, contentType: string) =>
    Effect.gen(function*() {
      const bytes = yield* Effect.mapError(body, spec.refuse)
      const token = yield* Effect.mapError(tokenOf(bytes, contentType), spec.refuse)
      const service = yield* spec.tag
      return yield* singleFlight(service, `${spec.kind}:${token}`, spec.resolve(service, token))
    })

  /** The outcome for a callback given as a web `Request` (Hono, Next.js route handlers, Remix, workers…). */
  const fromRequest = (request: Request): Effect.Effect<A, E, I> =>
    Effect.suspend(() => {
      let contentType: string
      try {
        contentType = request.headers.get("content-type") ?? ""
      } catch {
        return Effect.fail(spec.refuse(problem("request", "the callback given is not a web Request")))
      }
      return resolveToken(readWebBody(request), contentType)
    })

  /** The outcome for the request an @effect/platform server is handling. */
  const fromServerRequest: Effect.Effect<A, E, I | HttpServerRequest.HttpServerRequest> = Effect.flatMap(
    HttpServerRequest.HttpServerRequest,
    (request) => resolveToken(readServerBody(request), request.headers["content-type"] ?? "")
  )

  /** An @effect/platform handler: resolves the callback and answers with whatever `respond` makes of the outcome. */
  const handler = <E2, R2>(
    respond: (outcome: A) => Effect.Effect<HttpServerResponse.HttpServerResponse, E2, R2>
  ): Effect.Effect<HttpServerResponse.HttpServerResponse, E | E2, I | R2 | HttpServerRequest.HttpServerRequest> =>
    Effect.flatMap(fromServerRequest, respond)

  return { fromRequest, fromServerRequest, handler } as const
}
