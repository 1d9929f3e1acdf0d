/**
 * The public shape of `@flowcl/promise`: the options of `new Flow(…)` and of each call, the
 * interfaces of `flow.customers` and `flow.payments` (one documented signature per method: the seed
 * document's API, plus the payment reads and the callback handlers) and the error class each method
 * rejects with. Flow.ts implements them by walking core's declarations of the operations.
 */
import type * as Core from "@flowcl/core"
import { FlowPaymentMethods as paymentMethods } from "@flowcl/core"
import { FlowError, operationError } from "./errors.js"
import type { FlowListRequest } from "./ListRequest.js"

// --------------------------------------------------------------------------------------------- types
// The seed document's type names, for the types of `@flowcl/core` (one source of truth). Where the
// seed and Flow's spec disagree on a type, these are the normalized types the README lists.

/** The payment method names and Flow's numbers for them; a raw number is accepted too. */
export const FlowPaymentMethods = paymentMethods
/** A payment method: a name of {@link FlowPaymentMethods} or Flow's number. */
export type FlowPaymentMethods = Core.PaymentMethod

export type FlowCustomer = Core.Customer
export type FlowPage<A> = Core.Page<A>

export type FlowCreateCustomerRequest = Core.CreateCustomerRequest
export type FlowCreateCustomerResponse = Core.Customer
export type FlowEditCustomerRequest = Core.EditCustomerRequest
export type FlowEditCustomerResponse = Core.Customer
export type FlowDeleteCustomerResponse = Core.Customer
export type FlowGetCustomerResponse = Core.Customer
export type FlowGetCustomerListRequest = Core.ListCustomersRequest
export type FlowListCustomersResponse = Core.Page<Core.Customer>

export type FlowRegisterCardRequest = Core.RegisterCardRequest
export type FlowRegisterCardResponse = Core.RegisterCardResponse
export type FlowRegisterCardStatusResponse = Core.RegisterCardStatus
export type FlowDeleteCardResponse = Core.Customer

export type FlowChargeCardRequest = Core.ChargeCardRequest
export type FlowChargeCardResponse = Core.Payment
export type FlowSendChargeRequest = Core.SendChargeRequest
export type FlowSendChargeResponse = Core.CollectResponse
export type FlowMassiveChargeRow = Core.MassiveChargeRow
export type FlowSendMassiveChargeCardRequest = Core.SendMassiveChargeRequest
export type FlowSendMassiveChargeCardResponse = Core.BatchCollectResponse
export type FlowMassiveChargeCardStatusResponse = Core.BatchCollectStatus
export type FlowReverseChargeCardRequest = Core.ReverseChargeRequest
export type FlowReverseChargeCardResponse = Core.ReverseChargeResponse

export type FlowListChargesRequest = Core.ListChargesRequest
export type FlowListChargesResponse = Core.Page<Core.Payment>
export type FlowListFailedChargesRequest = Core.ListFailedChargesRequest
export type FlowListFailedChargesResponse = Core.Page<Core.ChargeAttempt>
export type FlowListPaginatedSubscriptionsRequest = Core.ListSubscriptionsRequest
export type FlowListPaginatedSubscriptionsResponse = Core.Page<Core.Subscription>

export type FlowPayment = Core.Payment
export type FlowChargeAttempt = Core.ChargeAttempt
export type FlowSubscription = Core.Subscription


// --------------------------------------------------------------------------------------------- errors
// Each method rejects with its own class (the seed's table); `cause` is the reason (errors.ts).

