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
import type { Payment } from "./CustomerResponses.js"
import * as Res from "./CustomerResponses.js"
import * as Req from "./CustomerRequests.js"
import { operation } from "./OperationDef.js"
import { OperationError } from "./OperationErrors.js"

// ---------------------------------------------------------------------------------------------
// Each operation's own error
// ---------------------------------------------------------------------------------------------

export class FlowCreateCustomerError
  extends OperationError<FlowCreateCustomerError>()("FlowCreateCustomerError", "create")
{}
export class FlowEditCustomerError extends OperationError<FlowEditCustomerError>()("FlowEditCustomerError", "edit") {}
export class FlowDeleteCustomerError
  extends OperationError<FlowDeleteCustomerError>()("FlowDeleteCustomerError", "delete")
{}
export class FlowGetCustomerError extends OperationError<FlowGetCustomerError>()("FlowGetCustomerError", "get") {}
export class FlowGetCustomerListError
  extends OperationError<FlowGetCustomerListError>()("FlowGetCustomerListError", "list")
{}
export class FlowRegisterCardError
  extends OperationError<FlowRegisterCardError>()("FlowRegisterCardError", "card.register")
{}
export class FlowRegisterCardStatusError
  extends OperationError<FlowRegisterCardStatusError>()("FlowRegisterCardStatusError", "card.status")
{}
export class FlowDeleteCardError extends OperationError<FlowDeleteCardError>()("FlowDeleteCardError", "card.delete") {}
export class FlowChargeCardError extends OperationError<FlowChargeCardError>()("FlowChargeCardError", "card.charge") {}
export class FlowSendChargeCardError
  extends OperationError<FlowSendChargeCardError>()("FlowSendChargeCardError", "card.sendCharge")
{}
export class FlowSendMassiveChargeCardError extends OperationError<FlowSendMassiveChargeCardError>()(
  "FlowSendMassiveChargeCardError",
  "card.sendMassiveCharge"
) {}
export class FlowMassiveChargeCardStatusError extends OperationError<FlowMassiveChargeCardStatusError>()(
  "FlowMassiveChargeCardStatusError",
  "card.massiveChargeStatus"
) {}
export class FlowReverseChargeCardError
  extends OperationError<FlowReverseChargeCardError>()("FlowReverseChargeCardError", "card.reverseCharge")
{}
export class FlowListChargesCardError
  extends OperationError<FlowListChargesCardError>()("FlowListChargesCardError", "card.listCharges")
{}
export class FlowListFailedChargesCardError extends OperationError<FlowListFailedChargesCardError>()(
  "FlowListFailedChargesCardError",
  "card.listFailedCharges"
) {}
export class FlowListPaginatedSubscriptionsError extends OperationError<FlowListPaginatedSubscriptionsError>()(
  "FlowListPaginatedSubscriptionsError",
  "card.subscriptions.list"
) {}
export class FlowGetPaymentStatusError
  extends OperationError<FlowGetPaymentStatusError>()("FlowGetPaymentStatusError", "payments.getStatus")
{}
export class FlowGetPaymentStatusByCommerceIdError extends OperationError<FlowGetPaymentStatusByCommerceIdError>()(
  "FlowGetPaymentStatusByCommerceIdError",
  "payments.getStatusByCommerceId"
) {}
export class FlowGetPaymentStatusByFlowOrderError extends OperationError<FlowGetPaymentStatusByFlowOrderError>()(
  "FlowGetPaymentStatusByFlowOrderError",
  "payments.getStatusByFlowOrder"
) {}

// ---------------------------------------------------------------------------------------------
// What a few operations do of their own
// ---------------------------------------------------------------------------------------------

/**
 * Optionals travel as JSON text, for charge and collect and inside each `batchRows` row alike (Flow
 * types a row's `optional` as text, and refuses a row whose text is not JSON): text given by the caller
 * is sent exactly as given.
 */
const jsonText = (value: Req.Optionals | undefined): string | undefined =>
  value === undefined || typeof value === "string" ? value : JSON.stringify(value)

