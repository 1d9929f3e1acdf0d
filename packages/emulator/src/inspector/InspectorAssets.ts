/**
 * The inspector's style sheet and its one script, served by the emulator itself (nothing is loaded
 * from elsewhere; the pages' Content-Security-Policy allows only the emulator's own origin).
 *
 * The script only keeps the request list live: while the newest requests are shown, it asks for the
 * list's rows (`/_inspector/rows` with the page's filters) every second and swaps them in when they
 * changed. Everything else (links, filters, the action forms) is plain HTML and works without it.
 */

export const STYLE = `:root{--fg:#1d1f23;--muted:#5b6270;--line:#dfe3ea;--bg:#f6f7f9;--ok:#11703a;--warn:#8a5200;--bad:#b3261e;--accent:#1f4fd1}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:var(--bg)}
header{display:flex;flex-wrap:wrap;align-items:center;gap:.4rem 1.2rem;padding:.6rem 1rem;background:#14213d;color:#fff}
header a{color:#fff;text-decoration:none}
.brand{font-weight:600}.brand span{font-weight:400;opacity:.75}
nav{display:flex;flex-wrap:wrap;gap:.2rem 1rem}
nav a{padding:.15rem 0;border-bottom:2px solid transparent}
nav a[aria-current=page]{border-color:#ffd166}
.clock{margin-left:auto;font-size:.85rem;opacity:.85;font-variant-numeric:tabular-nums}
main{max-width:80rem;margin:0 auto;padding:1rem}
h1{font-size:1.3rem;margin:.2rem 0 .8rem}h2{font-size:1.1rem;margin:1.6rem 0 .6rem}h3{font-size:1rem;margin:1.2rem 0 .4rem}
a{color:var(--accent)}
.table{overflow-x:auto;background:#fff;border:1px solid var(--line);border-radius:6px}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{padding:.35rem .6rem;text-align:left;border-bottom:1px solid var(--line);vertical-align:top}
th{background:#eef1f5;font-weight:600;white-space:nowrap}
tbody tr:last-child td{border-bottom:0}
tbody tr:hover{background:#f3f6ff}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:.86em}
td code{word-break:break-all}
.st-ok{color:var(--ok)}.st-warn{color:var(--warn)}.st-bad{color:var(--bad);font-weight:600}
.notice{padding:.6rem .8rem;border-radius:6px;border:1px solid}
.notice.ok{background:#e9f7ef;border-color:#b5e0c5}
.notice.error{background:#fdecea;border-color:#f5c2bd}
.refused{background:#fff;border:1px solid #f5c2bd;border-left:4px solid var(--bad);border-radius:6px;padding:.2rem 1rem 1rem;margin:1rem 0}
.findings{padding-left:1.2rem}.findings li{margin:.3rem 0}.findings li:first-child{font-weight:600}
pre.sts{white-space:pre-wrap;word-break:break-all;background:#fbfbfc;border:1px solid var(--line);padding:.6rem;border-radius:4px;margin:0}
mark{background:#ffe08a;padding:0 .1rem}
.sorted{padding-left:1.6rem}.sorted li{padding:.1rem .3rem;word-break:break-all}.sorted li.differs{background:#fff4d6;border-radius:4px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0 0 1rem}dl.facts dt{color:var(--muted)}dl.facts dd{margin:0;word-break:break-word}
form.inline{display:inline-flex;flex-wrap:wrap;gap:.3rem;align-items:center;margin:0}
form.block{display:flex;flex-wrap:wrap;gap:.6rem;align-items:flex-end;background:#fff;border:1px solid var(--line);border-radius:6px;padding:.8rem;margin:.5rem 0}
form.block label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted);gap:.2rem}
input,select,button{font:inherit;font-size:.9rem;padding:.3rem .5rem;border:1px solid #b9c0cc;border-radius:4px;background:#fff;color:var(--fg)}
input[name=last4]{width:4.5rem}
button{background:var(--accent);border-color:var(--accent);color:#fff;cursor:pointer}
button.secondary{background:#fff;color:var(--accent)}
button.danger{background:var(--bad);border-color:var(--bad)}
.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:0 0 .8rem}
.muted,.empty{color:var(--muted)}
#live{font-size:.85rem;color:var(--ok)}
footer{max-width:80rem;margin:1.5rem auto;padding:0 1rem;color:var(--muted);font-size:.8rem}
@media (max-width:40rem){
body{font-size:14px}
main{padding:.6rem}
.clock{margin-left:0;width:100%}
.table{border:0;background:none;overflow:visible}
.table table,.table tbody,.table tr,.table td{display:block;width:100%}
.table thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.table tr{background:#fff;border:1px solid var(--line);border-radius:6px;margin:0 0 .5rem;padding:.3rem .6rem}
.table td{border:0;padding:.15rem 0;display:flex;gap:.6rem}
.table td::before{content:attr(data-label);flex:0 0 6.5rem;color:var(--muted);font-size:.8rem}
.table td:empty{display:none}
dl.facts{grid-template-columns:1fr;gap:0}dl.facts dt{margin-top:.4rem}
}
`

export const LIVE_SCRIPT = `"use strict";
(function () {
  var rows = document.getElementById("request-rows");
  if (!rows || rows.getAttribute("data-live") !== "on") return;
  var status = document.getElementById("live");
  var toggle = document.getElementById("live-toggle");
  var paused = false;
  var last = null;
  if (status) status.hidden = false;
  if (toggle) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      paused = !paused;
      toggle.textContent = paused ? "Resume" : "Pause";
      if (status) status.textContent = paused ? "paused" : "\\u25CF live";
    });
  }
  function poll() {
    if (paused || document.hidden) return setTimeout(poll, 1000);
    fetch("/_inspector/rows" + location.search, { cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (text) {
        if (text !== null && text !== last) {
          if (last !== null || text.trim() !== rows.innerHTML.trim()) rows.innerHTML = text;
          last = text;
        }
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, 1000); });
  }
  setTimeout(poll, 1000);
})();
`
