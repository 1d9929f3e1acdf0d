/**
 * The request log, bounded: at most `maxEntries` entries (the oldest go first), about `maxBytes` in
 * all, and each entry's params cut to MAX_VALUE_CHARS per value and MAX_PARAMS params, so a stream of
 * large or unsigned bodies cannot grow the emulator's memory. Sequence numbers keep counting across
 * evictions (the first entry after a clear is 1 again).
 */
import type { RequestLogEntry } from "./EmulatorTypes.js"
import { checkSize, type SignatureCheck } from "./SignatureCheck.js"

/** The longest param value kept in the log, in characters; a longer one ends in a marker. */
export const MAX_VALUE_CHARS = 8 * 1024
/** The most params of one request kept in the log. */
export const MAX_PARAMS = 100
/** The most ids an entry keeps in `refs`. */
export const MAX_REFS = 12
/** Default bounds of the whole log. */
export const DEFAULT_LOG_ENTRIES = 100_000
export const DEFAULT_LOG_BYTES = 64 * 1024 * 1024

/** What an entry is counted for besides its params. */
const ENTRY_OVERHEAD = 256

/** `params` as the log keeps them, and whether anything was cut. */
export const boundParams = (
  params: Readonly<Record<string, string>>
): { readonly params: Readonly<Record<string, string>>; readonly truncated: boolean; readonly size: number } => {
  let truncated = false
  let size = 0
  let count = 0
  const kept: Record<string, string> = {}
  for (const [name, value] of Object.entries(params)) {
    if (++count > MAX_PARAMS) {
      truncated = true
      break
    }
    const shortName = name.length > 256 ? `${name.slice(0, 256)}…` : name
    const text = value.length > MAX_VALUE_CHARS
      ? `${value.slice(0, MAX_VALUE_CHARS)}… (${value.length - MAX_VALUE_CHARS} more characters not logged)`
      : value
    if (text !== value || shortName !== name) truncated = true
    kept[shortName] = text
    size += 2 * (shortName.length + text.length)
  }
  return { params: truncated ? kept : params, truncated, size }
}

export class RequestLog {
  /** The entries, oldest first (the array `emulator.requests` is). */
  readonly entries: Array<RequestLogEntry> = []
  private readonly sizes: Array<number> = []
  private bytes = 0
  private seq = 0

  constructor(
    private readonly maxEntries: number = DEFAULT_LOG_ENTRIES,
    private readonly maxBytes: number = DEFAULT_LOG_BYTES
  ) {}

  /** The next sequence number. */
  nextSeq(): number {
    return ++this.seq
  }

  /** Adds an entry (its params bounded), dropping the oldest ones beyond the bounds. */
  add(entry: RequestLogEntry): void {
    this.entries.push(entry)
    this.sizes.push(ENTRY_OVERHEAD)
    this.bytes += ENTRY_OVERHEAD
    this.evict()
  }

  /** Sets the params of an entry already added, bounded. */
  setParams(entry: RequestLogEntry, params: Readonly<Record<string, string>>): void {
    const bounded = boundParams(params)
    entry.params = bounded.params
    entry.paramsTruncated = bounded.truncated
    this.grow(entry, bounded.size)
  }

  /** Counts `size` more bytes for an entry still kept. */
  private grow(entry: RequestLogEntry, size: number): void {
    const index = this.entries.lastIndexOf(entry)
    if (index === -1) return
    this.sizes[index] = this.sizes[index]! + size
    this.bytes += size
    this.evict()
  }

  /** Keeps what the emulator found about a refused signature (already bounded by SignatureDiagnosis.ts). */
  setSignatureCheck(entry: RequestLogEntry, check: SignatureCheck): void {
    entry.signatureCheck = check
    this.grow(entry, checkSize(check))
  }

  /** Sets the ids the request touched: at most MAX_REFS, each cut to 100 characters. */
  setRefs(entry: RequestLogEntry, refs: Iterable<string>): void {
    const kept = [...new Set(refs)].slice(0, MAX_REFS).map((ref) => ref.slice(0, 100))
    entry.refs = kept
    this.grow(entry, kept.reduce((n, ref) => n + 2 * ref.length, 0))
  }

  /** The entry numbered `seq`, if still kept. */
  find(seq: number): RequestLogEntry | undefined {
    let low = 0
    let high = this.entries.length - 1
    while (low <= high) {
      const middle = (low + high) >> 1
      const at = this.entries[middle]!.seq
      if (at === seq) return this.entries[middle]
      if (at < seq) low = middle + 1
      else high = middle - 1
    }
    return undefined
  }

  clear(): void {
    this.entries.length = 0
    this.sizes.length = 0
    this.bytes = 0
    this.seq = 0
  }

  /** Drops the oldest entries while over a bound (by a sixteenth at a time, so a full log stays cheap). */
  private evict(): void {
    if (this.entries.length <= this.maxEntries && this.bytes <= this.maxBytes) return
    let drop = 0
    let freed = 0
    const overCount = this.entries.length - this.maxEntries
    const batch = Math.max(1, Math.floor(this.maxEntries / 16))
    while (
      drop < this.entries.length - 1 &&
      (drop < overCount || this.bytes - freed > this.maxBytes || (overCount > 0 && drop < Math.min(batch, this.entries.length - 1)))
    ) {
      freed += this.sizes[drop]!
      drop++
    }
    this.entries.splice(0, drop)
    this.sizes.splice(0, drop)
    this.bytes -= freed
  }
}
