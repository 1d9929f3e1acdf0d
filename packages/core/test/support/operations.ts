/**
 * The 16 operations as data: how to call each one, what must go on the wire, what Flow answers in
 * both documented forms, and what that decodes to. Shared by the wire tests and the failure tests.
 */
import type * as Effect from "effect/Effect"
import type { FlowOperationError } from "../../src/FlowErrors.js"
import type { FlowCustomers } from "../../src/FlowCustomers.js"
import * as F from "./fixtures.js"

export interface OperationCase {
  readonly name: string
  readonly errorTag: FlowOperationError["_tag"]
  readonly write: boolean
  readonly call: (customers: FlowCustomers) => Effect.Effect<unknown, FlowOperationError>
  readonly method: "GET" | "POST"
  readonly path: string
  /** Every param that must travel, apiKey and s excepted. */
  readonly params: Readonly<Record<string, string>>
  readonly specAnswer: unknown
  readonly altAnswer: unknown
  readonly decoded: unknown
  readonly altDecoded: unknown
}

const page = <A>(items: ReadonlyArray<A>, total: number, hasMore: boolean) => ({ total, hasMore, data: items })

export const operations: ReadonlyArray<OperationCase> = [
  {
    name: "create",
    errorTag: "FlowCreateCustomerError",
    write: true,
    call: (c) => c.create({ name: "Pedro Raul Perez", email: "customer@gmail.com", externalId: "14233531-8" }),
    method: "POST",
    path: "/api/customer/create",
    params: { name: "Pedro Raul Perez", email: "customer@gmail.com", externalId: "14233531-8" },
    specAnswer: F.customerSpec,
    altAnswer: F.customerAlt,
    decoded: F.customerNormalized,
    altDecoded: F.customerAltNormalized
  },
  {
    name: "edit",
    errorTag: "FlowEditCustomerError",
    write: true,
    call: (c) => c.edit({ customerId: "cus_onoolldvec", email: "nuevo@gmail.com" }),
    method: "POST",
    path: "/api/customer/edit",
    params: { customerId: "cus_onoolldvec", email: "nuevo@gmail.com" },
    specAnswer: F.customerSpec,
    altAnswer: F.customerAlt,
    decoded: F.customerNormalized,
    altDecoded: F.customerAltNormalized
  },
  {
    name: "delete",
    errorTag: "FlowDeleteCustomerError",
    write: true,
    call: (c) => c.delete("cus_onoolldvec"),
    method: "POST",
    path: "/api/customer/delete",
    params: { customerId: "cus_onoolldvec" },
    specAnswer: { ...F.customerSpec, status: "0" },
    altAnswer: { ...F.customerAlt, status: 0 },
    decoded: { ...F.customerNormalized, status: 0 },
    altDecoded: { ...F.customerAltNormalized, status: 0 }
  },
  {
    name: "get",
    errorTag: "FlowGetCustomerError",
    write: false,
    call: (c) => c.get("cus_onoolldvec"),
    method: "GET",
    path: "/api/customer/get",
    params: { customerId: "cus_onoolldvec" },
    specAnswer: F.customerSpec,
    altAnswer: F.customerAlt,
    decoded: F.customerNormalized,
    altDecoded: F.customerAltNormalized
  },
  {
    name: "list",
    errorTag: "FlowGetCustomerListError",
    write: false,
    call: (c) => c.list({ start: 10, limit: 2, filter: "Pedro", status: 1 }),
    method: "GET",
    path: "/api/customer/list",
    params: { start: "10", limit: "2", filter: "Pedro", status: "1" },
    specAnswer: F.pageSpec([F.customerSpec, F.customerSpec], 14, 1),
    altAnswer: F.pageAlt([F.customerSpec, F.customerAlt], 14, true),
    decoded: page([F.customerNormalized, F.customerNormalized], 14, true),
    altDecoded: page([F.customerNormalized, F.customerAltNormalized], 14, true)
  },
  {
    name: "card.register",
    errorTag: "FlowRegisterCardError",
    write: true,
    call: (c) => c.card.register({ customerId: "cus_onoolldvec", url_return: "https://shop.cl/flow/card?x=1" }),
    method: "POST",
    path: "/api/customer/register",
    params: { customerId: "cus_onoolldvec", url_return: "https://shop.cl/flow/card?x=1" },
    specAnswer: { url: "https://www.flow.cl/app/customer/disclaimer.php", token: "41097C28B5BD78C77F589FE4BC59E18AC333F9EU" },
    altAnswer: {
      url: "https://www.flow.cl/app/customer/disclaimer.php",
      token: "41097C28B5BD78C77F589FE4BC59E18AC333F9EU",
      extra: 1
    },
    decoded: {
      url: "https://www.flow.cl/app/customer/disclaimer.php",
      token: "41097C28B5BD78C77F589FE4BC59E18AC333F9EU",
      redirectUrl:
        "https://www.flow.cl/app/customer/disclaimer.php?token=41097C28B5BD78C77F589FE4BC59E18AC333F9EU"
    },
    altDecoded: {
      url: "https://www.flow.cl/app/customer/disclaimer.php",
      token: "41097C28B5BD78C77F589FE4BC59E18AC333F9EU",
      redirectUrl:
        "https://www.flow.cl/app/customer/disclaimer.php?token=41097C28B5BD78C77F589FE4BC59E18AC333F9EU"
    }
  },
  {
    name: "card.status",
    errorTag: "FlowRegisterCardStatusError",
    write: false,
    call: (c) => c.card.status("41097C28B5BD78C77F589FE4BC59E18AC333F9EU"),
    method: "GET",
    path: "/api/customer/getRegisterStatus",
    params: { token: "41097C28B5BD78C77F589FE4BC59E18AC333F9EU" },
    specAnswer: F.registerStatusSpec,
    altAnswer: F.registerStatusAlt,
    decoded: { ...F.registerStatusSpec, status: 1 },
    altDecoded: { ...F.registerStatusAlt, status: 1, last4CardDigits: "4425" }
  },
  {
    name: "card.delete",
    errorTag: "FlowDeleteCardError",
    write: true,
    call: (c) => c.card.delete("cus_onoolldvec"),
    method: "POST",
    path: "/api/customer/unRegister",
    params: { customerId: "cus_onoolldvec" },
    specAnswer: F.customerSpec,
    altAnswer: F.customerAlt,
    decoded: F.customerNormalized,
    altDecoded: F.customerAltNormalized
  },
  {
    name: "card.charge",
    errorTag: "FlowChargeCardError",
    write: true,
    call: (c) =>
      c.card.charge({
        customerId: "cus_onoolldvec",
        amount: 12000,
        subject: "Pago prueba",
        commerceOrder: "sf12377",
        currency: "CLP",
        optionals: { rut: "9999999-9", nombre: "cliente 1" }
      }),
    method: "POST",
    path: "/api/customer/charge",
    params: {
      customerId: "cus_onoolldvec",
      amount: "12000",
      subject: "Pago prueba",
      commerceOrder: "sf12377",
      currency: "CLP",
      optionals: "{\"rut\":\"9999999-9\",\"nombre\":\"cliente 1\"}"
    },
    specAnswer: F.paymentSpec,
    altAnswer: F.paymentAlt,
    decoded: F.paymentNormalized,
    altDecoded: F.paymentAltNormalized
  },
  {
    name: "card.sendCharge",
    errorTag: "FlowSendChargeCardError",
    write: true,
    call: (c) =>
      c.card.sendCharge({
        customerId: "cus_onoolldvec",
        commerceOrder: "sf12377",
        subject: "Pago prueba",
        amount: 12000,
        urlConfirmation: "https://shop.cl/flow/confirm",
        urlReturn: "https://shop.cl/flow/return",
        paymentMethod: "webpay-plus",
        byEmail: true,
        forward_days_after: 2,
        forward_times: 3,
        ignore_auto_charging: 1,
        optionals: "{\"rut\": \"9999999-9\"}",
        timeout: 3600
      }),
    method: "POST",
    path: "/api/customer/collect",
    params: {
      customerId: "cus_onoolldvec",
      commerceOrder: "sf12377",
      subject: "Pago prueba",
      amount: "12000",
      urlConfirmation: "https://shop.cl/flow/confirm",
      urlReturn: "https://shop.cl/flow/return",
      paymentMethod: "1",
      byEmail: "1",
      forward_days_after: "2",
      forward_times: "3",
      ignore_auto_charging: "1",
      optionals: "{\"rut\": \"9999999-9\"}",
      timeout: "3600"
    },
    specAnswer: F.collectSpec,
    altAnswer: F.collectAlt,
    decoded: F.collectNormalized,
    altDecoded: F.collectAltNormalized
  },
  {
    name: "card.sendMassiveCharge",
    errorTag: "FlowSendMassiveChargeCardError",
    write: true,
    call: (c) =>
      c.card.sendMassiveCharge({
        urlCallBack: "https://m.cl/cb",
        urlConfirmation: "https://m.cl/conf",
        urlReturn: "https://m.cl/ret",
        batchRows: [
          { customerId: "cus_onoolldvec", commerceOrder: "zc23456", subject: "cobro de factura", amount: 8000 },
          {
            customerId: "cus_0greuxgial",
            commerceOrder: "zc23457",
            subject: "cobro",
            amount: 1.5,
            currency: "UF",
            paymentMethod: "flow",
            optional: "{\"factura\":\"123456\"}"
          }
        ],
        byEmail: 0,
        timeout: 600
      }),
    method: "POST",
    path: "/api/customer/batchCollect",
    params: {
      urlCallBack: "https://m.cl/cb",
      urlConfirmation: "https://m.cl/conf",
      urlReturn: "https://m.cl/ret",
      batchRows: "[{\"customerId\":\"cus_onoolldvec\",\"commerceOrder\":\"zc23456\",\"subject\":\"cobro de factura\","
        + "\"amount\":8000},{\"customerId\":\"cus_0greuxgial\",\"commerceOrder\":\"zc23457\",\"subject\":\"cobro\","
        + "\"amount\":1.5,\"currency\":\"UF\",\"paymentMethod\":9,\"optional\":\"{\\\"factura\\\":\\\"123456\\\"}\"}]",
      byEmail: "0",
      timeout: "600"
    },
    specAnswer: F.batchSpec,
    altAnswer: F.batchAlt,
    decoded: F.batchSpec,
    altDecoded: F.batchSpec
  },
  {
    name: "card.massiveChargeStatus",
    errorTag: "FlowMassiveChargeCardStatusError",
    write: false,
    call: (c) => c.card.massiveChargeStatus("AJ089FF5467367"),
    method: "GET",
    path: "/api/customer/getBatchCollectStatus",
    params: { token: "AJ089FF5467367" },
    specAnswer: F.batchStatusSpec,
    altAnswer: F.batchStatusAlt,
    decoded: F.batchStatusNormalized,
    altDecoded: F.batchStatusAltNormalized
  },
  {
    name: "card.reverseCharge",
    errorTag: "FlowReverseChargeCardError",
    write: true,
    call: (c) => c.card.reverseCharge({ flowOrder: 3567899 }),
    method: "POST",
    path: "/api/customer/reverseCharge",
    params: { flowOrder: "3567899" },
    specAnswer: F.reverseSpec,
    altAnswer: F.reverseAlt,
    decoded: F.reverseNormalized,
    altDecoded: F.reverseNormalized
  },
  {
    name: "card.listCharges",
    errorTag: "FlowListChargesCardError",
    write: false,
    call: (c) =>
      c.card.listCharges({ customerId: "cus_onoolldvec", fromDate: "2024-02-29", status: 2, start: 0, limit: 100 }),
    method: "GET",
    path: "/api/customer/getCharges",
    params: { customerId: "cus_onoolldvec", fromDate: "2024-02-29", status: "2", start: "0", limit: "100" },
    specAnswer: F.pageSpec([F.paymentSpec], 1, 0),
    altAnswer: F.pageAlt([F.paymentAlt], 1, false),
    decoded: page([F.paymentNormalized], 1, false),
    altDecoded: page([F.paymentAltNormalized], 1, false)
  },
  {
    name: "card.listFailedCharges",
    errorTag: "FlowListFailedChargesCardError",
    write: false,
    call: (c) => c.card.listFailedCharges({ customerId: "cus_onoolldvec", commerceOrder: 1883, filter: "paid" }),
    method: "GET",
    path: "/api/customer/getChargeAttemps",
    params: { customerId: "cus_onoolldvec", commerceOrder: "1883", filter: "paid" },
    specAnswer: F.pageSpec([F.attemptSpec], 1, 0),
    altAnswer: F.pageAlt([F.attemptAlt], 1, false),
    decoded: page([F.attemptSpec], 1, false),
    altDecoded: page([F.attemptAltNormalized], 1, false)
  },
  {
    name: "card.subscriptions.list",
    errorTag: "FlowListPaginatedSubscriptionsError",
    write: false,
    call: (c) => c.card.subscriptions.list({ customerId: "cus_eblcbsua2g", filter: "sus_azcyjj9ycd", limit: 5 }),
    method: "GET",
    path: "/api/customer/getSubscriptions",
    params: { customerId: "cus_eblcbsua2g", filter: "sus_azcyjj9ycd", limit: "5" },
    specAnswer: F.pageSpec([F.subscriptionSpec], 1, 0),
    altAnswer: F.pageAlt([F.subscriptionAlt], 1, false),
    decoded: page([F.subscriptionNormalized], 1, false),
    altDecoded: page([F.subscriptionAltNormalized], 1, false)
  }
]
