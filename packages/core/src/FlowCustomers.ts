/**
 * Flow's customer API: all 16 operations, under the seed document's names.
 *
 * Every operation reads the same way, top to bottom:
 *   1. validate the input with its Schema (bad input fails with FlowValidationError, nothing is sent);
 *   2. build Flow's params (numbers and JSON become text once, here; FlowHttp signs that exact text);
 *   3. send with Flow's verb and path, decode the answer with its Schema;
 *   4. any failure becomes the operation's own error, whose `reason` says why.
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import * as Stream from "effect/Stream"
import * as Req from "./CustomerRequests.js"
import * as Res from "./CustomerResponses.js"
import {
  FlowChargeCardError,
  FlowCreateCustomerError,
  FlowDecodeError,
  FlowDeleteCardError,
  FlowDeleteCustomerError,
  FlowEditCustomerError,
  FlowGetCustomerError,
  FlowGetCustomerListError,
  FlowListChargesCardError,
  FlowListFailedChargesCardError,
  FlowListPaginatedSubscriptionsError,
  FlowMassiveChargeCardStatusError,
  FlowRegisterCardError,
  FlowRegisterCardStatusError,
  FlowReverseChargeCardError,
  FlowSendChargeCardError,
  FlowSendMassiveChargeCardError,
  FlowTimeoutError
} from "./FlowErrors.js"
import { FlowHttp } from "./FlowHttp.js"
import { FlowConfig } from "./FlowConfig.js"
import { failWith, validate } from "./Operation.js"
import * as Pagination from "./Pagination.js"
import { makeReconciler } from "./Reconciliation.js"

/**
 * Optionals travel as JSON text, for charge and collect and inside each `batchRows` row alike (Flow
 * types a row's `optional` as text, and refuses a row whose text is not JSON): text given by the caller
 * is sent exactly as given.
 */
const jsonText = (value: Req.Optionals | undefined): string | undefined =>
  value === undefined || typeof value === "string" ? value : JSON.stringify(value)

type ListOperation = (request: never) => Effect.Effect<Res.Page<unknown>, unknown, unknown>
type ListRequest<L extends ListOperation> = NonNullable<Parameters<L>[0]>
type ListItem<L extends ListOperation> = Effect.Effect.Success<ReturnType<L>> extends Res.Page<infer A> ? A : never
type ListError<L extends ListOperation> = Effect.Effect.Error<ReturnType<L>>
type ListContext<L extends ListOperation> = Effect.Effect.Context<ReturnType<L>>

/**
 * A list operation, plus `.pages(data)` and `.stream(data)` that walk every page (Pagination.ts). Pages
 * that cannot be Flow's (a repeat, empty while `hasMore`, far past `total`) end the walk with the
 * list's own error (`ListFailure`), reason FlowDecodeError.
 */
const withPagination = <L extends ListOperation>(
  list: L,
  ListFailure: new(props: { readonly reason: FlowDecodeError }) => ListError<L>
) => {
  const page = list as unknown as (
    request: ListRequest<L>
  ) => Effect.Effect<Res.Page<ListItem<L>>, ListError<L>, ListContext<L>>
  const inconsistent = (reason: FlowDecodeError): ListError<L> => new ListFailure({ reason })
  return Object.assign(list, {
    /** Every page, `limit` items at a time (default 100, Flow's maximum). */
    pages: (request: ListRequest<L>): Stream.Stream<Res.Page<ListItem<L>>, ListError<L>, ListContext<L>> =>
      Pagination.pages(page, request, inconsistent),
    /** Every item of every page. */
    stream: (request: ListRequest<L>): Stream.Stream<ListItem<L>, ListError<L>, ListContext<L>> =>
      Pagination.items(page, request, inconsistent)
  })
}

export interface WatchOptions {
  /** Time between two polls. Default 2 seconds. */
  readonly interval?: Duration.DurationInput | undefined
}

export interface UntilProcessedOptions extends WatchOptions {
  /** How long to wait for `processed`. Default 10 minutes. */
  readonly timeout?: Duration.DurationInput | undefined
  /** Called with each new status (`created`, `processing`, `processed`). */
  readonly onStatus?: ((status: Res.BatchCollectStatus) => void) | undefined
}

const DEFAULT_POLL_INTERVAL = Duration.seconds(2)
const DEFAULT_WAIT_TIMEOUT = Duration.minutes(10)

