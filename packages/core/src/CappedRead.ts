/**
 * Reading a body up to a byte limit, for Flow's answers (FlowHttp) and for callbacks POSTed by anyone
 * (Callback.ts): one byte past the limit and reading stops, the stream is cancelled (which drops the
 * connection), and the caller is told. Memory stays within the limit whatever the sender does.
 */
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"

/** What a capped read gives: the bytes, or the news that there were more than allowed. */
export type Capped = { readonly bytes: Uint8Array } | { readonly tooLarge: true }

const TOO_LARGE: Capped = { tooLarge: true }

export const concat = (chunks: ReadonlyArray<Uint8Array>, size: number): Uint8Array => {
  if (chunks.length === 1) return chunks[0]!
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.length
  }
  return bytes
}

/**
 * A web `ReadableStream`, read chunk by chunk with its own reader (several times cheaper than an
 * Effect Stream over it); `signal` aborting (the caller's fiber interrupted) cancels it too.
 */
export const readWebCapped = async (
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  signal?: AbortSignal
): Promise<Capped> => {
  if (body === null) return { bytes: new Uint8Array(0) }
  const reader = body.getReader()
  const cancel = () => void reader.cancel().catch(() => undefined)
  signal?.addEventListener("abort", cancel, { once: true })
  try {
    const chunks: Array<Uint8Array> = []
    let size = 0
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return { bytes: concat(chunks, size) }
      size += value.length
      if (size > maxBytes) {
        cancel()
        return TOO_LARGE
      }
      chunks.push(value)
    }
  } finally {
    signal?.removeEventListener("abort", cancel)
  }
}

/** An Effect Stream of bytes, read up to the limit (interrupting the stream, hence its source, past it). */
export const readStreamCapped = <E>(stream: Stream.Stream<Uint8Array, E>, maxBytes: number): Effect.Effect<Capped, E> => {
  const start = { chunks: [] as Array<Uint8Array>, size: 0, tooLarge: false }
  return Stream.runFoldWhile(
    stream,
    start,
    (read) => !read.tooLarge,
    (read, chunk: Uint8Array) => {
      read.size += chunk.length
      if (read.size > maxBytes) read.tooLarge = true
      else read.chunks.push(chunk)
      return read
    }
  ).pipe(Effect.map((read): Capped => read.tooLarge ? TOO_LARGE : { bytes: concat(read.chunks, read.size) }))
}

/** Cancels a stream without reading it: drops the connection now rather than when it is collected. */
export const discard = <E>(stream: Stream.Stream<Uint8Array, E>): Effect.Effect<void> =>
  Effect.ignore(Stream.runDrain(Stream.interruptWhen(stream, Effect.void)))
