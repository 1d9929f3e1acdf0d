/**
 * What a load test measures about its own process: the heap after a forced collection, the open
 * handles by kind, the peak memory while something runs, the latency percentiles of a set of calls,
 * and (on Linux) how many connections the kernel dropped because a listening socket's accept queue
 * was full.
 */
import * as diagnostics from "node:diagnostics_channel"
import { readFileSync } from "node:fs"
import { setFlagsFromString } from "node:v8"
import { runInNewContext } from "node:vm"

/** `global.gc`, exposed at run time when node was not started with --expose-gc (undefined if that fails). */
export const collectGarbage: (() => void) | undefined = (() => {
  const existing = (globalThis as { gc?: () => void }).gc
  if (existing !== undefined) return existing
  try {
    setFlagsFromString("--expose-gc")
    return runInNewContext("gc") as () => void
  } catch {
    return undefined
  }
})()

/** The heap in use after a forced full collection (when gc can be forced; otherwise as it is). */
export const heapAfterGc = async (): Promise<number> => {
  for (let i = 0; i < 3; i++) {
    collectGarbage?.()
    // let finalizers and weak callbacks run between collections
    await new Promise((resolve) => setImmediate(resolve))
  }
  return process.memoryUsage().heapUsed
}

export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`

/** The process's open handles and requests by kind (`TCPSocketWrap`, `Timeout`, …). */
export const openHandles = (): Map<string, number> => {
  const counts = new Map<string, number>()
  for (const kind of process.getActiveResourcesInfo()) counts.set(kind, (counts.get(kind) ?? 0) + 1)
  return counts
}

/** The kinds of which `now` holds more than `start` plus `tolerance(kind)`, as `kind start → now`. */
export const handlesAbove = (
  start: ReadonlyMap<string, number>,
  now: ReadonlyMap<string, number>,
  tolerance: (kind: string) => number
): Array<string> =>
  [...now].flatMap(([kind, count]) => {
    const before = start.get(kind) ?? 0
    return count > before + tolerance(kind) ? [`${kind} ${before} → ${count}`] : []
  })

export const describeHandles = (counts: ReadonlyMap<string, number>): string =>
  [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([kind, n]) => `${kind} ${n}`).join(", ")

/** Waits until `ready()` holds, checking every 20 ms, for at most `millis`; answers whether it held. */
export const waitUntil = async (ready: () => boolean, millis: number): Promise<boolean> => {
  const deadline = Date.now() + millis
  while (!ready()) {
    if (Date.now() >= deadline) return false
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return true
}

export interface PeakMemory {
  readonly heapUsed: number
  readonly rss: number
}

/** Samples memory every `everyMillis` until `stop()` is called, which answers the peaks seen. */
export const samplePeakMemory = (everyMillis = 25): { readonly stop: () => PeakMemory } => {
  let heapUsed = 0
  let rss = 0
  const sample = () => {
    const usage = process.memoryUsage()
    heapUsed = Math.max(heapUsed, usage.heapUsed)
    rss = Math.max(rss, usage.rss)
  }
  sample()
  const timer = setInterval(sample, everyMillis)
  return {
    stop: () => {
      clearInterval(timer)
      sample()
      return { heapUsed, rss }
    }
  }
}

/** The `p`-th percentile (0 < p ≤ 100) of `values`, by the nearest-rank method. */
export const percentile = (values: ReadonlyArray<number>, p: number): number => {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]!
}

/**
 * The kernel's count of connections dropped because an accept queue was full (`ListenOverflows` in
 * /proc/net/netstat), or undefined where it cannot be read. Each one costs the client a SYN
 * retransmission, a second or more: a load test reports the difference over its run.
 */
export const listenOverflows = (): number | undefined => {
  try {
    const lines = readFileSync("/proc/net/netstat", "utf8").split("\n")
    for (let i = 0; i + 1 < lines.length; i += 2) {
      const names = lines[i]!.trim().split(/\s+/)
      const values = lines[i + 1]!.trim().split(/\s+/)
      const at = names.indexOf("ListenOverflows")
      if (names[0] === "TcpExt:" && at > 0) return Number(values[at])
    }
    return undefined
  } catch {
    return undefined
  }
}

/**
 * Counts the connections undici clients open (`undici:client:beforeConnect`, `…:connectError`) and
 * those the servers of this process accept (`net.server.socket`): `pending()` is how many wait in an
 * accept queue. A server in this process accepts one connection per turn of the event loop (libuv),
 * so under load they wait; past the accept queue's size (Node's default backlog: 511) the kernel drops
 * the connection and the client's SYN is retried a second or more later; a connection dropped after
 * the client saw it established ends in a reset once the request has been written.
 */
export const watchConnections = () => {
  let opened = 0
  let failed = 0
  let accepted = 0
  const onOpen = () => void opened++
  const onFail = () => void failed++
  const onAccept = () => void accepted++
  diagnostics.subscribe("undici:client:beforeConnect", onOpen)
  diagnostics.subscribe("undici:client:connectError", onFail)
  diagnostics.subscribe("net.server.socket", onAccept)
  return {
    opened: () => opened,
    accepted: () => accepted,
    pending: () => opened - failed - accepted,
    stop: () => {
      diagnostics.unsubscribe("undici:client:beforeConnect", onOpen)
      diagnostics.unsubscribe("undici:client:connectError", onFail)
      diagnostics.unsubscribe("net.server.socket", onAccept)
    }
  }
}

/**
 * Runs `launch` on each item, `step` of them per turn of the event loop; resolves with every result.
 * With `ready`, each step first waits (up to 10 s) until it holds: e.g. until the connections the last
 * step opened have been accepted.
 */
export const launchInSteps = async <A, B>(
  items: ReadonlyArray<A>,
  step: number,
  launch: (item: A, index: number) => Promise<B>,
  ready?: () => boolean
): Promise<Array<B>> => {
  const running: Array<Promise<B>> = []
  for (let from = 0; from < items.length; from += step) {
    if (from > 0) {
      await new Promise((resolve) => setImmediate(resolve))
      if (ready !== undefined) await waitUntil(ready, 10_000)
    }
    for (let i = from; i < Math.min(items.length, from + step); i++) {
      const started = launch(items[i]!, i)
      // a rejection is reported by Promise.all below, not as unhandled while later steps launch
      started.catch(() => undefined)
      running.push(started)
    }
  }
  return Promise.all(running)
}
