#!/usr/bin/env node
// Counts the public exports of @flowcl/core, @flowcl/promise and @flowcl/emulator that have no doc
// comment, and names them. Exits 1 when any package has one (CI: .ci/docs; `pnpm docs:check`).
//
// What counts as public: every symbol a package's `src/index.ts` exports, re-exports followed to their
// declarations (`export * from`, `export { a as b }`, aliases); the members of a namespace re-export
// (`export * as Pagination`) as `Pagination.name`; and, in @flowcl/promise, the members of every
// exported class and interface (the `Flow` class, `flow.customers`, `.card`, `.payments`, the options),
// since those are what an editor shows on hover. A symbol is documented when each of its declarations
// written in this repository carries a JSDoc comment (for a class member, one inherited from the
// interface it implements counts, as editors show that one). Declarations from other packages
// (effect, …) are not ours to document and are skipped.
import { readFileSync } from "node:fs"
import { dirname, join, relative, sep } from "node:path"
import { fileURLToPath } from "node:url"
import ts from "typescript"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
// Each package's entries are read from its package.json `exports` (the `@flowcl/source` condition names
// the source of each entry: `.`, and subpaths such as `@flowcl/core/node`).
const entriesOf = (dir) => {
  const manifest = JSON.parse(readFileSync(join(root, "packages", dir, "package.json"), "utf8"))
  return Object.entries(manifest.exports ?? {}).flatMap(([subpath, target]) =>
    typeof target === "object" && typeof target["@flowcl/source"] === "string"
      ? [{ name: manifest.name + subpath.slice(1), entry: join("packages", dir, target["@flowcl/source"]) }]
      : []
  )
}
const packages = [
  // core follows Effect's convention: each export's comment also says `@since` and `@category`
  ...entriesOf("core").map((e) => ({ ...e, members: false, tags: ["since", "category"] })),
  ...entriesOf("promise").map((e) => ({ ...e, members: true, tags: [] })),
  ...entriesOf("emulator").map((e) => ({ ...e, members: false, tags: [] }))
]
/** `--where`: each name with the file and line of its declaration. */
const where = process.argv.includes("--where")
if (process.argv.includes("--no-tags")) for (const pkg of packages) pkg.tags = []

const base = ts.readConfigFile(join(root, "tsconfig.base.json"), ts.sys.readFile)
const { options } = ts.parseJsonConfigFileContent(base.config, ts.sys, root)
const program = ts.createProgram({
  rootNames: packages.map((p) => join(root, p.entry)),
  options: { ...options, noEmit: true }
})
const checker = program.getTypeChecker()

/** Whether a declaration is written in this repository (not in node_modules). */
const ours = (declaration) => {
  const file = declaration.getSourceFile().fileName
  return !file.split(/[\\/]/).includes("node_modules") && relative(root, file).split(sep)[0] !== ".."
}

/** Whether a declaration carries a JSDoc comment with some text or a tag, and each of `tags`. */
const hasJsDoc = (declaration, tags = []) => {
  if (tags.length > 0) {
    const present = new Set(ts.getJSDocTags(declaration).map((tag) => tag.tagName.text))
    if (!tags.every((tag) => present.has(tag))) return false
  }
  // a variable's comment sits on its statement; getJSDocCommentsAndTags climbs there
  const docs = ts.getJSDocCommentsAndTags(declaration)
  return docs.some((doc) =>
    ts.isJSDoc(doc)
      ? (typeof doc.comment === "string" ? doc.comment.trim() !== "" : (doc.comment?.length ?? 0) > 0) ||
        (doc.tags?.length ?? 0) > 0
      : true
  )
}

const resolve = (symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol)

/** A namespace re-export (`export * as X from "./X.js"`): the module it names. */
const namespaceModule = (symbol) => {
  const resolved = resolve(symbol)
  const declaration = resolved.declarations?.[0]
  return declaration !== undefined && ts.isSourceFile(declaration) ? resolved : undefined
}

/** A type-only declaration: an interface or a type alias. */
const isTypeOnly = (declaration) => ts.isTypeAliasDeclaration(declaration) || ts.isInterfaceDeclaration(declaration)

