import { ts } from "ts-morph";
import { codeLinePrefix } from "./code-lines.js";
import type { FunctionKind, FunctionMetrics } from "./function-metrics.js";
import { andSequenceIncrements, isJsxShortCircuit, isLogicalExpression, skipParentheses } from "./logical-sequences.js";
import { skipTrivia } from "./skip-trivia.js";
import { describeUnit, unitStart } from "./describe-unit.js";

/*
 * One iterative pre-order walk over the TypeScript AST computes every metric of every unit.
 * Iterative (explicit stack, no recursion) so that left-deep trees such as `a && b && …`
 * thousands long cannot overflow the call stack; the parser has its own limit, see
 * parse-source.ts. Type-only subtrees are never entered: nothing in them counts.
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

const K = ts.SyntaxKind;
const FIRST_NODE = K.FirstNode;
const FIRST_TYPE_NODE = K.FirstTypeNode;
const LAST_TYPE_NODE = K.LastTypeNode;

// Flags carried by stack entries. The first four describe the node's position, the rest
// mark synthetic entries: leave-node bookkeeping and the start of a member's own unit.
const NEST = 1; // sonarjs nesting node
const CONSIDERED = 2; // operand of a logical tree already counted from its root
const ELSE_IF = 4;
const TARGET = 8; // destructuring-assignment target: `x = d` here is a default value
const EXIT = 16;
const ENTER_UNIT = 32;
const UNDO_NEST = 64;
const UNDO_DEPTH = 128;
const POP_UNIT = 256;

interface Unit {
  readonly kind: FunctionKind;
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly params: number;
  readonly outer: Unit | undefined;
  readonly outerTargets: readonly Unit[];
  /**
   * Units that receive cognitive points scored inside this one: itself, plus for field
   * initializers and static blocks the enclosing units up to the nearest function.
   */
  targets: readonly Unit[];
  cyclomatic: number;
  cognitive: number;
  nesting: number;
  depth: number;
  maxDepth: number;
}

const NO_UNITS: readonly Unit[] = [];

