/**
 * A typed client of the emulator's admin API, for tests in plain TypeScript: seed customers, register
 * and approve cards, pay links, set faults, move the clock, read the request log and the callbacks.
 * It works against any running emulator (in-process, the CLI, the container), over HTTP.
 *
 * ```ts
 * const emulator = await start()
 * const admin = new EmulatorClient(emulator)               // or new EmulatorClient("http://127.0.0.1:8080")
 * const { customerId } = await admin.seedCustomer({ card: true })
 * await admin.setFault({ endpoint: "customer/charge", fault: { type: "reset" }, times: 1, phase: "after" })
 * ```
 */
import type { SeedRequest } from "./AdminInput.js"
import type { CallbackRecord } from "./EmulatorState.js"
import type { EmulatorSettings, RequestLogEntry } from "./EmulatorTypes.js"
import type { FaultRequest, FaultRule } from "./Faults.js"

/** An admin call the emulator refused (4xx) or could not serve; `code` and `message` are its answer's. */
export class EmulatorAdminError extends Error {
  override readonly name = "EmulatorAdminError"
  constructor(
    readonly status: number,
    readonly code: number | undefined,
    message: string
  ) {
    super(message)
  }
}

/** What `seed` takes: customers (with a card or not) and subscriptions. */
export type SeedInput = typeof SeedRequest.Encoded

/** A fault rule as `setFault` takes it. */
export type FaultInput = typeof FaultRequest.Encoded

/** A customer as the API answers it (the `spec` form), at least these fields. */
export interface SeededCustomer {
  readonly customerId: string
  readonly name: string
  readonly email: string
  readonly externalId: string
  readonly status: string
  readonly pay_mode: string
  readonly creditCardType: string
  readonly last4CardDigits: string
  readonly [field: string]: unknown
}

/** A card as the admin API takes it: its `brand` and `last4` digits. */
export interface CardInput {
  readonly brand?: string
  /** Four digits; default `4242`. */
  readonly last4?: string
}

/** The emulator's clock: Santiago local time and epoch milliseconds. */
export interface ClockReading {
  readonly now: string
  readonly epochMs: number
}

/** The admin URL of an emulator given by its origin, admin URL or API URL. */
const adminUrlOf = (target: string | { readonly adminUrl: string }): string => {
  if (typeof target !== "string") return target.adminUrl
  const url = target.replace(/\/+$/, "")
  if (url.endsWith("/_admin")) return url
  if (url.endsWith("/api")) return `${url.slice(0, -4)}/_admin`
  return `${url}/_admin`
}

/**
 * A typed client of a running emulator's admin API (no signature): seed customers and cards, approve
 * or decline card registrations, pay links, set faults, move the clock, read the request log and the
 * callbacks.
 *
 * @example
 * ```ts
 * const admin = new EmulatorClient(emulator) // or "http://127.0.0.1:8080"
 * const { customerId } = await admin.seedCustomer({ card: true })
 * await admin.setFault({ endpoint: "customer/charge", fault: { type: "reset" }, times: 1, phase: "after" })
 * ```
 */
export class EmulatorClient {
  /** `http://host:port/_admin` */
  readonly adminUrl: string

  /** `emulator`: a running emulator (`start()`, `FlowEmulator`), or its origin, admin URL or API URL. */
  constructor(emulator: string | { readonly adminUrl: string }) {
    this.adminUrl = adminUrlOf(emulator)
  }

