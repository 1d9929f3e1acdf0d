/**
 * The public shape of `@flowcl/promise`: the options of `new Flow(…)` and of each call, the
 * interfaces of `flow.customers` and `flow.payments` (one documented signature per method: the seed
 * document's API, plus the payment reads and the callback handlers) and the error class each method
 * rejects with. Flow.ts implements them by walking core's declarations of the operations.
 */
import type * as Core from "@flowcl/core"
import { FlowPaymentMethods as paymentMethods } from "@flowcl/core"
import type { FlowRequestOptions } from "./clientOptions.js"
import type { FlowListRequest } from "./ListRequest.js"

export * from "./clientOptions.js"
export * from "./operationErrors.js"

// --------------------------------------------------------------------------------------------- types
// The seed document's type names, for the types of `@flowcl/core` (one source of truth). Where the
// seed and Flow's spec disagree on a type, these are the normalized types the README lists.

/** The payment method names and Flow's numbers for them; a raw number is accepted too. */
export const FlowPaymentMethods = paymentMethods
/** A payment method: a name of {@link FlowPaymentMethods} or Flow's number. */
export type FlowPaymentMethods = Core.PaymentMethod

/** A Flow customer (`status`: {@link FlowCustomerStatus}). */
export type FlowCustomer = Core.Customer
/** One page of a list: `total`, `hasMore` and this page's items in `data`. */
export type FlowPage<A> = Core.Page<A>

/** What `customers.create` takes: `name`, `email` and your `externalId`. */
export type FlowCreateCustomerRequest = Core.CreateCustomerRequest
/** What `customers.create` resolves with: the new customer. */
export type FlowCreateCustomerResponse = Core.Customer
/** What `customers.edit` takes: `customerId` and at least one of `name`, `email`, `externalId`. */
export type FlowEditCustomerRequest = Core.EditCustomerRequest
/** What `customers.edit` resolves with: the customer as changed. */
export type FlowEditCustomerResponse = Core.Customer
/** What `customers.delete` resolves with: the customer, `status` 0 (deleted). */
export type FlowDeleteCustomerResponse = Core.Customer
/** What `customers.get` resolves with: the customer. */
export type FlowGetCustomerResponse = Core.Customer
/** What `customers.list` takes: `start`, `limit` (at most 100), a name `filter`, a `status`. */
export type FlowGetCustomerListRequest = Core.ListCustomersRequest
/** One page of `customers.list`. */
export type FlowListCustomersResponse = Core.Page<Core.Customer>

/** What `card.register` takes: `customerId` and the `url_return` Flow POSTs the token to. */
export type FlowRegisterCardRequest = Core.RegisterCardRequest
/** What `card.register` resolves with: Flow's `url` and `token`, and `redirectUrl` for the browser. */
export type FlowRegisterCardResponse = Core.RegisterCardResponse
/** A card registration's outcome (`status`: {@link FlowCardRegistrationStatus}), with the card's brand and last digits. */
export type FlowRegisterCardStatusResponse = Core.RegisterCardStatus
/** What `card.delete` resolves with: the customer, without a card. */
export type FlowDeleteCardResponse = Core.Customer

/** What `card.charge` takes: `customerId`, `amount`, `subject`, a unique `commerceOrder`, and optionally `currency`, `optionals`. */
export type FlowChargeCardRequest = Core.ChargeCardRequest
/** What `card.charge` resolves with: the payment (`status`: {@link FlowPaymentStatus}). */
export type FlowChargeCardResponse = Core.Payment
/** What `card.sendCharge` takes: a charge, `urlConfirmation`, `urlReturn`, and how a link or email is delivered. */
export type FlowSendChargeRequest = Core.SendChargeRequest
/** What `card.sendCharge` resolves with: its `type` ({@link FlowCollectType}), a link's `url`/`token`, the payment when made. */
export type FlowSendChargeResponse = Core.CollectResponse
/** One row of `card.sendMassiveCharge`'s `batchRows`. */
export type FlowMassiveChargeRow = Core.MassiveChargeRow
/** What `card.sendMassiveCharge` takes: `batchRows`, `urlCallBack`, `urlConfirmation`, `urlReturn`. */
export type FlowSendMassiveChargeCardRequest = Core.SendMassiveChargeRequest
/** What `card.sendMassiveCharge` resolves with: the batch `token`, and the rows received, accepted and rejected. */
export type FlowSendMassiveChargeCardResponse = Core.BatchCollectResponse
/** A batch's status ({@link FlowBatchStatus}) with each row's outcome in `collectRows`. */
export type FlowMassiveChargeCardStatusResponse = Core.BatchCollectStatus
/** What `card.reverseCharge` takes: the charge's `commerceOrder` or `flowOrder`, exactly one. */
export type FlowReverseChargeCardRequest = Core.ReverseChargeRequest
/** What `card.reverseCharge` resolves with: `status` ({@link FlowReverseChargeStatus}) and Flow's `message`. */
export type FlowReverseChargeCardResponse = Core.ReverseChargeResponse