/** `charge`'s params: optionals as JSON text. */
const chargeParams = ({ optionals, ...input }: Req.ChargeCardRequest) => ({ ...input, optionals: jsonText(optionals) })

/** `collect`'s params: the payment method as Flow's number, flags as 0/1, optionals as JSON text. */
const collectParams = ({ byEmail, ignore_auto_charging, optionals, paymentMethod, ...input }: Req.SendChargeRequest) => ({
  ...input,
  paymentMethod: Req.paymentMethodCode(paymentMethod),
  byEmail: Req.flagValue(byEmail),
  ignore_auto_charging: Req.flagValue(ignore_auto_charging),
  optionals: jsonText(optionals)
})

/**
 * A collect's answer rebuilt from the payment Flow holds for its order (reconciliation): without the
 * link's `url`/`token` (Flow's status read does not give them), its `type` inferred: 3 when sent by
 * email, 2 while the payment is pending, 1 once it was charged.
 */
const collectFromPayment = (payment: Payment, input: Req.SendChargeRequest): Res.CollectResponse => ({
  type: Req.flagValue(input.byEmail) === 1 ? 3 : payment.status === 1 ? 2 : 1,
  commerceOrder: payment.commerceOrder,
  flowOrder: payment.flowOrder,
  status: 1,
  paymentResult: payment
})

/** `batchCollect`'s params: `batchRows` as one JSON text field, signed exactly as sent. */
const batchParams = ({ batchRows, byEmail, ...input }: Req.SendMassiveChargeRequest) => ({
  ...input,
  byEmail: Req.flagValue(byEmail),
  batchRows: JSON.stringify(batchRows.map((row) => ({
    customerId: row.customerId,
    commerceOrder: row.commerceOrder,
    subject: row.subject,
    amount: row.amount,
    currency: row.currency,
    paymentMethod: Req.paymentMethodCode(row.paymentMethod),
    optional: jsonText(row.optional)
  })))
})

const byCustomerId = (customerId: string) => ({ customerId })
const byToken = (token: string) => ({ token })
const asGiven = <A>(data: A) => data

// ---------------------------------------------------------------------------------------------
// The operations
// ---------------------------------------------------------------------------------------------

