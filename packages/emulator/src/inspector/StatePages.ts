/**
 * The inspector's pages of what the emulator holds: customers with their cards, card registrations
 * (approve or decline a pending one), payments (pay a pending link or email charge), failed charge
 * attempts, batches with their rows, subscriptions, and the callbacks the emulator made. Each record
 * links to the requests that named it. Actions are HTML forms posting to the admin API
 * (AdminRedirect.ts brings the browser back here).
 */
import type { EmulatorState, PaymentRecord } from "../EmulatorState.js"
import { BRANDS } from "../Pages.js"
import { actionForm, html, page, type PageContext, Raw, requestsLink, shortToken, table } from "./Html.js"

/** The most records of one kind a page shows (the newest); `GET /_admin/state` has them all. */
export const MAX_SHOWN = 200

const newest = <A>(items: ReadonlyArray<A>): { readonly shown: ReadonlyArray<A>; readonly note: Raw } => ({
  shown: items.slice(-MAX_SHOWN).reverse(),
  note: items.length > MAX_SHOWN
    ? html`<p class="muted">The newest ${MAX_SHOWN} of ${items.length}; <a href="/_admin/state">/_admin/state</a> has them all.</p>`
    : html``
})

const PAYMENT_STATUS: Record<number, string> = { 1: "pending", 2: "paid", 3: "rejected", 4: "cancelled" }
const PAYMENT_TYPE: Record<number, string> = { 1: "card charge", 2: "payment link", 3: "email charge" }

const statusText = (text: string, good: boolean, bad = false): Raw =>
  html`<span class="${good ? "st-ok" : bad ? "st-bad" : "st-warn"}">${text}</span>`

const paymentStatus = (p: PaymentRecord) =>
  statusText(PAYMENT_STATUS[p.status] ?? String(p.status), p.status === 2, p.status === 3 || p.status === 4)

const BACK = "/_inspector/state"

const approveForm = (token: string): Raw =>
  actionForm(
    `/registrations/${encodeURIComponent(token)}`,
    `${BACK}#registrations`,
    html`<select name="brand" aria-label="card brand">${BRANDS.map((b) => html`<option>${b}</option>`)}</select>
<input name="last4" value="4242" inputmode="numeric" pattern="[0-9]{4}" maxlength="4" aria-label="last 4 digits" required>
<button name="approve" value="true">Approve</button>
<button name="approve" value="false" class="secondary">Decline</button>`
  )

const payForm = (p: PaymentRecord): Raw =>
  actionForm(`/payments/${encodeURIComponent(p.token)}/pay`, `${BACK}#payments`, html`<button>Pay</button>`)