/** What `card.listCharges` takes: `customerId`, paging, and filters. */
export type FlowListChargesRequest = Core.ListChargesRequest
/** One page of `card.listCharges`. */
export type FlowListChargesResponse = Core.Page<Core.Payment>
/** What `card.listFailedCharges` takes: `customerId`, paging, and filters. */
export type FlowListFailedChargesRequest = Core.ListFailedChargesRequest
/** One page of `card.listFailedCharges`. */
export type FlowListFailedChargesResponse = Core.Page<Core.ChargeAttempt>
/** What `card.subscriptions.list` takes: `customerId`, paging, a subscription id filter. */
export type FlowListPaginatedSubscriptionsRequest = Core.ListSubscriptionsRequest
/** One page of `card.subscriptions.list`. */
export type FlowListPaginatedSubscriptionsResponse = Core.Page<Core.Subscription>

/** A payment (`status`: {@link FlowPaymentStatus}): a charge's answer, a list item, a payment read. */
export type FlowPayment = Core.Payment
/** A failed automatic-charge attempt: `errorCode` (Flow's `-1` … `-11`, `999`, or `1605`) and `errorDescription`. */
export type FlowChargeAttempt = Core.ChargeAttempt
/** A subscription of a customer (`status`: {@link FlowSubscriptionStatus}). */
export type FlowSubscription = Core.Subscription


/** `flow.customers.card.subscriptions`. */
export interface FlowCustomersCardSubscriptions {
  /**
   * One page of subscriptions; `for await` over it walks every page.
   * Flow: `GET customer/getSubscriptions` (https://developers.flow.cl/api).
   * @throws {@link FlowListPaginatedSubscriptionsError} when it fails: `cause` says why, `outcome` what it means for a write
   *
   * @example
   * ```ts
   * const page = await flow.customers.card.subscriptions.list({ customerId })
   * ```
   */
  list(data: FlowListPaginatedSubscriptionsRequest, options?: FlowRequestOptions): FlowListRequest<FlowSubscription>
}

/** `card.massiveChargeStatus`: one look at a batch, or `.untilProcessed` to follow it to the end. */
export interface FlowMassiveChargeStatus {
  (token: string, options?: FlowRequestOptions): Promise<FlowMassiveChargeCardStatusResponse>
  /**
   * Polls the batch until it is `processed` and resolves with its final status, each row's outcome
   * included. `onStatus` sees each new status (`created`, `processing`, `processed`).
   * @throws {@link FlowMassiveChargeCardStatusError} when a read fails, or with cause FlowTimeoutError
   *   when the batch is not processed within `timeout`
   *
   * @example
   * ```ts
   * const done = await flow.customers.card.massiveChargeStatus.untilProcessed(batch.token, { timeout: 600_000 })
   * ```
   */
  untilProcessed(token: string, options?: FlowUntilProcessedOptions): Promise<FlowMassiveChargeCardStatusResponse>
}

/** What `card.massiveChargeStatus.untilProcessed` takes. */
export interface FlowUntilProcessedOptions {
  /** Milliseconds between polls. Default 2 000. */
  readonly interval?: number | undefined
  /** Milliseconds to wait for `processed` before rejecting with FlowTimeoutError as cause. Default 600 000. */
  readonly timeout?: number | undefined
  /** Called with each new status of the batch (`created`, `processing`, `processed`). */
  readonly onStatus?: ((status: FlowMassiveChargeCardStatusResponse) => void) | undefined
  /** Stops waiting at once; the promise rejects with the operation's error, cause `FlowAbortedError`. */
  readonly signal?: AbortSignal | undefined
}

