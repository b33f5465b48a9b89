import type { Todo } from "./analysis/todos.js";
import type { TodoEntry } from "./model.js";
import type { BlameEntry, BlameFn } from "./scan-options.js";

const DAY_MS = 86_400_000;
/** Blame runs git per file; a few at a time keeps a big repository from spawning hundreds at once. */
const BLAME_CONCURRENCY = 4;

/**
 * To-do entries with author and age from blame, one lookup per file. A failed or missing blame
 * leaves the to-do undated: missing history must not hide a finding.
 */
export async function dateTodos(todos: readonly Todo[], blame: BlameFn | undefined, now: Date): Promise<TodoEntry[]> {
  const blames = new Map<string, ReadonlyMap<number, BlameEntry> | undefined>();
  if (blame !== undefined) {
    const paths = [...new Set(todos.map((todo) => todo.path))];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < paths.length) {
        const path = paths[next++]!;
        blames.set(path, await blame(path).catch(() => undefined));
      }
    };
    await Promise.all(Array.from({ length: Math.min(BLAME_CONCURRENCY, paths.length) }, worker));
  }
  return todos.map((todo) => {
    const entry: TodoEntry = { path: todo.path, line: todo.line, kind: todo.kind, text: todo.text };
    if (todo.owner !== undefined) entry.owner = todo.owner;
    const info = blames.get(todo.path)?.get(todo.line);
    if (info !== undefined) {
      entry.author = info.author;
      const authored = Date.parse(info.authorTime);
      if (!Number.isNaN(authored)) entry.ageDays = Math.max(0, Math.floor((now.getTime() - authored) / DAY_MS));
    }
    return entry;
  });
}
