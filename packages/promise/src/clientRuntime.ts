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

type RunOptions = { readonly signal?: AbortSignal }
type Runner<R> = <A, E>(effect: Effect.Effect<A, E, R>, options?: RunOptions) => Promise<Exit.Exit<A, E>>

export class ClientRuntime<R> {
  readonly #build: Effect.Effect<Context.Context<R>, never, Scope.Scope>
  /** What the build acquires is bound to it; made at once so that `dispose` never has to make one. */
  readonly #scope: Scope.CloseableScope = Effect.runSync(Scope.make())
  /** The built runtime's runner, kept so that a call after the first one takes no extra step. */
  #run: Runner<R> | undefined
  #building: Promise<Runner<R>> | undefined

  constructor(build: Effect.Effect<Context.Context<R>, never, Scope.Scope>) {
    this.#build = build
  }

  /** The runner, built once (concurrent first calls share the one build). */
  #ready(): Promise<Runner<R>> {
    return this.#building ??= Effect.runPromise(Scope.extend(this.#build, this.#scope)).then((context) =>
      this.#run = Runtime.runPromiseExit(
        Runtime.make({ context, runtimeFlags: Runtime.defaultRuntimeFlags, fiberRefs: FiberRefs.empty() })
      )
    )
  }

  runPromiseExit<A, E>(effect: Effect.Effect<A, E, R>, options?: RunOptions): Promise<Exit.Exit<A, E>> {
    const run = this.#run
    return run !== undefined ? run(effect, options) : this.#ready().then((ready) => ready(effect, options))
  }

  /** Closes what the build acquired (nothing when no call was ever made). */
  dispose(): Promise<void> {
    return Effect.runPromise(Scope.close(this.#scope, Exit.void))
  }
}
