/**
 * The workerd entry (bundled by scripts/smoke.mjs for the `workerd`, `worker` and `browser`
 * conditions, run by miniflare with no compatibility flag, so without `nodejs_compat`).
 * `env.TARGET` is the emulator as JSON; the answer is both APIs' results.
 */
import { runBoth, type Target } from "./smoke.js"

export default {
  async fetch(_request: Request, env: { readonly TARGET: string }): Promise<Response> {
    const results = await runBoth(JSON.parse(env.TARGET) as Target, "workerd")
    // what the smoke claims: no Node globals here (no nodejs_compat)
    const nodeGlobals = typeof (globalThis as { process?: unknown }).process !== "undefined" ||
      typeof (globalThis as { Buffer?: unknown }).Buffer !== "undefined"
    return Response.json({ nodeGlobals, results })
  }
}
