/**
 * Schema's parse errors → a field path (`batchRows[2].amount`) and one readable line per bad field,
 * for validation and decode errors alike.
 *
 * Values are quoted short. Schema's own messages render the offending value in full (`Expected number,
 * actual "…"`), which for a 10 MB string of the wrong type would take a 10 MB message and the time to
 * build it; here every quoted value is a {@link preview} of at most 80 characters, path keys are cut
 * alike, and at most {@link MAX_FIELDS} fields are described, so that the path of the first one is
 * always in the message.
 */
import * as ParseResult from "effect/ParseResult"
import * as AST from "effect/SchemaAST"
import * as Option from "effect/Option"
import { preview } from "./Wire.js"

/** The most fields described in one message; the others are counted. */
const MAX_FIELDS = 10
/** The longest description of one field kept (a schema's own message may be long). */
const MAX_LINE = 300
/** The longest path key shown: a hostile input may use a 10 MB key. */
const MAX_KEY = 80
/** Deeper issue trees than any schema here builds are described by their path alone. */
const MAX_ISSUE_DEPTH = 500

const cut = (text: string, max: number): string => text.length > max ? `${text.slice(0, max)}…` : text

/**
 * `["batchRows", 2, "amount"]` → `batchRows[2].amount`. Each key is cut to 80 characters.
 *
 * @since 0.1.0
 * @category errors
 */
export const formatPath = (path: ReadonlyArray<PropertyKey>): string => {
  let out = ""
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`
    else {
      const name = cut(String(key), MAX_KEY)
      out += out === "" ? name : `.${name}`
    }
  }
  return out
}

/**
 * The path of the first issue, and one line per bad field as `path: message`. The alternatives of a
 * union arrive as one issue each; they are merged into one `Expected A | B, actual x` per field.
 *
 * @since 0.1.0
 * @category errors
 */
export const describeParseError = (error: ParseResult.ParseError): { readonly path: string; readonly message: string } => {
  let issues: ReadonlyArray<ParseResult.ArrayFormatterIssue>
  try {
    issues = ParseResult.ArrayFormatter.formatIssueSync(withPreviews(error.issue, 0))
  } catch {
    // a value too deep for any rendering, or an issue tree deeper than any schema here: the path alone
    const path = formatPath(firstPath(error.issue))
    return { path, message: `${path === "" ? "" : `${path}: `}unexpected value (too deeply nested to show)` }
  }
  const byPath = new Map<string, Array<string>>()
  for (const issue of issues) {
    const path = formatPath(issue.path)
    const messages = byPath.get(path) ?? []
    if (!messages.includes(issue.message)) messages.push(issue.message)
    byPath.set(path, messages)
  }
  const lines: Array<string> = []
  for (const [path, messages] of byPath) {
    if (lines.length === MAX_FIELDS) break
    const message = cut(mergeAlternatives(messages), MAX_LINE)
    lines.push(path === "" ? message : `${path}: ${message}`)
  }
  const more = byPath.size - lines.length
  return {
    path: byPath.keys().next().value ?? "",
    message: more > 0 ? `${lines.join("; ")}; and ${more} more field${more === 1 ? "" : "s"}` : lines.join("; ")
  }
}

/** The title Schema gives its built-in filters (`int`, `maxLength(10000)`, …). */
const getAutoTitle = AST.getAnnotation<string>(Symbol.for("effect/annotation/AutoTitle"))

/** What Schema names as expected for a value of the wrong type (its default message, without the value). */
const expectedOf = (ast: AST.AST): string => {
  if (!AST.isRefinement(ast)) return String(ast)
  // the order Schema's own default message uses
  const named: Option.Option<string> = AST.getDescriptionAnnotation(ast).pipe(
    Option.orElse(() => AST.getTitleAnnotation(ast)),
    Option.orElse(() => getAutoTitle(ast)),
    Option.orElse(() => AST.getIdentifierAnnotation(ast))
  )
  return Option.getOrElse(named, () => `{ ${String(ast.from)} | filter }`)
}

/**
 * The issue tree with Schema's default message of each wrong-typed value set to the same text with the
 * value previewed: `Expected number, actual "xxxx…" (10000000 characters)`. Messages a schema gives
 * (its annotations, its filters' own texts) are left as they are; they never render the whole value.
 */
const withPreviews = (issue: ParseResult.ParseIssue, depth: number): ParseResult.ParseIssue => {
  if (depth > MAX_ISSUE_DEPTH) throw new RangeError("parse issue too deep")
  switch (issue._tag) {
    case "Type":
      return issue.message !== undefined
        ? issue
        : new ParseResult.Type(issue.ast, issue.actual, `Expected ${expectedOf(issue.ast)}, actual ${preview(issue.actual)}`)
    case "Pointer":
      return new ParseResult.Pointer(issue.path, issue.actual, withPreviews(issue.issue, depth + 1))
    case "Refinement":
      return new ParseResult.Refinement(issue.ast, issue.actual, issue.kind, withPreviews(issue.issue, depth + 1))
    case "Transformation":
      return new ParseResult.Transformation(issue.ast, issue.actual, issue.kind, withPreviews(issue.issue, depth + 1))
    case "Composite":
      return new ParseResult.Composite(
        issue.ast,
        issue.actual,
        Array.isArray(issue.issues)
          ? (issue.issues as ReadonlyArray<ParseResult.ParseIssue>).map((inner) => withPreviews(inner, depth + 1)) as [
            ParseResult.ParseIssue,
            ...Array<ParseResult.ParseIssue>
          ]
          : withPreviews(issue.issues as ParseResult.ParseIssue, depth + 1),
        issue.output
      )
    default:
      // Missing, Unexpected, Forbidden: their messages name no value
      return issue
  }
}

/** The path of the first leaf of a parse issue, walked without rendering any value. */
const firstPath = (issue: ParseResult.ParseIssue): ReadonlyArray<PropertyKey> => {
  const path: Array<PropertyKey> = []
  let current: ParseResult.ParseIssue | undefined = issue
  for (let depth = 0; current !== undefined && depth < 1000; depth++) {
    switch (current._tag) {
      case "Pointer":
        path.push(...(Array.isArray(current.path) ? current.path : [current.path as PropertyKey]))
        current = current.issue
        break
      case "Composite":
        current = Array.isArray(current.issues) ? current.issues[0] : current.issues as ParseResult.ParseIssue
        break
      case "Refinement":
      case "Transformation":
        current = current.issue
        break
      default:
        current = undefined
    }
  }
  return path
}

const mergeAlternatives = (all: ReadonlyArray<string>): string => {
  // An optional field may always be absent: "Expected undefined" beside the real complaint is noise.
  const messages = all.length > 1 ? all.filter((m) => !m.startsWith("Expected undefined")) : all
  if (messages.length === 1) return messages[0]!
  const parsed = messages.map((m) => /^Expected (.*), actual (.*)$/s.exec(m))
  const actual = parsed[0]?.[2]
  if (parsed.every((p) => p !== null && p[2] === actual)) {
    return `Expected ${parsed.map((p) => p![1]).join(" | ")}, actual ${actual}`
  }
  return messages.join(", or ")
}
