import type { ts } from "ts-morph";
import { codeLinePrefix } from "./code-lines.js";
import type { FunctionMetrics } from "./function-metrics.js";
import { UnitWalk, type Unit } from "./unit-walk.js";
import { visitNode } from "./visit-table.js";
import { ENTER_UNIT, EXIT } from "./walk-flags.js";

/*
 * One iterative pre-order walk over the TypeScript AST computes every metric of every unit.
 * Iterative (explicit stack, no recursion) so that left-deep trees such as `a && b && …`
 * thousands long cannot overflow the call stack; the parser has its own limit, see
 * parse-source.ts. Type-only subtrees are never entered: nothing in them counts.
 * The stack is walk-stack.ts, unit bookkeeping and scoring steps unit-walk.ts, and what each
 * kind of node scores the visit-*.ts files, dispatched by SyntaxKind in visit-table.ts.
 *
 * Units are what ESLint's code-path analysis calls code paths, minus the program: functions,
 * arrows, methods, accessors, constructors (all with a body), class field initializers
 * (`x = …`, not `accessor x = …`, which ESLint folds into the enclosing path) and class static
 * blocks. Decorators and computed keys of a member belong to the enclosing unit; parameters
 * (with their decorators and defaults) belong to the function.
 *
 * cyclomatic — ESLint `complexity` (classic): 1 + if, loops, `case x:`, catch, `?:`,
 *   `&&` `||` `??`, `&&=` `||=` `??=`, every `?.`, every default value (parameters and
 *   destructuring, including destructuring assignments).
 *
 * cognitive — eslint-plugin-sonarjs 4.2.2 `cognitive-complexity`, per-function report: the
 *   function's own points, nesting counted from the function itself. Points: +1+nesting for
 *   if (not else-if), loops, switch, catch and `?:`; +1 for else-if, else, labelled
 *   break/continue and each run of `&&` (see logical-sequences.ts). Nesting grows inside
 *   if/else branches, loop bodies, switch cases, catch bodies and `?:` branches. Nested
 *   functions start from zero and add nothing to their parent. The rule's other machinery
 *   (second-level functions folded into the top-level one, React components) only feeds its
 *   file-level metric, never a function's report, so it is not reproduced. It has no
 *   recursion increment in this version.
 *   One quirk is reproduced on purpose: when a function is itself a `?:` branch (or an
 *   `if (x) function f() {}` branch), the rule raises the parent's nesting on entering it and
 *   lowers the child's on leaving, so the parent stays one level deeper for the rest of its body.
 *   Class field initializers and static blocks are not functions to the rule: their points go
 *   to the enclosing function at its nesting. Their own `cognitive` here is what the rule would
 *   report if they were functions (counted from zero, nested class members included).
 *
 * maxNesting — ESLint `max-depth`: if (not else-if), switch, try, loops and with.
 */

export function analyzeFunctions(sourceFile: ts.SourceFile): FunctionMetrics[] {
  const walk = new UnitWalk(sourceFile);
  const { nodes, flags, parents } = walk;
  walk.pushChildren(sourceFile);
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const nodeFlags = flags.pop()!;
    const parent = parents.pop();
    if (nodeFlags & EXIT) walk.leave(nodeFlags);
    else if (nodeFlags & ENTER_UNIT) walk.enterUnit(node, parent);
    else visitNode(walk, node, nodeFlags, parent);
  }
  return toMetrics(sourceFile, walk.units, walk.opaque);
}

function toMetrics(sourceFile: ts.SourceFile, units: readonly Unit[], opaque: number[]): FunctionMetrics[] {
  if (units.length === 0) return [];
  sortSpans(opaque);
  const lineStarts = sourceFile.getLineStarts();
  const codeLines = codeLinePrefix(sourceFile.text, lineStarts, opaque);
  return units.map((unit) => {
    const start = sourceFile.getLineAndCharacterOfPosition(unit.start);
    const endLine = sourceFile.getLineAndCharacterOfPosition(unit.end).line;
    return {
      name: unit.name,
      kind: unit.kind,
      line: start.line + 1,
      column: start.character + 1,
      endLine: endLine + 1,
      cyclomatic: unit.cyclomatic,
      cognitive: unit.cognitive,
      params: unit.params,
      loc: codeLines[endLine + 1]! - codeLines[start.line]!,
      maxNesting: unit.maxDepth,
    };
  });
}

/** Spans arrive in visiting order, which is source order except for siblings of different depth. */
function sortSpans(spans: number[]): void {
  let sorted = true;
  for (let i = 2; i < spans.length && sorted; i += 2) sorted = spans[i - 2]! <= spans[i]!;
  if (sorted) return;
  const pairs: [number, number][] = [];
  for (let i = 0; i < spans.length; i += 2) pairs.push([spans[i]!, spans[i + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  pairs.forEach(([start, end], i) => {
    spans[2 * i] = start;
    spans[2 * i + 1] = end;
  });
}
