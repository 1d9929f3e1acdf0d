/**
 * The emulator's memory: customers, card registrations, payments, failed attempts, batches and
 * subscriptions, plus the emulator's clock. Plain data; the rules live in ./endpoints.
 */
import { randomBytes } from "node:crypto"

export interface Card {
  readonly brand: string
  readonly last4: string
  /** `yyyy-mm-dd hh:mm:ss`, emulator time. */
  readonly registeredAt: string
}

export interface CustomerRecord {
  readonly customerId: string
  name: string
  email: string
  externalId: string
  readonly created: string
  /** 1 active, 0 deleted. */
  status: 0 | 1
  card: Card | undefined
}

export interface RegistrationRecord {
  readonly token: string
  readonly customerId: string
  readonly urlReturn: string
  status: "pending" | "completed" | "declined"
  card: Card | undefined
}

/** 1 pending, 2 paid, 3 rejected, 4 cancelled (reversed). */
export type PaymentStatusCode = 1 | 2 | 3 | 4

export interface PaymentRecord {
  readonly flowOrder: number
  readonly commerceOrder: string
  readonly customerId: string
  readonly subject: string
  readonly currency: string
  readonly amount: number
  readonly requestDate: string
  /** Real milliseconds (emulator clock) of the request, for the reversal window. */
  readonly requestedAtMillis: number
  status: PaymentStatusCode
  readonly payer: string
  readonly optional: unknown
  /** How it was (or is to be) paid: 1 automatic charge, 2 payment link, 3 email. */
  readonly type: 1 | 2 | 3
  readonly token: string
  readonly url: string | undefined
  paidAt: string | undefined
  media: string | undefined
  readonly urlConfirmation: string | undefined
  readonly urlReturn: string | undefined
}

/**
 * Whether the payment was paid at some point: paid (2), or reversed after being paid (4 with a
 * payment date; a pending payment cancelled unpaid is 4 without one).
 */
export const wasPaid = (p: PaymentRecord): boolean => p.status === 2 || (p.status === 4 && p.paidAt !== undefined)

export interface AttemptRecord {
  readonly id: number
  readonly date: string
  readonly customerId: string
  readonly commerceOrder: string
  readonly currency: string
  readonly amount: number
  readonly errorCode: number
  readonly errorDescription: string
}

export type BatchRowStatus = "unprocessed" | "collected" | "uncollected"

/** A `batchRows` row Flow accepted. */
export interface BatchRowInput {
  readonly customerId: string
  readonly commerceOrder: string
  readonly subject: string
  readonly amount: number
  readonly currency: string
  readonly paymentMethod: number
  readonly optional: unknown
}

export interface BatchRowRecord extends BatchRowInput {
  status: BatchRowStatus
  type: 1 | 2 | 3 | undefined
  flowOrder: number | undefined
  url: string | undefined
  token: string | undefined
  errorCode: number | undefined
  errorMsg: string | undefined
}

export interface BatchRecord {
  readonly token: string
  readonly createdDate: string
  processedDate: string | undefined
  status: "created" | "processing" | "processed"
  readonly rows: Array<BatchRowRecord>
  readonly urlCallBack: string
  readonly urlConfirmation: string
  readonly urlReturn: string
  readonly byEmail: boolean
}

/** A subscription as Flow lists it; seeded through the admin API. */
export type SubscriptionRecord = Readonly<Record<string, unknown>> & {
  readonly subscriptionId: string
  readonly customerId: string
}

/** A POST the emulator made to a merchant URL, as Flow does. */
export interface CallbackRecord {
  readonly kind: "card-registration" | "batch-processed" | "payment-confirmation"
  readonly url: string
  readonly token: string
  readonly at: string
  status: number | undefined
  error: string | undefined
}

/** Chile's time zone: Flow's dates and its 14:00 reversal cut-off are local times. */
export const TIME_ZONE = "America/Santiago"

const localFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit"
})