/** `flow.customers.card`: card registration, charges, collects, massive charges, reversals and their lists. */
export interface FlowCustomersCard {
  /**
   * Starts a card registration: send the person's browser to `redirectUrl`; Flow then POSTs the `token`
   * to `url_return`.
   * Flow: `POST customer/register` (https://developers.flow.cl/api).
   * @throws {@link FlowRegisterCardError} when it fails: `cause` says why, `outcome` what it means for a write
   *
   * @example
   * ```ts
   * const registration = await flow.customers.card.register({ customerId, url_return: "https://shop.example.cl/flow/card-registered" })
   * // send the person's browser to registration.redirectUrl
   * ```
   */
  register(data: FlowRegisterCardRequest, options?: FlowRequestOptions): Promise<FlowRegisterCardResponse>
  /**
   * The outcome of a card registration, by the `token` Flow POSTed to `url_return`.
   * Flow: `GET customer/getRegisterStatus` (https://developers.flow.cl/api).
   * @throws {@link FlowRegisterCardStatusError} when it fails: `cause` says why, `outcome` what it means for a write
   *
   * @example
   * ```ts
   * const registration = await flow.customers.card.status(token)
   * if (registration.status === FlowCardRegistrationStatus.Registered) console.log(registration.last4CardDigits)
   * ```
   */
  status(token: string, options?: FlowRequestOptions): Promise<FlowRegisterCardStatusResponse>
  /**
   * Handles Flow's POST to `url_return` (a form carrying `token`) for any framework with web `Request`s:
   * reads the token, asks `card.status`, resolves with the registration's outcome. A body over 8 KiB is
   * refused unread; concurrent posts of one token make one call to Flow.
   * Flow: `GET customer/getRegisterStatus`.
   * @throws {@link FlowRegisterCardStatusError} when it fails (a bad POST: `field` `token` or `body`)
   *
   * @example
   * ```ts
   * // a route handler of any framework with web Requests (Hono, Next.js, Remix, …)
   * const registration = await flow.customers.card.registrationCallback(request)
   * ```
   */
  registrationCallback(request: Request, options?: FlowRequestOptions): Promise<FlowRegisterCardStatusResponse>
  /**
   * Handles Flow's POST to a batch's `urlCallBack` (a form carrying the batch `token`): reads the token,
   * asks `massiveChargeStatus`, resolves with the batch's status and each row's outcome. A body over
   * 8 KiB is refused unread; concurrent posts of one token make one call to Flow.
   * Flow: `GET customer/getBatchCollectStatus`.
   * @throws {@link FlowMassiveChargeCardStatusError} when it fails (a bad POST: `field` `token` or `body`)
   *
   * @example
   * ```ts
   * const batch = await flow.customers.card.massiveChargeCallback(request) // { status: "processed", collectRows }
   * ```
   */
  massiveChargeCallback(request: Request, options?: FlowRequestOptions): Promise<FlowMassiveChargeCardStatusResponse>
  /**
   * Removes the customer's registered card.
   * Flow: `POST customer/unRegister` (https://developers.flow.cl/api).
   * @throws {@link FlowDeleteCardError} when it fails: `cause` says why, `outcome` what it means for a write
   *
   * @example
   * ```ts
   * const customer = await flow.customers.card.delete(customerId) // customer.pay_mode === "manual"
   * ```
   */
  delete(customerId: string, options?: FlowRequestOptions): Promise<FlowDeleteCardResponse>
  /**
   * Charges the customer's registered card now. `commerceOrder` must be unique; a lost answer is settled
   * by asking Flow for the order (`reconcile`), never by a blind resend.
   * Flow: `POST customer/charge` (https://developers.flow.cl/api).
   * @throws {@link FlowChargeCardError} when it fails: `cause` says why, `outcome` what it means for a write
   *
   * @example
   * ```ts
   * const payment = await flow.customers.card.charge({ customerId, amount: 9990, subject: "Plan mensual", commerceOrder: "order-1001" })
   * if (payment.status === FlowPaymentStatus.Paid) console.log(`paid: ${payment.flowOrder}`)
   * ```
   */
  charge(data: FlowChargeCardRequest, options?: FlowRequestOptions): Promise<FlowChargeCardResponse>
  /**
   * Flow's collect: charges the registered card (type 1), or else sends a payment link (type 2) or an
   * email charge (type 3). A lost answer is settled like `charge`'s.
   * Flow: `POST customer/collect` (https://developers.flow.cl/api).
   * @throws {@link FlowSendChargeCardError} when it fails: `cause` says why, `outcome` what it means for a write
   *
   * @example
   * ```ts
   * const collect = await flow.customers.card.sendCharge({
   *   customerId, commerceOrder: "order-1002", subject: "Cuota", amount: 3000,
   *   urlConfirmation: "https://shop.example.cl/flow/confirm", urlReturn: "https://shop.example.cl/flow/return"
   * })
   * if (collect.type === FlowCollectType.PaymentLink) console.log(collect.url, collect.token)
   * ```
   */
  sendCharge(data: FlowSendChargeRequest, options?: FlowRequestOptions): Promise<FlowSendChargeResponse>
  /**
   * Sends a massive charge (one collect per row). More rows than `maxBatchRows` are refused before
   * anything is sent; Flow POSTs the batch `token` to `urlCallBack` once processed.
   * Flow: `POST customer/batchCollect` (https://developers.flow.cl/api).
   * @throws {@link FlowSendMassiveChargeCardError} when it fails: `cause` says why, `outcome` what it means for a write
   *
   * @example
   * ```ts
   * const batch = await flow.customers.card.sendMassiveCharge({
   *   urlCallBack: "https://shop.example.cl/flow/batch", urlConfirmation: "https://shop.example.cl/flow/confirm",
   *   urlReturn: "https://shop.example.cl/flow/return",
   *   batchRows: [{ customerId, commerceOrder: "order-2001", subject: "Cuota", amount: 3000 }]
   * })
   * // batch.token, batch.acceptedRows, batch.rejectedRows
   * ```
   */
  sendMassiveCharge(
    data: FlowSendMassiveChargeCardRequest,
    options?: FlowRequestOptions
  ): Promise<FlowSendMassiveChargeCardResponse>
  /**
   * A batch's status, `created` → `processing` → `processed`, each row's outcome included;
   * `.untilProcessed(token)` polls until it is processed.
   * Flow: `GET customer/getBatchCollectStatus` (https://developers.flow.cl/api).
   * @throws {@link FlowMassiveChargeCardStatusError} when it fails: `cause` says why, `outcome` what it means for a write
   *
   * @example
   * ```ts
   * const status = await flow.customers.card.massiveChargeStatus(batch.token)
   * if (status.status === FlowBatchStatus.Processed) console.log(status.collectRows)
   * ```
   */
  readonly massiveChargeStatus: FlowMassiveChargeStatus
  /**
   * Reverses a charge by `commerceOrder` or `flowOrder`, within Flow's window (until 14:00 of the next
   * day).
   * Flow: `POST customer/reverseCharge` (https://developers.flow.cl/api).
   * @throws {@link FlowReverseChargeCardError} when it fails: `cause` says why, `outcome` what it means for a write
   *
   * @example
   * ```ts
   * const reversal = await flow.customers.card.reverseCharge({ commerceOrder: "order-1001" })
   * // reversal.status === FlowReverseChargeStatus.Reversed
   * ```
   */
  reverseCharge(data: FlowReverseChargeCardRequest, options?: FlowRequestOptions): Promise<FlowReverseChargeCardResponse>
  /**
   * One page of charges; `for await` over it walks every page.
   * Flow: `GET customer/getCharges` (https://developers.flow.cl/api).
   * @throws {@link FlowListChargesCardError} when it fails: `cause` says why, `outcome` what it means for a write
   *
   * @example
   * ```ts
   * const page = await flow.customers.card.listCharges({ customerId, limit: 50 })
   * ```
   */
  listCharges(data: FlowListChargesRequest, options?: FlowRequestOptions): FlowListRequest<FlowPayment>
  /**
   * One page of failed attempts; `for await` over it walks every page.
   * Flow: `GET customer/getChargeAttemps` (https://developers.flow.cl/api).
   * @throws {@link FlowListFailedChargesCardError} when it fails: `cause` says why, `outcome` what it means for a write
   *
   * @example
   * ```ts
   * const page = await flow.customers.card.listFailedCharges({ customerId }) // each item: errorCode, errorDescription
   * ```
   */
  listFailedCharges(data: FlowListFailedChargesRequest, options?: FlowRequestOptions): FlowListRequest<FlowChargeAttempt>
  /** The customer's subscriptions. */
  readonly subscriptions: FlowCustomersCardSubscriptions
}

