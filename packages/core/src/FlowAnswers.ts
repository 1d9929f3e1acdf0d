/**
 * Reading Flow's answers: a body read up to the size cap, a 2xx decoded by the operation's Schema, a
 * non-2xx turned into the reason it stands for (Flow's `{ code, message }` error, a page that is not
 * Flow's, `Retry-After`), and redirects, which are never followed nor believed.
 */
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import { DECLINE, fastDecoderOf } from "./FastDecode.js"
import { type Capped, discard, readStreamCapped, readWebCapped } from "./CappedRead.js"
import { FlowAPIError, FlowAuthenticationError, FlowDecodeError } from "./FlowErrorReasons.js"
import { describeParseError } from "./ParseErrors.js"
import { ResponseTooLarge } from "./TransportLimits.js"
import { parseJson } from "./Wire.js"
import { unchecked } from "./Unchecked.js"

/** Flow's "Invalid Signature" (docs/flow-api.md, "Errors"). */
export const INVALID_SIGNATURE_CODE = 108

/** How much of an unexpected body errors keep. */
const BODY_SNIPPET = 500

export const snippet = (text: string): string => text.length > BODY_SNIPPET ? `${text.slice(0, BODY_SNIPPET)}…` : text

const tryParseJson = (text: string): { readonly ok: true; readonly value: unknown } | { readonly ok: false } => {
  try {
    return { ok: true, value: parseJson(text) }
  } catch {
    return { ok: false }
  }
}

/** Flow's error body `{ code, message }` (code may come as numeric text). */
const errorBody = (json: unknown): { readonly code: number | undefined; readonly message: string } | undefined => {
  if (typeof json !== "object" || json === null) return undefined
  const { code, message } = json as { code?: unknown; message?: unknown }
  if (typeof message !== "string") return undefined
  const numeric = typeof code === "number" ? code : typeof code === "string" && /^-?\d{1,15}$/.test(code) ? Number(code) : NaN
  return { code: Number.isSafeInteger(numeric) ? numeric : undefined, message: snippet(message) }
}

