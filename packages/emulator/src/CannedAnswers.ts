/**
 * Canned-answer mode (`--canned`): every endpoint answers a fixed, valid answer of Flow's shape,
 * without state or business rules, so a benchmark measures clients and not the server. Lists page
 * over `total` synthetic items, built on the fly so any page of any size costs the same.
 */
import { specAnswers } from "./Answers.js"
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

/** The answer to `customer/<name>`, or undefined for an unknown name. */
export const cannedAnswer = (
  name: string,
  params: Readonly<Record<string, string>>,
  total: number,
  origin: string
): unknown => {
  const page = () => ({
    start: Math.max(0, Number(params["start"] ?? 0) || 0),
    limit: Math.min(100, Math.max(1, Number(params["limit"] ?? 10) || 10))
  })
  const items = <A>(make: (index: number) => A) => {
    const { limit, start } = page()
    const data: Array<A> = []
    for (let i = start; i < Math.min(total, start + limit); i++) data.push(make(i))
    return { total, hasMore: start + limit < total ? 1 : 0, data }
  }
  switch (name) {
    case "create":
    case "edit":
    case "delete":
    case "get":
    case "unRegister":
      return specAnswers.customer(customer(1))
    case "list":
      return items((i) => specAnswers.customer(customer(i)))
    case "register":
      return { url: `${origin}/app/customer/disclaimer.php`, token: TOKEN }
    case "getRegisterStatus":
      return specAnswers.registerStatus(
        { token: TOKEN, customerId: "cus_0000000001", urlReturn: "", status: "completed", card: customer(1).card }
      )
    case "charge":
      return specAnswers.payment(payment(params["commerceOrder"] ?? "order", 1_000_001))
    case "collect":
      return {
        type: 1,
        commerceOrder: params["commerceOrder"] ?? "order",
        flowOrder: 1_000_001,
        url: "",
        token: "",
        status: 1,
        paymenResult: specAnswers.payment(payment(params["commerceOrder"] ?? "order", 1_000_001))
      }
    case "batchCollect": {
      const rows = (() => {
        try {
          const parsed: unknown = JSON.parse(params["batchRows"] ?? "[]")
          return Array.isArray(parsed) ? parsed.length : 0
        } catch {
          return 0
        }
      })()
      return { token: TOKEN, receivedRows: rows, acceptedRows: rows, rejectedRows: [] }
    }
    case "getBatchCollectStatus":
      return {
        token: TOKEN,
        createdDate: "2026-01-01 12:00:00",
        processedDate: "2026-01-01 12:01:00",
        status: "processed",
        collectRows: []
      }
    case "reverseCharge":
      return { status: "1", message: "Reverse charge was successful" }
    case "getCharges":
      return items((i) => specAnswers.payment(payment(`order-${i}`, 1_000_000 + i)))
    case "getChargeAttemps":
      return items((i) => ({
        id: i,
        date: "2026-01-01 12:00:00",
        customerId: "cus_0000000001",
        invoiceId: "",
        commerceOrder: `order-${i}`,
        currency: "CLP",
        amount: 9006,
        errorCode: -6,
        errorDescription: "Rechazo general"
      }))
    case "getSubscriptions":
      return items((i) => ({ subscriptionId: `sus_${i}`, planId: "plan", customerId: "cus_0000000001", status: 1 }))
    default:
      return undefined
  }
}
