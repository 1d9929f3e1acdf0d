/**
 * What an answer form is: one writer per form turns the emulator's records into the JSON Flow would
 * send. Each answer is typed by the client's own decoder (`Schema.Encoded` of `@flowcl/core`'s
 * Schemas, which admit PHP's empty forms for optional fields), so an answer no decoder of the client
 * accepts does not compile.
 */
import type * as Core from "@flowcl/core"
import type * as Schema from "effect/Schema"
import type { RejectedRow } from "../BatchRows.js"
import type {
  AttemptRecord,
  BatchRecord,
  CustomerRecord,
  PaymentRecord,
  RegistrationRecord,
  SubscriptionRecord
} from "../EmulatorState.js"

/**
 * How the emulator writes its answers (docs/flow-api.md "Answer forms"):
 * - `spec`: what Flow's spec and the suites that passed against Flow's sandbox show (the default);
 * - `alternative`: a stress form from the spec's own contradicting examples (`data` as JSON text,
 *   numbers as text, numeric statuses, `null`s, `paymentResult` spelled out);
 * - `php`: a stress form of what PHP's `json_encode` writes (`[]` for empty objects, `""`/`null` for
 *   absent values, database numbers as numeric text, one unknown field per object).
 *
 * @since 0.1.0 (`php` since 0.2.0)
 */
export type AnswerForm = "spec" | "alternative" | "php"

/** @since 0.2.0 */
export const ANSWER_FORMS: ReadonlyArray<AnswerForm> = ["spec", "alternative", "php"]

export type Encoded<S extends Schema.Schema.Any> = Schema.Schema.Encoded<S>

/** Which slice of a list a page shows. */
export interface Paging {
  readonly start: number
  readonly limit: number
}

/** A list answer (`{ total, hasMore, data }`) in any form. */
export interface PageAnswer<A> {
  readonly total: number | string
  readonly hasMore: boolean | number | string
  readonly data: ReadonlyArray<A> | string
}

/** What `batchCollect` decided, before it is written in a form. */
export interface BatchCollectOutcome {
  readonly token: string
  readonly receivedRows: number
  readonly acceptedRows: number
  readonly rejectedRows: ReadonlyArray<RejectedRow>
}

/** The answers of the 16 customer operations, in one form. */
export interface AnswerWriter {
  readonly form: AnswerForm
  readonly customer: (c: CustomerRecord) => Encoded<typeof Core.Customer>
  readonly page: <A>(items: ReadonlyArray<A>, paging: Paging) => PageAnswer<A>
  readonly register: (url: string, token: string) => Encoded<typeof Core.RegisterCardAnswer>
  readonly registerStatus: (r: RegistrationRecord) => Encoded<typeof Core.RegisterCardStatus>
  readonly payment: (p: PaymentRecord) => Encoded<typeof Core.Payment>
  readonly collect: (p: PaymentRecord) => Encoded<typeof Core.CollectResponse>
  readonly attempt: (a: AttemptRecord) => Encoded<typeof Core.ChargeAttempt>
  readonly subscription: (s: SubscriptionRecord) => Readonly<Record<string, unknown>>
  readonly batchCollect: (outcome: BatchCollectOutcome) => Encoded<typeof Core.BatchCollectResponse>
  readonly batchStatus: (b: BatchRecord) => Encoded<typeof Core.BatchCollectStatus>
  readonly reverse: (p: PaymentRecord) => Encoded<typeof Core.ReverseChargeResponse>
}
