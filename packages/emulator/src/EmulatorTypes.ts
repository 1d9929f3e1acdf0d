/**
 * The emulator's public shapes: the options it starts with, the settings that can change while it
 * runs, the request log, and what a running emulator offers. (Kept apart from the server so that the
 * admin API and the server can both use them without importing each other.)
 */
import type { AnswerForm } from "./answers/AnswerWriter.js"
import type { EmulatorState } from "./EmulatorState.js"
import type { FaultKind, Faults } from "./Faults.js"
import type { SignatureCheck } from "./SignatureCheck.js"
import type { SignatureScheme } from "./Signatures.js"

/** The apiKey the emulator accepts unless told otherwise: `emulator-api-key`. */
export const DEFAULT_API_KEY = "emulator-api-key"
/** The secretKey the emulator accepts unless told otherwise: `emulator-secret-key`. */
export const DEFAULT_SECRET_KEY = "emulator-secret-key"

/**
 * What `start()` and `FlowEmulator.layer` take: where to listen, the keys, the answer form, the batch
 * pace, the signature and verb switches, and the bounds (README, "The emulator").
 */
export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number | undefined
  /** Default `127.0.0.1`. */
  readonly host?: string | undefined
  /** The merchant keys the emulator accepts. */
  readonly apiKey?: string | undefined
  readonly secretKey?: string | undefined
  /** Default `"spec"`; `"alternative"` and `"php"` are stress forms (see `AnswerForm`). */
  readonly answerForm?: AnswerForm | undefined
  /**
   * Time between the steps of a massive charge (created → processing → each row → processed). Default
   * 50 ms. Changed while running, it applies to batches in progress too.
   */
  readonly batchPaceMs?: number | undefined
  /** Default true. Off, only the apiKey is checked. */
  readonly verifySignatures?: boolean | undefined
  /**
   * Default true: Flow's legacy `k=v&` signature is accepted (and marked `legacy` in the request log).
   * False refuses it with 108. @since 0.2.0
   */
  readonly legacySignatures?: boolean | undefined
  /**
   * Default true: a GET operation sent as POST, its params in the body, is served (some clients POST
   * `getRegisterStatus`); false answers 405. @since 0.2.0
   */
  readonly postForGet?: boolean | undefined
  /** One line per request: `true` prints to stdout, a function receives the line. Default off. */
  readonly log?: boolean | ((line: string) => void) | undefined
  /**
   * Names a request's `Host` may carry besides `localhost`, `127.0.0.1`, `[::1]` and the bound
   * address (bound to every interface: the machine's name and addresses too); `"*"` accepts any.
   * Any other `Host` is refused with 403 (DNS rebinding). @since 0.3.0
   */
  readonly allowHosts?: ReadonlyArray<string> | undefined
  /**
   * Hostnames Flow's callbacks may go to besides loopback addresses (the default: only loopback);
   * `"*"` allows any. Callbacks never follow redirects and never reach the emulator's own admin API
   * (its `/_admin/sink` is answered in-process). @since 0.3.0
   */
  readonly callbackHosts?: ReadonlyArray<string> | undefined
  /** The largest request body read, in bytes; larger is 413. Default 32 MiB. @since 0.3.0 */
  readonly maxBodyBytes?: number | undefined
  /** The most entries the request log keeps (the oldest go first). Default 100,000. @since 0.3.0 */
  readonly requestLogLimit?: number | undefined
}

/** Default `maxBodyBytes`: a 100,000-row `batchCollect` (the client's ceiling) fits. */
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024

/** What can be changed while the emulator runs (admin `POST /_admin/settings`). */
export interface EmulatorSettings {
  answerForm: AnswerForm
  batchPaceMs: number
  verifySignatures: boolean
  /** @since 0.2.0 */
  legacySignatures: boolean
  /** @since 0.2.0 */
  postForGet: boolean
}

/** The settings `options` start with. */
export const initialSettings = (options: EmulatorOptions): EmulatorSettings => ({
  answerForm: options.answerForm ?? "spec",
  batchPaceMs: options.batchPaceMs ?? 50,
  verifySignatures: options.verifySignatures ?? true,
  legacySignatures: options.legacySignatures ?? true,
  postForGet: options.postForGet ?? true
})

/**
 * One request the emulator received, as its request log and `GET /_admin/requests` keep it: when,
 * verb, path, status, Flow's code, the params (the secret never), the signature scheme and, for a
 * refused signature, why.
 */
export interface RequestLogEntry {
  readonly seq: number
  readonly at: string
  readonly method: string
  readonly path: string
  /** The path under `/api`: `customer/<name>`, or `payment/<name>` for the payment status reads. */
  readonly endpoint: string
  readonly contentType: string | undefined
  /**
   * The params as received (query for GET, form body for POST), each value cut to 8 KiB and at most
   * 100 of them, so the log stays bounded (see `paramsTruncated`).
   */
  params: Readonly<Record<string, string>>
  /** Whether `params` were cut short for the log. @since 0.3.0 */
  paramsTruncated: boolean
  status: number
  code: number | undefined
  fault: FaultKind["type"] | undefined
  /** How the request was signed, once checked (@since 0.2.0). */
  signature: SignatureScheme | undefined
  /** Why the emulator answered as it did, when that is not obvious (@since 0.2.0). */
  note: string | undefined
  /**
   * For a request refused with 108: the params in signing order, the string-to-sign the emulator
   * expected, its signature and the one received (both shortened), and what differs, as far as it
   * can be told (SignatureDiagnosis.ts). Undefined for any other request. @since 0.4.0
   */
  signatureCheck: SignatureCheck | undefined
  /**
   * The ids the request named or was answered with (customerId, token, commerceOrder, flowOrder): what
   * the inspector links records to the requests that touched them by. At most 12. @since 0.4.0
   */
  refs: ReadonlyArray<string>
  durationMs: number
}

/**
 * A running emulator: its API `url`, `origin`, `adminUrl`, `inspectorUrl`, the keys it accepts, its
 * `state`, `faults`, request log and settings.
 */
export interface FlowEmulatorShape {
  /** Base URL for clients: `http://127.0.0.1:<port>/api`. */
  readonly url: string
  /** `http://127.0.0.1:<port>` */
  readonly origin: string
  readonly adminUrl: string
  /** The inspector, a page of the requests, state and callbacks: `http://127.0.0.1:<port>/_inspector`. @since 0.4.0 */
  readonly inspectorUrl: string
  readonly port: number
  readonly apiKey: string
  readonly secretKey: string
  readonly state: EmulatorState
  readonly faults: Faults
  readonly settings: EmulatorSettings
  /** The API requests, oldest first: the newest `requestLogLimit` of them (default 100,000). */
  readonly requests: ReadonlyArray<RequestLogEntry>
  /** Clears data, faults and the request log; settings stay. */
  readonly reset: () => void
}
