/**
 * The fault matrix of RELIABILITY.md as data, in two tables. The test checks reality against them;
 * RELIABILITY.md must hold both tables, as the run prints them.
 *
 * 1. The retry policy: each fault the emulator injects, for a read (`get`, GET) and for a write that
 *    is never reconciled (`create`, POST), the outcome and the number of requests Flow sees.
 * 2. Reconciliation: `card.charge` and `card.sendCharge` whose first send meets a fault, before or
 *    after Flow processed it; the outcome, the requests Flow sees in order, and the payments it holds
 *    for the order at the end.
 */
import type { FaultKind } from "@flowcl/emulator"

/** What the test uses: each try may take 500 ms; retries 2, 20 ms base backoff, Retry-After honoured up to 2 s. */
export const TEST_POLICY = { timeoutMillis: 500, retries: 2, baseDelayMillis: 20, maxDelayMillis: 2_000 } as const

// ------------------------------------------------------------------------------ 1. the retry policy

export type Column = "read, first try fails" | "read, every try fails" | "write, never reconciled (`create`)"
export const COLUMNS: ReadonlyArray<Column> = [
  "read, first try fails",
  "read, every try fails",
  "write, never reconciled (`create`)"
]

/** `ok` or the reason of the operation's error, with the HTTP status when there is one. */
export interface Outcome {
  readonly outcome: string
  readonly requests: number
}

export interface FaultRow {
  readonly name: string
  readonly fault: FaultKind
  readonly expected: Readonly<Record<Column, Outcome>>
}

const retried = (error: string): Readonly<Record<Column, Outcome>> => ({
  "read, first try fails": { outcome: "ok", requests: 2 },
  "read, every try fails": { outcome: error, requests: 3 },
  "write, never reconciled (`create`)": { outcome: error, requests: 1 }
})

const notRetried = (error: string): Readonly<Record<Column, Outcome>> => ({
  "read, first try fails": { outcome: error, requests: 1 },
  "read, every try fails": { outcome: error, requests: 1 },
  "write, never reconciled (`create`)": { outcome: error, requests: 1 }
})

export const MATRIX: ReadonlyArray<FaultRow> = [
  { name: "latency beyond the timeout", fault: { type: "latency", ms: 2_000 }, expected: retried("FlowTimeoutError") },
  {
    name: "HTTP 500",
    fault: { type: "status", status: 500, body: { code: 500, message: "Internal error" } },
    expected: retried("FlowAPIError 500")
  },
  {
    name: "HTTP 502",
    fault: { type: "status", status: 502, body: { code: 502, message: "Bad gateway" } },
    expected: retried("FlowAPIError 502")
  },
  {
    name: "HTTP 503",
    fault: { type: "status", status: 503, body: { code: 503, message: "Unavailable" } },
    expected: retried("FlowAPIError 503")
  },
  {
    name: "HTTP 429, Retry-After: 1",
    fault: { type: "status", status: 429, body: { code: 429, message: "Too many requests" }, headers: { "Retry-After": "1" } },
    expected: retried("FlowAPIError 429")
  },
  { name: "connection reset", fault: { type: "reset" }, expected: retried("FlowConnectionError") },
  { name: "truncated JSON (200)", fault: { type: "truncated" }, expected: notRetried("FlowDecodeError") },
  { name: "HTML error page (500)", fault: { type: "html", status: 500 }, expected: retried("FlowAPIError 500") },
  { name: "empty body (200)", fault: { type: "empty" }, expected: notRetried("FlowDecodeError") }
]

const cell = ({ outcome, requests }: Outcome) => `${outcome}, ${requests} request${requests === 1 ? "" : "s"}`

/** The retry-policy matrix as the Markdown table RELIABILITY.md holds (and the run prints). */
export const renderTable = (results: ReadonlyArray<{ readonly name: string } & Record<Column, Outcome>>): string =>
  [
    `| fault | ${COLUMNS.join(" | ")} |`,
    `|---|${COLUMNS.map(() => "---").join("|")}|`,
    ...results.map((row) => `| ${row.name} | ${COLUMNS.map((c) => cell(row[c])).join(" | ")} |`)
  ].join("\n")

export const expectedTable = (): string => renderTable(MATRIX.map((row) => ({ name: row.name, ...row.expected })))

// ------------------------------------------------------------------------------ 2. reconciliation

export type WriteColumn = "card.charge" | "card.sendCharge"
export const WRITE_COLUMNS: ReadonlyArray<WriteColumn> = ["card.charge", "card.sendCharge"]

/** The endpoint each write sends to, and the lookup reconciliation makes. */
export const WRITE_ENDPOINTS: Readonly<Record<WriteColumn, string>> = {
  "card.charge": "customer/charge",
  "card.sendCharge": "customer/collect"
}
export const LOOKUP_ENDPOINT = "payment/getStatusByCommerceId"

