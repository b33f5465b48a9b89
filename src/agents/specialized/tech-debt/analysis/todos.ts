import { forEachToken, isCommentKind, lineAt, lineStarts } from "./tokens.js";

/**
 * Work markers (the four kinds below), read only from comments: the scanner tells comments apart
 * from strings, template literals and regexes, so the word in code is never a finding.
 *
 * Where a marker counts: in any casing, with an optional leading "@", when it opens the comment
 * line, as ESLint's no-warning-comments does by default; later in the line only in upper case and
 * followed by a colon or by an owner in parentheses. Prose that merely names the word ("a hack",
 * a compound such as "todo-style", the word in the middle of a sentence) is not a marker.
 */

export const TODO_KINDS = ["TODO", "FIXME", "HACK", "XXX"] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

export interface Todo {
  path: string;
  /** 1-based line of the marker (a block comment can hold several). */
  line: number;
  kind: TodoKind;
  /** The note after the marker, owner and separator removed; may be empty. */
  text: string;
  /** The name in parentheses right after the marker. */
  owner?: string;
}

const ANY_MARKER = /todo|fixme|hack|xxx/i;
// The marker may be followed by "(owner)" and then ":" or "-" before the note.
const TAIL = String.raw`(?:\s*\(([^)]*)\))?\s*[:\-–—]?\s*(.*)$`;
// A marker ends at the end of the line, a space, ":", "(" or a dash before a space ("todo-style" is a word).
const END = String.raw`(?=$|[\s:(]|[-–—]\s)`;
const LEADING = new RegExp(String.raw`^\s*@?(todo|fixme|hack|xxx)` + END + TAIL, "i");
const UPPER_ANYWHERE = new RegExp(String.raw`\b(TODO|FIXME|HACK|XXX)(?=\s*[:(])` + TAIL);

/** The comment's lines with the comment syntax (//, /*, leading *, *\/) removed. */
function commentLines(comment: string): string[] {
  if (comment.startsWith("//")) return [comment.replace(/^\/\/+!?/, "")];
  const inner = comment.replace(/^\/\*+!?/, "").replace(/\*+\/$/, "");
  return inner.split("\n").map((line) => line.replace(/^\s*\*+(?!\/)/, ""));
}

function parseMarker(body: string): Omit<Todo, "path" | "line"> | undefined {
  const match = LEADING.exec(body) ?? UPPER_ANYWHERE.exec(body);
  if (!match) return undefined;
  const owner = match[2]?.trim();
  const todo: Omit<Todo, "path" | "line"> = {
    kind: match[1]!.toUpperCase() as TodoKind,
    text: (match[3] ?? "").replace(/\s*\*+\/\s*$/, "").trim(),
  };
  if (owner) todo.owner = owner;
  return todo;
}

export function findTodos(path: string, text: string): Todo[] {
  // Most files have no marker at all; skip the scan for them.
  if (!ANY_MARKER.test(text)) return [];
  const todos: Todo[] = [];
  let starts: Int32Array | undefined;
  forEachToken(text, path, true, (kind, start, end) => {
    if (!isCommentKind(kind)) return;
    const comment = text.slice(start, end);
    if (!ANY_MARKER.test(comment)) return;
    starts ??= lineStarts(text);
    const firstLine = lineAt(starts, start);
    commentLines(comment).forEach((body, index) => {
      const marker = parseMarker(body);
      if (marker) todos.push({ path, line: firstLine + index, ...marker });
    });
  });
  return todos;
}
