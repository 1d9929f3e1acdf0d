/**
 * Canned-answer mode (`--canned`): every endpoint answers a fixed, valid answer of Flow's shape,
 * without state or business rules, so a benchmark measures clients and not the server. Lists page
 * over `total` synthetic items, built on the fly so any page of any size costs the same.
 */
import { specAnswers } from "./Answers.js"
import type { FlowPath } from "./CustomerEndpoints.js"
import type { CustomerRecord, PaymentRecord } from "./EmulatorState.js"

const customer = (index: number): CustomerRecord => ({
  customerId: `cus_${index.toString(36).padStart(10, "0")}`,
  name: `Cliente ${index}`,
  email: `cliente${index}@example.cl`,
  externalId: `ext-${index}`,
  created: "2026-01-01 12:00:00",
  status: 1,
  card: { brand: "Visa", last4: "4242", registeredAt: "2026-01-01 12:05:00" }
})

const payment = (commerceOrder: string, flowOrder: number): PaymentRecord => ({
  flowOrder,
  commerceOrder,
  customerId: "cus_0000000001",
  subject: "Cuota",
  currency: "CLP",
  amount: 12_990,
  requestDate: "2026-01-01 12:10:00",
  requestedAtMillis: 0,
  status: 2,
  payer: "cliente1@example.cl",
  optional: undefined,
  type: 1,
  token: "CANNED0000000000000000000000000000000000",
  url: undefined,
  paidAt: "2026-01-01 12:10:01",
  media: "webpay",
  urlConfirmation: undefined,
  urlReturn: undefined
})

const TOKEN = "CANNED0000000000000000000000000000000000"

interface Canned {
  readonly params: Readonly<Record<string, string>>
  /** `total` synthetic items of a list, paged by `start`/`limit`. */
  readonly items: <A>(make: (index: number) => A) => { total: number; hasMore: 0 | 1; data: Array<A> }
  readonly origin: string
}

const order = (params: Readonly<Record<string, string>>) => params["commerceOrder"] ?? params["commerceId"] ?? "order"

/** A fixed answer for every operation core declares, by its path (a missing one is a compile error). */
const answers: { readonly [P in FlowPath]: (canned: Canned) => unknown } = {
  "customer/create": () => specAnswers.customer(customer(1)),
  "customer/edit": () => specAnswers.customer(customer(1)),
  "customer/delete": () => specAnswers.customer(customer(1)),
  "customer/get": () => specAnswers.customer(customer(1)),
  "customer/unRegister": () => specAnswers.customer(customer(1)),
  "customer/list": ({ items }) => items((i) => specAnswers.customer(customer(i))),
  "customer/register": ({ origin }) => ({ url: `${origin}/app/customer/disclaimer.php`, token: TOKEN }),
  "customer/getRegisterStatus": () =>
    specAnswers.registerStatus(
      { token: TOKEN, customerId: "cus_0000000001", urlReturn: "", status: "completed", card: customer(1).card }
    ),
  "customer/charge": ({ params }) => specAnswers.payment(payment(order(params), 1_000_001)),
  "customer/collect": ({ params }) => ({
    type: 1,
    commerceOrder: order(params),
    flowOrder: 1_000_001,
    url: "",
    token: "",
    status: 1,
    paymenResult: specAnswers.payment(payment(order(params), 1_000_001))
  }),
  "customer/batchCollect": ({ params }) => {
    const rows = (() => {
      try {
        const parsed: unknown = JSON.parse(params["batchRows"] ?? "[]")
        return Array.isArray(parsed) ? parsed.length : 0
      } catch {
        return 0
      }
    })()
    return { token: TOKEN, receivedRows: rows, acceptedRows: rows, rejectedRows: [] }
  },
  "customer/getBatchCollectStatus": () => ({
    token: TOKEN,
    createdDate: "2026-01-01 12:00:00",
    processedDate: "2026-01-01 12:01:00",
    status: "processed",
    collectRows: []
  }),
  "customer/reverseCharge": () => ({ status: "1", message: "Reverse charge was successful" }),
  "customer/getCharges": ({ items }) => items((i) => specAnswers.payment(payment(`order-${i}`, 1_000_000 + i))),
  "customer/getChargeAttemps": ({ items }) =>
    items((i) => ({
      id: i,
      date: "2026-01-01 12:00:00",
      customerId: "cus_0000000001",
      invoiceId: "",
      commerceOrder: `order-${i}`,
      currency: "CLP",
      amount: 9006,
      errorCode: -6,
      errorDescription: "Rechazo general"
    })),
  "customer/getSubscriptions": ({ items }) =>
    items((i) => ({ subscriptionId: `sus_${i}`, planId: "plan", customerId: "cus_0000000001", status: 1 })),
  "payment/getStatus": () => specAnswers.payment(payment("order", 1_000_001)),
  "payment/getStatusByCommerceId": ({ params }) => specAnswers.payment(payment(order(params), 1_000_001)),
  "payment/getStatusByFlowOrder": ({ params }) =>
    specAnswers.payment(payment("order", Number(params["flowOrder"]) || 1_000_001))
}

const isFlowPath = (path: string): path is FlowPath => Object.hasOwn(answers, path)

/** The answer to the operation at `path` (`customer/create`), or undefined for a path core does not declare. */
export const cannedAnswer = (
  path: string,
  params: Readonly<Record<string, string>>,
  total: number,
  origin: string
): unknown => {
  if (!isFlowPath(path)) return undefined
  const start = Math.max(0, Number(params["start"] ?? 0) || 0)
  const limit = Math.min(100, Math.max(1, Number(params["limit"] ?? 10) || 10))
  const items = <A>(make: (index: number) => A) => {
    const data: Array<A> = []
    for (let i = start; i < Math.min(total, start + limit); i++) data.push(make(i))
    return { total, hasMore: start + limit < total ? 1 as const : 0 as const, data }
  }
  return answers[path]({ params, items, origin })
}
