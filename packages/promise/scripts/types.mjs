#!/usr/bin/env node
/**
 * The package's declarations as published: tsc's `.d.ts` of the modules `index.d.ts` reaches, with
 * every type they take from @flowcl/core written out in full in one more file, `core-types.d.ts`, so
 * that a consumer typechecks with neither @flowcl/core nor effect installed (the JavaScript bundles
 * carry what they need of them; scripts/bundle.mjs). Written to `dist/esm` and `dist/cjs` alike.
 *
 * How: tsc emits the declarations (internals marked `@internal` stripped); each import or re-export
 * from "@flowcl/core" is pointed at "./core-types.js", and for each name it brings, TypeScript's
 * checker prints the type (an interface's properties one by one, with their doc comments; a constant's
 * type), following the core types those mention. Core's `Unrecognized<A>` brand is the one type built
 * on effect's: it is declared here with a brand of its own. The build fails if the result still names
 * @flowcl/core or effect. Needs core's declarations built (`pnpm -r build` builds core first).
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs"
import { dirname, join, relative } from "node:path"
import { fileURLToPath } from "node:url"
import ts from "typescript"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const CORE = "@flowcl/core"

/** Brands that cannot be printed from core's types (they are effect's): written by hand. */
const HANDWRITTEN = {
  Unrecognized: `/** A value of an enum that this version does not know: a status or type Flow added later, kept as Flow sent it. */
declare const unrecognized: unique symbol
export type Unrecognized<A extends number | string> = A & { readonly [unrecognized]: "@flowcl/core/Unrecognized" }`
}

const PRINT = ts.TypeFormatFlags.NoTruncation
/** `import("/…/core/dist/esm/Wire").Unrecognized`: every core type named is written out here, so just `Unrecognized`. */
const unqualify = (text) => text.replace(/import\("[^"]*"\)\./g, "")

/** tsc's declarations of src, internals stripped, in memory: file name → text. */
const emitDeclarations = () => {
  const configFile = join(root, "tsconfig.build.json")
  const { config } = ts.readConfigFile(configFile, ts.sys.readFile)
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root)
  const options = {
    ...parsed.options,
    declaration: true,
    emitDeclarationOnly: true,
    declarationMap: false,
    sourceMap: false,
    stripInternal: true,
    noEmit: false
  }
  const program = ts.createProgram(parsed.fileNames, options)
  const files = new Map()
  const emitted = program.emit(undefined, (fileName, text) => files.set(relative(options.outDir, fileName), text), undefined, true)
  // the full typecheck is `pnpm typecheck`'s; here, what stops the declarations from being right
  const diagnostics = [...program.getSyntacticDiagnostics(), ...program.getOptionsDiagnostics(), ...emitted.diagnostics]
  if (diagnostics.length > 0) {
    throw new Error(ts.formatDiagnosticsWithColorAndContext(diagnostics, {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => root,
      getNewLine: () => "\n"
    }))
  }
  return { program, files }
}

/** The `.d.ts` files `index.d.ts` reaches through relative imports. */
const reachable = (files) => {
  const seen = new Set()
  const visit = (name) => {
    if (seen.has(name) || !files.has(name)) return
    seen.add(name)
    for (const [, spec] of files.get(name).matchAll(/from "(\.\/[^"]+)\.js"/g)) visit(`${spec.slice(2)}.d.ts`)
  }
  visit("index.d.ts")
  return [...seen]
}

/** Points a file's imports from core at ./core-types.js; returns the new text and the names it uses. */
const redirect = (text) => {
  /** name → whether its value is wanted too (a value import or re-export), not only its type */
  const names = new Map()
  const want = (name, value) => names.set(name, (names.get(name) ?? false) || value)
  const out = text.replace(
    /^(import|export)( type)? (\* as (\w+)|\{([^}]*)\}) from "@flowcl\/core";$/gm,
    (_line, keyword, typeOnly, clause, namespace, list) => {
      if (namespace !== undefined) {
        // a namespace import is only ever used in types in a declaration file
        for (const [, name] of text.matchAll(new RegExp(`\\b${namespace}\\.(\\w+)`, "g"))) want(name, false)
      } else {
        for (const item of list.split(",")) {
          const name = item.trim().replace(/^type\s+/, "").split(/\s+as\s+/)[0]
          if (name) want(name, typeOnly === undefined && !/^\s*type\s/.test(item))
        }
      }
      return `${keyword}${typeOnly ?? ""} ${clause} from "./core-types.js";`
    }
  )
  return { text: out, names }
}

/** The doc comment right before a declaration, as written. */
const docOf = (declaration) => {
  const source = declaration.getSourceFile().text
  const statement = ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration
  const ranges = ts.getLeadingCommentRanges(source, statement.pos) ?? []
  const last = ranges.at(-1)
  return last && source.slice(last.pos, last.end).startsWith("/**") ? `${source.slice(last.pos, last.end)}\n` : ""
}

const propertyName = (name) => /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name)

