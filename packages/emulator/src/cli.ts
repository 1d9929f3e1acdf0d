/**
 * `flowcl-emulator --port 8080 --api-key K --secret-key S`: runs the emulator until Ctrl-C,
 * printing its URL and one line per request.
 */
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import { parseArgs } from "node:util"
import { ANSWER_FORMS } from "./Answers.js"
import { startCanned } from "./CannedServer.js"
import { DEFAULT_API_KEY, DEFAULT_SECRET_KEY, layer } from "./EmulatorServer.js"

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

if (values.canned) {
  // the benchmarks' stand-in: fixed answers on bare node:http (CannedServer.ts)
  void startCanned({ ...options, total: cannedTotal }).then((server) => {
    console.log(`Flow emulator listening on ${server.url} [canned answers]`)
    const stop = () => void server.close().then(() => process.exit(0))
    process.once("SIGINT", stop)
    process.once("SIGTERM", stop)
  })
} else {
  const emulator = layer({
    ...options,
    answerForm,
    batchPaceMs,
    postForGet: !values["no-post-for-get"],
    log: (line) => {
      if (!values.quiet || line.startsWith("Flow emulator listening")) console.log(line)
    }
  })
  NodeRuntime.runMain(Layer.launch(emulator).pipe(Effect.tapErrorCause(Effect.logError)))
}
