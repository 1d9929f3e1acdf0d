/**
 * The inspector's request pages: the list (newest first, filtered by endpoint, by a record's id, or
 * to the refused ones; live with the script, a Refresh link without it) and one request: its params
 * (the secret key never, `s` shortened) and, for a signature that did not verify, what the emulator
 * expected: the params in signing order, the exact string-to-sign, the signature it computed with
 * the configured key and the one received, and the first differing param when that can be told.
 */
import type { RequestLogEntry } from "../EmulatorTypes.js"
import { shortSignature } from "../SignatureDiagnosis.js"
import { clockTime, html, page, type PageContext, Raw, requestsLink, table, tableRows } from "./Html.js"

/** How many requests one page of the list shows. */
export const PAGE_SIZE = 100

export interface RequestFilter {
  readonly endpoint: string | undefined
  /** Ids (customer, token, order): requests that named any of them. */
  readonly refs: ReadonlyArray<string>
  /** Only requests answered with an error (4xx, 5xx, or no answer). */
  readonly failed: boolean
  /** Only requests numbered below this (older pages). */
  readonly before: number | undefined
}

export const filterOf = (url: URL): RequestFilter => {
  const before = Number(url.searchParams.get("before"))
  const endpoint = url.searchParams.get("endpoint")?.replace(/^\/?(api\/)?/, "") ?? ""
  return {
    endpoint: endpoint === "" ? undefined : endpoint,
    refs: url.searchParams.getAll("ref").filter((ref) => ref !== "").slice(0, 20),
    failed: url.searchParams.get("failed") === "1",
    before: Number.isInteger(before) && before > 0 ? before : undefined
  }
}

/** Answered with an error, or not at all (a reset); a request still being served is neither. */
const failed = (entry: RequestLogEntry) => entry.status === 0 ? entry.fault !== undefined : entry.status >= 400

const matches = (entry: RequestLogEntry, filter: RequestFilter): boolean =>
  (filter.before === undefined || entry.seq < filter.before) &&
  (filter.endpoint === undefined || entry.endpoint === filter.endpoint) &&
  (filter.refs.length === 0 || filter.refs.some((ref) => entry.refs.includes(ref))) &&
  (!filter.failed || failed(entry))

/** The newest PAGE_SIZE entries that match, newest first, and whether older ones match too. */
export const select = (entries: ReadonlyArray<RequestLogEntry>, filter: RequestFilter) => {
  const shown: Array<RequestLogEntry> = []
  let more = false
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]!
    if (!matches(entry, filter)) continue
    if (shown.length === PAGE_SIZE) {
      more = true
      break
    }
    shown.push(entry)
  }
  return { shown, more }
}

const statusCell = (entry: RequestLogEntry): Raw => {
  if (entry.status === 0) {
    return entry.fault === "reset"
      ? html`<span class="st-bad">reset</span>`
      : html`<span class="muted">…</span>`
  }
  const kind = entry.status < 300 ? "st-ok" : entry.status < 500 ? "st-warn" : "st-bad"
  return html`<span class="${kind}">${entry.status}</span>`
}

const HEADERS = ["#", "time", "verb", "path", "status", "Flow code", "duration", "fault", "signature"]

/** The list's rows (the live script fetches exactly these). */
export const requestRows = (shown: ReadonlyArray<RequestLogEntry>): Raw =>
  shown.length === 0
    ? html`<tr><td colspan="${HEADERS.length}" class="empty">No requests yet: send one to the API.</td></tr>`
    : tableRows(
      HEADERS,
      shown.map((e) => [
        html`<a href="/_inspector/requests/${e.seq}">${e.seq}</a>`,
        clockTime(e.at),
        e.method,
        html`<a href="/_inspector/requests/${e.seq}"><code>${e.path}</code></a>`,
        statusCell(e),
        e.code === undefined ? "" : html`<span class="${e.code === 108 ? "st-bad" : ""}">${e.code}</span>`,
        e.status === 0 && e.fault !== "reset" ? "" : `${e.durationMs} ms`,
        e.fault ?? "",
        e.signature === "invalid" || (e.signature === "legacy" && e.code === 108)
          ? html`<span class="st-bad">${e.signature}</span>`
          : e.signature ?? ""
      ])
    )

export const requestListPage = (
  ctx: PageContext,
  entries: ReadonlyArray<RequestLogEntry>,
  filter: RequestFilter,
  endpoints: ReadonlyArray<string>
): string => {
  const { more, shown } = select(entries, filter)
  const live = filter.before === undefined
  const keep = (extra: Record<string, string>) => {
    const query = new URLSearchParams()
    if (filter.endpoint !== undefined) query.set("endpoint", filter.endpoint)
    for (const ref of filter.refs) query.append("ref", ref)
    if (filter.failed) query.set("failed", "1")
    for (const [name, value] of Object.entries(extra)) query.set(name, value)
    return `/_inspector?${query.toString()}`
  }
  const body = html`<h1>Requests <small class="muted">(${entries.length} kept, newest first)</small></h1>
<form class="filters" method="get" action="/_inspector">
<label>endpoint <select name="endpoint"><option value="">all</option>${
    endpoints.map((name) => html`<option${name === filter.endpoint ? new Raw(" selected") : ""}>${name}</option>`)
  }</select></label>
<label><input type="checkbox" name="failed" value="1"${filter.failed ? new Raw(" checked") : ""}> refused only</label>
${filter.refs.map((ref) => html`<input type="hidden" name="ref" value="${ref}">`)}
<button type="submit" class="secondary">Filter</button>
${filter.refs.length === 0 ? "" : html`<span>touching <code>${filter.refs.join(", ")}</code> · <a href="/_inspector">all requests</a></span>`}
<a href="${keep({})}">Refresh</a>
${live ? new Raw(`<span id="live" hidden>\u25CF live</span><button type="button" id="live-toggle" class="secondary" hidden>Pause</button>`) : ""}
</form>
<div class="table"><table id="requests">
<thead><tr>${HEADERS.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody id="request-rows" data-live="${live ? "on" : "off"}">${requestRows(shown)}</tbody>
</table></div>
${more ? html`<p><a href="${keep({ before: String(shown.at(-1)!.seq) })}">Older requests</a></p>` : ""}`
  return page("Requests", "requests", ctx, body, live)
}

