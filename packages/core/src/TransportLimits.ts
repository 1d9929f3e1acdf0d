/**
 * A handshake between FlowHttp and transports that control a request themselves (UndiciHttpClient):
 * FlowHttp puts each try's {@link RequestControl} on the request; the transport arms one timer for the
 * deadline, counts the answer's bytes as they arrive and drops the connection past either limit, says
 * when the request is being written (so a failure before it is known to have sent nothing), and lets
 * FlowHttp abort it when the client closes. This saves the extra fiber a generic `Effect.timeout`
 * forks per call, and the copy a generic capped read makes. Any other HttpClient gets FlowHttp's own
 * timeout, capped read and abort.
 */

/** Set on an HttpClient whose transport honours {@link requestControls}. */
export const NativeLimitsTypeId: unique symbol = Symbol.for("@flowcl/core/NativeLimits")

export interface RequestControl {
  /** Milliseconds allowed for the exchange (connecting, sending, waiting, reading the whole body). */
  readonly timeoutMillis: number
  /** Bytes of answer body read at most; one more and the connection is dropped. */
  readonly maxResponseBytes: number
  /** Set by the transport when the request starts being written to a connection. */
  sent: boolean
  /** Set by the transport while the request is under way: drops it at once, failing it with `cause`. */
  abort: ((cause: Error) => void) | undefined
  /** Called by the transport once, when the request has ended however it ended (interruption included). */
  readonly settled?: (() => void) | undefined
}

/** Set on an HttpClient that also takes requests through {@link NativeSend}, FlowHttp's shortest path. */
export const NativeSendTypeId: unique symbol = Symbol.for("@flowcl/core/NativeSend")

/** A request as the transport sends it: already signed and encoded, under its control. */
export interface NativeRequest {
  readonly method: "GET" | "POST"
  /** `https://sandbox.flow.cl` */
  readonly origin: string
  /** `/api/customer/get?apiKey=…` */
  readonly path: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | null
  readonly control: RequestControl
}

/** An answer read to its end. */
export interface NativeAnswer {
  readonly status: number
  readonly text: string
  readonly header: (name: string) => string | undefined
}

/**
 * Sends a request and reads its answer; fails with the cause (DeadlineExceeded, ResponseTooLarge,
 * ClientClosed, or the transport's own error).
 */
export type NativeSend = (request: NativeRequest) => import("effect/Effect").Effect<NativeAnswer, unknown>

/** The control of each request in flight, keyed by the request object. */
export const requestControls: WeakMap<object, RequestControl> = new WeakMap()

/** The cause a transport fails with when a deadline passes; `sent` says whether the request had left. */
export class DeadlineExceeded extends Error {
  constructor(readonly millis: number, readonly sent: boolean) {
    super(`no complete answer within ${millis} ms`)
    this.name = "DeadlineExceeded"
  }
}

/** The cause a transport fails with when an answer's body passes the byte limit. */
export class ResponseTooLarge extends Error {
  constructor(readonly status: number, readonly maxBytes: number) {
    super(`the answer is larger than ${maxBytes} bytes; reading stopped there`)
    this.name = "ResponseTooLarge"
  }
}

/** The cause a request is aborted with when the client closes; `sent` says whether it had left. */
export class ClientClosed extends Error {
  constructor(readonly sent: boolean) {
    super("the client was closed")
    this.name = "ClientClosed"
  }
}

export const supportsNativeLimits = (client: object): boolean => NativeLimitsTypeId in client
