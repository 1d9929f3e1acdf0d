/**
 * The two pages a person sees at Flow: card registration (`register`'s `url?token=`) and a payment
 * link (`collect`'s `url?token=`). Each is a small form; a test completes it with one POST.
 */
import type { EmulatorState } from "./EmulatorState.js"

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" })[c]!)

const layout = (title: string, body: string): string =>
  `<!doctype html>
<html lang="es"><head><meta charset="utf-8"><title>${escape(title)} · Flow emulator</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#222}
label{display:block;margin:.6rem 0}button{margin:.8rem .4rem 0 0;padding:.5rem 1rem}small{color:#666}</style>
</head><body><h1>${escape(title)}</h1>${body}<p><small>@flowcl/emulator: not Flow, nothing is charged.</small></p></body></html>`

export const BRANDS = ["Visa", "Mastercard", "American Express", "Diners Club", "Magna"] as const

export const registrationPage = (state: EmulatorState, token: string): { status: number; html: string } => {
  const registration = state.registrations.get(token)
  if (registration === undefined) {
    return { status: 404, html: layout("Registro no encontrado", `<p>No registration with token ${escape(token)}.</p>`) }
  }
  const customer = state.customers.get(registration.customerId)
  if (registration.status !== "pending") {
    return {
      status: 409,
      html: layout("Registro terminado", `<p>This registration is already ${escape(registration.status)}.</p>`)
    }
  }
  return {
    status: 200,
    html: layout(
      "Registrar tarjeta",
      `<p>Customer <b>${escape(customer?.name ?? registration.customerId)}</b> registers a card for automatic charges.</p>
<form method="post" action="/app/customer/disclaimer.php">
<input type="hidden" name="token" value="${escape(token)}">
<label>Brand <select name="brand">${BRANDS.map((b) => `<option>${escape(b)}</option>`).join("")}</select></label>
<label>Last 4 digits <input name="last4" value="4242" pattern="\\d{4}" maxlength="4"></label>
<button name="action" value="approve">Complete registration</button>
<button name="action" value="decline">Decline</button>
</form>`
    )
  }
}

export const registrationDonePage = (approved: boolean, urlReturn: string): string =>
  layout(
    approved ? "Tarjeta registrada" : "Registro rechazado",
    `<p>Flow notified <code>${escape(urlReturn)}</code> with the registration token.</p>`
  )

export const paymentPage = (state: EmulatorState, token: string): { status: number; html: string } => {
  const payment = state.payments.find((p) => p.token === token)
  if (payment === undefined) {
    return { status: 404, html: layout("Pago no encontrado", `<p>No payment with token ${escape(token)}.</p>`) }
  }
  if (payment.status !== 1) {
    return { status: 409, html: layout("Pago terminado", `<p>This payment is no longer pending.</p>`) }
  }
  return {
    status: 200,
    html: layout(
      "Pagar",
      `<p>${escape(payment.subject)}: <b>${payment.amount} ${escape(payment.currency)}</b> (order ${
        escape(payment.commerceOrder)
      })</p>
<form method="post" action="/app/web/pay.php">
<input type="hidden" name="token" value="${escape(token)}">
<button>Pay</button>
</form>`
    )
  }
}

export const paymentDonePage = (): string => layout("Pago realizado", "<p>The payment is paid.</p>")