/** `flow.customers`: every operation of the seed document. */
export interface FlowCustomersClient {
  /**
   * Creates a customer.
   * Flow: `POST customer/create` (https://developers.flow.cl/api).
   * @throws {@link FlowCreateCustomerError} when it fails: `cause` says why, `outcome` what it means for a write
   *
   * @example
   * ```ts
   * const customer = await flow.customers.create({ name: "Ana Pérez", email: "ana@example.cl", externalId: "user-42" })
   * ```
   */
  create(data: FlowCreateCustomerRequest, options?: FlowRequestOptions): Promise<FlowCreateCustomerResponse>
  /**
   * Changes a customer; only the fields given change.
   * Flow: `POST customer/edit` (https://developers.flow.cl/api).
   * @throws {@link FlowEditCustomerError} when it fails: `cause` says why, `outcome` what it means for a write
   *
   * @example
   * ```ts
   * const customer = await flow.customers.edit({ customerId, email: "ana.perez@example.cl" })
   * ```
   */
  edit(data: FlowEditCustomerRequest, options?: FlowRequestOptions): Promise<FlowEditCustomerResponse>
  /**
   * Deletes a customer; Flow refuses while it has active subscriptions or unpaid charges.
   * Flow: `POST customer/delete` (https://developers.flow.cl/api).
   * @throws {@link FlowDeleteCustomerError} when it fails: `cause` says why, `outcome` what it means for a write
   *
   * @example
   * ```ts
   * const deleted = await flow.customers.delete(customerId) // deleted.status === FlowCustomerStatus.Deleted
   * ```
   */
  delete(customerId: string, options?: FlowRequestOptions): Promise<FlowDeleteCustomerResponse>
  /**
   * A customer by id.
   * Flow: `GET customer/get` (https://developers.flow.cl/api).
   * @throws {@link FlowGetCustomerError} when it fails: `cause` says why, `outcome` what it means for a write
   *
   * @example
   * ```ts
   * const customer = await flow.customers.get("cus_onoolldvec")
   * ```
   */
  get(customerId: string, options?: FlowRequestOptions): Promise<FlowGetCustomerResponse>
  /**
   * One page of customers; `for await` over it walks every page.
   * Flow: `GET customer/list` (https://developers.flow.cl/api).
   * @throws {@link FlowGetCustomerListError} when it fails: `cause` says why, `outcome` what it means for a write
   *
   * @example
   * ```ts
   * const page = await flow.customers.list({ filter: "Ana", limit: 10 }) // { total, hasMore, data }
   * ```
   */
  list(data?: FlowGetCustomerListRequest, options?: FlowRequestOptions): FlowListRequest<FlowCustomer>
  /** Card registration, charges and their lists. */
  readonly card: FlowCustomersCard
}

