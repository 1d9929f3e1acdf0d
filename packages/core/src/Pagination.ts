/**
 * Auto-pagination of Flow's lists (docs/flow-api.md, "Lists"): ask for `start`/`limit`, and while `hasMore`, ask
 * again from where the page ended. The next page is fetched while the current one is consumed.
 *
 * A walk always ends. Pages that cannot be Flow's (a page that repeats an earlier one, an empty page
 * while `hasMore` says there is more, a walk far past the first page's `total`) end it with the list's
 * own error, reason {@link FlowDecodeError} (`path` `"data"`), instead of looping forever.
 */
import type * as Effect from "effect/Effect"
import * as EffectModule from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type { Page } from "./Responses.js"
import { FlowDecodeError } from "./FlowErrorReasons.js"
import { unchecked } from "./Unchecked.js"

/**
 * Flow's largest page, and the page size of the streams unless a `limit` is given.
 *
 * @since 0.1.0
 * @category pagination
 */
export const MAX_PAGE_SIZE = 100

/**
 * The paging fields of a list's input: `start` (the first item, from 0) and `limit` (at most
 * {@link MAX_PAGE_SIZE}).
 *
 * @since 0.1.0
 * @category pagination
 */
export interface Paging {
  readonly start?: number | undefined
  readonly limit?: number | undefined
}

/**
 * How far past the first page's `total` a walk may go before its pages are judged inconsistent: two
 * full pages (200 items), or a tenth of the total when that is more. A list may grow while it is
 * walked (new charges, new customers), so a little more than `total` is normal; a walk that keeps going
 * well beyond it is a server that will never say it is done.
 *
 * @since 0.1.0
 * @category pagination
 */
export const overrunMargin = (total: number): number => Math.max(2 * MAX_PAGE_SIZE, Math.ceil(total / 10))

/** FNV-1a over `text` from `seed`: 32 bits. */
const fnv1a = (text: string, seed: number): number => {
  let hash = seed
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193)
  return hash >>> 0
}

/**
 * A page's fingerprint: its count and its first and last items, hashed to 64 bits (two FNV-1a passes),
 * so a walk keeps a few bytes per page, not the items. Undefined for an empty page, or items that
 * cannot be rendered (never the case for decoded answers).
 */
const fingerprint = (data: ReadonlyArray<unknown>): string | undefined => {
  if (data.length === 0) return undefined
  let text: string
  try {
    text = `${data.length}|${JSON.stringify(data[0])}|${JSON.stringify(data[data.length - 1])}`
  } catch {
    return undefined
  }
  return `${fnv1a(text, 0x811c9dc5).toString(16)}:${fnv1a(text, 0x01234567).toString(16)}`
}

/** What the walk knows after the pages so far. */
interface Walked {
  /** The first page's `total`: the size the walk is held to. */
  readonly total: number
  /** Items received so far. */
  readonly items: number
  /** The {@link fingerprint} of each page so far, and the `start` it came from. */
  readonly seen: Map<string, number>
}

/** Why `page` (from `start`) cannot follow what was walked, or undefined when it can. */
const inconsistency = (walked: Walked, start: number, page: Page<unknown>): string | undefined => {
  const count = page.data.length
  if (count === 0) {
    return page.hasMore ? `the page from start ${start} is empty while hasMore says there is more` : undefined
  }
  const key = fingerprint(page.data)
  const earlier = key === undefined ? undefined : walked.seen.get(key)
  if (earlier !== undefined) {
    return `the page from start ${start} repeats the page from start ${earlier} (the same ${count} items)`
  }
  const items = walked.items + count
  if (items > walked.total + overrunMargin(walked.total)) {
    return `the walk has received ${items} items, far more than the list's total of ${walked.total} (its first page's)`
  }
  if (key !== undefined) walked.seen.set(key, start)
  return undefined
}

/**
 * Every page of a list, from `request.start` (default 0), `request.limit` items at a time (default
 * 100). Ends after the page whose `hasMore` is false. Fails with the list operation's own error: the
 * error of a page, or `inconsistent(reason)` when the pages cannot be Flow's (see the module's note),
 * so that no server can make the walk loop forever.
 *
 * @since 0.1.0
 * @category pagination
 */
export const pages = <Request extends Paging, A, E, R>(
  list: (request: Request) => Effect.Effect<Page<A>, E, R>,
  request: Request,
  inconsistent: (reason: FlowDecodeError) => E
): Stream.Stream<Page<A>, E, R> => {
  const limit = request.limit ?? MAX_PAGE_SIZE
  /** The page from `start`, under way in its own fiber, and what was walked before it. */
  type Pending = {
    readonly start: number
    readonly fiber: Fiber.RuntimeFiber<Page<A>, E>
    readonly walked: Walked | undefined
  }
  return Stream.unwrapScoped(EffectModule.map(EffectModule.scope, (scope) => {
    // the page ahead belongs to the stream's scope: it is interrupted when the stream ends early
    const fetch = (start: number, walked: Walked | undefined): Effect.Effect<Pending, never, R> =>
      EffectModule.map(
        EffectModule.forkIn(list({ ...request, start, limit }), scope),
        (fiber) => ({ start, fiber, walked })
      )
    // Each step waits for the page under way and, when there is more, starts the next one before
    // handing this one out: exactly one page ahead, fetched while this one is consumed.
    const step = (pending: Pending): Effect.Effect<readonly [Page<A>, Option.Option<Pending>], E, R> =>
      EffectModule.flatMap(Fiber.join(pending.fiber), (page) => {
        const walked = pending.walked ?? { total: page.total, items: 0, seen: new Map<string, number>() }
        const problem = inconsistency(walked, pending.start, page)
        if (problem !== undefined) {
          return EffectModule.fail(inconsistent(
            new FlowDecodeError({
              message: `Flow's pages are inconsistent: ${problem}`,
              path: "data",
              statusCode: 200,
              body: ""
            }, unchecked)
          ))
        }
        if (!page.hasMore) return EffectModule.succeed([page, Option.none<Pending>()] as const)
        // resume where this page ended (a short page loses nothing)
        const next = pending.start + page.data.length
        const after: Walked = { total: walked.total, items: walked.items + page.data.length, seen: walked.seen }
        return EffectModule.map(fetch(next, after), (ahead) => [page, Option.some(ahead)] as const)
      })
    return Stream.unwrap(
      EffectModule.map(fetch(request.start ?? 0, undefined), (first) => Stream.paginateEffect(first, step))
    )
  }))
}

/**
 * Every item of every page.
 *
 * @since 0.1.0
 * @category pagination
 */
export const items = <Request extends Paging, A, E, R>(
  list: (request: Request) => Effect.Effect<Page<A>, E, R>,
  request: Request,
  inconsistent: (reason: FlowDecodeError) => E
): Stream.Stream<A, E, R> => Stream.mapConcat(pages(list, request, inconsistent), (page) => page.data)
