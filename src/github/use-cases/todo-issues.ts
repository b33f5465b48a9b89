import type { DebtItem, TodoEntry } from "../../agents/specialized/tech-debt/model.js";
import { escapeMarkdown, inlineCode } from "../../render/escape.js";
import { clipText } from "../../render/limits.js";
import { parseMarkers } from "../../render/markers.js";
import type { GitHubGateway } from "../gateway.js";

export const TODO_LABEL = "concord:todo";
/** Issues created per scan, to stay far below GitHub's content-creation limits (80/min). */
export const MAX_NEW_TODO_ISSUES = 20;

/**
 * One issue per TODO fingerprint: created when the TODO appears, closed when it disappears, never
 * duplicated — only default-branch scans call this, and the fingerprint survives line moves and
 * squash merges. An issue a maintainer closed stays closed.
 */
export async function syncTodoIssues(gateway: GitHubGateway, todos: TodoEntry[], items: DebtItem[]): Promise<{ created: number; closed: number }> {
  const todoItems = items.filter((item) => item.category === "todo_fixme");
  const current = new Map(todoItems.map((item) => [item.fingerprint, item]));
  const existing = await gateway.octokit.paginate(gateway.octokit.rest.issues.listForRepo, { ...gateway.ref, state: "all", labels: TODO_LABEL, per_page: 100 });
  const known = new Map<string, { number: number; state: string }>();
  for (const issue of existing) {
    const key = parseMarkers(issue.body ?? "").find((m) => m.kind === "todo")?.key;
    if (key) known.set(key, { number: issue.number, state: issue.state });
  }
  let created = 0;
  for (const [fingerprint, item] of current) {
    if (known.has(fingerprint) || created >= MAX_NEW_TODO_ISSUES) continue;
    const todo = todos.find((t) => t.path === item.file && t.line === item.line);
    await gateway.createMarkedIssue({
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
    await gateway.octokit.rest.issues.update({ ...gateway.ref, issue_number: issue.number, state: "closed", state_reason: "completed" });
    closed++;
  }
  return { created, closed };
}
