/**
 * What a `Flow` runs its calls on: its services, built on the first call as one scoped Effect (core's
 * FlowServices.ts), and a plain Runtime over them; `dispose` closes the scope (FlowHttp's grace for
 * calls under way, then the transport).
 *
 * Why not `ManagedRuntime.make(layer)`: it does the same through a layer, and on a cold process its
 * first build (memo map, the layer's own scopes) cost about 5 ms more of the first call, measured in
 * fresh processes (packages/bench/src/coldstart.ts).
 */
import type * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FiberRefs from "effect/FiberRefs"
import * as Runtime from "effect/Runtime"
import * as Scope from "effect/Scope"

export class ClientRuntime<R> {
  readonly #build: Effect.Effect<Context.Context<R>, never, Scope.Scope>
  #scope: Scope.CloseableScope | undefined
  #runtime: Runtime.Runtime<R> | undefined
  #building: Promise<Runtime.Runtime<R>> | undefined

  constructor(build: Effect.Effect<Context.Context<R>, never, Scope.Scope>) {
    this.#build = build
  }

  /** The runtime, built once (concurrent first calls share the one build). */
  #ready(): Promise<Runtime.Runtime<R>> {
    return this.#building ??= Effect.runPromise(Effect.flatMap(this.#scopeOf(), (scope) => Scope.extend(this.#build, scope)))
      .then((context) =>
        this.#runtime = Runtime.make({ context, runtimeFlags: Runtime.defaultRuntimeFlags, fiberRefs: FiberRefs.empty() })
      )
  }

  #scopeOf(): Effect.Effect<Scope.CloseableScope> {
    return Effect.suspend(() => this.#scope === undefined ? Effect.tap(Scope.make(), (scope) => {
      this.#scope = scope
    }) : Effect.succeed(this.#scope))
  }

  runPromiseExit<A, E>(
    effect: Effect.Effect<A, E, R>,
    options?: { readonly signal?: AbortSignal }
  ): Promise<Exit.Exit<A, E>> {
    const runtime = this.#runtime
    return runtime !== undefined
      ? Runtime.runPromiseExit(runtime)(effect, options)
      : this.#ready().then((ready) => Runtime.runPromiseExit(ready)(effect, options))
  }

  /** Closes what the build acquired (nothing when no call was ever made). */
  dispose(): Promise<void> {
    return Effect.runPromise(Effect.flatMap(this.#scopeOf(), (scope) => Scope.close(scope, Exit.void)))
  }
}
