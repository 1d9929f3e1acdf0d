import { fileURLToPath } from "node:url"
import { defineProject } from "vitest/config"

// Workspace packages resolve to their TypeScript source (the "@flowcl/source" export condition),
// except this one: its tests import "@flowcl/promise", which is the published Node bundle, built by
// the global setup before they run.
const conditions = ["@flowcl/source", "module", "node", "development|production"]
const alias = [{ find: /^@flowcl\/promise$/, replacement: fileURLToPath(new URL("./dist/esm/index.js", import.meta.url)) }]

export default defineProject({
  resolve: { conditions, alias },
  ssr: { resolve: { conditions } },
  test: {
    name: "promise",
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/bundle.ts"]
  }
})