/** How a request shows in a cell: `charge`, `collect`, `lookup`. */
export const requestName = (endpoint: string): string =>
  endpoint === LOOKUP_ENDPOINT ? "lookup" : endpoint.replace(/^customer\//, "")

/**
 * What one cell ended with: `ok`, or the reason of the operation's error with its `outcome`; the
 * requests Flow saw, in order; the payments it holds for the order.
 */
export interface WriteOutcome {
  readonly outcome: string
  readonly requests: ReadonlyArray<string>
  readonly payments: number
}

/**
 * How a cell is set up:
 * - `first-send`: the fault hits the first request to the write's endpoint only, in the phase given;
 * - `lookup-fails`: the fault hits every request to the write's endpoint and every lookup;
 * - `refused`: no fault; the request is one Flow refuses (a charge to a customer without a card, a
 *   collect to a deleted customer: both 401).
 */
export type WriteSetup =
  | { readonly _tag: "first-send"; readonly fault: FaultKind; readonly phase: "before" | "after" }
  | { readonly _tag: "lookup-fails"; readonly fault: FaultKind; readonly phase: "before" | "after" }
  | { readonly _tag: "refused" }

export interface WriteRow {
  readonly name: string
  readonly when: string
  readonly setup: WriteSetup
  readonly expected: Readonly<Record<WriteColumn, WriteOutcome>>
}

const BEFORE = "before Flow processed it"
const AFTER = "after Flow processed it"

/** The fault hit the first send before Flow processed it: Flow holds no such order, so the write is sent again. */
const resent: Readonly<Record<WriteColumn, WriteOutcome>> = {
  "card.charge": { outcome: "ok", requests: ["charge", "lookup", "charge"], payments: 1 },
  "card.sendCharge": { outcome: "ok", requests: ["collect", "lookup", "collect"], payments: 1 }
}

/** The fault hit the first send after Flow processed it: the lookup finds the payment. */
const found: Readonly<Record<WriteColumn, WriteOutcome>> = {
  "card.charge": { outcome: "ok", requests: ["charge", "lookup"], payments: 1 },
  "card.sendCharge": { outcome: "ok", requests: ["collect", "lookup"], payments: 1 }
}

const firstSend = (name: string, fault: FaultKind): ReadonlyArray<WriteRow> => [
  { name, when: BEFORE, setup: { _tag: "first-send", fault, phase: "before" }, expected: resent },
  { name, when: AFTER, setup: { _tag: "first-send", fault, phase: "after" }, expected: found }
]

export const WRITE_MATRIX: ReadonlyArray<WriteRow> = [
  ...firstSend("connection reset", { type: "reset" }),
  ...firstSend("latency beyond the timeout", { type: "latency", ms: 2_000 }),
  ...firstSend("HTML error page (502)", { type: "html", status: 502 }),
  ...firstSend("malformed JSON (200)", { type: "malformed" }),
  {
    name: "HTML error page (502) on every send and every lookup",
    when: AFTER,
    setup: { _tag: "lookup-fails", fault: { type: "html", status: 502 }, phase: "after" },
    expected: {
      "card.charge": {
        outcome: "FlowAPIError 502 (unknown)",
        requests: ["charge", "lookup", "lookup", "lookup"],
        payments: 1
      },
      "card.sendCharge": {
        outcome: "FlowAPIError 502 (unknown)",
        requests: ["collect", "lookup", "lookup", "lookup"],
        payments: 1
      }
    }
  },
  {
    name: "none: Flow refuses the write (401)",
    when: "—",
    setup: { _tag: "refused" },
    expected: {
      "card.charge": { outcome: "FlowAPIError 401 (refused)", requests: ["charge"], payments: 0 },
      "card.sendCharge": { outcome: "FlowAPIError 401 (refused)", requests: ["collect"], payments: 0 }
    }
  }
]

/** A row's key: its fault and when it hit. */
export const writeRowKey = (row: Pick<WriteRow, "name" | "when">): string => `${row.name} / ${row.when}`

const writeCell = ({ outcome, payments, requests }: WriteOutcome) =>
  `${outcome}; ${requests.join(" → ")}; ${payments === 0 ? "no payment" : `${payments} payment${payments === 1 ? "" : "s"}`}`

/** The reconciliation matrix as the Markdown table RELIABILITY.md holds (and the run prints). */
export const renderWriteTable = (
  results: ReadonlyArray<Pick<WriteRow, "name" | "when"> & Record<WriteColumn, WriteOutcome>>
): string =>
  [
    `| fault | when | ${WRITE_COLUMNS.map((c) => `\`${c}\``).join(" | ")} |`,
    `|---|---|${WRITE_COLUMNS.map(() => "---").join("|")}|`,
    ...results.map((row) => `| ${row.name} | ${row.when} | ${WRITE_COLUMNS.map((c) => writeCell(row[c])).join(" | ")} |`)
  ].join("\n")

export const expectedWriteTable = (): string =>
  renderWriteTable(WRITE_MATRIX.map((row) => ({ name: row.name, when: row.when, ...row.expected })))