export const Operations = {
  /** Flow's customer API: `FlowCustomers` (Effect) and `flow.customers` (Promise). */
  customers: {
    /** Creates a customer. */
    create: operation({
      method: "POST",
      path: "customer/create",
      error: FlowCreateCustomerError,
      input: asGiven<Req.CreateCustomerRequest>,
      request: Req.CreateCustomerRequest,
      response: Res.Customer
    }),
    /** Changes only the fields given. */
    edit: operation({
      method: "POST",
      path: "customer/edit",
      error: FlowEditCustomerError,
      input: asGiven<Req.EditCustomerRequest>,
      request: Req.EditCustomerRequest,
      response: Res.Customer
    }),
    /** Deletes a customer; Flow refuses while it has active subscriptions or unpaid charges. */
    delete: operation({
      method: "POST",
      path: "customer/delete",
      error: FlowDeleteCustomerError,
      input: byCustomerId,
      request: Req.CustomerIdRequest,
      response: Res.Customer
    }),
    /** A customer by id. */
    get: operation({
      method: "GET",
      path: "customer/get",
      error: FlowGetCustomerError,
      input: byCustomerId,
      request: Req.CustomerIdRequest,
      response: Res.Customer
    }),
    /** One page of customers (`limit` ≤ 100, default 10); `.pages()` / `.stream()` walk them all. */
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
      /** Starts a card registration; send the person's browser to `redirectUrl`. */
      register: operation({
        method: "POST",
        path: "customer/register",
        error: FlowRegisterCardError,
        input: asGiven<Req.RegisterCardRequest>,
        request: Req.RegisterCardRequest,
        response: Res.RegisterCardResponse
      }),
      /** The outcome of a registration, by the token Flow POSTed to `url_return`. */
      status: operation({
        method: "GET",
        path: "customer/getRegisterStatus",
        error: FlowRegisterCardStatusError,
        input: byToken,
        request: Req.TokenRequest,
        response: Res.RegisterCardStatus
      }),
      /** Removes the customer's registered card (Flow's `unRegister`). */
      delete: operation({
        method: "POST",
        path: "customer/unRegister",
        error: FlowDeleteCardError,
        input: byCustomerId,
        request: Req.CustomerIdRequest,
        response: Res.Customer
      }),
      /**
       * Charges the registered card now. `commerceOrder` must be unique. When the answer is lost, the
       * charge is settled by asking Flow for the order (Reconciliation.ts), never by a blind resend.
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
       * Flow's `collect`: a card charge (type 1), a payment link (type 2) or an email charge (type 3).
       * A lost answer is settled like `charge`'s.
       */
      sendCharge: operation({
        method: "POST",
        path: "customer/collect",
        error: FlowSendChargeCardError,
        input: asGiven<Req.SendChargeRequest>,
        request: Req.SendChargeRequest,
        params: collectParams,
        response: Res.CollectResponse,
        reconcile: collectFromPayment
      }),
      /**
       * Flow's `batchCollect`: `batchRows` travels as one JSON text field. More rows than `maxBatchRows`
       * (FlowConfig, default 5,000) are refused, field `batchRows`, before anything is sent.
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
      /** A batch's status: `created` → `processing` → `processed`, each row's outcome included. */
      massiveChargeStatus: operation({
        method: "GET",
        path: "customer/getBatchCollectStatus",
        error: FlowMassiveChargeCardStatusError,
        input: byToken,
        request: Req.TokenRequest,
        response: Res.BatchCollectStatus
      }),
      /** Reverses a charge by `commerceOrder` or `flowOrder`, within Flow's window (until 14:00 of the next day). */
      reverseCharge: operation({
        method: "POST",
        path: "customer/reverseCharge",
        error: FlowReverseChargeCardError,
        input: asGiven<Req.ReverseChargeRequest>,
        request: Req.ReverseChargeRequest,
        response: Res.ReverseChargeResponse
      }),
      /** One page of the customer's charges; `.pages()` / `.stream()` walk them all. */
      listCharges: operation({
        method: "GET",
        path: "customer/getCharges",
        error: FlowListChargesCardError,
        input: asGiven<Req.ListChargesRequest>,
        request: Req.ListChargesRequest,
        response: Res.ChargeList,
        pages: true
      }),
      /** Failed automatic-charge attempts; Flow's path is spelled `getChargeAttemps`. */
      listFailedCharges: operation({
        method: "GET",
        path: "customer/getChargeAttemps",
        error: FlowListFailedChargesCardError,
        input: asGiven<Req.ListFailedChargesRequest>,
        request: Req.ListFailedChargesRequest,
        response: Res.ChargeAttemptList,
        pages: true
      }),
      subscriptions: {
        /** One page of the customer's subscriptions; `.pages()` / `.stream()` walk them all. */
        list: operation({
          method: "GET",
          path: "customer/getSubscriptions",
          error: FlowListPaginatedSubscriptionsError,
          input: asGiven<Req.ListSubscriptionsRequest>,
          request: Req.ListSubscriptionsRequest,
          response: Res.SubscriptionList,
          pages: true
        })
      }
    }
  },
  /** Flow's payment status reads: `FlowPayments` (Effect) and `flow.payments` (Promise). */
  payments: {
    /** A payment by the `token` Flow POSTed to `urlConfirmation`. */
    getStatus: operation({
      method: "GET",
      path: "payment/getStatus",
      error: FlowGetPaymentStatusError,
      input: byToken,
      request: Req.TokenRequest,
      response: Res.Payment
    }),
    /** A payment by the merchant's order; Flow's param is `commerceId`. */
    getStatusByCommerceId: operation({
      method: "GET",
      path: "payment/getStatusByCommerceId",
      error: FlowGetPaymentStatusByCommerceIdError,
      input: (commerceOrder: string) => ({ commerceOrder }),
      request: Req.CommerceOrderRequest,
      params: (input) => ({ commerceId: input.commerceOrder }),
      response: Res.Payment
    }),
    /** A payment by Flow's order number. */
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
