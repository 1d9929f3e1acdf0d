/**
 * The options of `new Flow(…)` and of each call.
 */

/** Which Flow: `"sandbox"` (https://sandbox.flow.cl/api) or `"production"` (https://www.flow.cl/api). */
export type FlowEnvironment = "sandbox" | "production"

/**
 * How requests travel. `"undici"` (the default on Node) is core's lean undici client, several times
 * cheaper per call than `fetch` (BENCHMARKS.md); `"fetch"` (the default elsewhere: Bun, Deno,
 * workers) is the platform's `fetch`.
 */
export type FlowTransport = "undici" | "fetch"

/** The 4th argument of `new Flow(...)`. */
export interface FlowOptions {
  /** `"undici"` on Node, `"fetch"` elsewhere. */
  readonly transport?: FlowTransport | undefined
  /** Replaces the environment's base URL, e.g. an emulator's `http://127.0.0.1:8080/api`. */
  readonly baseUrl?: string | undefined
  /** Milliseconds allowed for each try of a call, reading the answer included. Default 30 000. */
  readonly timeout?: number | undefined
  /**
   * When to try a failed call again (RELIABILITY.md): reads after a transport failure, a timeout, 429
   * or 5xx; writes only when nothing was sent. Default `{ retries: 2, baseDelay: 500, maxDelay: 5000 }` (ms).
   */
  readonly retry?: {
    readonly retries?: number | undefined
    readonly baseDelay?: number | undefined
    readonly maxDelay?: number | undefined
  } | undefined
  /**
   * The largest answer body read, in bytes (1 KiB to 256 MiB). Reading stops at this size, the
   * connection is dropped and the call rejects at once with the operation's error: reason
   * FlowDecodeError for a 2xx answer, FlowAPIError for any other status. Default 10 MiB (10 485 760),
   * far above any answer of Flow's (a 100-item page is tens of KB).
   */
  readonly maxResponseBytes?: number | undefined
  /**
   * Whether a charge or collect whose answer was lost (a timeout, a reset after sending, a 5xx, an
   * answer that cannot be read) is settled by asking Flow for its `commerceOrder`, and sent again only
   * when Flow holds no such order (RELIABILITY.md, "Reconciliation"). Default true.
   */
  readonly reconcile?: boolean | undefined
  /**
   * The most rows one `card.sendMassiveCharge` takes (1 to 100 000). A batch with more is refused
   * before anything is sent: the operation's error, reason FlowValidationError, field `batchRows`,
   * naming the count and this bound. Default 5 000 (a `batchRows` field of about 1 MB).
   */
  readonly maxBatchRows?: number | undefined
  /**
   * Milliseconds that calls under way may still take after `close()`: past it they are aborted with
   * the operation's error, cause FlowClosedError saying whether the request had been sent. Default 5 000.
   */
  readonly closeGrace?: number | undefined
}

/** The optional last argument of every method. */
export interface FlowRequestOptions {
  /**
   * Aborts the call at once; the promise rejects with the operation's error, cause `FlowAbortedError`
   * (`requestSent` says whether a request had left; its `cause` is `signal.reason`).
   */
  readonly signal?: AbortSignal | undefined
  /** Milliseconds allowed for each try of this call, overriding the Flow instance's timeout. */
  readonly timeout?: number | undefined
  /** Retries for this call, overriding the Flow instance's policy (0: a single try). */
  readonly retries?: number | undefined
  /**
   * For `card.charge` and `card.sendCharge`: whether a lost answer is settled by asking Flow for the
   * order (RELIABILITY.md, "Reconciliation"), overriding the Flow instance's setting.
   */
  readonly reconcile?: boolean | undefined
}
