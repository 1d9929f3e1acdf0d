/**
 * Auto-pagination of Flow's lists (SPEC.md §1.7): ask for `start`/`limit`, and while `hasMore`, ask
 * again from where the page ended. The next page is fetched while the current one is consumed.
 */
import type * as Effect from "effect/Effect"
import * as EffectModule from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type { Page } from "./CustomerResponses.js"

/** Flow's largest page, and the page size of the streams unless a `limit` is given. */
export const MAX_PAGE_SIZE = 100

export interface Paging {
  readonly start?: number | undefined
  readonly limit?: number | undefined
}

/**
 * Every page of a list, from `request.start` (default 0), `request.limit` items at a time (default
 * 100). Ends after the page whose `hasMore` is false (or that is empty, so a server that keeps saying
 * `hasMore` with nothing to give cannot loop forever). Fails with the list operation's own error.
 */
export const pages = <Request extends Paging, A, E, R>(
  list: (request: Request) => Effect.Effect<Page<A>, E, R>,
  request: Request
): Stream.Stream<Page<A>, E, R> => {
  const limit = request.limit ?? MAX_PAGE_SIZE
  /** The page from `start`, under way in its own fiber. */
  type Pending = { readonly start: number; readonly fiber: Fiber.RuntimeFiber<Page<A>, E> }
  return Stream.unwrapScoped(EffectModule.map(EffectModule.scope, (scope) => {
    // the page ahead belongs to the stream's scope: it is interrupted when the stream ends early
    const fetch = (start: number): Effect.Effect<Pending, never, R> =>
      EffectModule.map(EffectModule.forkIn(list({ ...request, start, limit }), scope), (fiber) => ({ start, fiber }))
    // Each step waits for the page under way and, when there is more, starts the next one before
    // handing this one out: exactly one page ahead, fetched while this one is consumed.
    const step = (pending: Pending): Effect.Effect<readonly [Page<A>, Option.Option<Pending>], E, R> =>
      EffectModule.flatMap(Fiber.join(pending.fiber), (page) => {
        // resume where this page ended (a short page loses nothing); stop at an empty page, so a
        // server that keeps saying hasMore with nothing to give cannot loop forever
        const next = pending.start + page.data.length
        return page.hasMore && page.data.length > 0
          ? EffectModule.map(fetch(next), (ahead) => [page, Option.some(ahead)] as const)
          : EffectModule.succeed([page, Option.none<Pending>()] as const)
      })
    return Stream.unwrap(EffectModule.map(fetch(request.start ?? 0), (first) => Stream.paginateEffect(first, step)))
  }))
}

/** Every item of every page. */
export const items = <Request extends Paging, A, E, R>(
  list: (request: Request) => Effect.Effect<Page<A>, E, R>,
  request: Request
): Stream.Stream<A, E, R> => Stream.mapConcat(pages(list, request), (page) => page.data)
