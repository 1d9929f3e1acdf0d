/**
 * `flowcl-emulator --port 8080 --api-key K --secret-key S`: runs the emulator until Ctrl-C (or
 * SIGTERM), printing its URL and keys, then one line per request.
 */
import { parseArgs } from "node:util"
import { ANSWER_FORMS } from "./Answers.js"
import { startCanned } from "./CannedServer.js"
import { DEFAULT_API_KEY, DEFAULT_MAX_BODY_BYTES, DEFAULT_SECRET_KEY } from "./EmulatorTypes.js"
import { start } from "./Start.js"

const usage = `Usage: flowcl-emulator [options]

  --port <n>              port to listen on (default 8080; 0 picks a free port)
  --host <addr>           address to bind (default 127.0.0.1)
  --api-key <key>         apiKey the emulator accepts (default ${DEFAULT_API_KEY})
  --secret-key <key>      secret key it verifies signatures with (default ${DEFAULT_SECRET_KEY})
  --answer-form <form>    spec (default), or the stress forms alternative and php
  --batch-pace <ms>       time between the steps of a massive charge (default 50)
  --no-verify-signatures  check only the apiKey
  --no-legacy-signatures  refuse Flow's legacy k=v& signature (accepted by default)
  --no-post-for-get       answer 405 to a GET operation sent as POST (served by default)
  --allow-host <name>     accept requests whose Host names it (repeatable; * any); loopback
                          names and the bound address are always accepted
  --callback-host <name>  let callbacks go to this host (repeatable; * any); default: loopback only
  --max-body-bytes <n>    largest request body read (default ${DEFAULT_MAX_BODY_BYTES}); larger is 413
  --canned                fixed answers, no state or rules (benchmarks)
  --canned-total <n>      items the canned lists page over (default 100000)
  --quiet                 do not print one line per request
  --help                  show this text
`

const fail = (message: string): never => {
  console.error(`flowcl-emulator: ${message}\n\n${usage}`)
  process.exit(2)
}

const parse = () => parseArgs({
  options: {
    port: { type: "string", default: "8080" },
    host: { type: "string", default: "127.0.0.1" },
    "api-key": { type: "string", default: DEFAULT_API_KEY },
    "secret-key": { type: "string", default: DEFAULT_SECRET_KEY },
    "answer-form": { type: "string", default: "spec" },
    "batch-pace": { type: "string", default: "50" },
    "no-verify-signatures": { type: "boolean", default: false },
    "no-legacy-signatures": { type: "boolean", default: false },
    "no-post-for-get": { type: "boolean", default: false },
    "allow-host": { type: "string", multiple: true, default: [] },
    "callback-host": { type: "string", multiple: true, default: [] },
    "max-body-bytes": { type: "string", default: String(DEFAULT_MAX_BODY_BYTES) },
    canned: { type: "boolean", default: false },
    "canned-total": { type: "string", default: "100000" },
    quiet: { type: "boolean", default: false },
    help: { type: "boolean", default: false }
  },
  strict: true
})

let values: ReturnType<typeof parse>["values"]
try {
  values = parse().values
} catch (error) {
  // an unknown or malformed option: say which, with the usage, like the other bad options
  values = fail(error instanceof Error ? error.message : String(error))
}

if (values.help) {
  console.log(usage)
  process.exit(0)
}
const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0..65535, got ${values.port}`)
const batchPaceMs = Number(values["batch-pace"])
if (!Number.isInteger(batchPaceMs) || batchPaceMs < 0) fail(`--batch-pace must be a whole number of ms`)
const cannedTotal = Number(values["canned-total"])
if (!Number.isInteger(cannedTotal) || cannedTotal < 0) fail(`--canned-total must be a whole number`)
const maxBodyBytes = Number(values["max-body-bytes"])
if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1) fail(`--max-body-bytes must be a positive whole number`)
const answerForm = ANSWER_FORMS.find((form) => form === values["answer-form"])
if (answerForm === undefined) fail(`--answer-form must be one of ${ANSWER_FORMS.join(", ")}`)

const options = {
  port,
  host: values.host,
  apiKey: values["api-key"],
  secretKey: values["secret-key"],
  verifySignatures: !values["no-verify-signatures"],
  legacySignatures: !values["no-legacy-signatures"]
}

/** What a client needs, whatever its language: the URL, the keys, where the admin API is. */
const banner = (url: string, admin: string | undefined, inspector?: string) =>
  [
    `Flow emulator listening on ${url}`,
    `  API key:    ${options.apiKey}`,
    `  secret key: ${options.secretKey}`,
    ...(admin === undefined ? [] : [`  admin API:  ${admin} (no signature; JSON or form bodies)`]),
    ...(inspector === undefined ? [] : [`  inspector:  ${inspector} (requests, refused signatures, state, actions)`]),
    `  signing:    every param but s, sorted by name, as name+value; HMAC-SHA256 with the secret key, hex`
  ].join("\n")

const onStop = (close: () => Promise<void>) => {
  const stop = () => void close().then(() => process.exit(0), () => process.exit(1))
  process.once("SIGINT", stop)
  process.once("SIGTERM", stop)
}

const exitWith = (error: unknown): never => {
  console.error(`flowcl-emulator: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}

if (values.canned) {
  // the benchmarks' stand-in: fixed answers on bare node:http (CannedServer.ts)
  void startCanned({ ...options, total: cannedTotal }).then((server) => {
    console.log(`${banner(server.url, undefined)}\n  [canned answers]`)
    onStop(server.close)
  }, exitWith)
} else {
  void start({
    ...options,
    answerForm,
    batchPaceMs,
    postForGet: !values["no-post-for-get"],
    allowHosts: values["allow-host"],
    callbackHosts: values["callback-host"],
    maxBodyBytes,
    log: (line) => {
      if (!values.quiet && !line.startsWith("Flow emulator listening")) console.log(line)
    }
  }).then((emulator) => {
    console.log(banner(emulator.url, emulator.adminUrl, emulator.inspectorUrl))
    onStop(emulator.close)
  }, exitWith)
}
