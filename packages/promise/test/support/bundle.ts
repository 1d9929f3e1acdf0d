/**
 * vitest's globalSetup for this package: bundles it (scripts/bundle.mjs, about a second) before any
 * test runs, so that the tests exercise the JavaScript that is published (dist/esm/index.js, see
 * vitest.config.ts) and `vitest run` needs no build step first.
 */
export default async function setup(): Promise<void> {
  // @ts-expect-error: a plain ESM script, without declarations
  const { bundle } = (await import("../../scripts/bundle.mjs")) as { bundle: () => Promise<unknown> }
  await bundle()
}