/**
 * Whether a symbol's own declarations, those written here, all carry a doc comment. A value and its
 * type of the same name (`export const Payment = WireStruct(…)` and `export interface Payment …`) are
 * one export: an editor shows the value's comment on both, so the type's may be left out.
 */
const documented = (symbol, tags) => {
  const declarations = (resolve(symbol).declarations ?? []).filter(ours)
  if (declarations.every((declaration) => hasJsDoc(declaration, tags))) return true
  const values = declarations.filter((declaration) => !isTypeOnly(declaration))
  return values.length > 0 && values.length < declarations.length && values.every((d) => hasJsDoc(d, tags))
}

/** `file:line` of a symbol's first declaration of ours that lacks its comment (or tags). */
const locate = (symbol, tags = []) => {
  const declarations = (resolve(symbol).declarations ?? []).filter(ours)
  const declaration = declarations.find((d) => !hasJsDoc(d, tags)) ?? declarations[0]
  if (declaration === undefined) return ""
  const file = declaration.getSourceFile()
  return ` (${relative(root, file.fileName)}:${file.getLineAndCharacterOfPosition(declaration.getStart()).line + 1})`
}

/** Whether a class or interface member is documented, its own comment or an inherited one. */
const memberDocumented = (member) => {
  const declarations = (member.declarations ?? []).filter(ours)
  if (declarations.length === 0 || declarations.every(hasJsDoc)) return true
  // a class member implementing a documented interface member shows that comment on hover
  return member.getDocumentationComment(checker).length > 0
}

/** The members an editor lists for an exported class or interface of ours. */
const membersOf = (symbol) => {
  const resolved = resolve(symbol)
  if (!(resolved.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Interface))) return []
  const declaration = (resolved.declarations ?? []).find(ours)
  if (declaration === undefined) return []
  const type = checker.getDeclaredTypeOfSymbol(resolved)
  const members = [...checker.getPropertiesOfType(type)]
  if (resolved.flags & ts.SymbolFlags.Class) members.push(...checker.getPropertiesOfType(checker.getTypeOfSymbol(resolved)))
  return members.filter((member) => {
    if (member.name === "prototype" || member.name.startsWith("#") || member.name.startsWith("__@")) return false
    const declarations = (member.declarations ?? []).filter(ours)
    if (declarations.length === 0) return false // inherited from Error, Promise, …
    return declarations.every((d) => !(ts.getCombinedModifierFlags(d) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)))
  })
}

let failed = false
for (const pkg of packages) {
  const file = program.getSourceFile(join(root, pkg.entry))
  const module = file && checker.getSymbolAtLocation(file)
  if (module === undefined) throw new Error(`cannot read ${pkg.entry}`)
  const missing = new Map()
  let total = 0
  const visit = (name, symbol, withMembers) => {
    total++
    const namespace = namespaceModule(symbol)
    if (namespace !== undefined) {
      // the namespace's doc is its `export * as` line, or the comment opening its file
      const exportDeclaration = (symbol.declarations ?? []).find((d) => ts.isNamespaceExport(d))?.parent
      const fileDocumented = exportDeclaration !== undefined && hasJsDoc(exportDeclaration, pkg.tags)
      if (!fileDocumented) missing.set(name, "")
      for (const inner of checker.getExportsOfModule(namespace)) visit(`${name}.${inner.name}`, inner, withMembers)
      return
    }
    if (!documented(symbol, pkg.tags)) missing.set(name, locate(symbol, pkg.tags))
    if (withMembers) {
      for (const member of membersOf(symbol)) {
        total++
        if (!memberDocumented(member)) missing.set(`${name}.${member.name}`, locate(member))
      }
    }
  }
  for (const symbol of checker.getExportsOfModule(module)) visit(symbol.name, symbol, pkg.members)
  if (missing.size > 0) failed = true
  console.log(`${pkg.name}: ${missing.size} of ${total} public exports without a doc comment`)
  for (const name of [...missing.keys()].sort()) console.log(`  ${name}${where ? missing.get(name) : ""}`)
}
process.exit(failed ? 1 : 0)
