/**
 * Where the examples talk to: Flow's sandbox when FLOW_API_KEY and FLOW_SECRET_KEY are set (and
 * FLOW_ENVIRONMENT, default sandbox), otherwise an in-process @flowcl/emulator, so they run with no
 * credentials and no network.
 */
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { FlowConfig, FlowCustomers, FlowPayments } from "@flowcl/core"
import { type RunningEmulator, start } from "@flowcl/emulator"
import Flow from "@flowcl/promise"
import { Layer } from "effect"
import { pathToFileURL } from "node:url"

export interface Connection {
  readonly apiKey: string
  readonly secretKey: string
  readonly environment: "sandbox" | "production"
  /** Set when talking to the emulator. */
  readonly baseUrl: string | undefined
  /** The emulator, when there is one: the examples use it to play the person on Flow's pages. */
  readonly emulator: RunningEmulator | undefined
  /** A URL of ours for Flow's callbacks (the emulator records them; on Flow's sandbox, use your own). */
  readonly callbackUrl: string
  readonly close: () => Promise<void>
}

export const connect = async (): Promise<Connection> => {
  const apiKey = process.env["FLOW_API_KEY"]
  const secretKey = process.env["FLOW_SECRET_KEY"]
  if (apiKey && secretKey) {
    const environment = process.env["FLOW_ENVIRONMENT"] === "production" ? "production" : "sandbox"
    return {
      apiKey,
      secretKey,
      environment,
      baseUrl: process.env["FLOW_BASE_URL"],
      emulator: undefined,
      callbackUrl: process.env["FLOW_CALLBACK_URL"] ?? "https://example.cl/flow/callback",
      close: async () => {}
    }
  }
  const emulator = await start({ port: 0, batchPaceMs: 20 })
  return {
    apiKey: emulator.apiKey,
    secretKey: emulator.secretKey,
    environment: "sandbox",
    baseUrl: emulator.url,
    emulator,
    // the emulator answers its own callbacks there; GET /_admin/callbacks lists them
    callbackUrl: `${emulator.adminUrl}/sink`,
    close: () => emulator.close()
  }
}

/**
 * The person on Flow's card-registration page. With the emulator, one form POST completes it; on
 * Flow's sandbox, a person must open `redirectUrl`, so the example says so and returns false.
 */
export const completeCardRegistration = async (
  connection: Connection,
  registration: { readonly url: string; readonly token: string; readonly redirectUrl: string },
  card: { readonly brand?: string; readonly last4?: string } = {}
): Promise<boolean> => {
  if (connection.emulator === undefined) {
    console.log(`  open ${registration.redirectUrl} to register a card, then run the example again`)
    return false
  }
  const response = await fetch(registration.url, {
    method: "POST",
    body: new URLSearchParams({
      token: registration.token,
      action: "approve",
      brand: card.brand ?? "Visa",
      last4: card.last4 ?? "4242"
    })
  })
  return response.ok
}

/** A commerceOrder that was never used: Flow refuses a repeated one. */
export const newOrder = (label: string): string => `${label}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6)}`

/** Runs `main` when the file is executed directly (`tsx examples/<name>.ts`), not when imported by run-all. */
export const runIfMain = (meta: ImportMeta, main: (connection: Connection) => Promise<void>): void => {
  if (process.argv[1] === undefined || meta.url !== pathToFileURL(process.argv[1]).href) return
  void (async () => {
    const connection = await connect()
    try {
      await main(connection)
    } catch (error) {
      console.error(error)
      process.exitCode = 1
    } finally {
      await connection.close()
    }
  })()
}

/** `  ✓ what happened` */
export const step = (text: string): void => console.log(`  ✓ ${text}`)

/** FlowCustomers and FlowPayments for Effect programs, pointed where the connection says. */
export const flowLayer = (connection: Connection) =>
  Layer.mergeAll(FlowCustomers.Default, FlowPayments.Default).pipe(
    Layer.provide(FlowConfig.layer({
      apiKey: connection.apiKey,
      secretKey: connection.secretKey,
      environment: connection.environment,
      baseUrl: connection.baseUrl
    })),
    Layer.provide(FetchHttpClient.layer)
  )

/** The Promise client, pointed where the connection says. */
export const promiseClient = (connection: Connection): Flow =>
  new Flow(connection.apiKey, connection.secretKey, connection.environment, { baseUrl: connection.baseUrl })

/**
 * Makes the emulator lose the answer of the next request to `endpoint` (`customer/charge`): it
 * processes the request, then resets the connection, as a network failure after Flow did the work
 * would. A fault rule of the emulator's admin API.
 */
export const loseNextAnswer = async (connection: Connection, endpoint: string): Promise<void> => {
  const response = await fetch(`${connection.emulator!.adminUrl}/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ endpoint, fault: { type: "reset" }, times: 1, phase: "after" })
  })
  if (!response.ok) throw new Error(`the emulator refused the fault rule: ${response.status} ${await response.text()}`)
}

/** How many payments the emulator holds for `commerceOrder`. */
export const paymentsAtEmulator = (connection: Connection, commerceOrder: string): number =>
  connection.emulator!.state.payments.filter((p) => p.commerceOrder === commerceOrder).length
