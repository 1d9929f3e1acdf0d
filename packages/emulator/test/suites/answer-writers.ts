/**
 * Every answer writer's exact output, byte for byte, for records that take each branch (a card or
 * none, each payment status and type, paid or not, each kind of `optional`, batch rows processed or
 * not, …), held in ./answer-writers.golden.txt: one line per answer, so a change to a form shows as
 * the lines it changes. The suites asserting the forms over HTTP (./answer-forms.ts) say what each form
 * means; this one says nothing else moved. After an intended change: `vitest run -u`, and read the diff.
 * (A suite: run from ../emulator.test.ts.)
 */
import { expect, it } from "@effect/vitest"
import { fileURLToPath } from "node:url"
import { ANSWER_FORMS, answersIn } from "../../src/Answers.js"
import type {
  AttemptRecord,
  BatchRecord,
  BatchRowRecord,
  Card,
  CustomerRecord,
  PaymentRecord,
  RegistrationRecord,
  SubscriptionRecord
} from "../../src/EmulatorState.js"

const card: Card = { brand: "Visa", last4: "0366", registeredAt: "2024-01-02 03:04:05" }

const customers: ReadonlyArray<CustomerRecord> = [
  { customerId: "cus_1", name: "Ana", email: "a@x.cl", externalId: "e1", created: "2024-01-01 00:00:00", status: 1, card },
  { customerId: "cus_2", name: "Bea", email: "b@x.cl", externalId: "", created: "2024-01-01 00:00:00", status: 1, card: undefined },
  { customerId: "cus_3", name: "Cy", email: "c@x.cl", externalId: "e3", created: "2024-01-01 00:00:00", status: 0, card }
]

const registration = (status: RegistrationRecord["status"], withCard: boolean): RegistrationRecord => ({
  token: "reg-token",
  customerId: "cus_1",
  urlReturn: "http://127.0.0.1:9/r",
  status,
  card: withCard ? card : undefined
})
const registrations = [
  registration("pending", false),
  registration("completed", true),
  registration("completed", false),
  registration("declined", true)
]

const payment = (over: Partial<PaymentRecord>): PaymentRecord => ({
  flowOrder: 3567899,
  commerceOrder: "o-1",
  customerId: "cus_1",
  subject: "Cuota",
  currency: "CLP",
  amount: 12000,
  requestDate: "2024-01-01 00:00:00",
  requestedAtMillis: 0,
  status: 2,
  payer: "a@x.cl",
  optional: undefined,
  type: 1,
  token: "pay-token",
  url: undefined,
  paidAt: "2024-01-01 00:00:01",
  media: undefined,
  urlConfirmation: undefined,
  urlReturn: undefined,
  ...over
})
const payments: ReadonlyArray<PaymentRecord> = [
  payment({ optional: { plan: "A", nested: { list: [] } } }),
  payment({ currency: "UF", amount: 1.2345, media: "Webpay Plus", optional: {} }),
  payment({ paidAt: undefined, optional: null }),
  payment({ status: 1, type: 2, url: "http://127.0.0.1:9/pay", paidAt: undefined, optional: "text" }),
  payment({ status: 1, type: 3, url: "http://127.0.0.1:9/pay", paidAt: undefined }),
  payment({ status: 1, type: 1, paidAt: undefined }),
  payment({ status: 3, amount: 9001, paidAt: undefined }),
  payment({ status: 3, amount: 9999, paidAt: undefined }),
  payment({ status: 3, amount: 5000, paidAt: undefined }),
  payment({ status: 4 }),
  payment({ status: 4, type: 2, url: "http://127.0.0.1:9/pay", paidAt: undefined })
]

const attempts: ReadonlyArray<AttemptRecord> = [
  { id: 1, date: "2024-01-01 00:00:00", customerId: "cus_1", commerceOrder: "o-1", currency: "CLP", amount: 9001, errorCode: -1, errorDescription: "Tarjeta inválida" },
  { id: 22, date: "2024-01-01 00:00:00", customerId: "cus_1", commerceOrder: "o-2", currency: "UF", amount: 1.5, errorCode: 1605, errorDescription: "paid" }
]

