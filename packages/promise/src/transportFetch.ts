/**
 * What a transport is to `new Flow(…)`, and the platform-`fetch` one every build has.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as HttpClient from "@effect/platform/HttpClient"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import type * as Scope from "effect/Scope"

/** A transport: the HttpClient the client's calls travel on, released with the client's scope. */
export type Transport = () => Effect.Effect<HttpClient.HttpClient, never, Scope.Scope>

/** The platform's `fetch` (platform's FetchHttpClient). */
export const fetchTransport: Transport = () =>
  Effect.map(Layer.build(FetchHttpClient.layer), Context.get(HttpClient.HttpClient))
