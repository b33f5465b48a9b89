import { ts } from "ts-morph";
import { andSequenceIncrements, isJsxShortCircuit, isLogicalExpression, skipParentheses } from "./logical-sequences.js";
import type { UnitWalk } from "./unit-walk.js";
import { isDestructuringLiteral } from "./visit-destructuring.js";
import { CONSIDERED, TARGET } from "./walk-flags.js";

/* Visitors for expressions that score: logical operators and assignments, optional chains, JSX containers. */

const K = ts.SyntaxKind;

// What a binary operator means to the metrics, looked up by the operator token's kind (0: nothing).
const LOGICAL = 1; // `&&` `||` `??`
const LOGICAL_ASSIGNMENT = 2; // `&&=` `||=` `??=`
const ASSIGNMENT = 3; // `=`
const OPERATOR_ROLE = new Uint8Array(K.Count);
for (const kind of [K.AmpersandAmpersandToken, K.BarBarToken, K.QuestionQuestionToken]) OPERATOR_ROLE[kind] = LOGICAL;
for (const kind of [K.AmpersandAmpersandEqualsToken, K.BarBarEqualsToken, K.QuestionQuestionEqualsToken]) OPERATOR_ROLE[kind] = LOGICAL_ASSIGNMENT;
OPERATOR_ROLE[K.EqualsToken] = ASSIGNMENT;

export function visitBinary(walk: UnitWalk, node: ts.Node, flags: number, parent: ts.Node | undefined): void {
  const binary = node as ts.BinaryExpression;
  let leftFlags = 0;
  let rightFlags = 0;
  switch (OPERATOR_ROLE[binary.operatorToken.kind]) {
    case LOGICAL:
      walk.branch();
      // sonarjs scores a whole tree of logical operators at its root; its operands are CONSIDERED.
      if (!(flags & CONSIDERED)) walk.increment(andSequenceIncrements(binary));
      leftFlags = rightFlags = CONSIDERED;
      break;
    case LOGICAL_ASSIGNMENT:
      walk.branch();
      break;
    case ASSIGNMENT:
      // Inside a destructuring target `x = d` is ESTree's AssignmentPattern, a default value.
      if (flags & TARGET) walk.branch();
      if (isDestructuringLiteral(binary.left)) leftFlags = TARGET;
      break;
    default:
      break;
  }
  walk.pushExit(node, parent, 0);
  walk.pushChild(binary.right, rightFlags, node);
  walk.pushChild(binary.left, leftFlags, node);
}

/** ESTree has no parentheses: a parenthesized operand of a logical tree is still part of it. */
export function visitParenthesized(walk: UnitWalk, node: ts.Node, flags: number, parent: ts.Node | undefined): void {
  walk.pushExit(node, parent, 0);
  walk.pushChild((node as ts.ParenthesizedExpression).expression, flags & CONSIDERED, node);
}

/** Property access, element access and calls: every `?.` is a path for ESLint `complexity`. */
export function visitOptionalChain(walk: UnitWalk, node: ts.Node, _flags: number, parent: ts.Node | undefined): void {
  if ((node as ts.PropertyAccessExpression).questionDotToken !== undefined) walk.branch();
  walk.descend(node, parent);
}

export function visitJsxExpression(walk: UnitWalk, node: ts.Node, _flags: number, parent: ts.Node | undefined): void {
  const container = node as ts.JsxExpression;
  const expression = container.expression;
  // `{...x}` among JSX children is ESTree's JSXSpreadChild, not an expression container.
  if (expression === undefined || container.dotDotDotToken !== undefined) return walk.descend(node, parent);
  const inner = skipParentheses(expression);
  walk.pushExit(node, parent, 0);
  walk.pushChild(expression, isLogicalExpression(inner) && isJsxShortCircuit(inner) ? CONSIDERED : 0, node);
}
