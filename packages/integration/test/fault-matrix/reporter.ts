/**
 * Prints the fault matrix at the end of the test run, after vitest's own summary. The matrix test
 * (running in a worker) writes its table to the file named by FLOWCL_FAULT_MATRIX_REPORT.
 */
import { existsSync, readFileSync, rmSync } from "node:fs"
import type { Reporter } from "vitest/node"

export class FaultMatrixReporter implements Reporter {
  constructor(private readonly file: string) {}

  onInit(): void {
    rmSync(this.file, { force: true })
  }

  onTestRunEnd(): void {
    if (!existsSync(this.file)) return
    console.log(`\n${readFileSync(this.file, "utf8")}\n`)
    rmSync(this.file, { force: true })
  }
}
