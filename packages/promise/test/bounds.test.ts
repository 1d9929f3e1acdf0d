/**
 * Bounds through the Promise API, against a node:http stand-in for Flow: `for await`, `pages()` and
 * `toArray` end with the list's own error on pages that cannot be Flow's (a repeated page, an empty
 * page while `hasMore`, a walk far past `total`); `toArray`'s refusal names the real count; a value of
 * the wrong type is quoted as a short preview; `maxBatchRows` refuses a larger batch before sending.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import * as F from "../../core/test/support/fixtures.js"
import {
  Flow,
  FlowChargeCardError,
  FlowDecodeError,
  FlowGetCustomerListError,
  FlowListChargesCardError,
  type FlowOptions,
  FlowSendMassiveChargeCardError,
  FlowValidationError
} from "@flowcl/promise"

interface Seen {
  readonly path: string
  readonly params: Record<string, string>
}
/** The page a list path answers for `start`/`limit`: its total, hasMore, how many items and from which. */
type PageServer = (start: number, limit: number) => {
  readonly total: number
  readonly hasMore: boolean
  readonly count: number
  readonly from?: number
}

let server: Server
let baseUrl: string
const seen: Array<Seen> = []
let pages: PageServer = () => ({ total: 0, hasMore: false, count: 0 })

