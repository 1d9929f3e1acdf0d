/**
 * Every operation of the library, declared once: the 16 customer operations of Flow's API under the
 * seed document's names, and the three payment status reads. FlowCustomers and FlowPayments are built
 * from this tree (Operation.ts), the Promise facade walks it, and the emulator keys its endpoints by
 * its paths, so an operation added here is a compile error there until it is served.
 *
 * To add an operation: declare its error class below, then its entry in the tree where it belongs
 * (the entry's key is its name on the service: `card.charge`). Flow's wire rules are in
 * docs/flow-api.md ("Transport" has the endpoint table).
 */
import * as Res from "./Responses.js"
import * as Req from "./CustomerRequests.js"
import { operation } from "./OperationDef.js"
import { asGiven, batchParams, byCustomerId, byToken, chargeParams, collectFromPayment, collectParams } from "./OperationParams.js"
import { OperationError } from "./OperationErrors.js"

// ---------------------------------------------------------------------------------------------
// Each operation's own error
// ---------------------------------------------------------------------------------------------

/**
 * The error of `customers.create` (`POST customer/create`); its `reason` says why.
 * @since 0.1.0
 * @category errors
 */
export class FlowCreateCustomerError
  extends OperationError<FlowCreateCustomerError>()("FlowCreateCustomerError", "create")
{}
/**
 * The error of `customers.edit` (`POST customer/edit`); its `reason` says why.
 * @since 0.1.0
 * @category errors
 */
export class FlowEditCustomerError extends OperationError<FlowEditCustomerError>()("FlowEditCustomerError", "edit") {}
/**
 * The error of `customers.delete` (`POST customer/delete`); its `reason` says why.
 * @since 0.1.0
 * @category errors
 */
export class FlowDeleteCustomerError
  extends OperationError<FlowDeleteCustomerError>()("FlowDeleteCustomerError", "delete")
{}
/**
 * The error of `customers.get` (`GET customer/get`); its `reason` says why.
 * @since 0.1.0
 * @category errors
 */
export class FlowGetCustomerError extends OperationError<FlowGetCustomerError>()("FlowGetCustomerError", "get") {}
/**
 * The error of `customers.list` (`GET customer/list`), a page or a walk over them; its `reason` says why.
 * @since 0.1.0
 * @category errors
 */
export class FlowGetCustomerListError
  extends OperationError<FlowGetCustomerListError>()("FlowGetCustomerListError", "list")
{}
/**
 * The error of `card.register` (`POST customer/register`); its `reason` says why.
 * @since 0.1.0
 * @category errors
 */
export class FlowRegisterCardError
  extends OperationError<FlowRegisterCardError>()("FlowRegisterCardError", "card.register")
{}
/**
 * The error of `card.status` (`GET customer/getRegisterStatus`), and of the registration callback; its
 * `reason` says why.
 * @since 0.1.0
 * @category errors
 */
export class FlowRegisterCardStatusError
  extends OperationError<FlowRegisterCardStatusError>()("FlowRegisterCardStatusError", "card.status")
{}
/**
 * The error of `card.delete` (`POST customer/unRegister`); its `reason` says why.
 * @since 0.1.0
 * @category errors
 */
export class FlowDeleteCardError extends OperationError<FlowDeleteCardError>()("FlowDeleteCardError", "card.delete") {}
/**
 * The error of `card.charge` (`POST customer/charge`); its `reconciliation` says what a lost answer's
 * lookup learnt; its `reason` says why.
 * @since 0.1.0
 * @category errors
 */
export class FlowChargeCardError extends OperationError<FlowChargeCardError>()("FlowChargeCardError", "card.charge") {}
/**
 * The error of `card.sendCharge` (`POST customer/collect`); its `reconciliation` says what a lost
 * answer's lookup learnt; its `reason` says why.
 * @since 0.1.0
 * @category errors
 */
export class FlowSendChargeCardError
  extends OperationError<FlowSendChargeCardError>()("FlowSendChargeCardError", "card.sendCharge")
{}
/**
 * The error of `card.sendMassiveCharge` (`POST customer/batchCollect`); its `reason` says why.
 * @since 0.1.0
 * @category errors
 */
