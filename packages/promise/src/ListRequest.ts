/**
 * What the list methods return: awaited, it is the one page the seed documents; iterated with
 * `for await`, it is every item of every page (the next page fetched while this one is consumed).
 *
 * ```ts
 * const page = await flow.customers.list({ limit: 10 })          // one page
 * for await (const customer of flow.customers.list({ limit: 100 })) { … }  // all of them
 * const all = await flow.customers.list().toArray({ max: 5_000 })  // all, refusing more than 5,000
 * ```
 */
import type { Page } from "@flowcl/core"

/** A Promise of the one page (the seed's contract) that is also async-iterable over every item. */
export interface FlowListRequest<Item> extends Promise<Page<Item>>, AsyncIterable<Item> {
  /** Every page, for `for await`. */
  pages(): AsyncIterable<Page<Item>>
  /**
   * Every item in an array, refusing (before loading them) more than `max` items: the list's error,
   * field `max`, naming the count: the list's `total` when its first page says it is more than `max`,
   * or the items loaded so far when the pages give more than their `total` said.
   */
  toArray(options: { readonly max: number }): Promise<Array<Item>>
}

export interface ListRequestParts<Item> {
  readonly page: () => Promise<Page<Item>>
  readonly pages: () => AsyncIterable<Page<Item>>
  /** The list's error for a refused `max`. */
  readonly tooMany: (field: string, message: string) => Error
}

export class ListRequest<Item> implements FlowListRequest<Item> {
  #page: Promise<Page<Item>> | undefined
  readonly #parts: ListRequestParts<Item>

  constructor(parts: ListRequestParts<Item>) {
    this.#parts = parts
  }

  get [Symbol.toStringTag](): string {
    return "FlowListRequest"
  }

  /** The one page, fetched once, on first use. */
  #first(): Promise<Page<Item>> {
    return (this.#page ??= this.#parts.page())
  }

  then<A = Page<Item>, B = never>(
    onFulfilled?: ((page: Page<Item>) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null
  ): Promise<A | B> {
    return this.#first().then(onFulfilled, onRejected)
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<Page<Item> | B> {
    return this.#first().catch(onRejected)
  }

  finally(onFinally?: (() => void) | null): Promise<Page<Item>> {
    return this.#first().finally(onFinally)
  }

  pages(): AsyncIterable<Page<Item>> {
    return this.#parts.pages()
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Item> {
    for await (const page of this.#parts.pages()) yield* page.data
  }

  async toArray(options: { readonly max: number }): Promise<Array<Item>> {
    let max: unknown
    try {
      max = (options as { max?: unknown } | undefined)?.max // read once
    } catch {
      throw this.#parts.tooMany("max", "Expected max to be a whole number; it could not be read")
    }
    if (typeof max !== "number" || !Number.isInteger(max) || max < 0) {
      throw this.#parts.tooMany("max", `Expected max to be a whole number, got ${typeof max === "number" ? max : typeof max}`)
    }
    const items: Array<Item> = []
    let total: number | undefined
    for await (const page of this.#parts.pages()) {
      total ??= page.total
      // the first page tells how many there are: refuse at once rather than load max items first
      if (page.total > max) {
        throw this.#parts.tooMany(
          "max",
          `the list holds ${page.total} items, more than max ${max}: raise max, or iterate with for await`
        )
      }
      // pages that give more than their total said (the list grew, or Flow's count is wrong): the real count
      const loaded = items.length + page.data.length
      if (loaded > max) {
        throw this.#parts.tooMany(
          "max",
          `the list gave ${loaded} items so far, more than max ${max} (its first page said ${total}): raise max, or iterate with for await`
        )
      }
      for (const item of page.data) items.push(item)
    }
    return items
  }
}
