import { tmpdir } from "node:os"
import { join } from "node:path"
import { defineConfig } from "vitest/config"
import { FaultMatrixReporter } from "./packages/integration/test/fault-matrix/reporter.js"
import projects from "./vitest.workspace.js"

// The fault-matrix test writes its results here; the reporter prints them once the run is over.
const faultMatrixReport = join(tmpdir(), `flowcl-fault-matrix-${process.pid}.md`)
process.env["FLOWCL_FAULT_MATRIX_REPORT"] = faultMatrixReport

export default defineConfig({
  test: {
    projects,
    reporters: ["default", new FaultMatrixReporter(faultMatrixReport)]
  }
})
