/**
 * The public shape of `@flowcl/promise`: the options of `new Flow(…)` and of each call, and the
 * interfaces of `flow.customers` and `flow.payments`, one documented signature per method (the seed
 * document's API, plus the payment reads and the callback handlers). Flow.ts implements them over core.
 */
import type { FlowListRequest } from "./ListRequest.js"
import type * as T from "./types.js"

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
  /** Aborts the call at once; the promise rejects with `signal.reason`. */
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

export interface FlowCustomersCardSubscriptions {
  /** One page of subscriptions; `for await` over it walks every page. */
  list(data: T.FlowListPaginatedSubscriptionsRequest, options?: FlowRequestOptions): FlowListRequest<T.FlowSubscription>
}

/** `card.massiveChargeStatus`: one look at a batch, or `.untilProcessed` to follow it to the end. */
export interface FlowMassiveChargeStatus {
  (token: string, options?: FlowRequestOptions): Promise<T.FlowMassiveChargeCardStatusResponse>
  /**
   * Polls the batch until it is `processed` and resolves with its final status, each row's outcome
   * included. `onStatus` sees each new status (`created`, `processing`, `processed`).
   */
  untilProcessed(token: string, options?: FlowUntilProcessedOptions): Promise<T.FlowMassiveChargeCardStatusResponse>
}

export interface FlowUntilProcessedOptions {
  /** Milliseconds between polls. Default 2 000. */
  readonly interval?: number | undefined
  /** Milliseconds to wait for `processed` before rejecting with FlowTimeoutError as cause. Default 600 000. */
  readonly timeout?: number | undefined
  readonly onStatus?: ((status: T.FlowMassiveChargeCardStatusResponse) => void) | undefined
  readonly signal?: AbortSignal | undefined
}

export interface FlowCustomersCard {
  register(data: T.FlowRegisterCardRequest, options?: FlowRequestOptions): Promise<T.FlowRegisterCardResponse>
  status(token: string, options?: FlowRequestOptions): Promise<T.FlowRegisterCardStatusResponse>
  /**
   * Handles Flow's POST to `url_return` (a form carrying `token`) for any framework with web `Request`s:
   * reads the token, asks `card.status`, resolves with the registration's outcome. A body over 8 KiB is
   * refused unread; concurrent posts of one token make one call to Flow.
   */
  registrationCallback(request: Request, options?: FlowRequestOptions): Promise<T.FlowRegisterCardStatusResponse>
  /**
   * Handles Flow's POST to a batch's `urlCallBack` (a form carrying the batch `token`): reads the token,
   * asks `massiveChargeStatus`, resolves with the batch's status and each row's outcome. A body over
   * 8 KiB is refused unread; concurrent posts of one token make one call to Flow.
   */
  massiveChargeCallback(request: Request, options?: FlowRequestOptions): Promise<T.FlowMassiveChargeCardStatusResponse>
  delete(customerId: string, options?: FlowRequestOptions): Promise<T.FlowDeleteCardResponse>
  charge(data: T.FlowChargeCardRequest, options?: FlowRequestOptions): Promise<T.FlowChargeCardResponse>
  sendCharge(data: T.FlowSendChargeRequest, options?: FlowRequestOptions): Promise<T.FlowSendChargeResponse>
  sendMassiveCharge(
    data: T.FlowSendMassiveChargeCardRequest,
    options?: FlowRequestOptions
  ): Promise<T.FlowSendMassiveChargeCardResponse>
  readonly massiveChargeStatus: FlowMassiveChargeStatus
  reverseCharge(data: T.FlowReverseChargeCardRequest, options?: FlowRequestOptions): Promise<T.FlowReverseChargeCardResponse>
  /** One page of charges; `for await` over it walks every page. */
  listCharges(data: T.FlowListChargesRequest, options?: FlowRequestOptions): FlowListRequest<T.FlowPayment>
  /** One page of failed attempts; `for await` over it walks every page. */
  listFailedCharges(data: T.FlowListFailedChargesRequest, options?: FlowRequestOptions): FlowListRequest<T.FlowChargeAttempt>
  readonly subscriptions: FlowCustomersCardSubscriptions
}

/** `flow.customers`: every operation of the seed document. */
export interface FlowCustomersClient {
  create(data: T.FlowCreateCustomerRequest, options?: FlowRequestOptions): Promise<T.FlowCreateCustomerResponse>
  edit(data: T.FlowEditCustomerRequest, options?: FlowRequestOptions): Promise<T.FlowEditCustomerResponse>
  delete(customerId: string, options?: FlowRequestOptions): Promise<T.FlowDeleteCustomerResponse>
  get(customerId: string, options?: FlowRequestOptions): Promise<T.FlowGetCustomerResponse>
  /** One page of customers; `for await` over it walks every page. */
  list(data?: T.FlowGetCustomerListRequest, options?: FlowRequestOptions): FlowListRequest<T.FlowCustomer>
  readonly card: FlowCustomersCard
}

/**
 * `flow.payments`: Flow's payment status reads, and the handler for `urlConfirmation`. A payment link
 * (`card.sendCharge`), an email charge or a batch row is paid later; Flow then POSTs its `token` to
 * `urlConfirmation`, and `confirmation(request)` turns that POST into the payment.
 */
export interface FlowPaymentsClient {
  /** A payment by the `token` Flow POSTed to `urlConfirmation` (GET `payment/getStatus`). */
  getStatus(token: string, options?: FlowRequestOptions): Promise<T.FlowPayment>
  /** A payment by your `commerceOrder` (GET `payment/getStatusByCommerceId`). */
  getStatusByCommerceId(commerceOrder: string, options?: FlowRequestOptions): Promise<T.FlowPayment>
  /** A payment by Flow's `flowOrder` (GET `payment/getStatusByFlowOrder`). */
  getStatusByFlowOrder(flowOrder: number, options?: FlowRequestOptions): Promise<T.FlowPayment>
  /**
   * Handles Flow's POST to `urlConfirmation` (a form, urlencoded or multipart, carrying `token`) for any
   * framework with web `Request`s: reads the token, asks `getStatus`, resolves with the payment
   * (`status` 2 = paid). The POST is unsigned: the payment comes only from the signed read. A body over
   * 8 KiB is refused unread; concurrent posts of one token make one call to Flow.
   */
  confirmation(request: Request, options?: FlowRequestOptions): Promise<T.FlowPayment>
}