/** `customers.create` failed. */
export class FlowCreateCustomerError extends FlowError {}
operationError(FlowCreateCustomerError, "FlowCreateCustomerError")
/** `customers.edit` failed. */
export class FlowEditCustomerError extends FlowError {}
operationError(FlowEditCustomerError, "FlowEditCustomerError")
/** `customers.delete` failed. */
export class FlowDeleteCustomerError extends FlowError {}
operationError(FlowDeleteCustomerError, "FlowDeleteCustomerError")
/** `customers.get` failed. */
export class FlowGetCustomerError extends FlowError {}
operationError(FlowGetCustomerError, "FlowGetCustomerError")
/** `customers.list` failed (a page, or a walk over them). */
export class FlowGetCustomerListError extends FlowError {}
operationError(FlowGetCustomerListError, "FlowGetCustomerListError")
/** `customers.card.register` failed. */
export class FlowRegisterCardError extends FlowError {}
operationError(FlowRegisterCardError, "FlowRegisterCardError")
/** `customers.card.status` (or `registrationCallback`) failed. */
export class FlowRegisterCardStatusError extends FlowError {}
operationError(FlowRegisterCardStatusError, "FlowRegisterCardStatusError")
/** `customers.card.delete` failed. */
export class FlowDeleteCardError extends FlowError {}
operationError(FlowDeleteCardError, "FlowDeleteCardError")
/** `customers.card.charge` failed; `outcome` says whether the charge may have been made. */
export class FlowChargeCardError extends FlowError {}
operationError(FlowChargeCardError, "FlowChargeCardError")
/** `customers.card.sendCharge` failed; `outcome` says whether the collect may have been made. */
export class FlowSendChargeCardError extends FlowError {}
operationError(FlowSendChargeCardError, "FlowSendChargeCardError")
/** `customers.card.sendMassiveCharge` failed. */
export class FlowSendMassiveChargeCardError extends FlowError {}
operationError(FlowSendMassiveChargeCardError, "FlowSendMassiveChargeCardError")
/** `customers.card.massiveChargeStatus` (or `untilProcessed`, `massiveChargeCallback`) failed. */
export class FlowMassiveChargeCardStatusError extends FlowError {}
operationError(FlowMassiveChargeCardStatusError, "FlowMassiveChargeCardStatusError")
/** `customers.card.reverseCharge` failed. */
export class FlowReverseChargeCardError extends FlowError {}
operationError(FlowReverseChargeCardError, "FlowReverseChargeCardError")
/** `customers.card.listCharges` failed. */
export class FlowListChargesCardError extends FlowError {}
operationError(FlowListChargesCardError, "FlowListChargesCardError")
/** `customers.card.listFailedCharges` failed. */
export class FlowListFailedChargesCardError extends FlowError {}
operationError(FlowListFailedChargesCardError, "FlowListFailedChargesCardError")
/** `customers.card.subscriptions.list` failed. */
export class FlowListPaginatedSubscriptionsError extends FlowError {}
operationError(FlowListPaginatedSubscriptionsError, "FlowListPaginatedSubscriptionsError")
/** `payments.getStatus` (or `confirmation`) failed. */
export class FlowGetPaymentStatusError extends FlowError {}
operationError(FlowGetPaymentStatusError, "FlowGetPaymentStatusError")
/** `payments.getStatusByCommerceId` failed. */
export class FlowGetPaymentStatusByCommerceIdError extends FlowError {}
operationError(FlowGetPaymentStatusByCommerceIdError, "FlowGetPaymentStatusByCommerceIdError")
/** `payments.getStatusByFlowOrder` failed. */
export class FlowGetPaymentStatusByFlowOrderError extends FlowError {}
operationError(FlowGetPaymentStatusByFlowOrderError, "FlowGetPaymentStatusByFlowOrderError")

// --------------------------------------------------------------------------------------------- options

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
  list(data: FlowListPaginatedSubscriptionsRequest, options?: FlowRequestOptions): FlowListRequest<FlowSubscription>
}

/** `card.massiveChargeStatus`: one look at a batch, or `.untilProcessed` to follow it to the end. */
export interface FlowMassiveChargeStatus {
  (token: string, options?: FlowRequestOptions): Promise<FlowMassiveChargeCardStatusResponse>
  /**
   * Polls the batch until it is `processed` and resolves with its final status, each row's outcome
   * included. `onStatus` sees each new status (`created`, `processing`, `processed`).
   */
  untilProcessed(token: string, options?: FlowUntilProcessedOptions): Promise<FlowMassiveChargeCardStatusResponse>
}

export interface FlowUntilProcessedOptions {
  /** Milliseconds between polls. Default 2 000. */
  readonly interval?: number | undefined
  /** Milliseconds to wait for `processed` before rejecting with FlowTimeoutError as cause. Default 600 000. */
  readonly timeout?: number | undefined
  readonly onStatus?: ((status: FlowMassiveChargeCardStatusResponse) => void) | undefined
  readonly signal?: AbortSignal | undefined
}

