import type { DebtItem, TodoEntry } from "../../agents/specialized/tech-debt/model.js";
import type { GitHubRepo } from "../../ports/github.js";
import { escapeMarkdown, inlineCode } from "../../render/escape.js";
import { clipText } from "../../render/limits.js";
import { createMarkedIssue, listMarkedIssues } from "../outputs/living-issue.js";

export const TODO_LABEL = "concord:todo";
/** Issues created per scan, to stay far below GitHub's content-creation limits (80/min). */
export const MAX_NEW_TODO_ISSUES = 20;

/**
 * One issue per TODO fingerprint: created when the TODO appears, closed when it disappears, never
 * duplicated — only default-branch scans call this, and the fingerprint survives line moves and
 * squash merges. An issue a maintainer closed stays closed.
 */
export async function syncTodoIssues(repo: GitHubRepo, todos: TodoEntry[], items: DebtItem[]): Promise<{ created: number; closed: number }> {
  const todoItems = items.filter((item) => item.category === "todo_fixme");
  const current = new Map(todoItems.map((item) => [item.fingerprint, item]));
  const known = new Map((await listMarkedIssues(repo, TODO_LABEL, "todo")).map((issue) => [issue.key, issue]));
  let created = 0;
  for (const [fingerprint, item] of current) {
    if (known.has(fingerprint) || created >= MAX_NEW_TODO_ISSUES) continue;
    const todo = todos.find((t) => t.path === item.file && t.line === item.line);
    await createMarkedIssue(repo, {
      kind: "todo",
      key: fingerprint,
      title: clipText(`${todo?.kind ?? "TODO"}: ${todo?.text || item.message}`.replace(/\s+/g, " "), 120),
      body: [
        `${escapeMarkdown(todo?.text || item.message)}`,
        "",
        `Found in ${inlineCode(`${item.file}:${item.line}`)}${todo?.author ? ` (last changed by ${escapeMarkdown(todo.author)})` : ""}.`,
        "Concord closes this issue when the comment is removed from the default branch.",
      ].join("\n"),
      labels: [TODO_LABEL],
    });
    created++;
  }
  let closed = 0;
  for (const [fingerprint, issue] of known) {
    if (issue.state !== "open" || current.has(fingerprint)) continue;
    await repo.issues.update(issue.number, { state: "closed" });
    closed++;
  }
  return { created, closed };
}
