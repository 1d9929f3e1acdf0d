/**
 * The fault matrix of RELIABILITY.md as data: each fault the emulator injects, and for a read
 * (`get`, GET) and a write (`card.charge`, POST) the outcome the retry policy promises and the number
 * of requests Flow sees. The test checks reality against it; RELIABILITY.md must hold its table.
 */
import type { FaultKind } from "@flowcl/emulator"

/** What the test uses: each try may take 500 ms; retries 2, 20 ms base backoff, Retry-After honoured up to 2 s. */
export const TEST_POLICY = { timeoutMillis: 500, retries: 2, baseDelayMillis: 20, maxDelayMillis: 2_000 } as const

export type Column = "read, first try fails" | "read, every try fails" | "write (any)"
export const COLUMNS: ReadonlyArray<Column> = ["read, first try fails", "read, every try fails", "write (any)"]

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
  "write (any)": { outcome: error, requests: 1 }
})

const notRetried = (error: string): Readonly<Record<Column, Outcome>> => ({
  "read, first try fails": { outcome: error, requests: 1 },
  "read, every try fails": { outcome: error, requests: 1 },
  "write (any)": { outcome: error, requests: 1 }
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

/** The matrix as the Markdown table RELIABILITY.md holds (and the run prints). */
export const renderTable = (results: ReadonlyArray<{ readonly name: string } & Record<Column, Outcome>>): string =>
  [
    `| fault | ${COLUMNS.join(" | ")} |`,
    `|---|${COLUMNS.map(() => "---").join("|")}|`,
    ...results.map((row) => `| ${row.name} | ${COLUMNS.map((c) => cell(row[c])).join(" | ")} |`)
  ].join("\n")

export const expectedTable = (): string => renderTable(MATRIX.map((row) => ({ name: row.name, ...row.expected })))