export const statePage = (ctx: PageContext, state: EmulatorState): string => {
  const customers = newest([...state.customers.values()])
  const registrations = newest([...state.registrations.values()])
  const payments = newest(state.payments)
  const attempts = newest(state.attempts)
  const batches = newest([...state.batches.values()])
  const subscriptions = newest(state.subscriptions)
  const customerName = (id: string) => state.customers.get(id)?.name

  const body = html`<h1>State</h1>
<p class="muted">Jump to: <a href="#customers">customers</a> · <a href="#registrations">registrations</a> · <a href="#payments">payments</a> · <a href="#attempts">failed charges</a> · <a href="#batches">batches</a> · <a href="#subscriptions">subscriptions</a></p>

<h2 id="customers">Customers (${state.customers.size})</h2>
${
    table(
      ["customerId", "name", "email", "externalId", "status", "card", "created", ""],
      customers.shown.map((c) => [
        html`<code>${c.customerId}</code>`,
        c.name,
        c.email,
        c.externalId,
        c.status === 1 ? statusText("active", true) : statusText("deleted", false, true),
        c.card === undefined ? html`<span class="muted">none</span>` : html`${c.card.brand} ····${c.card.last4}`,
        c.created,
        requestsLink([c.customerId])
      ]),
      { empty: "No customers: create one through the API or POST /_admin/seed.", rowIds: customers.shown.map((c) => `customer-${c.customerId}`) }
    )
  }${customers.note}

<h2 id="registrations">Card registrations (${state.registrations.size})</h2>
${
    table(
      ["token", "customer", "status", "card", "url_return", ""],
      registrations.shown.map((r) => [
        shortToken(r.token),
        html`<code>${r.customerId}</code> ${customerName(r.customerId) ?? ""}`,
        statusText(r.status, r.status === "completed", r.status === "declined"),
        r.status === "pending" ? approveForm(r.token) : r.card === undefined ? "" : html`${r.card.brand} ····${r.card.last4}`,
        html`<code>${r.urlReturn}</code>`,
        requestsLink([r.token])
      ]),
      { empty: "No registrations: customer/register starts one.", rowIds: registrations.shown.map((r) => `registration-${r.token}`) }
    )
  }${registrations.note}

<h2 id="payments">Payments (${state.payments.length})</h2>
${
    table(
      ["flowOrder", "commerceOrder", "customer", "amount", "type", "status", "requested", "paid", "token", ""],
      payments.shown.map((p) => [
        html`<code>${p.flowOrder}</code>`,
        html`<code>${p.commerceOrder}</code>`,
        html`<code>${p.customerId}</code>`,
        `${p.amount} ${p.currency}`,
        PAYMENT_TYPE[p.type] ?? String(p.type),
        p.status === 1 && p.type !== 1 ? html`${paymentStatus(p)} ${payForm(p)}` : paymentStatus(p),
        p.requestDate,
        p.paidAt ?? "",
        shortToken(p.token),
        requestsLink([p.token, p.commerceOrder, p.flowOrder])
      ]),
      { empty: "No payments: customer/charge, collect and batchCollect make them.", rowIds: payments.shown.map((p) => `payment-${p.flowOrder}`) }
    )
  }${payments.note}

<h2 id="attempts">Failed charge attempts (${state.attempts.length})</h2>
${
    table(
      ["id", "date", "customer", "commerceOrder", "amount", "code", "description", ""],
      attempts.shown.map((a) => [
        a.id,
        a.date,
        html`<code>${a.customerId}</code>`,
        html`<code>${a.commerceOrder}</code>`,
        `${a.amount} ${a.currency}`,
        a.errorCode,
        a.errorDescription,
        requestsLink([a.commerceOrder])
      ]),
      { empty: "No failed charges." }
    )
  }${attempts.note}

<h2 id="batches">Batches (${state.batches.size})</h2>
${
    batches.shown.length === 0
      ? html`<p class="empty">No batches: customer/batchCollect makes one.</p>`
      : batches.shown.map((b) =>
        html`<h3 id="batch-${b.token}">Batch ${shortToken(b.token)}: ${statusText(b.status, b.status === "processed")} <small class="muted">created ${b.createdDate}${
          b.processedDate === undefined ? "" : `, processed ${b.processedDate}`
        } · ${b.rows.length} rows · ${requestsLink([b.token])}</small></h3>
${
          table(
            ["row", "customer", "commerceOrder", "amount", "status", "type", "flowOrder", "error"],
            b.rows.slice(0, MAX_SHOWN).map((row, i) => [
              i + 1,
              html`<code>${row.customerId}</code>`,
              html`<code>${row.commerceOrder}</code>`,
              `${row.amount} ${row.currency}`,
              statusText(row.status, row.status === "collected", row.status === "uncollected"),
              row.type === undefined ? "" : PAYMENT_TYPE[row.type] ?? String(row.type),
              row.flowOrder ?? "",
              row.errorCode === undefined || row.errorCode === 0 ? "" : `${row.errorCode} ${row.errorMsg ?? ""}`
            ])
          )
        }${b.rows.length > MAX_SHOWN ? html`<p class="muted">The first ${MAX_SHOWN} of ${b.rows.length} rows.</p>` : ""}`
      )
  }${batches.note}

<h2 id="subscriptions">Subscriptions (${state.subscriptions.length})</h2>
${
    table(
      ["subscriptionId", "customer", "plan", "status", ""],
      subscriptions.shown.map((s) => [
        html`<code>${s.subscriptionId}</code>`,
        html`<code>${s.customerId}</code>`,
        String(s["plan_name"] ?? s["planId"] ?? ""),
        String(s["status"] ?? ""),
        requestsLink([s.customerId], "customer's requests")
      ]),
      { empty: "No subscriptions: POST /_admin/seed adds them." }
    )
  }${subscriptions.note}`
  return page("State", "state", ctx, body)
}

export const callbacksPage = (ctx: PageContext, state: EmulatorState): string => {
  const callbacks = newest(state.callbacks)
  const body = html`<h1>Callbacks <small class="muted">(${state.callbacks.length}, newest first)</small></h1>
<p class="muted">The POSTs the emulator made to merchant URLs, as Flow does (the single param <code>token</code>), or refused to make.</p>
${
    table(
      ["time", "kind", "target", "token", "outcome", ""],
      callbacks.shown.map((c) => [
        c.at,
        c.kind,
        html`<code>${c.url}</code>`,
        shortToken(c.token),
        c.error !== undefined
          ? statusText(c.error, false, true)
          : c.status === undefined
          ? html`<span class="muted">sending…</span>`
          : statusText(`HTTP ${c.status}`, c.status >= 200 && c.status < 300, c.status >= 400),
        requestsLink([c.token])
      ]),
      { empty: "No callbacks yet: finishing a registration, paying a link or processing a batch makes one." }
    )
  }${callbacks.note}`
  return page("Callbacks", "callbacks", ctx, body)
}
