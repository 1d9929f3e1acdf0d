import { defineProject } from "vitest/config"

// Workspace packages resolve to their TypeScript source (the "@flowcl/source" export condition).
const conditions = ["@flowcl/source", "module", "node", "development|production"]

export default defineProject({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    name: "examples",
    include: ["examples.test.ts"]
  }
})
