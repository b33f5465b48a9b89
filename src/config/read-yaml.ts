import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import type { ConfigError } from "./config-error.js";

// Anchors and aliases are fine in moderation; more expansions than this is a "billion laughs" file.
export const MAX_YAML_ALIASES = 64;

export type PathSegment = string | number;
export type LocateLine = (path: readonly PathSegment[]) => number | undefined;

export type ReadYamlResult = { ok: true; value: unknown; locate: LocateLine } | { ok: false; errors: ConfigError[] };

/** YAML 1.2 core schema only: no custom tags (`!!js/function`), no merge keys, unique keys. */
export function readYaml(text: string): ReadYamlResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    schema: "core",
    customTags: [],
    merge: false,
    uniqueKeys: true,
    strict: true,
    prettyErrors: false,
  });
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  // Unresolved tags are only warnings to the yaml package; here they are errors, never strings.
  const problems = [...doc.errors, ...doc.warnings].map(
    (problem): ConfigError => ({ path: "", line: lineAt(problem.pos[0]), message: describeYamlProblem(problem.code, problem.message) }),
  );
  if (problems.length > 0) return { ok: false, errors: problems };
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }), locate: (path) => locate(doc, path, lineAt) };
  } catch (error) {
    const message =
      error instanceof ReferenceError
        ? `YAML aliases expand too far (more than ${MAX_YAML_ALIASES}); write the values out instead`
        : "the YAML could not be read";
    return { ok: false, errors: [{ path: "", message }] };
  }
}

function describeYamlProblem(code: string, message: string): string {
  const firstLine = message.split("\n")[0] ?? message;
  if (code === "TAG_RESOLVE_FAILED") return `custom YAML tags are not allowed (${firstLine.replace(/^Unresolved tag: /, "").replace("tag:yaml.org,2002:", "!!")})`;
  return firstLine.replace(/ at line \d+, column \d+:?$/, "");
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
