/**
 * Settings every test project shares: workspace packages resolve to their TypeScript source through
 * the `@flowcl/source` export condition, ahead of Vite's own server conditions.
 */
const conditions = ["@flowcl/source", "module", "node", "development|production"]

export const shared = {
  resolve: { conditions },
  ssr: { resolve: { conditions } }
}
