import { build } from "esbuild"
import { TARGETS } from "./bundle.mjs"
const [, options] = TARGETS[0]
await build({ ...options, entryPoints: ["/tmp/exp/src/index.ts"], write: true, outfile: "/work/main/packages/promise/dist/exp.mjs", plugins: [{ name: "t", setup(b) { b.onResolve({ filter: /^\.\/transport\.js$/ }, (a) => ({ path: a.resolveDir + "/transport.node.ts" })) } }, options.plugins[1]] })