/** `Retry-After`: seconds, or an HTTP date (RFC 9110 §10.2.3), as milliseconds from `now`. */
export const parseRetryAfter = (header: string | undefined, now: number): number | undefined => {
  if (header === undefined) return undefined
  const text = header.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  const date = Date.parse(text)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/** A non-2xx answer → the reason it stands for. */
export const failureFromStatus = (
  status: number,
  text: string,
  retryAfterMillis: number | undefined
): FlowAPIError | FlowAuthenticationError => {
  const parsed = tryParseJson(text)
  const body = parsed.ok ? errorBody(parsed.value) : undefined
  const retryAfter = retryAfterMillis === undefined ? {} : { retryAfterMillis }
  if (body === undefined) {
    const shown = text.trim() === "" ? "an empty body" : `a body that is not Flow's error JSON: ${snippet(text)}`
    return new FlowAPIError({ statusCode: status, message: `Flow answered HTTP ${status} with ${shown}`, ...retryAfter }, unchecked)
  }
  if (body.code === INVALID_SIGNATURE_CODE) {
    return new FlowAuthenticationError({ code: body.code, statusCode: status, message: body.message }, unchecked)
  }
  return new FlowAPIError({
    ...(body.code === undefined ? {} : { code: body.code }),
    statusCode: status,
    message: body.message,
    ...retryAfter
  }, unchecked)
}

/** What FlowHttp reads of an answer: its status, its text, and the two headers it may need. */
export interface Answer {
  readonly status: number
  readonly text: string
  /** A header of the answer (lower-case name), read only where needed (a redirect, `Retry-After`). */
  readonly header: (name: string) => string | undefined
}

/** Whether a transport followed a redirect on its own (a fetch set up to follow them): never believed. */
export const wasRedirected = (response: HttpClientResponse.HttpClientResponse): boolean => {
  const source = webResponseOf(response)
  return source !== undefined && (source as { redirected?: unknown }).redirected === true
}

/**
 * The web `Response` behind a fetch transport's answer: `source`, or the `source` of the response the
 * platform wraps (`original`) when its tracer is turned off.
 */
const webResponseOf = (response: HttpClientResponse.HttpClientResponse): object | undefined => {
  const { original, source } = response as { readonly source?: unknown; readonly original?: { readonly source?: unknown } }
  const web = source ?? original?.source
  return typeof web === "object" && web !== null ? web : undefined
}

/**
 * The body of `response` as text, reading at most `maxBytes`: one byte more and the read stops, the
 * connection is dropped (the stream is cancelled), and the read fails with {@link ResponseTooLarge}.
 * An announced `content-length` over the limit is refused before a byte of the body is read.
 */
export const readCapped = (
  response: HttpClientResponse.HttpClientResponse,
  maxBytes: number
): Effect.Effect<string, HttpClientError.ResponseError | ResponseTooLarge> => {
  const tooLarge = () => new ResponseTooLarge(response.status, maxBytes)
  if (Number(response.headers["content-length"]) > maxBytes) {
    return Effect.zipRight(discard(response.stream), Effect.fail(tooLarge()))
  }
  // a web Response's body is read with its own reader; any other transport's through its Stream
  const body = (webResponseOf(response) as { readonly body?: unknown } | undefined)?.body
  const webBody = body === null || (typeof body === "object" && typeof (body as ReadableStream).getReader === "function")
    ? body as ReadableStream<Uint8Array> | null
    : undefined
  const read: Effect.Effect<Capped, HttpClientError.ResponseError> = webBody !== undefined
    ? Effect.tryPromise({
      try: (signal) => readWebCapped(webBody, maxBytes, signal),
      catch: (cause) => new HttpClientError.ResponseError({ request: response.request, response, reason: "Decode", cause })
    })
    : readStreamCapped(response.stream, maxBytes)
  return Effect.flatMap(read, (capped) =>
    "tooLarge" in capped ? Effect.fail(tooLarge()) : Effect.succeed(utf8.decode(capped.bytes)))
}

const utf8 = new TextDecoder()

export const tooLarge = (path: string, cause: ResponseTooLarge): FlowAPIError | FlowDecodeError => {
  const message = `Flow's answer to ${path} is larger than ${cause.maxBytes} bytes (maxResponseBytes); ` +
    "reading stopped there and the connection was dropped"
  return cause.status >= 200 && cause.status < 300
    ? new FlowDecodeError({ statusCode: cause.status, path: "", body: "", message }, unchecked)
    : new FlowAPIError({ statusCode: cause.status, message }, unchecked)
}

/**
 * A 2xx answer's text → the decoded value. Total: whatever the text holds (a 3,000-deep value in a
 * field that fails, a number beyond 2^53), the outcome is the value or a FlowDecodeError, never a throw.
 */
export const decodeAnswer = <A, I>(
  request: { readonly path: string; readonly schema: Schema.Schema<A, I, never> },
  status: number, text: string): Either.Either<A, FlowDecodeError> => {
  let json: unknown
  try {
    json = parseJson(text)
  } catch {
    return Either.left(
      new FlowDecodeError({
        statusCode: status,
        path: "",
        body: snippet(text),
        message: `Flow answered HTTP ${status} with a body that is not JSON: ${snippet(text)}`
      }, unchecked)
    )
  }
  // a well-formed answer is read without Schema's parser; anything else is decoded by Schema, whose
  // result and error stand (FastDecode.ts)
  const fast = fastDecoderOf(request.schema)
  if (fast !== undefined) {
    try {
      const value = fast(json)
      if (value !== DECLINE) return Either.right(value as A)
    } catch {
      // never expected; Schema decides
    }
  }
  try {
    return Either.mapLeft(Schema.decodeUnknownEither(request.schema)(json), (error) => {
      const { message, path } = describeParseError(error)
      return new FlowDecodeError({
        statusCode: status,
        path,
        body: snippet(text),
        message: `Flow's answer to ${request.path} has an unexpected shape: ${message}`
      }, unchecked)
    })
  } catch (cause) {
    return Either.left(
      new FlowDecodeError({
        statusCode: status,
        path: "",
        body: snippet(text),
        message: `Flow's answer to ${request.path} could not be decoded: ${cause instanceof Error ? cause.message : "unknown error"}`
      }, unchecked)
    )
  }
}

/** A fetch that followed a redirect although told not to: the answer is another server's, never believed. */
export const followedRedirect = (response: HttpClientResponse.HttpClientResponse): FlowAPIError => {
  const url = (webResponseOf(response) as { readonly url?: unknown } | undefined)?.url
  return new FlowAPIError({
    statusCode: response.status,
    message: `The transport followed a redirect${typeof url === "string" ? ` to ${snippet(url)}` : ""}: ` +
      "that answer is not Flow's and was not believed (provide a fetch that honours redirect: \"manual\")"
  }, unchecked)
}

/** A 3xx: never followed, so nothing is sent to where it points. */
export const redirected = (status: number, location: string | undefined): FlowAPIError =>
  new FlowAPIError({
    statusCode: status,
    message: `Flow answered HTTP ${status}, a redirect${location === undefined ? "" : ` to ${snippet(location)}`}, ` +
      "which this library never follows: the answer was not Flow's, and nothing was sent to the redirect's target"
  }, unchecked)