export function analyzeFunctions(sourceFile: ts.SourceFile): FunctionMetrics[] {
  const text = sourceFile.text;
  const units: Unit[] = [];
  const opaque: number[] = [];

  const stackNodes: ts.Node[] = [];
  const stackFlags: number[] = [];
  const stackParents: (ts.Node | undefined)[] = [];

  let unit: Unit | undefined;
  let targets: readonly Unit[] = NO_UNITS;

  const push = (node: ts.Node, flags: number, parent: ts.Node | undefined): void => {
    stackNodes.push(node);
    stackFlags.push(flags);
    stackParents.push(parent);
  };

  // Tokens never need a visit, except that the line counter must know where regular
  // expressions and JSX text are; types hold nothing that counts.
  const pushChild = (child: ts.Node | undefined, flags: number, parent: ts.Node): void => {
    if (child === undefined) return;
    const kind = child.kind;
    if (kind < FIRST_NODE) {
      if (kind === K.RegularExpressionLiteral || (kind === K.StringLiteral && parent.kind === K.JsxAttribute)) {
        opaque.push(skipTrivia(text, child.pos), child.end);
      } else if (kind === K.JsxText) {
        opaque.push(child.pos, child.end);
      }
      return;
    }
    if (kind >= FIRST_TYPE_NODE && kind <= LAST_TYPE_NODE) return;
    push(child, flags, parent);
  };

  const pushEach = (children: readonly ts.Node[], flags: number, parent: ts.Node): void => {
    for (let i = children.length - 1; i >= 0; i--) pushChild(children[i], flags, parent);
  };

  // forEachChild yields children in source order; pushing them as they come and then reversing
  // that stretch of the stack saves a buffer per node.
  let collectParent: ts.Node = sourceFile;
  const collect = (child: ts.Node): undefined => {
    pushChild(child, 0, collectParent);
    return undefined;
  };
  const pushChildren = (node: ts.Node): void => {
    const from = stackNodes.length;
    collectParent = node;
    ts.forEachChild(node, collect);
    for (let low = from, high = stackNodes.length - 1; low < high; low++, high--) {
      const lowNode = stackNodes[low]!;
      stackNodes[low] = stackNodes[high]!;
      stackNodes[high] = lowNode;
    }
  };

  // Leave-node bookkeeping goes on the stack before the children, so it runs after them.
  const pushExit = (node: ts.Node, parent: ts.Node | undefined, flags: number): void => {
    if (flags !== 0) push(node, EXIT | flags, parent);
  };

  const structural = (): void => {
    for (const target of targets) target.cognitive += target.nesting + 1;
  };
  const increment = (amount: number): void => {
    for (const target of targets) target.cognitive += amount;
  };
  const deeper = (): number => {
    if (unit === undefined) return 0;
    if (++unit.depth > unit.maxDepth) unit.maxDepth = unit.depth;
    return UNDO_DEPTH;
  };

  const enterLoop = (): number => {
    if (unit !== undefined) unit.cyclomatic++;
    structural();
    return deeper();
  };

  const enterUnit = (node: ts.Node, parent: ts.Node | undefined): void => {
    const [kind, name, params] = describeUnit(node, parent, text);
    const created: Unit = {
      kind,
      name,
      start: unitStart(node, text),
      end: node.end,
      params,
      outer: unit,
      outerTargets: targets,
      targets: NO_UNITS,
      cyclomatic: 1,
      cognitive: 0,
      nesting: 0,
      depth: 0,
      maxDepth: 0,
    };
    created.targets = isPseudoFunction(kind) ? [...targets, created] : [created];
    units.push(created);
    unit = created;
    targets = created.targets;
  };

  const leave = (flags: number): void => {
    if (flags & POP_UNIT && unit !== undefined) {
      targets = unit.outerTargets;
      unit = unit.outer;
    }
    if (flags & UNDO_DEPTH && unit !== undefined) unit.depth--;
    if (flags & UNDO_NEST) for (const target of targets) target.nesting--;
  };

  const visit = (node: ts.Node, flags: number, parent: ts.Node | undefined): void => {
    let exit = 0;
    if (flags & NEST) {
      for (const target of targets) target.nesting++;
      // The rule's leave handler lowers the nesting of a function branch's own counter, never the parent's.
      if (!isFunctionWithBody(skipParentheses(node))) exit = UNDO_NEST;
    }

    switch (node.kind) {
      case K.FunctionDeclaration:
      case K.FunctionExpression:
      case K.ArrowFunction:
        if ((node as ts.FunctionLikeDeclaration).body === undefined) return pushExit(node, parent, exit);
        enterUnit(node, parent);
        pushExit(node, parent, exit | POP_UNIT);
        return pushChildren(node);

      case K.MethodDeclaration:
      case K.Constructor:
      case K.GetAccessor:
      case K.SetAccessor: {
        const member = node as ts.MethodDeclaration | ts.ConstructorDeclaration | ts.AccessorDeclaration;
        if (member.body === undefined) break;
        pushExit(node, parent, exit | POP_UNIT);
        pushChild(member.body, 0, node);
        pushEach(member.parameters, 0, node);
        push(node, ENTER_UNIT, parent);
        if (member.kind !== K.Constructor) pushChild(member.name, 0, node);
        return pushEach(member.modifiers ?? [], 0, node);
      }

      case K.PropertyDeclaration: {
        const property = node as ts.PropertyDeclaration;
        if (property.initializer === undefined || hasModifier(property, K.AccessorKeyword)) break;
        pushExit(node, parent, exit | POP_UNIT);
        pushChild(property.initializer, 0, node);
        push(node, ENTER_UNIT, parent);
        pushChild(property.name, 0, node);
        return pushEach(property.modifiers ?? [], 0, node);
      }

      case K.ClassStaticBlockDeclaration:
        enterUnit(node, parent);
        pushExit(node, parent, exit | POP_UNIT);
        return pushChildren(node);

      case K.IfStatement: {
        const statement = node as ts.IfStatement;
        if (unit !== undefined) unit.cyclomatic++;
        let more = 0;
        if (flags & ELSE_IF) {
          increment(1);
        } else {
          structural();
          more = deeper();
        }
        const otherwise = statement.elseStatement;
        if (otherwise !== undefined && otherwise.kind !== K.IfStatement) increment(1);
        pushExit(node, parent, exit | more);
        pushChild(otherwise, otherwise?.kind === K.IfStatement ? ELSE_IF : NEST, node);
        pushChild(statement.thenStatement, NEST, node);
        return pushChild(statement.expression, 0, node);
      }

      case K.ForStatement: {
        const loop = node as ts.ForStatement;
        pushExit(node, parent, exit | enterLoop());
        pushChild(loop.statement, NEST, node);
        pushChild(loop.incrementor, 0, node);
        pushChild(loop.condition, 0, node);
        return pushChild(loop.initializer, 0, node);
      }

      case K.ForInStatement:
      case K.ForOfStatement: {
        const loop = node as ts.ForInOrOfStatement;
        pushExit(node, parent, exit | enterLoop());
        pushChild(loop.statement, NEST, node);
        pushChild(loop.expression, 0, node);
        return pushChild(loop.initializer, isDestructuringLiteral(loop.initializer) ? TARGET : 0, node);
      }

      case K.WhileStatement: {
        const loop = node as ts.WhileStatement;
        pushExit(node, parent, exit | enterLoop());
        pushChild(loop.statement, NEST, node);
        return pushChild(loop.expression, 0, node);
      }

      case K.DoStatement: {
        const loop = node as ts.DoStatement;
        pushExit(node, parent, exit | enterLoop());
        pushChild(loop.expression, 0, node);
        return pushChild(loop.statement, NEST, node);
      }

      case K.SwitchStatement: {
        const statement = node as ts.SwitchStatement;
        structural();
        pushExit(node, parent, exit | deeper());
        pushEach(statement.caseBlock.clauses, NEST, node);
        return pushChild(statement.expression, 0, node);
      }

      case K.CaseClause:
        if (unit !== undefined) unit.cyclomatic++;
        break;

      case K.TryStatement:
      case K.WithStatement:
        pushExit(node, parent, exit | deeper());
        return pushChildren(node);

      case K.CatchClause: {
        const clause = node as ts.CatchClause;
        if (unit !== undefined) unit.cyclomatic++;
        structural();
        pushExit(node, parent, exit);
        pushChild(clause.block, NEST, node);
        return pushChild(clause.variableDeclaration, 0, node);
      }

      case K.ConditionalExpression: {
        const conditional = node as ts.ConditionalExpression;
        if (unit !== undefined) unit.cyclomatic++;
        structural();
        pushExit(node, parent, exit);
        pushChild(conditional.whenFalse, NEST, node);
        pushChild(conditional.whenTrue, NEST, node);
        return pushChild(conditional.condition, 0, node);
      }

      case K.BinaryExpression: {
        const binary = node as ts.BinaryExpression;
        const operator = binary.operatorToken.kind;
        let leftFlags = 0;
        let rightFlags = 0;
        if (operator === K.AmpersandAmpersandToken || operator === K.BarBarToken || operator === K.QuestionQuestionToken) {
          if (unit !== undefined) unit.cyclomatic++;
          if (!(flags & CONSIDERED)) increment(andSequenceIncrements(binary));
          leftFlags = rightFlags = CONSIDERED;
        } else if (
          operator === K.AmpersandAmpersandEqualsToken ||
          operator === K.BarBarEqualsToken ||
          operator === K.QuestionQuestionEqualsToken
        ) {
          if (unit !== undefined) unit.cyclomatic++;
        } else if (operator === K.EqualsToken) {
          // Inside a destructuring target `x = d` is ESTree's AssignmentPattern, a default value.
          if (flags & TARGET && unit !== undefined) unit.cyclomatic++;
          if (isDestructuringLiteral(binary.left)) leftFlags = TARGET;
        }
        pushExit(node, parent, exit);
        pushChild(binary.right, rightFlags, node);
        return pushChild(binary.left, leftFlags, node);
      }

      case K.ParenthesizedExpression:
        pushExit(node, parent, exit);
        return pushChild((node as ts.ParenthesizedExpression).expression, flags & CONSIDERED, node);

      case K.PropertyAccessExpression:
      case K.ElementAccessExpression:
      case K.CallExpression:
        if ((node as ts.PropertyAccessExpression).questionDotToken !== undefined && unit !== undefined) unit.cyclomatic++;
        break;

      case K.Parameter:
      case K.BindingElement:
        if ((node as ts.ParameterDeclaration).initializer !== undefined && unit !== undefined) unit.cyclomatic++;
        break;

      case K.ShorthandPropertyAssignment:
        if (flags & TARGET && (node as ts.ShorthandPropertyAssignment).objectAssignmentInitializer !== undefined && unit !== undefined) {
          unit.cyclomatic++;
        }
        break;

      case K.ObjectLiteralExpression:
        if (!(flags & TARGET)) break;
        pushExit(node, parent, exit);
        return pushEach((node as ts.ObjectLiteralExpression).properties, TARGET, node);

      case K.ArrayLiteralExpression:
        if (!(flags & TARGET)) break;
        pushExit(node, parent, exit);
        return pushEach((node as ts.ArrayLiteralExpression).elements, TARGET, node);

      case K.PropertyAssignment: {
        if (!(flags & TARGET)) break;
        const property = node as ts.PropertyAssignment;
        pushExit(node, parent, exit);
        pushChild(property.initializer, TARGET, node);
        return pushChild(property.name, 0, node);
      }

      case K.SpreadElement:
      case K.SpreadAssignment:
        if (!(flags & TARGET)) break;
        pushExit(node, parent, exit);
        return pushChild((node as ts.SpreadElement).expression, TARGET, node);

      case K.BreakStatement:
      case K.ContinueStatement:
        if ((node as ts.BreakOrContinueStatement).label !== undefined) increment(1);
        return pushExit(node, parent, exit);

      case K.JsxExpression: {
        const container = node as ts.JsxExpression;
        const expression = container.expression;
        // `{...x}` among JSX children is ESTree's JSXSpreadChild, not an expression container.
        if (expression === undefined || container.dotDotDotToken !== undefined) break;
        const inner = skipParentheses(expression);
        pushExit(node, parent, exit);
        return pushChild(expression, isLogicalExpression(inner) && isJsxShortCircuit(inner) ? CONSIDERED : 0, node);
      }

      case K.InterfaceDeclaration:
      case K.TypeAliasDeclaration:
      case K.TypeParameter:
      case K.ImportDeclaration:
        return pushExit(node, parent, exit);

      case K.HeritageClause:
        if ((node as ts.HeritageClause).token === K.ImplementsKeyword) return pushExit(node, parent, exit);
        break;

      default:
        break;
    }
    pushExit(node, parent, exit);
    pushChildren(node);
  };

  pushChildren(sourceFile);
  while (stackNodes.length > 0) {
    const node = stackNodes.pop()!;
    const flags = stackFlags.pop()!;
    const parent = stackParents.pop();
    if (flags & EXIT) leave(flags);
    else if (flags & ENTER_UNIT) enterUnit(node, parent);
    else visit(node, flags, parent);
  }

  return toMetrics(sourceFile, units, opaque);
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

function isPseudoFunction(kind: FunctionKind): boolean {
  return kind === "class-field-initializer" || kind === "class-static-block";
}

function isFunctionWithBody(node: ts.Node): boolean {
  const kind = node.kind;
  return (
    (kind === K.FunctionExpression || kind === K.ArrowFunction || kind === K.FunctionDeclaration) &&
    (node as ts.FunctionLikeDeclaration).body !== undefined
  );
}

function isDestructuringLiteral(node: ts.Node | undefined): boolean {
  return node !== undefined && (node.kind === K.ObjectLiteralExpression || node.kind === K.ArrayLiteralExpression);
}

function hasModifier(node: ts.PropertyDeclaration, kind: ts.SyntaxKind): boolean {
  return node.modifiers?.some((modifier) => modifier.kind === kind) ?? false;
}