export interface FlowCustomersCard {
  register(data: FlowRegisterCardRequest, options?: FlowRequestOptions): Promise<FlowRegisterCardResponse>
  status(token: string, options?: FlowRequestOptions): Promise<FlowRegisterCardStatusResponse>
  /**
   * Handles Flow's POST to `url_return` (a form carrying `token`) for any framework with web `Request`s:
   * reads the token, asks `card.status`, resolves with the registration's outcome. A body over 8 KiB is
   * refused unread; concurrent posts of one token make one call to Flow.
   */
  registrationCallback(request: Request, options?: FlowRequestOptions): Promise<FlowRegisterCardStatusResponse>
  /**
   * Handles Flow's POST to a batch's `urlCallBack` (a form carrying the batch `token`): reads the token,
   * asks `massiveChargeStatus`, resolves with the batch's status and each row's outcome. A body over
   * 8 KiB is refused unread; concurrent posts of one token make one call to Flow.
   */
  massiveChargeCallback(request: Request, options?: FlowRequestOptions): Promise<FlowMassiveChargeCardStatusResponse>
  delete(customerId: string, options?: FlowRequestOptions): Promise<FlowDeleteCardResponse>
  charge(data: FlowChargeCardRequest, options?: FlowRequestOptions): Promise<FlowChargeCardResponse>
  sendCharge(data: FlowSendChargeRequest, options?: FlowRequestOptions): Promise<FlowSendChargeResponse>
  sendMassiveCharge(
    data: FlowSendMassiveChargeCardRequest,
    options?: FlowRequestOptions
  ): Promise<FlowSendMassiveChargeCardResponse>
  readonly massiveChargeStatus: FlowMassiveChargeStatus
  reverseCharge(data: FlowReverseChargeCardRequest, options?: FlowRequestOptions): Promise<FlowReverseChargeCardResponse>
  /** One page of charges; `for await` over it walks every page. */
  listCharges(data: FlowListChargesRequest, options?: FlowRequestOptions): FlowListRequest<FlowPayment>
  /** One page of failed attempts; `for await` over it walks every page. */
  listFailedCharges(data: FlowListFailedChargesRequest, options?: FlowRequestOptions): FlowListRequest<FlowChargeAttempt>
  readonly subscriptions: FlowCustomersCardSubscriptions
}

/** `flow.customers`: every operation of the seed document. */
export interface FlowCustomersClient {
  create(data: FlowCreateCustomerRequest, options?: FlowRequestOptions): Promise<FlowCreateCustomerResponse>
  edit(data: FlowEditCustomerRequest, options?: FlowRequestOptions): Promise<FlowEditCustomerResponse>
  delete(customerId: string, options?: FlowRequestOptions): Promise<FlowDeleteCustomerResponse>
  get(customerId: string, options?: FlowRequestOptions): Promise<FlowGetCustomerResponse>
  /** One page of customers; `for await` over it walks every page. */
  list(data?: FlowGetCustomerListRequest, options?: FlowRequestOptions): FlowListRequest<FlowCustomer>
  readonly card: FlowCustomersCard
}

/**
 * `flow.payments`: Flow's payment status reads, and the handler for `urlConfirmation`. A payment link
 * (`card.sendCharge`), an email charge or a batch row is paid later; Flow then POSTs its `token` to
 * `urlConfirmation`, and `confirmation(request)` turns that POST into the payment.
 */
export interface FlowPaymentsClient {
  /** A payment by the `token` Flow POSTed to `urlConfirmation` (GET `payment/getStatus`). */
  getStatus(token: string, options?: FlowRequestOptions): Promise<FlowPayment>
  /** A payment by your `commerceOrder` (GET `payment/getStatusByCommerceId`). */
  getStatusByCommerceId(commerceOrder: string, options?: FlowRequestOptions): Promise<FlowPayment>
  /** A payment by Flow's `flowOrder` (GET `payment/getStatusByFlowOrder`). */
  getStatusByFlowOrder(flowOrder: number, options?: FlowRequestOptions): Promise<FlowPayment>
  /**
   * Handles Flow's POST to `urlConfirmation` (a form, urlencoded or multipart, carrying `token`) for any
   * framework with web `Request`s: reads the token, asks `getStatus`, resolves with the payment
   * (`status` 2 = paid). The POST is unsigned: the payment comes only from the signed read. A body over
   * 8 KiB is refused unread; concurrent posts of one token make one call to Flow.
   */
  confirmation(request: Request, options?: FlowRequestOptions): Promise<FlowPayment>
}
