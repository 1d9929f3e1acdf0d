/**
 * A handshake between FlowHttp and transports that can enforce a deadline themselves
 * (UndiciHttpClient): FlowHttp puts each try's deadline on the request, the transport arms one timer
 * and aborts the socket when it fires. This saves the extra fiber a generic `Effect.timeout` forks
 * per call. Any other HttpClient gets FlowHttp's own `Effect.timeoutFail`.
 */

/** Set on an HttpClient whose transport honours {@link requestDeadlines}. */
export const NativeDeadlineTypeId: unique symbol = Symbol.for("@flowcl/core/NativeDeadline")

/** Milliseconds allowed for the exchange of a request (sending, waiting, reading the whole body). */
export const requestDeadlines: WeakMap<object, number> = new WeakMap()

/** The cause a transport fails with when a deadline passes. */
export class DeadlineExceeded extends Error {
  constructor(readonly millis: number) {
    super(`no complete answer within ${millis} ms`)
    this.name = "DeadlineExceeded"
  }
}

export const supportsNativeDeadline = (client: object): boolean => NativeDeadlineTypeId in client
