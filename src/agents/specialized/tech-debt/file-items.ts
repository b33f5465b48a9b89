import type { FileAnalysis } from "./analyse-file.js";
import type { Todo } from "./analysis/todos.js";
import type { DebtItem } from "./model.js";
import { classMethodItems, fileLengthItems } from "./rules/file-rules.js";
import { functionItems } from "./rules/function-rules.js";
import { FindingBuilder } from "./rules/rule-context.js";
import { emptyCatchItems, explicitAnyItems } from "./rules/smell-rules.js";
import { todoItems } from "./rules/todo-rule.js";
import type { DebtThresholds } from "./settings.js";

/** Every per-file finding: functions, file and class size, AST smells and to-do comments. */
export function fileItems(analysis: FileAnalysis, todos: readonly Todo[], hashes: Int32Array, thresholds: DebtThresholds): DebtItem[] {
  const builder = new FindingBuilder({ path: analysis.path, hashes });
  return [
    ...functionItems(analysis.functions, thresholds, builder),
    ...fileLengthItems(analysis.loc, hashes.length - 1, thresholds, builder),
    ...classMethodItems(analysis.classes, thresholds, builder),
    ...explicitAnyItems(analysis.anys, builder),
    ...emptyCatchItems(analysis.emptyCatches, builder),
    ...todoItems(todos, builder),
  ];
}