export class FlowSendMassiveChargeCardError extends OperationError<FlowSendMassiveChargeCardError>()(
  "FlowSendMassiveChargeCardError",
  "card.sendMassiveCharge"
) {}
/**
 * The error of `card.massiveChargeStatus` (`GET customer/getBatchCollectStatus`), of
 * `watch`/`untilProcessed` and of the batch callback; its `reason` says why.
 * @since 0.1.0
 * @category errors
 */
export class FlowMassiveChargeCardStatusError extends OperationError<FlowMassiveChargeCardStatusError>()(
  "FlowMassiveChargeCardStatusError",
  "card.massiveChargeStatus"
) {}
/**
 * The error of `card.reverseCharge` (`POST customer/reverseCharge`); its `reason` says why.
 * @since 0.1.0
 * @category errors
 */
export class FlowReverseChargeCardError
  extends OperationError<FlowReverseChargeCardError>()("FlowReverseChargeCardError", "card.reverseCharge")
{}
/**
 * The error of `card.listCharges` (`GET customer/getCharges`); its `reason` says why.
 * @since 0.1.0
 * @category errors
 */
export class FlowListChargesCardError
  extends OperationError<FlowListChargesCardError>()("FlowListChargesCardError", "card.listCharges")
{}
/**
 * The error of `card.listFailedCharges` (`GET customer/getChargeAttemps`); its `reason` says why.
 * @since 0.1.0
 * @category errors
 */
export class FlowListFailedChargesCardError extends OperationError<FlowListFailedChargesCardError>()(
  "FlowListFailedChargesCardError",
  "card.listFailedCharges"
) {}
/**
 * The error of `card.subscriptions.list` (`GET customer/getSubscriptions`); its `reason` says why.
 * @since 0.1.0
 * @category errors
 */
export class FlowListPaginatedSubscriptionsError extends OperationError<FlowListPaginatedSubscriptionsError>()(
  "FlowListPaginatedSubscriptionsError",
  "card.subscriptions.list"
) {}
/**
 * The error of `payments.getStatus` (`GET payment/getStatus`), and of the payment confirmation
 * handler; its `reason` says why.
 * @since 0.1.0
 * @category errors
 */
export class FlowGetPaymentStatusError
  extends OperationError<FlowGetPaymentStatusError>()("FlowGetPaymentStatusError", "payments.getStatus")
{}
/**
 * The error of `payments.getStatusByCommerceId` (`GET payment/getStatusByCommerceId`); its `reason` says why.
 * @since 0.1.0
 * @category errors
 */
export class FlowGetPaymentStatusByCommerceIdError extends OperationError<FlowGetPaymentStatusByCommerceIdError>()(
  "FlowGetPaymentStatusByCommerceIdError",
  "payments.getStatusByCommerceId"
) {}
/**
 * The error of `payments.getStatusByFlowOrder` (`GET payment/getStatusByFlowOrder`); its `reason` says why.
 * @since 0.1.0
 * @category errors
 */
export class FlowGetPaymentStatusByFlowOrderError extends OperationError<FlowGetPaymentStatusByFlowOrderError>()(
  "FlowGetPaymentStatusByFlowOrderError",
  "payments.getStatusByFlowOrder"
) {}

// ---------------------------------------------------------------------------------------------
// The operations
// ---------------------------------------------------------------------------------------------

/**
 * Every operation, declared once: the tree that builds `FlowCustomers` (`customers`) and
 * `FlowPayments` (`payments`), the Promise facade's methods, and the emulator's endpoints. Each leaf
 * is an {@link OperationDef}.
 * @since 0.1.0
 * @category operations
 */