/** `yyyy-mm-dd hh:mm:ss` in Santiago time. */
export const formatLocal = (millis: number): string => {
  const parts: Record<string, string> = {}
  for (const part of localFormat.formatToParts(new Date(millis))) parts[part.type] = part.value
  return `${parts["year"]}-${parts["month"]}-${parts["day"]} ${parts["hour"]}:${parts["minute"]}:${parts["second"]}`
}

/**
 * Flow's reversal window (docs/flow-api.md "Reversals"): "24 hours counted from 14:00": a charge can be
 * reversed until the first 14:00 (Santiago) after it. Returned as a local `yyyy-mm-dd hh:mm:ss`.
 */
export const reversalDeadline = (chargedAtMillis: number): string => {
  const local = formatLocal(chargedAtMillis)
  const [date, time] = local.split(" ") as [string, string]
  if (time < "14:00:00") return `${date} 14:00:00`
  const [y, m, d] = date.split("-").map(Number) as [number, number, number]
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10)
  return `${next} 14:00:00`
}

const ALNUM_LOWER = "abcdefghijklmnopqrstuvwxyz0123456789"
const ALNUM_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
const randomText = (alphabet: string, length: number): string => {
  const bytes = randomBytes(length)
  let out = ""
  for (let i = 0; i < length; i++) out += alphabet[bytes[i]! % alphabet.length]
  return out
}

/**
 * The emulator's in-memory state: customers, card registrations, payments, failed attempts, batches,
 * subscriptions and the callbacks made, with the rules Flow applies to them. One per running emulator
 * (`emulator.state`).
 */
export class EmulatorState {
  readonly customers = new Map<string, CustomerRecord>()
  readonly registrations = new Map<string, RegistrationRecord>()
  /** Every payment, oldest first; an order that was charged again has several (see `paymentsByOrder`). */
  readonly payments: Array<PaymentRecord> = []
  /**
   * The payment an order lookup returns: the order's newest payment, or, once the order is paid, the
   * payment that paid it (an order is paid at most once; see endpoints/Payments.ts).
   */
  readonly paymentsByOrder = new Map<string, PaymentRecord>()
  readonly attempts: Array<AttemptRecord> = []
  readonly batches = new Map<string, BatchRecord>()
  readonly subscriptions: Array<SubscriptionRecord> = []
  readonly callbacks: Array<CallbackRecord> = []
  /**
   * Every commerceOrder the merchant has sent (charge, collect, batch rows): a batch row repeating one
   * is rejected with Flow's row code 104 "CommerceOrder already sent".
   */
  readonly commerceOrders = new Set<string>()

  private nextFlowOrder = 1_000_001
  private nextAttemptId = 1
  /** Milliseconds added to the real clock (set through the admin API). */
  private clockOffset = 0

  now(): number {
    return Date.now() + this.clockOffset
  }
  nowLocal(): string {
    return formatLocal(this.now())
  }
  setClock(millis: number): void {
    this.clockOffset = millis - Date.now()
  }
  advanceClock(millis: number): void {
    this.clockOffset += millis
  }

  newCustomerId(): string {
    let id: string
    do id = `cus_${randomText(ALNUM_LOWER, 10)}`
    while (this.customers.has(id))
    return id
  }
  newToken(): string {
    return randomText(ALNUM_UPPER, 40)
  }
  newSubscriptionId(): string {
    return `sus_${randomText(ALNUM_LOWER, 10)}`
  }
  newFlowOrder(): number {
    return this.nextFlowOrder++
  }
  newAttemptId(): number {
    return this.nextAttemptId++
  }

  addPayment(payment: PaymentRecord): PaymentRecord {
    this.payments.push(payment)
    this.paymentsByOrder.set(payment.commerceOrder, payment)
    return payment
  }

  reset(): void {
    this.customers.clear()
    this.registrations.clear()
    this.payments.length = 0
    this.paymentsByOrder.clear()
    this.attempts.length = 0
    this.batches.clear()
    this.subscriptions.length = 0
    this.callbacks.length = 0
    this.commerceOrders.clear()
    this.nextFlowOrder = 1_000_001
    this.nextAttemptId = 1
    this.clockOffset = 0
  }
}