export const make = Effect.gen(function*() {
  const http = yield* FlowHttp
  const config = yield* FlowConfig
  const reconcile = makeReconciler(http, config)
  /** A massive charge under the configured bound: more rows are refused before any row is checked. */
  const MassiveChargeRequest = Req.sendMassiveChargeRequest(config.maxBatchRows)

  // ------------------------------------------------------------------------------- customers

  const create = Effect.fn("customers.create")(
    function*(data: Req.CreateCustomerRequest) {
      const input = yield* validate(Req.CreateCustomerRequest, data)
      return yield* http.post("customer/create", {
        name: input.name,
        email: input.email,
        externalId: input.externalId
      }, Res.Customer)
    },
    failWith(FlowCreateCustomerError)
  )

  /** Changes only the fields given. */
  const edit = Effect.fn("customers.edit")(
    function*(data: Req.EditCustomerRequest) {
      const input = yield* validate(Req.EditCustomerRequest, data)
      return yield* http.post("customer/edit", {
        customerId: input.customerId,
        name: input.name,
        email: input.email,
        externalId: input.externalId
      }, Res.Customer)
    },
    failWith(FlowEditCustomerError)
  )

  /** Flow refuses while the customer has active subscriptions or unpaid charges. */
  const del = Effect.fn("customers.delete")(
    function*(customerId: string) {
      const input = yield* validate(Req.CustomerIdRequest, { customerId })
      return yield* http.post("customer/delete", { customerId: input.customerId }, Res.Customer)
    },
    failWith(FlowDeleteCustomerError)
  )

  const get = Effect.fn("customers.get")(
    function*(customerId: string) {
      const input = yield* validate(Req.CustomerIdRequest, { customerId })
      return yield* http.get("customer/get", { customerId: input.customerId }, Res.Customer)
    },
    failWith(FlowGetCustomerError)
  )

  /** One page of customers (`limit` ≤ 100, default 10); `.pages()` / `.stream()` walk them all. */
  const listPage = Effect.fn("customers.list")(
    function*(data: Req.ListCustomersRequest = {}) {
      const input = yield* validate(Req.ListCustomersRequest, data)
      return yield* http.get("customer/list", {
        start: input.start,
        limit: input.limit,
        filter: input.filter,
        status: input.status
      }, Res.CustomerList)
    },
    failWith(FlowGetCustomerListError)
  )
  const list = withPagination(listPage, FlowGetCustomerListError)

  // ------------------------------------------------------------------------------- card registration

  /** Starts a card registration; send the person's browser to `redirectUrl`. */
  const register = Effect.fn("customers.card.register")(
    function*(data: Req.RegisterCardRequest) {
      const input = yield* validate(Req.RegisterCardRequest, data)
      const answer = yield* http.post("customer/register", {
        customerId: input.customerId,
        url_return: input.url_return
      }, Res.RegisterCardAnswer)
      const separator = answer.url.includes("?") ? "&" : "?"
      const response: Res.RegisterCardResponse = {
        ...answer,
        redirectUrl: `${answer.url}${separator}token=${encodeURIComponent(answer.token)}`
      }
      return response
    },
    failWith(FlowRegisterCardError)
  )

  /** The outcome of a registration, by the token Flow POSTed to `url_return`. */
  const status = Effect.fn("customers.card.status")(
    function*(token: string) {
      const input = yield* validate(Req.TokenRequest, { token })
      return yield* http.get("customer/getRegisterStatus", { token: input.token }, Res.RegisterCardStatus)
    },
    failWith(FlowRegisterCardStatusError)
  )

  /** Removes the customer's registered card (Flow's `unRegister`). */
  const deleteCard = Effect.fn("customers.card.delete")(
    function*(customerId: string) {
      const input = yield* validate(Req.CustomerIdRequest, { customerId })
      return yield* http.post("customer/unRegister", { customerId: input.customerId }, Res.Customer)
    },
    failWith(FlowDeleteCardError)
  )

  // ------------------------------------------------------------------------------- charges

  /**
   * Charges the registered card now. `commerceOrder` must be unique. When the answer is lost, the
   * charge is settled by asking Flow for the order (Reconciliation.ts), never by a blind resend.
   */
  const charge = Effect.fn("customers.card.charge")(
    function*(data: Req.ChargeCardRequest) {
      const input = yield* validate(Req.ChargeCardRequest, data)
      return yield* reconcile({
        operation: "card.charge",
        requested: input,
        send: http.post("customer/charge", {
          customerId: input.customerId,
          amount: input.amount,
          subject: input.subject,
          commerceOrder: input.commerceOrder,
          currency: input.currency,
          optionals: jsonText(input.optionals)
        }, Res.Payment),
        fromPayment: (payment) => payment
      })
    },
    failWith(FlowChargeCardError)
  )

  /**
   * Flow's `collect`: a card charge (type 1), a payment link (type 2) or an email charge (type 3). A
   * lost answer is settled like `charge`'s; the answer rebuilt from the payment Flow holds has no link
   * `url`/`token` (Flow's status read does not give them) and its `type` is inferred: 3 when sent by
   * email, 2 while the payment is pending, 1 once it was charged.
   */
  const sendCharge = Effect.fn("customers.card.sendCharge")(
    function*(data: Req.SendChargeRequest) {
      const input = yield* validate(Req.SendChargeRequest, data)
      const byEmail = Req.flagValue(input.byEmail)
      const send = http.post("customer/collect", {
        customerId: input.customerId,
        commerceOrder: input.commerceOrder,
        subject: input.subject,
        amount: input.amount,
        urlConfirmation: input.urlConfirmation,
        urlReturn: input.urlReturn,
        currency: input.currency,
        paymentMethod: Req.paymentMethodCode(input.paymentMethod),
        byEmail,
        forward_days_after: input.forward_days_after,
        forward_times: input.forward_times,
        ignore_auto_charging: Req.flagValue(input.ignore_auto_charging),
        optionals: jsonText(input.optionals),
        timeout: input.timeout
      }, Res.CollectResponse)
      return yield* reconcile({
        operation: "card.sendCharge",
        requested: input,
        send,
        fromPayment: (payment): Res.CollectResponse => ({
          type: byEmail === 1 ? 3 : payment.status === 1 ? 2 : 1,
          commerceOrder: payment.commerceOrder,
          flowOrder: payment.flowOrder,
          status: 1,
          paymentResult: payment
        })
      })
    },
    failWith(FlowSendChargeCardError)
  )

  /**
   * Flow's `batchCollect`: `batchRows` travels as one JSON text field, signed exactly as sent. More rows
   * than `maxBatchRows` (FlowConfig, default 5,000) are refused, field `batchRows`, before anything is sent.
   */
  const sendMassiveCharge = Effect.fn("customers.card.sendMassiveCharge")(
    function*(data: Req.SendMassiveChargeRequest) {
      const input = yield* validate(MassiveChargeRequest, data)
      const batchRows = JSON.stringify(input.batchRows.map((row) => ({
        customerId: row.customerId,
        commerceOrder: row.commerceOrder,
        subject: row.subject,
        amount: row.amount,
        currency: row.currency,
        paymentMethod: Req.paymentMethodCode(row.paymentMethod),
        optional: jsonText(row.optional)
      })))
      return yield* http.post("customer/batchCollect", {
        urlCallBack: input.urlCallBack,
        urlConfirmation: input.urlConfirmation,
        urlReturn: input.urlReturn,
        batchRows,
        byEmail: Req.flagValue(input.byEmail),
        forward_days_after: input.forward_days_after,
        forward_times: input.forward_times,
        timeout: input.timeout
      }, Res.BatchCollectResponse)
    },
    failWith(FlowSendMassiveChargeCardError)
  )

  const massiveChargeStatusOnce = Effect.fn("customers.card.massiveChargeStatus")(
    function*(token: string) {
      const input = yield* validate(Req.TokenRequest, { token })
      return yield* http.get("customer/getBatchCollectStatus", { token: input.token }, Res.BatchCollectStatus)
    },
    failWith(FlowMassiveChargeCardStatusError)
  )

  /** The batch's status each time it changes (polled every `interval`), ending once it is processed. */
  const watchMassiveCharge = (token: string, options: WatchOptions = {}) =>
    Stream.repeatEffectWithSchedule(
      massiveChargeStatusOnce(token),
      Schedule.spaced(options.interval ?? DEFAULT_POLL_INTERVAL)
    ).pipe(
      Stream.changesWith((a, b) => a.status === b.status),
      Stream.takeUntil((status) => status.status === "processed")
    )

  /**
   * Polls until the batch is processed and returns its final status, each row's outcome included.
   * Gives up after `timeout` (default 10 minutes) with the operation's error, reason FlowTimeoutError.
   */
  const untilProcessed = Effect.fn("customers.card.massiveChargeStatus.untilProcessed")(
    function*(token: string, options: UntilProcessedOptions = {}) {
      const timeout = Duration.decode(options.timeout ?? DEFAULT_WAIT_TIMEOUT)
      const onStatus = options.onStatus
      const statuses = onStatus === undefined
        ? watchMassiveCharge(token, options)
        : Stream.tap(watchMassiveCharge(token, options), (status) => Effect.sync(() => onStatus(status)))
      const last = yield* Stream.runLast(statuses).pipe(
        Effect.timeoutFail({
          duration: timeout,
          onTimeout: () =>
            new FlowMassiveChargeCardStatusError({
              reason: new FlowTimeoutError({
                timeoutMillis: Duration.toMillis(timeout),
                message: `batch ${token} was not processed within ${Duration.format(timeout)}`
              })
            })
        })
      )
      // the stream ends only after a status arrived
      return Option.getOrThrow(last)
    }
  )

  const massiveChargeStatus = Object.assign(massiveChargeStatusOnce, { watch: watchMassiveCharge, untilProcessed })

  /** Reverses a charge by `commerceOrder` or `flowOrder`, within Flow's window (until 14:00 of the next day). */
  const reverseCharge = Effect.fn("customers.card.reverseCharge")(
    function*(data: Req.ReverseChargeRequest) {
      const input = yield* validate(Req.ReverseChargeRequest, data)
      return yield* http.post("customer/reverseCharge", {
        commerceOrder: input.commerceOrder,
        flowOrder: input.flowOrder
      }, Res.ReverseChargeResponse)
    },
    failWith(FlowReverseChargeCardError)
  )

  // ------------------------------------------------------------------------------- listings

  const listChargesPage = Effect.fn("customers.card.listCharges")(
    function*(data: Req.ListChargesRequest) {
      const input = yield* validate(Req.ListChargesRequest, data)
      return yield* http.get("customer/getCharges", {
        customerId: input.customerId,
        start: input.start,
        limit: input.limit,
        filter: input.filter,
        fromDate: input.fromDate,
        status: input.status
      }, Res.ChargeList)
    },
    failWith(FlowListChargesCardError)
  )
  const listCharges = withPagination(listChargesPage, FlowListChargesCardError)

  /** Failed automatic-charge attempts; Flow's path is spelled `getChargeAttemps`. */
  const listFailedChargesPage = Effect.fn("customers.card.listFailedCharges")(
    function*(data: Req.ListFailedChargesRequest) {
      const input = yield* validate(Req.ListFailedChargesRequest, data)
      return yield* http.get("customer/getChargeAttemps", {
        customerId: input.customerId,
        start: input.start,
        limit: input.limit,
        filter: input.filter,
        fromDate: input.fromDate,
        commerceOrder: input.commerceOrder
      }, Res.ChargeAttemptList)
    },
    failWith(FlowListFailedChargesCardError)
  )
  const listFailedCharges = withPagination(listFailedChargesPage, FlowListFailedChargesCardError)

  const listSubscriptionsPage = Effect.fn("customers.card.subscriptions.list")(
    function*(data: Req.ListSubscriptionsRequest) {
      const input = yield* validate(Req.ListSubscriptionsRequest, data)
      return yield* http.get("customer/getSubscriptions", {
        customerId: input.customerId,
        start: input.start,
        limit: input.limit,
        filter: input.filter
      }, Res.SubscriptionList)
    },
    failWith(FlowListPaginatedSubscriptionsError)
  )
  const listSubscriptions = withPagination(listSubscriptionsPage, FlowListPaginatedSubscriptionsError)

  return {
    create,
    edit,
    delete: del,
    get,
    list,
    card: {
      register,
      status,
      delete: deleteCard,
      charge,
      sendCharge,
      sendMassiveCharge,
      massiveChargeStatus,
      reverseCharge,
      listCharges,
      listFailedCharges,
      subscriptions: { list: listSubscriptions }
    }
  } as const
})

/**
 * Flow's customer API as an Effect service. `FlowCustomers.Default` includes FlowHttp and needs only
 * `FlowConfig` and an `HttpClient`.
 */
export class FlowCustomers extends Effect.Service<FlowCustomers>()("@flowcl/core/FlowCustomers", {
  effect: make,
  dependencies: [FlowHttp.Default]
}) {}