export const Operations = {
  /** Flow's customer API: `FlowCustomers` (Effect) and `flow.customers` (Promise). */
  customers: {
    /**
     * Creates a customer.
     * Flow: `POST customer/create`. Fails only with {@link FlowCreateCustomerError} (its `reason` says why).
     * @example
     * const customer = yield* customers.create({ name: "Ana Pérez", email: "ana@example.cl", externalId: "user-42" })
     */
    create: operation({
      method: "POST", path: "customer/create", error: FlowCreateCustomerError,
      input: asGiven<Req.CreateCustomerRequest>, request: Req.CreateCustomerRequest, response: Res.Customer
    }),
    /**
     * Changes only the fields given.
     * Flow: `POST customer/edit`. Fails only with {@link FlowEditCustomerError} (its `reason` says why).
     * @example
     * const customer = yield* customers.edit({ customerId, email: "ana.perez@example.cl" })
     */
    edit: operation({
      method: "POST", path: "customer/edit", error: FlowEditCustomerError, input: asGiven<Req.EditCustomerRequest>,
      request: Req.EditCustomerRequest, response: Res.Customer
    }),
    /**
     * Deletes a customer; Flow refuses while it has active subscriptions or unpaid charges.
     * Flow: `POST customer/delete`. Fails only with {@link FlowDeleteCustomerError} (its `reason` says why).
     * @example
     * const deleted = yield* customers.delete(customerId) // deleted.status === FlowCustomerStatus.Deleted
     */
    delete: operation({
      method: "POST", path: "customer/delete", error: FlowDeleteCustomerError, ...byCustomerId, response: Res.Customer
    }),
    /**
     * A customer by id.
     * Flow: `GET customer/get`. Fails only with {@link FlowGetCustomerError} (its `reason` says why).
     * @example
     * const customer = yield* customers.get("cus_onoolldvec")
     */
    get: operation({
      method: "GET", path: "customer/get", error: FlowGetCustomerError, ...byCustomerId, response: Res.Customer
    }),
    /**
     * One page of customers (`limit` ≤ 100, default 10); `.pages()` / `.stream()` walk them all.
     * Flow: `GET customer/list`. Fails only with {@link FlowGetCustomerListError} (its `reason` says why).
     * @example
     * const page = yield* customers.list({ filter: "Ana", limit: 10 }) // { total, hasMore, data }
     */
    list: operation({
      method: "GET",
      path: "customer/list",
      error: FlowGetCustomerListError,
      // only a missing request is the empty one: `null` is refused like any other non-object
      input: (data?: Req.ListCustomersRequest) => data === undefined ? {} : data,
      request: Req.ListCustomersRequest,
      response: Res.CustomerList,
      pages: true
    }),
    card: {
      /**
       * Starts a card registration; send the person's browser to `redirectUrl`.
       * Flow: `POST customer/register`. Fails only with {@link FlowRegisterCardError} (its `reason` says why).
       * @example
       * const registration = yield* customers.card.register({ customerId, url_return: "https://shop.example.cl/flow/card-registered" })
       * // send the person's browser to registration.redirectUrl
       */
      register: operation({
        method: "POST", path: "customer/register", error: FlowRegisterCardError,
        input: asGiven<Req.RegisterCardRequest>, request: Req.RegisterCardRequest, response: Res.RegisterCardResponse
      }),
      /**
       * The outcome of a registration, by the token Flow POSTed to `url_return`.
       * Flow: `GET customer/getRegisterStatus`. Fails only with {@link FlowRegisterCardStatusError} (its
       * `reason` says why).
       * @example
       * const registration = yield* customers.card.status(token)
       * if (registration.status === FlowCardRegistrationStatus.Registered) console.log(registration.last4CardDigits)
       */
      status: operation({
        method: "GET", path: "customer/getRegisterStatus", error: FlowRegisterCardStatusError, ...byToken,
        response: Res.RegisterCardStatus
      }),
      /**
       * Removes the customer's registered card (Flow's `unRegister`).
       * Flow: `POST customer/unRegister`. Fails only with {@link FlowDeleteCardError} (its `reason` says why).
       * @example
       * const customer = yield* customers.card.delete(customerId) // customer.pay_mode === "manual"
       */
      delete: operation({
        method: "POST", path: "customer/unRegister", error: FlowDeleteCardError, ...byCustomerId, response: Res.Customer
      }),
      /**
       * Charges the registered card now. `commerceOrder` must be unique. When the answer is lost, the charge
       * is settled by asking Flow for the order (Reconciliation.ts), never by a blind resend.
       * Flow: `POST customer/charge`. Fails only with {@link FlowChargeCardError} (its `reason` says why).
       * @example
       * const payment = yield* customers.card.charge({ customerId, amount: 9990, subject: "Plan mensual", commerceOrder: "order-1001" })
       * if (payment.status === FlowPaymentStatus.Paid) console.log(`paid: ${payment.flowOrder}`)
       */
      charge: operation({
        method: "POST",
        path: "customer/charge",
        error: FlowChargeCardError,
        input: asGiven<Req.ChargeCardRequest>,
        request: Req.ChargeCardRequest,
        params: chargeParams,
        response: Res.Payment,
        reconcile: (payment) => payment
      }),
      /**
       * Flow's `collect`: a card charge (type 1), a payment link (type 2) or an email charge (type 3). A
       * lost answer is settled like `charge`'s.
       * Flow: `POST customer/collect`. Fails only with {@link FlowSendChargeCardError} (its `reason` says why).
       * @example
       * const collect = yield* customers.card.sendCharge({
       *   customerId, commerceOrder: "order-1002", subject: "Cuota", amount: 3000,
       *   urlConfirmation: "https://shop.example.cl/flow/confirm", urlReturn: "https://shop.example.cl/flow/return"
       * })
       * if (collect.type === FlowCollectType.PaymentLink) console.log(collect.url, collect.token)
       */
      sendCharge: operation({
        method: "POST", path: "customer/collect", error: FlowSendChargeCardError, input: asGiven<Req.SendChargeRequest>,
        request: Req.SendChargeRequest, params: collectParams, response: Res.CollectResponse,
        reconcile: collectFromPayment
      }),
      /**
       * Flow's `batchCollect`: `batchRows` travels as one JSON text field. More rows than `maxBatchRows`
       * (FlowConfig, default 5,000) are refused, field `batchRows`, before anything is sent.
       * Flow: `POST customer/batchCollect`. Fails only with {@link FlowSendMassiveChargeCardError} (its
       * `reason` says why).
       * @example
       * const batch = yield* customers.card.sendMassiveCharge({
       *   urlCallBack: "https://shop.example.cl/flow/batch", urlConfirmation: "https://shop.example.cl/flow/confirm",
       *   urlReturn: "https://shop.example.cl/flow/return",
       *   batchRows: [{ customerId, commerceOrder: "order-2001", subject: "Cuota", amount: 3000 }]
       * })
       * // batch.token, batch.acceptedRows, batch.rejectedRows
       */
      sendMassiveCharge: operation({
        method: "POST",
        path: "customer/batchCollect",
        error: FlowSendMassiveChargeCardError,
        input: asGiven<Req.SendMassiveChargeRequest>,
        request: (config) => Req.sendMassiveChargeRequest(config.maxBatchRows),
        params: batchParams,
        response: Res.BatchCollectResponse
      }),
      /**
       * A batch's status: `created` → `processing` → `processed`, each row's outcome included.
       * Flow: `GET customer/getBatchCollectStatus`. Fails only with {@link FlowMassiveChargeCardStatusError}
       * (its `reason` says why).
       * @example
       * const status = yield* customers.card.massiveChargeStatus(batch.token)
       * if (status.status === FlowBatchStatus.Processed) console.log(status.collectRows)
       */
      massiveChargeStatus: operation({
        method: "GET", path: "customer/getBatchCollectStatus", error: FlowMassiveChargeCardStatusError, ...byToken,
        response: Res.BatchCollectStatus
      }),
      /**
       * Reverses a charge by `commerceOrder` or `flowOrder`, within Flow's window (until 14:00 of the next day).
       * Flow: `POST customer/reverseCharge`. Fails only with {@link FlowReverseChargeCardError} (its
       * `reason` says why).
       * @example
       * const reversal = yield* customers.card.reverseCharge({ commerceOrder: "order-1001" })
       * // reversal.status === FlowReverseChargeStatus.Reversed
       */
      reverseCharge: operation({
        method: "POST", path: "customer/reverseCharge", error: FlowReverseChargeCardError,
        input: asGiven<Req.ReverseChargeRequest>, request: Req.ReverseChargeRequest, response: Res.ReverseChargeResponse
      }),
      /**
       * One page of the customer's charges; `.pages()` / `.stream()` walk them all.
       * Flow: `GET customer/getCharges`. Fails only with {@link FlowListChargesCardError} (its `reason` says why).
       * @example
       * const page = yield* customers.card.listCharges({ customerId, limit: 50 })
       */
      listCharges: operation({
        method: "GET", path: "customer/getCharges", error: FlowListChargesCardError,
        input: asGiven<Req.ListChargesRequest>, request: Req.ListChargesRequest, response: Res.ChargeList, pages: true
      }),
      /**
       * Failed automatic-charge attempts; Flow's path is spelled `getChargeAttemps`.
       * Flow: `GET customer/getChargeAttemps`. Fails only with {@link FlowListFailedChargesCardError} (its
       * `reason` says why).
       * @example
       * const page = yield* customers.card.listFailedCharges({ customerId }) // each item: errorCode, errorDescription
       */
      listFailedCharges: operation({
        method: "GET", path: "customer/getChargeAttemps", error: FlowListFailedChargesCardError,
        input: asGiven<Req.ListFailedChargesRequest>, request: Req.ListFailedChargesRequest,
        response: Res.ChargeAttemptList, pages: true
      }),
      subscriptions: {
        /**
         * One page of the customer's subscriptions; `.pages()` / `.stream()` walk them all.
         * Flow: `GET customer/getSubscriptions`. Fails only with {@link FlowListPaginatedSubscriptionsError}
         * (its `reason` says why).
         * @example
         * const page = yield* customers.card.subscriptions.list({ customerId })
         */
        list: operation({
          method: "GET", path: "customer/getSubscriptions", error: FlowListPaginatedSubscriptionsError,
          input: asGiven<Req.ListSubscriptionsRequest>, request: Req.ListSubscriptionsRequest,
          response: Res.SubscriptionList, pages: true
        })
      }
    }
  },
  /** Flow's payment status reads: `FlowPayments` (Effect) and `flow.payments` (Promise). */
  payments: {
    /**
     * A payment by the `token` Flow POSTed to `urlConfirmation`.
     * Flow: `GET payment/getStatus`. Fails only with {@link FlowGetPaymentStatusError} (its `reason` says why).
     * @example
     * const payment = yield* payments.getStatus(token)
     * if (payment.status === FlowPaymentStatus.Paid) console.log(payment.commerceOrder)
     */
    getStatus: operation({
      method: "GET", path: "payment/getStatus", error: FlowGetPaymentStatusError, ...byToken, response: Res.Payment
    }),
    /**
     * A payment by the merchant's order; Flow's param is `commerceId`.
     * Flow: `GET payment/getStatusByCommerceId`. Fails only with
     * {@link FlowGetPaymentStatusByCommerceIdError} (its `reason` says why).
     * @example
     * const payment = yield* payments.getStatusByCommerceId("order-1001")
     */
    getStatusByCommerceId: operation({
      method: "GET",
      path: "payment/getStatusByCommerceId",
      error: FlowGetPaymentStatusByCommerceIdError,
      input: (commerceOrder: string) => ({ commerceOrder }),
      request: Req.CommerceOrderRequest,
      params: (input) => ({ commerceId: input.commerceOrder }),
      response: Res.Payment
    }),
    /**
     * A payment by Flow's order number.
     * Flow: `GET payment/getStatusByFlowOrder`. Fails only with
     * {@link FlowGetPaymentStatusByFlowOrderError} (its `reason` says why).
     * @example
     * const payment = yield* payments.getStatusByFlowOrder(3567899)
     */
    getStatusByFlowOrder: operation({
      method: "GET",
      path: "payment/getStatusByFlowOrder",
      error: FlowGetPaymentStatusByFlowOrderError,
      input: (flowOrder: number) => ({ flowOrder }),
      request: Req.FlowOrderRequest,
      response: Res.Payment
    })
  }
} as const
