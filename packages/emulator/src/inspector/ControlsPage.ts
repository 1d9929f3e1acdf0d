/**
 * The inspector's controls: fault rules (add, remove, clear), the clock (move it), the settings, and
 * reset. Every form posts to the admin API route a test would call (AdminRedirect.ts brings the
 * browser back); an empty field is absent, so each form leaves out what is not filled in.
 */
import type { EmulatorSettings } from "../EmulatorTypes.js"
import type { FaultRule } from "../Faults.js"
import { actionForm, html, page, type PageContext, Raw } from "./Html.js"

const BACK = "/_inspector/controls"

const FAULT_TYPES = [
  ["status", "an HTTP status (fill in status)"],
  ["reset", "connection reset"],
  ["latency", "latency (fill in ms)"],
  ["malformed", "200, not JSON"],
  ["truncated", "200, half the answer"],
  ["html", "an HTML error page"],
  ["empty", "an empty body"]
] as const

const CLOCK_STEPS = [["3600000", "1 hour"], ["86400000", "1 day"], ["604800000", "7 days"], ["2592000000", "30 days"]] as const

const describeFault = (rule: FaultRule): string => {
  const { fault } = rule
  const detail = fault.type === "status" ? ` ${fault.status}` : fault.type === "latency" ? ` ${fault.ms} ms` : ""
  const when = rule.attempts !== undefined
    ? `attempts ${rule.attempts.join(", ")}`
    : rule.times !== undefined
    ? `the next ${rule.times} (${rule.applied} done)`
    : "every request"
  return `${fault.type}${detail}, ${when}, ${rule.phase} processing`
}

const option = (value: string, label: string, selected: boolean) =>
  html`<option value="${value}"${selected ? new Raw(" selected") : ""}>${label}</option>`

const yesNo = (name: string, label: string, value: boolean) =>
  html`<label>${label}<select name="${name}">${option("true", "on", value)}${option("false", "off", !value)}</select></label>`

export const controlsPage = (
  ctx: PageContext,
  rules: ReadonlyArray<FaultRule>,
  settings: EmulatorSettings,
  endpoints: ReadonlyArray<string>,
  answerForms: ReadonlyArray<string>
): string => {
  const body = html`<h1>Faults, clock, reset</h1>

<h2 id="faults">Fault rules (${rules.length})</h2>
${
    rules.length === 0
      ? html`<p class="empty">None: every request is answered normally.</p>`
      : html`<div class="table"><table><thead><tr><th scope="col">id</th><th scope="col">endpoint</th><th scope="col">fault</th><th scope="col">seen</th><th scope="col"></th></tr></thead><tbody>${
        rules.map((rule) =>
          html`<tr><td data-label="id">${rule.id}</td><td data-label="endpoint"><code>${rule.endpoint}</code></td><td data-label="fault">${
            describeFault(rule)
          }</td><td data-label="seen">${rule.seen}</td><td data-label="">${
            actionForm(`/faults/${rule.id}/delete`, `${BACK}#faults`, html`<button class="secondary">Remove</button>`)
          }</td></tr>`
        )
      }</tbody></table></div>
${actionForm("/faults/clear", `${BACK}#faults`, html`<button class="danger">Clear all fault rules</button>`, "block")}`
  }
${
    actionForm(
      "/faults",
      `${BACK}#faults`,
      html`<label>endpoint<input name="endpoint" list="endpoints" value="*" required></label>
<datalist id="endpoints">${endpoints.map((name) => html`<option value="${name}"></option>`)}</datalist>
<label>fault<select name="fault.type">${FAULT_TYPES.map(([type, label]) => option(type, label, type === "status"))}</select></label>
<label>status<input name="fault.status" type="number" min="100" max="599" placeholder="503"></label>
<label>ms<input name="fault.ms" type="number" min="0" max="600000" placeholder="2000"></label>
<label>times<input name="times" type="number" min="1" placeholder="every"></label>
<label>phase<select name="phase">${option("", "default", true)}${option("before", "before processing", false)}${
        option("after", "after processing (the answer is lost)", false)
      }</select></label>
<button>Add fault rule</button>`,
      "block"
    )
  }

<h2 id="clock">Clock</h2>
<p>The emulator's clock reads <strong>${ctx.now}</strong> (Santiago).</p>
${
    actionForm(
      "/clock",
      `${BACK}#clock`,
      html`<label>move it forward by<select name="advanceMs">${CLOCK_STEPS.map(([ms, label]) => option(ms, label, false))}</select></label>
<button>Move the clock</button>`,
      "block"
    )
  }
${
    actionForm(
      "/clock",
      `${BACK}#clock`,
      html`<label>set it to (ISO date or epoch ms)<input name="now" placeholder="2026-03-10T16:00:00-03:00" required></label>
<button>Set the clock</button>`,
      "block"
    )
  }

<h2 id="settings">Settings</h2>
${
    actionForm(
      "/settings",
      `${BACK}#settings`,
      html`<label>answer form<select name="answerForm">${answerForms.map((form) => option(form, form, form === settings.answerForm))}</select></label>
<label>batch pace (ms)<input name="batchPaceMs" type="number" min="0" max="60000" value="${settings.batchPaceMs}"></label>
${yesNo("verifySignatures", "verify signatures", settings.verifySignatures)}
${yesNo("legacySignatures", "legacy signatures", settings.legacySignatures)}
${yesNo("postForGet", "GET operations by POST", settings.postForGet)}
<button>Save settings</button>`,
      "block"
    )
  }

<h2 id="reset">Reset</h2>
${actionForm("/requests/clear", `${BACK}#reset`, html`<button class="secondary">Clear the request log</button>`, "block")}
${actionForm("/reset", `${BACK}#reset`, html`<button class="danger">Reset: clear data, faults and the request log</button>`, "block")}`
  return page("Faults, clock, reset", "controls", ctx, body)
}