/** A param's value as the inspector shows it: the secret key never, `s` shortened. */
export const shownValue = (name: string, value: string, secretKey: string): Raw =>
  secretKey !== "" && value === secretKey
    ? html`<em class="st-bad">the secret key (hidden): never send it</em>`
    : name === "s"
    ? html`<code title="shortened">${shortSignature(value)}</code>`
    : html`<code>${value}</code>`

const signatureSection = (entry: RequestLogEntry, secretKey: string): Raw => {
  const check = entry.signatureCheck
  if (check === undefined) return html``
  const focus = check.findings.find((f) => f.param !== undefined)
  const [start, end] = check.highlight ?? [0, 0]
  const text = check.stringToSign
  const stringToSign = check.highlight === undefined
    ? html`${text}`
    : html`${text.slice(0, start)}<mark>${text.slice(start, end)}</mark>${text.slice(end)}`
  return html`<section class="refused" id="signature">
<h2>Why it was refused: 108 Invalid Signature</h2>
<ul class="findings">${check.findings.map((f) => html`<li data-kind="${f.kind}">${f.message}</li>`)}</ul>
${focus?.param === undefined ? "" : html`<p>First differing param: <code id="differing-param">${focus.param}</code>${
    focus.signedValue === undefined ? "" : html`: your signature was made over <code>${focus.signedValue}</code>`
  }</p>`}
<h3>The params as the emulator sorted them</h3>
<ol class="sorted">${
    check.sorted.map((name) =>
      html`<li${name === focus?.param ? new Raw(` class="differs"`) : ""}><code>${name}</code> = ${
        entry.params[name] === undefined ? html`<em class="muted">(not kept)</em>` : shownValue(name, entry.params[name]!, secretKey)
      }</li>`
    )
  }</ol>
<h3>The string-to-sign it expected</h3>
<pre class="sts" id="string-to-sign">${stringToSign}</pre>
${check.stringToSignTruncated ? html`<p class="muted">(cut short here: the text is longer)</p>` : ""}
<dl class="facts">
<dt>signature computed with the configured secret key</dt><dd><code id="expected-signature">${check.expected}</code></dd>
<dt>signature received (<code>s</code>)</dt><dd><code id="received-signature">${check.received ?? "none"}</code></dd>
</dl>
<p class="muted">Signing: every param but <code>s</code>, sorted by name (character codes), written as name then value with nothing between; HMAC-SHA256 of that text (UTF-8) with the secret key, as 64 lowercase hex digits.</p>
</section>`
}

export const requestPage = (
  ctx: PageContext,
  entry: RequestLogEntry | undefined,
  seq: string,
  secretKey: string
): { readonly status: number; readonly html: string } => {
  if (entry === undefined) {
    return {
      status: 404,
      html: page("Not found", "request", ctx, html`<h1>No request #${seq}</h1><p>It is not in the request log (cleared, or dropped as the log filled). <a href="/_inspector">All requests</a></p>`)
    }
  }
  const params = Object.entries(entry.params)
  const body = html`<h1>#${entry.seq} ${entry.method} <code>${entry.path}</code> ${statusCell(entry)}${
    entry.code === undefined ? "" : html` <span class="muted">code</span> ${entry.code}`
  }</h1>
<dl class="facts">
<dt>time</dt><dd>${clockTime(entry.at)} <span class="muted">(${entry.at})</span></dd>
<dt>endpoint</dt><dd><a href="/_inspector?endpoint=${encodeURIComponent(entry.endpoint)}">${entry.endpoint}</a></dd>
<dt>content type</dt><dd>${entry.contentType ?? html`<span class="muted">none</span>`}</dd>
<dt>duration</dt><dd>${entry.durationMs} ms</dd>
<dt>fault applied</dt><dd>${entry.fault ?? html`<span class="muted">none</span>`}</dd>
<dt>signature</dt><dd>${entry.signature ?? html`<span class="muted">not checked</span>`}</dd>
${entry.note === undefined ? "" : html`<dt>note</dt><dd>${entry.note}</dd>`}
${
    entry.refs.length === 0
      ? ""
      : html`<dt>records</dt><dd>${entry.refs.map((ref, i) => html`${i === 0 ? "" : ", "}<code>${ref}</code> (${requestsLink([ref])})`)}</dd>`
  }
</dl>
${signatureSection(entry, secretKey)}
<h2>Params, as received</h2>
${table(["name", "value"], params.map(([name, value]) => [html`<code>${name}</code>`, shownValue(name, value, secretKey)]), { empty: "No params." })}
${entry.paramsTruncated ? html`<p class="muted">Cut for the log: values over 8 KiB, params past the 100th.</p>` : ""}
<p><a href="/_inspector">← all requests</a></p>`
  return { status: 200, html: page(`#${entry.seq} ${entry.path}`, "request", ctx, body) }
}