/** Writes core's types `wanted` (and those they mention) as declarations that need nothing else. */
const coreTypes = (program, wanted) => {
  const checker = program.getTypeChecker()
  // core's module, as promise's sources import it
  const api = program.getSourceFiles().find((f) => f.fileName.endsWith("/promise/src/api.ts"))
  const importOfCore = api.statements.find((s) => ts.isImportDeclaration(s) && s.moduleSpecifier.text === CORE)
  const exports = new Map(
    checker.getExportsOfModule(checker.getSymbolAtLocation(importOfCore.moduleSpecifier)).map((s) => [s.name, s])
  )
  const resolve = (symbol) => symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol
  const fromCore = (symbol) => symbol?.declarations?.some((d) => /\/core\/(dist|src)\//.test(d.getSourceFile().fileName))

  // the names asked for, then the symbols of the core types they mention (exported by core or not)
  const queue = [...wanted.keys()]
  const done = new Set()
  const out = []
  /** Named core types a type mentions, queued to be written too. */
  const follow = (type, depth = 0) => {
    if (depth > 8) return
    const named = type.aliasSymbol ?? (type.flags & ts.TypeFlags.Object ? type.symbol : undefined)
    if (named && fromCore(named) && named.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) {
      queue.push(named)
      return
    }
    for (const argument of type.aliasTypeArguments ?? []) follow(argument, depth + 1)
    if (type.isUnionOrIntersection()) return type.types.forEach((t) => follow(t, depth + 1))
    if (type.flags & ts.TypeFlags.Object) {
      for (const info of checker.getIndexInfosOfType(type)) follow(info.type, depth + 1)
      for (const argument of checker.getTypeArguments?.(type) ?? []) follow(argument, depth + 1)
      for (const property of type.getProperties()) follow(checker.getTypeOfSymbol(property), depth + 1)
    }
  }
  const print = (type, where) => {
    follow(type)
    return unqualify(checker.typeToString(type, where, PRINT))
  }
  /** An object type's members, each with its doc comment. */
  const members = (type, where) =>
    checker.getPropertiesOfType(type).map((property, index) => ({ property, index })).sort((a, b) =>
      (a.property.declarations?.[0]?.pos ?? a.index) - (b.property.declarations?.[0]?.pos ?? b.index)
    ).map(({ property }) => {
      const declaration = property.declarations?.[0]
      const doc = ts.displayPartsToString(property.getDocumentationComment(checker))
      const optional = (property.flags & ts.SymbolFlags.Optional) !== 0
      const readonly = (ts.getCheckFlags?.(property) & ts.CheckFlags.Readonly) !== 0 ||
        (declaration !== undefined && ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Readonly) !== 0
      const text = print(checker.getTypeOfSymbol(property), where)
      return `${doc ? `  /** ${doc.replace(/\n/g, "\n   * ")} */\n` : ""}  ${readonly ? "readonly " : ""}${
        propertyName(property.name)
      }${optional ? "?" : ""}: ${text}`
    })

  while (queue.length > 0) {
    const next = queue.shift()
    const name = typeof next === "string" ? next : next.name
    if (done.has(name)) continue
    done.add(name)
    if (HANDWRITTEN[name]) {
      out.push(HANDWRITTEN[name])
      continue
    }
    const exported = typeof next === "string" ? exports.get(name) : next
    const symbol = exported ? resolve(exported) : undefined
    if (symbol === undefined) throw new Error(`${name} is not exported by ${CORE}`)
    const declarations = symbol.declarations ?? []
    const where = declarations[0]
    // a type that is also a value (a Schema, a constant of statuses): the value only when asked for
    if (symbol.flags & ts.SymbolFlags.Value && (wanted.get(name) === true || !(symbol.flags & ts.SymbolFlags.Type))) {
      const declaration = declarations.find((d) => ts.isVariableDeclaration(d))
      if (!declaration) throw new Error(`${name}: only constants of ${CORE} can be written out, not ${ts.SymbolFlags[symbol.flags]}`)
      out.push(`${docOf(declaration)}export declare const ${name}: ${print(checker.getTypeOfSymbol(symbol), declaration)}`)
    }
    if (symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) {
      const declaration = declarations.find((d) => ts.isInterfaceDeclaration(d) || ts.isTypeAliasDeclaration(d))
      const type = checker.getDeclaredTypeOfSymbol(symbol)
      const parameters = declaration.typeParameters ? `<${declaration.typeParameters.map((p) => p.getText()).join(", ")}>` : ""
      const isObject = type.flags & ts.TypeFlags.Object && !type.isUnionOrIntersection() &&
        checker.getSignaturesOfType(type, ts.SignatureKind.Call).length === 0
      out.push(
        isObject
          ? `${docOf(declaration)}export interface ${name}${parameters} {\n${members(type, declaration).join("\n")}\n}`
          : `${docOf(declaration)}export type ${name}${parameters} = ${
            unqualify(checker.typeToString(type, declaration.parent, PRINT | ts.TypeFormatFlags.InTypeAlias))
          }`
      )
    }
  }
  return `/**
 * The types of @flowcl/core that @flowcl/promise's API shows, written out by scripts/types.mjs so that
 * they need neither @flowcl/core nor effect. Generated at build time; do not edit.
 */
${out.join("\n\n")}
`
}

export const writeTypes = () => {
  const { files, program } = emitDeclarations()
  const written = new Map()
  const names = new Map()
  for (const file of reachable(files)) {
    const redirected = redirect(files.get(file))
    written.set(file, redirected.text)
    for (const [name, value] of redirected.names) names.set(name, (names.get(name) ?? false) || value)
  }
  written.set("core-types.d.ts", coreTypes(program, names))
  for (const [file, text] of written) {
    const stray = /from "(@flowcl\/core|effect|@effect\/[^"]*)[^"]*"|import\("(@flowcl\/core|effect)/.exec(text)
    if (stray) throw new Error(`${file} still refers to ${stray[0]}`)
  }
  for (const dir of ["dist/esm", "dist/cjs"]) {
    const target = join(root, dir)
    mkdirSync(target, { recursive: true })
    // what an older build left (tsc's per-module JavaScript, maps) is not published
    for (const old of readdirSync(target)) {
      if (old !== "index.js" && old !== "package.json" && !written.has(old)) rmSync(join(target, old), { recursive: true })
    }
    for (const [file, text] of written) writeFileSync(join(target, file), text)
  }
  return [...written.keys()]
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(`declarations: ${writeTypes().join(", ")}`)