/**
 * `flow.payments`: Flow's payment status reads, and the handler for `urlConfirmation`. A payment link
 * (`card.sendCharge`), an email charge or a batch row is paid later; Flow then POSTs its `token` to
 * `urlConfirmation`, and `confirmation(request)` turns that POST into the payment.
 */
export interface FlowPaymentsClient {
  /**
   * A payment by the `token` Flow POSTed to `urlConfirmation`.
   * Flow: `GET payment/getStatus` (https://developers.flow.cl/api).
   * @throws {@link FlowGetPaymentStatusError} when it fails: `cause` says why, `outcome` what it means for a write
   *
   * @example
   * ```ts
   * const payment = await flow.payments.getStatus(token)
   * if (payment.status === FlowPaymentStatus.Paid) console.log(payment.commerceOrder)
   * ```
   */
  getStatus(token: string, options?: FlowRequestOptions): Promise<FlowPayment>
  /**
   * A payment by your `commerceOrder`.
   * Flow: `GET payment/getStatusByCommerceId` (https://developers.flow.cl/api).
   * @throws {@link FlowGetPaymentStatusByCommerceIdError} when it fails: `cause` says why, `outcome` what it means for a write
   *
   * @example
   * ```ts
   * const payment = await flow.payments.getStatusByCommerceId("order-1001")
   * ```
   */
  getStatusByCommerceId(commerceOrder: string, options?: FlowRequestOptions): Promise<FlowPayment>
  /**
   * A payment by Flow's `flowOrder`.
   * Flow: `GET payment/getStatusByFlowOrder` (https://developers.flow.cl/api).
   * @throws {@link FlowGetPaymentStatusByFlowOrderError} when it fails: `cause` says why, `outcome` what it means for a write
   *
   * @example
   * ```ts
   * const payment = await flow.payments.getStatusByFlowOrder(3567899)
   * ```
   */
  getStatusByFlowOrder(flowOrder: number, options?: FlowRequestOptions): Promise<FlowPayment>
  /**
   * Handles Flow's POST to `urlConfirmation` (a form, urlencoded or multipart, carrying `token`) for any
   * framework with web `Request`s: reads the token, asks `getStatus`, resolves with the payment
   * (`status` 2 = paid). The POST is unsigned: the payment comes only from the signed read. A body over
   * 8 KiB is refused unread; concurrent posts of one token make one call to Flow.
   * Flow: `GET payment/getStatus`.
   * @throws {@link FlowGetPaymentStatusError} when it fails (a bad POST: `field` `token` or `body`)
   *
   * @example
   * ```ts
   * const payment = await flow.payments.confirmation(request)
   * if (payment.status === FlowPaymentStatus.Paid) await markPaid(payment.commerceOrder)
   * ```
   */
  confirmation(request: Request, options?: FlowRequestOptions): Promise<FlowPayment>
}
