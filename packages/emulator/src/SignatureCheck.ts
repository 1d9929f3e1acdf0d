/**
 * What the request log keeps about a refused signature (Flow's 108): made by SignatureDiagnosis.ts,
 * shown by the inspector and `GET /_admin/requests`.
 */

/** What the emulator could tell about one difference. */
export interface SignatureFinding {
  /** What kind of difference: `no-signature`, `format`, `legacy`, `unsigned-param`, `value`, `order`, `text`, `key`, `api-key`, `secret-sent`, `unknown`. */
  readonly kind: string
  readonly message: string
  /** The first param that differs, when that can be told. */
  readonly param?: string | undefined
  /** The value of `param` that the signature was made over (cut to 200 characters). */
  readonly signedValue?: string | undefined
}

/** For a request refused with 108: what the emulator expected, what it received, and what differs. */
export interface SignatureCheck {
  /** The param names in the order they are signed (`s` left out; at most 100). */
  readonly sorted: ReadonlyArray<string>
  /** The exact text the emulator signed, cut to 8 KiB of characters (a secret key sent as a param hidden). */
  readonly stringToSign: string
  readonly stringToSignTruncated: boolean
  /** Where the first differing param's `name+value` sits in `stringToSign` (`[start, end)`), when it is within it. */
  readonly highlight?: readonly [number, number] | undefined
  /** The signature computed with the configured secret key, shortened (first and last 8 hex digits). */
  readonly expected: string
  /** The `s` received, shortened; undefined when none was sent. */
  readonly received: string | undefined
  /** What differs, most telling first; never empty. */
  readonly findings: ReadonlyArray<SignatureFinding>
}

/** About how many bytes a check keeps, for the request log's bound. */
export const checkSize = (check: SignatureCheck): number =>
  2 * (check.stringToSign.length + check.sorted.reduce((n, name) => n + name.length, 0) +
    check.findings.reduce((n, f) => n + f.message.length + (f.signedValue?.length ?? 0), 0)) + 256
