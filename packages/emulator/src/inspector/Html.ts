/**
 * The inspector's HTML, written by hand: a tagged template that escapes every value put into it
 * (request params come from anyone who can reach the emulator), the page layout, tables that become
 * labelled cards on a phone, and small formatting helpers. Nothing is loaded from outside the
 * emulator: the style sheet and the one script are its own routes (InspectorAssets.ts).
 */
import { formatLocal } from "../EmulatorState.js"

/** HTML that is already safe to insert: made by `html`, never from a request's text. */
export class Raw {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html
  }
}

export const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" })[c]!)

const render = (value: unknown): string =>
  value instanceof Raw
    ? value.html
    : Array.isArray(value)
    ? value.map(render).join("")
    : value === undefined || value === null || value === false
    ? ""
    : escape(String(value))

/** `html\`<td>${text}</td>\``: every interpolated value is escaped unless it is `Raw` (or a list of them). */
export const html = (strings: TemplateStringsArray, ...values: ReadonlyArray<unknown>): Raw =>
  new Raw(strings.reduce((out, part, i) => out + part + (i < values.length ? render(values[i]) : ""), ""))

export type Cell = Raw | string | number | undefined

/** A table; under 40rem wide each row is a card whose cells carry their column's name. */
export const table = (
  headers: ReadonlyArray<string>,
  rows: ReadonlyArray<ReadonlyArray<Cell>>,
  options: { readonly id?: string; readonly empty?: string; readonly bodyId?: string; readonly rowIds?: ReadonlyArray<string | undefined> } = {}
): Raw =>
  rows.length === 0 && options.bodyId === undefined
    ? html`<p class="empty">${options.empty ?? "Nothing yet."}</p>`
    : html`<div class="table"><table${options.id === undefined ? "" : new Raw(` id="${escape(options.id)}"`)}>
<thead><tr>${headers.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody${options.bodyId === undefined ? "" : new Raw(` id="${escape(options.bodyId)}"`)}>${tableRows(headers, rows, options.rowIds)}</tbody>
</table></div>`

/** The `<tr>`s of a table (also what the live list fetches). */
export const tableRows = (
  headers: ReadonlyArray<string>,
  rows: ReadonlyArray<ReadonlyArray<Cell>>,
  rowIds: ReadonlyArray<string | undefined> = []
): Raw =>
  html`${
    rows.map((row, r) =>
      html`<tr${rowIds[r] === undefined ? "" : new Raw(` id="${escape(rowIds[r]!)}"`)}>${
        row.map((cell, i) => html`<td data-label="${headers[i] ?? ""}">${cell ?? ""}</td>`)
      }</tr>\n`
    )
  }`

/** `0123abcd…` for a 40-character token (the whole one in the title). */
export const shortToken = (token: string): Raw =>
  token.length > 12 ? html`<code title="${token}">${token.slice(0, 8)}…</code>` : html`<code>${token}</code>`

/** `hh:mm:ss.mmm` in Santiago time (Flow's), from an ISO date of the emulator's clock. */
export const clockTime = (iso: string): Raw => {
  const millis = Date.parse(iso)
  if (Number.isNaN(millis)) return html`${iso}`
  return html`<time datetime="${iso}" title="${formatLocal(millis)} (Santiago)">${formatLocal(millis).slice(11)}.${
    String(millis % 1000).padStart(3, "0")
  }</time>`
}

/** A link to the requests that named one of `ids` (in params or answer). */
export const requestsLink = (ids: ReadonlyArray<string | number | undefined>, label = "requests"): Raw => {
  const query = new URLSearchParams(ids.flatMap((id) => (id === undefined || id === "" ? [] : [["ref", String(id)]])))
  return html`<a href="/_inspector?${query.toString()}">${label}</a>`
}

/** A form that POSTs to an admin route and comes back to `back` (AdminRedirect.ts). */
export const actionForm = (route: string, back: string, inner: Raw, className = "inline"): Raw =>
  html`<form method="post" class="${className}" action="/_admin${route}?${new URLSearchParams({ back }).toString()}">${inner}</form>`

export interface PageContext {
  /** The emulator's clock, `yyyy-mm-dd hh:mm:ss` (Santiago). */
  readonly now: string
  /** What the last action did, or why it was refused (`?done=` / `?refused=` after a form's redirect). */
  readonly done?: string | undefined
  readonly refused?: string | undefined
}

const NAV = [["requests", "/_inspector", "Requests"], ["state", "/_inspector/state", "State"], [
  "callbacks",
  "/_inspector/callbacks",
  "Callbacks"
], ["controls", "/_inspector/controls", "Faults, clock, reset"]] as const

export type Section = typeof NAV[number][0] | "request"

/** A whole page. `live` adds the script that refreshes the request list (everything else works without it). */
export const page = (title: string, section: Section, ctx: PageContext, body: Raw, live = false): string =>
  html`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Flow emulator inspector</title>
<link rel="stylesheet" href="/_inspector/inspector.css">
${live ? new Raw(`<script src="/_inspector/live.js" defer></script>`) : ""}
</head><body>
<header><a class="brand" href="/_inspector">Flow emulator <span>inspector</span></a>
<nav>${
    NAV.map(([key, href, label]) =>
      html`<a href="${href}"${key === section || (key === "requests" && section === "request") ? new Raw(` aria-current="page"`) : ""}>${label}</a>`
    )
  }</nav>
<span class="clock" title="the emulator's clock, Santiago time">${ctx.now}</span></header>
<main>
${ctx.done === undefined ? "" : html`<p class="notice ok" role="status">${ctx.done}</p>`}
${ctx.refused === undefined ? "" : html`<p class="notice error" role="alert">${ctx.refused}</p>`}
${body}
</main>
<footer>@flowcl/emulator: not Flow; nothing is charged. The JSON behind these pages: <a href="/_admin">/_admin</a>.</footer>
</body></html>`.html
