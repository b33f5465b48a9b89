import { isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import type { ConfigError } from "./config-error.js";

// Anchors and aliases are fine in moderation; more expansions than this is a "billion laughs" file.
export const MAX_YAML_ALIASES = 64;
/** The config nests four or five levels; input far deeper than that is there to exhaust the stack. */
export const MAX_YAML_DEPTH = 32;

export type PathSegment = string | number;
export type LocateLine = (path: readonly PathSegment[]) => number | undefined;

export type ReadYamlResult = { ok: true; value: unknown; locate: LocateLine } | { ok: false; errors: ConfigError[] };

const TOO_DEEP = `nests lists or mappings more than ${MAX_YAML_DEPTH} levels deep`;

/** YAML 1.2 core schema only: no custom or extra tags (`!!js/function`, `!!binary`), no merge keys, unique plain keys, bounded depth and aliases. */
export function readYaml(text: string): ReadYamlResult {
  const lineCounter = new LineCounter();
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  try {
    const doc = parseDocument(text, {
      lineCounter,
      schema: "core",
      customTags: [],
      // `!!binary`, `!!set`, `!!omap` and `!!timestamp` would otherwise be read as objects no key names.
      resolveKnownTags: false,
      merge: false,
      uniqueKeys: true,
      strict: true,
      prettyErrors: false,
    });
    // Unresolved tags are only warnings to the yaml package; here they are errors, never strings.
    const problems = [...doc.errors, ...doc.warnings].map(
      (problem): ConfigError => ({ path: "", line: lineAt(problem.pos[0]), message: describeYamlProblem(problem.code, problem.message) }),
    );
    // Input deep enough to exhaust the parser's stack is reported at every level it unwound through: once is enough.
    const tooDeep = problems.find((problem) => problem.message === TOO_DEEP);
    if (tooDeep) return { ok: false, errors: [tooDeep] };
    if (problems.length > 0) return { ok: false, errors: problems };
    const shape = findShapeProblem(doc, lineAt);
    if (shape) return { ok: false, errors: [shape] };
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }), locate: (path) => locate(doc, path, lineAt) };
  } catch (error) {
    return { ok: false, errors: [{ path: "", message: describeReadFailure(error) }] };
  }
}

function describeYamlProblem(code: string, message: string): string {
  const firstLine = message.split("\n")[0] ?? message;
  if (/Maximum call stack size exceeded/.test(firstLine)) return TOO_DEEP;
  if (code === "TAG_RESOLVE_FAILED") return `custom YAML tags are not allowed (${firstLine.replace(/^Unresolved tag: /, "").replace("tag:yaml.org,2002:", "!!")})`;
  return firstLine.replace(/ at line \d+, column \d+:?$/, "");
}

function describeReadFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : "";
  if (/Excessive alias count/.test(message)) return `YAML aliases expand too far (more than ${MAX_YAML_ALIASES}); write the values out instead`;
  const alias = /^Unresolved alias[^:]*: (.*)$/.exec(message)?.[1];
  if (alias !== undefined) return `uses the alias *${alias.slice(0, 40)}, but no anchor &${alias.slice(0, 40)} comes before it`;
  if (error instanceof RangeError) return TOO_DEEP;
  return "the YAML could not be read";
}

// Walked with an explicit stack: the point is to refuse input deep enough to overflow a recursive walk.
function findShapeProblem(doc: Document, lineAt: (offset: number) => number): ConfigError | undefined {
  const pending: { node: unknown; depth: number }[] = [{ node: doc.contents, depth: 1 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { node, depth } = next;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > MAX_YAML_DEPTH) return { path: "", line: lineAt(node.range?.[0] ?? 0), message: TOO_DEEP };
    for (const item of node.items) {
      if (!isPair(item)) {
        pending.push({ node: item, depth: depth + 1 });
        continue;
      }
      if (item.key !== null && !isScalar(item.key)) {
        const offset = isNode(item.key) ? (item.key.range?.[0] ?? 0) : 0;
        return { path: "", line: lineAt(offset), message: "uses a list, a mapping or an alias as a key; keys must be plain text" };
      }
      pending.push({ node: item.value, depth: depth + 1 });
    }
  }
  return undefined;
}

// The line of the key at `path`, or of the nearest enclosing key that exists in the file.
function locate(doc: Document, path: readonly PathSegment[], lineAt: (offset: number) => number): number | undefined {
  for (let depth = path.length; depth > 0; depth--) {
    const offset = entryOffset(doc, path.slice(0, depth));
    if (offset !== undefined) return lineAt(offset);
  }
  return undefined;
}

function entryOffset(doc: Document, path: readonly PathSegment[]): number | undefined {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  const key = path[path.length - 1];
  if (isMap(parent)) {
    const pair = parent.items.find((item) => isScalar(item.key) && String(item.key.value) === String(key));
    return isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
  }
  if (isSeq(parent) && typeof key === "number") {
    const item: unknown = parent.items[key];
    return isNode(item) ? item.range?.[0] : undefined;
  }
  return undefined;
}
