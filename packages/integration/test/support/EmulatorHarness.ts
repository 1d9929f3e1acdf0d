/**
 * FlowCustomers against a real @flowcl/emulator over loopback HTTP (FetchHttpClient), plus a small
 * server that receives Flow's callbacks (card registration, batch processed, payment confirmation).
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { type EmulatorOptions, FlowEmulator } from "@flowcl/emulator"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { FlowConfig, FlowCustomers } from "@flowcl/core"

export interface ReceivedCallback {
  readonly path: string
  readonly token: string
  readonly contentType: string | undefined
}

/** A merchant server on loopback that records every POST Flow makes to it. */
export class CallbackReceiver extends Context.Tag("test/CallbackReceiver")<CallbackReceiver, {
  /** `http://127.0.0.1:<port>` */
  readonly url: string
  readonly received: ReadonlyArray<ReceivedCallback>
  /** Waits (up to 5 s) for a POST to `path`. */
  readonly waitFor: (path: string) => Effect.Effect<ReceivedCallback>
}>() {
  static readonly layer = Layer.scoped(
    CallbackReceiver,
    Effect.gen(function*() {
      const received: Array<ReceivedCallback> = []
      const server = createServer((req, res) => {
        let body = ""
        req.setEncoding("utf8")
        req.on("data", (chunk) => (body += chunk))
        req.on("end", () => {
          received.push({
            path: req.url ?? "",
            token: new URLSearchParams(body).get("token") ?? "",
            contentType: req.headers["content-type"]
          })
          res.end("ok")
        })
      })
      yield* Effect.acquireRelease(
        Effect.async<void>((resume) => {
          server.listen(0, "127.0.0.1", () => resume(Effect.void))
        }),
        () =>
          Effect.async<void>((resume) => {
            server.close(() => resume(Effect.void))
            server.closeAllConnections()
          })
      )
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      const waitFor = (path: string): Effect.Effect<ReceivedCallback> =>
        Effect.suspend(() => {
          const hit = received.find((r) => r.path === path)
          return hit ? Effect.succeed(hit) : Effect.flatMap(Effect.sleep("5 millis"), () => waitFor(path))
        }).pipe(Effect.timeout("5 seconds"), Effect.orDie)
      return { url, received, waitFor }
    })
  )
}

/** An emulator, a FlowCustomers client configured for it, and a callback receiver. */
export const EmulatorHarness = (options: EmulatorOptions = {}) => {
  const emulator = FlowEmulator.layer({ batchPaceMs: 2, ...options })
  const customers = Layer.unwrapEffect(
    Effect.map(FlowEmulator, (emu) =>
      FlowCustomers.Default.pipe(
        Layer.provide(FlowConfig.layer({ apiKey: emu.apiKey, secretKey: emu.secretKey, baseUrl: emu.url })),
        Layer.provide(FetchHttpClient.layer)
      ))
  )
  return Layer.mergeAll(Layer.provideMerge(customers, emulator), CallbackReceiver.layer).pipe(Layer.orDie)
}

/** The person on Flow's registration page: one form POST completes (or declines) it. */
export const finishCardRegistration = (
  pageUrl: string,
  token: string,
  card: { readonly action?: "approve" | "decline"; readonly brand?: string; readonly last4?: string } = {}
) =>
  Effect.promise(() =>
    fetch(pageUrl, {
      method: "POST",
      body: new URLSearchParams({
        token,
        action: card.action ?? "approve",
        brand: card.brand ?? "Visa",
        last4: card.last4 ?? "4242"
      })
    }).then((response) => response.status)
  )

/** The payer on Flow's payment page for a link. */
export const payLink = (url: string, token: string) =>
  Effect.promise(() =>
    fetch(url, { method: "POST", body: new URLSearchParams({ token }) }).then((response) => response.status)
  )