const items: Record<string, (i: number) => unknown> = {
  "customer/list": (i) => ({ ...F.customerSpec, customerId: `cus_${i}` }),
  "customer/getCharges": (i) => ({ ...F.paymentSpec, flowOrder: i + 1, commerceOrder: `order-${i}` })
}

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = ""
    req.setEncoding("utf8")
    req.on("data", (chunk: string) => (body += chunk))
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1")
      const path = url.pathname.replace("/api/", "")
      const params = Object.fromEntries(req.method === "GET" ? url.searchParams : new URLSearchParams(body))
      seen.push({ path, params })
      const item = items[path]
      if (path === "customer/batchCollect") {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(F.batchSpec))
        return
      }
      if (item === undefined) return void res.writeHead(404).end()
      const start = Number(params.start ?? 0)
      const page = pages(start, Number(params.limit ?? 10))
      const from = page.from ?? start
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({
        total: page.total,
        hasMore: page.hasMore ? 1 : 0,
        data: Array.from({ length: page.count }, (_, i) => item(from + i))
      }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`
})
afterAll(() =>
  new Promise<void>((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
)
beforeEach(() => {
  seen.length = 0
})

const flows: Array<Flow> = []
afterAll(() => Promise.all(flows.map((flow) => flow.close())))
const flowWith = (options: FlowOptions = {}) => {
  const flow = new Flow("K", "S", "sandbox", { baseUrl, retry: { retries: 0 }, ...options })
  flows.push(flow)
  return flow
}

/** What the promise rejected with (the test fails if it resolved). */
const rejection = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error("expected a rejection")
}

/** Counts the items of a `for await` walk, and what it ended with. */
const walk = async (iterable: AsyncIterable<unknown>) => {
  let count = 0
  const error = await rejection((async () => {
    for await (const _ of iterable) count++
  })())
  return { count, error }
}

const repeating: PageServer = () => ({ total: 1_000, hasMore: true, count: 100, from: 0 })

describe("list walks end on pages that cannot be Flow's", () => {
  it("for await over a page that repeats: the list's error, after the first page", async () => {
    pages = repeating
    const { count, error } = await walk(flowWith().customers.list({ limit: 100 }))
    expect(error).toBeInstanceOf(FlowGetCustomerListError)
    const cause = (error as FlowGetCustomerListError).cause
    expect(cause).toBeInstanceOf(FlowDecodeError)
    expect((cause as FlowDecodeError).path).toBe("data")
    expect((error as Error).message).toContain("the page from start 100 repeats the page from start 0")
    expect(count).toBe(100)
    expect(seen).toHaveLength(2)
  })

  it("pages() over an empty page while hasMore: the list's error, where it used to end silently", async () => {
    pages = (start) => ({ total: 1_000, hasMore: true, count: start === 0 ? 100 : 0 })
    const { count, error } = await walk(flowWith().customers.list({ limit: 100 }).pages())
    expect(error).toBeInstanceOf(FlowGetCustomerListError)
    expect((error as Error).message).toContain("the page from start 100 is empty while hasMore says there is more")
    expect(count).toBe(1)
  })

  it("listCharges past its total: FlowListChargesCardError once the walk passes total + 200", async () => {
    pages = () => ({ total: 10, hasMore: true, count: 100 })
    const { count, error } = await walk(flowWith().customers.card.listCharges({ customerId: "cus_1", limit: 100 }))
    expect(error).toBeInstanceOf(FlowListChargesCardError)
    expect((error as FlowListChargesCardError).cause).toBeInstanceOf(FlowDecodeError)
    expect((error as Error).message).toContain("the walk has received 300 items, far more than the list's total of 10")
    expect(count).toBe(200)
    expect(seen.every((s) => s.path === "customer/getCharges")).toBe(true)
  })

  it("toArray with room for everything still ends on a list that never does", async () => {
    pages = repeating
    const error = await rejection(flowWith().customers.list({ limit: 100 }).toArray({ max: 1_000_000 }))
    expect(error).toBeInstanceOf(FlowGetCustomerListError)
    expect((error as FlowGetCustomerListError).cause).toBeInstanceOf(FlowDecodeError)
  })
})

describe("toArray's refusal names the real count", () => {
  it("the first page's total, when it is more than max", async () => {
    pages = (start, limit) => ({ total: 500, hasMore: start + limit < 500, count: limit })
    const error = await rejection(flowWith().customers.list({ limit: 100 }).toArray({ max: 100 }))
    expect(error).toBeInstanceOf(FlowGetCustomerListError)
    expect((error as FlowGetCustomerListError).field).toBe("max")
    expect((error as FlowGetCustomerListError).cause).toBeInstanceOf(FlowValidationError)
    expect((error as Error).message).toContain("the list holds 500 items, more than max 100")
  })

  it("the items loaded, when the pages give more than their total of 0 said (never \"holds 0 items\")", async () => {
    pages = (start) => ({ total: 0, hasMore: start < 200, count: 100 })
    const error = await rejection(flowWith().customers.list({ limit: 100 }).toArray({ max: 150 }))
    expect(error).toBeInstanceOf(FlowGetCustomerListError)
    expect((error as FlowGetCustomerListError).field).toBe("max")
    expect((error as Error).message).toContain("the list gave 200 items so far, more than max 150 (its first page said 0)")
    expect((error as Error).message).not.toContain("holds 0 items")
  })

  it("a list within max is returned whole", async () => {
    pages = (start) => ({ total: 250, hasMore: start < 200, count: start < 200 ? 100 : 50 })
    expect(await flowWith().customers.list({ limit: 100 }).toArray({ max: 250 })).toHaveLength(250)
  })
})

const TEN_MB = 10 * 1024 * 1024
const chargeInput = { customerId: "cus_1", amount: 9990, subject: "Plan", commerceOrder: "order-1" }

describe("values quoted in error messages are short previews", () => {
  it("a 10 MB string as amount: FlowChargeCardError naming amount, a short message, quickly, nothing sent", async () => {
    const flow = flowWith()
    await rejection(flow.customers.card.charge({ ...chargeInput, amount: "warm-up" as never }))
    const started = performance.now()
    const error = await rejection(flow.customers.card.charge({ ...chargeInput, amount: "9".repeat(TEN_MB) as never }))
    const millis = performance.now() - started
    expect(error).toBeInstanceOf(FlowChargeCardError)
    expect((error as FlowChargeCardError).field).toBe("amount")
    expect((error as FlowChargeCardError).cause).toBeInstanceOf(FlowValidationError)
    expect((error as Error).message).toContain(`amount: Expected number, actual "${"9".repeat(80)}"… (10485760 characters)`)
    expect((error as Error).message.length).toBeLessThan(200)
    expect(millis).toBeLessThan(50)
    expect(seen).toHaveLength(0)
  })

  it("a 10 MB string as a per-call option: a short message naming it", async () => {
    const error = await rejection(flowWith().customers.get("cus_1", { timeout: "1".repeat(TEN_MB) as never }))
    expect((error as { field?: string }).field).toBe("options.timeout")
    expect((error as Error).message.length).toBeLessThan(200)
    expect(seen).toHaveLength(0)
  })
})

const row = (i: number) => ({ customerId: "cus_1", commerceOrder: `o-${i}`, subject: "Cuota", amount: 1_000 })
const batch = (rows: number) => ({
  urlCallBack: "https://shop.example.cl/cb",
  urlConfirmation: "https://shop.example.cl/confirm",
  urlReturn: "https://shop.example.cl/return",
  batchRows: Array.from({ length: rows }, (_, i) => row(i))
})

describe("maxBatchRows", () => {
  it("new Flow(…, { maxBatchRows: 3 }) sends 3 rows and refuses 4, naming the count and the bound", async () => {
    const flow = flowWith({ maxBatchRows: 3 })
    await flow.customers.card.sendMassiveCharge(batch(3))
    expect(seen).toHaveLength(1)
    const error = await rejection(flow.customers.card.sendMassiveCharge(batch(4)))
    expect(error).toBeInstanceOf(FlowSendMassiveChargeCardError)
    expect((error as FlowSendMassiveChargeCardError).field).toBe("batchRows")
    expect((error as FlowSendMassiveChargeCardError).outcome).toBe("not-sent")
    expect((error as FlowSendMassiveChargeCardError).cause).toBeInstanceOf(FlowValidationError)
    expect((error as Error).message).toContain("Expected at most 3 rows (maxBatchRows), got 4")
    expect(seen).toHaveLength(1)
  })

  it("by default 5,001 rows are refused before anything is sent", async () => {
    const error = await rejection(flowWith().customers.card.sendMassiveCharge(batch(5_001)))
    expect((error as FlowSendMassiveChargeCardError).field).toBe("batchRows")
    expect((error as Error).message).toContain("Expected at most 5000 rows (maxBatchRows), got 5001")
    expect(seen).toHaveLength(0)
  })

  it.each([0, 100_001, "5000"])("new Flow(…, { maxBatchRows: %j }) throws FlowValidationError naming maxBatchRows", (maxBatchRows) => {
    expect(() => new Flow("K", "S", "sandbox", { baseUrl, maxBatchRows: maxBatchRows as number })).toThrow(
      expect.objectContaining({ name: "FlowValidationError", field: "maxBatchRows" })
    )
  })

  it("the option is read once: a getter that throws is refused naming maxBatchRows", () => {
    let reads = 0
    const options = {
      baseUrl,
      get maxBatchRows(): number {
        reads++
        throw new Error("no")
      }
    }
    expect(() => new Flow("K", "S", "sandbox", options)).toThrow(expect.objectContaining({ field: "maxBatchRows" }))
    expect(reads).toBe(1)
  })
})