const subscriptions: ReadonlyArray<SubscriptionRecord> = [
  { subscriptionId: "sus_1", customerId: "cus_1", planId: "p", subscription_end: null, trial_period_days: 0, status: 1, invoices: [], discount: {}, gone: undefined, rate: 1.5, note: "t" },
  { subscriptionId: "sus_2", customerId: "cus_1", status: 4 },
  { subscriptionId: "sus_3", customerId: "cus_1" }
]

const outcomes = [
  {
    token: "batch-1",
    receivedRows: 3,
    acceptedRows: 1,
    rejectedRows: [
      { customerId: "cus_1", commerceOrder: "b-2", rowNumber: 2, parameter: "amount", errorCode: 101 as const, errorMsg: "Value is empty or cero" },
      { customerId: "", commerceOrder: "", rowNumber: 3, parameter: "customerId", errorCode: 100 as const, errorMsg: "Mandatory field not sent" }
    ]
  },
  { token: "batch-2", receivedRows: 0, acceptedRows: 0, rejectedRows: [] }
]

/** A batch row: unprocessed unless `over` says what became of it. */
const row = (over: Partial<BatchRowRecord>): BatchRowRecord => ({
  customerId: "cus_1", commerceOrder: "b-1", subject: "Fila", amount: 1000, currency: "CLP", paymentMethod: 9, optional: undefined,
  status: "unprocessed", type: undefined, flowOrder: undefined, url: undefined, token: undefined, errorCode: undefined, errorMsg: undefined,
  ...over
})
const batch = (over: Partial<BatchRecord>): BatchRecord => ({
  token: "batch-1",
  createdDate: "2024-01-01 00:00:00",
  processedDate: undefined,
  status: "created",
  rows: [row({})],
  urlCallBack: "http://127.0.0.1:9/cb",
  urlConfirmation: "http://127.0.0.1:9/conf",
  urlReturn: "http://127.0.0.1:9/ret",
  byEmail: false,
  ...over
})
const batches = [
  batch({}),
  batch({ status: "processing", rows: [] }),
  batch({
    status: "processed",
    processedDate: "2024-01-02 00:00:00",
    rows: [
      row({ status: "collected", type: 2, flowOrder: 55, url: "http://127.0.0.1:9/pay", token: "tk" }),
      row({ status: "uncollected", type: 1, flowOrder: 56, errorCode: -1, errorMsg: "Tarjeta inválida" })
    ]
  })
]

const pagings = [{ start: 0, limit: 10 }, { start: 0, limit: 2 }, { start: 2, limit: 1 }, { start: 5, limit: 10 }]

const GOLDEN = fileURLToPath(new URL("./answer-writers.golden.txt", import.meta.url))

/** JSON text as the server writes it, with any `undefined` field shown (JSON.stringify would drop it). */
const text = (value: unknown): string => JSON.stringify(value, (_key, v) => v === undefined ? "<undefined>" : v)

const lines = ANSWER_FORMS.flatMap((form) => {
  const w = answersIn(form)
  const each = <A>(name: string, records: ReadonlyArray<A>, write: (record: A) => unknown) =>
    records.map((record, i) => `${form} ${name} ${i}: ${text(write(record))}`)
  return [
    ...each("customer", customers, w.customer),
    ...each("page", pagings, (paging) => w.page([{ n: 1 }, { n: 2 }, { n: 3 }], paging)),
    ...each("register", [0], () => w.register("http://127.0.0.1:9/register", "reg-token")),
    ...each("registerStatus", registrations, w.registerStatus),
    ...each("payment", payments, w.payment),
    ...each("collect", payments.slice(0, 6), w.collect),
    ...each("attempt", attempts, w.attempt),
    ...each("subscription", subscriptions, w.subscription),
    ...each("batchCollect", outcomes, w.batchCollect),
    ...each("batchStatus", batches, w.batchStatus),
    ...each("reverse", payments.slice(0, 1), w.reverse)
  ]
})

it("every form writes each answer exactly as before", async () => {
  await expect(`${lines.join("\n")}\n`).toMatchFileSnapshot(GOLDEN)
})
