import type { Todo } from "../analysis/todos.js";
import type { DebtItem } from "../model.js";
import type { FindingBuilder } from "./rule-context.js";

/** The seed's weights: a fixme is high and 1 h, the other markers medium and 0.5 h. */
export function todoItems(todos: readonly Todo[], builder: FindingBuilder): DebtItem[] {
  return todos.map((todo) => {
    const fixme = todo.kind === "FIXME";
    const text = todo.text.replace(/\s+/g, " ").trim();
    return builder.build({
      rule: "todo-comment",
      severity: fixme ? "high" : "medium",
      line: todo.line,
      endLine: todo.line,
      message: text === "" ? `${todo.kind} comment.` : `${todo.kind}: ${text}`,
      remediationMinutes: fixme ? 60 : 30,
      // Identity is the note, not the line: a marker that moves stays the same finding.
      identity: `${todo.kind}\u0000${text}`,
    });
  });
}