  private async call<A>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<A> {
    const response = await fetch(`${this.adminUrl}${path}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } })
    })
    const text = await response.text()
    let answer: unknown = text
    try {
      answer = JSON.parse(text)
    } catch {
      // not JSON: kept as text for the error
    }
    if (!response.ok) {
      const fields = typeof answer === "object" && answer !== null ? answer as Record<string, unknown> : {}
      const code = typeof fields["code"] === "number" ? fields["code"] : undefined
      const message = typeof fields["message"] === "string" ? fields["message"] : text
      throw new EmulatorAdminError(response.status, code, `${method} /_admin${path}: ${response.status} ${message}`)
    }
    return answer as A
  }

  /** Adds customers (a `card` makes one chargeable at once) and subscriptions. */
  seed(input: SeedInput): Promise<{ readonly customers: ReadonlyArray<SeededCustomer>; readonly subscriptions: ReadonlyArray<Readonly<Record<string, unknown>>> }> {
    return this.call("POST", "/seed", input)
  }

  /** One customer; `card: true` (or a card) registers a card, so it can be charged at once. */
  async seedCustomer(
    input: { readonly name?: string; readonly email?: string; readonly externalId?: string; readonly card?: boolean | CardInput } = {}
  ): Promise<SeededCustomer> {
    const { card, ...fields } = input
    const seeded = await this.seed({
      customers: [{
        name: fields.name ?? "Cliente de prueba",
        email: fields.email ?? "cliente@example.cl",
        ...(fields.externalId === undefined ? {} : { externalId: fields.externalId }),
        ...(card === undefined || card === false ? {} : { card: card === true ? {} : card })
      }]
    })
    return seeded.customers[0]!
  }

  /** Registers a card for an existing customer at once (no registration page, no callback). */
  registerCard(customerId: string, card: CardInput = {}): Promise<SeededCustomer> {
    return this.call("POST", `/customers/${encodeURIComponent(customerId)}/card`, card)
  }

  /** The person completes the card registration `token` (from `card.register`); Flow's callback follows. */
  approveRegistration(token: string, card: CardInput = {}): Promise<{ readonly token: string; readonly status: string }> {
    return this.call("POST", `/registrations/${encodeURIComponent(token)}`, { approve: true, ...card })
  }

  /** The person declines the card registration `token`; Flow's callback follows. */
  declineRegistration(token: string): Promise<{ readonly token: string; readonly status: string }> {
    return this.call("POST", `/registrations/${encodeURIComponent(token)}`, { approve: false })
  }

  /** The payer pays a payment link or email charge (its `token`, or the `collect` answer holding it). */
  payLink(payment: string | { readonly token: string }): Promise<{ readonly token: string; readonly status: string }> {
    const token = typeof payment === "string" ? payment : payment.token
    return this.call("POST", `/payments/${encodeURIComponent(token)}/pay`)
  }

  /** Adds a fault rule (RELIABILITY-style tests: latency, a status, a reset, a malformed answer, …). */
  setFault(rule: FaultInput): Promise<FaultRule> {
    return this.call("POST", "/faults", rule)
  }

  faults(): Promise<ReadonlyArray<FaultRule>> {
    return this.call("GET", "/faults")
  }

  async removeFault(id: number): Promise<void> {
    await this.call("DELETE", `/faults/${id}`)
  }

  async clearFaults(): Promise<void> {
    await this.call("DELETE", "/faults")
  }

  /** Sets the clock (`now`: a Date, ISO text or epoch ms) and/or moves it by `advanceMs`. */
  moveClock(to: Date | { readonly now?: Date | string | number; readonly advanceMs?: number }): Promise<ClockReading> {
    const { advanceMs, now } = to instanceof Date ? { now: to, advanceMs: undefined } : to
    return this.call("POST", "/clock", {
      ...(now === undefined ? {} : { now: now instanceof Date ? now.getTime() : now }),
      ...(advanceMs === undefined ? {} : { advanceMs })
    })
  }

  clock(): Promise<ClockReading> {
    return this.call("GET", "/clock")
  }

  /** The API requests received, oldest first; `endpoint` (`customer/charge`, `charge`, `payment/getStatus`) filters. */
  requests(filter: { readonly endpoint?: string } = {}): Promise<ReadonlyArray<RequestLogEntry>> {
    const query = filter.endpoint === undefined ? "" : `?${new URLSearchParams({ endpoint: filter.endpoint })}`
    return this.call("GET", `/requests${query}`)
  }

  async clearRequests(): Promise<void> {
    await this.call("DELETE", "/requests")
  }

  /** The callbacks the emulator POSTed (or refused to), with the merchant's answer status. */
  callbacks(): Promise<ReadonlyArray<CallbackRecord>> {
    return this.call("GET", "/callbacks")
  }

  settings(): Promise<EmulatorSettings> {
    return this.call("GET", "/settings")
  }

  updateSettings(changes: Partial<EmulatorSettings>): Promise<EmulatorSettings> {
    return this.call("POST", "/settings", changes)
  }

  /** Clears data, faults and the request log (settings stay). */
  async reset(): Promise<void> {
    await this.call("POST", "/reset")
  }
}
