import { ts } from "ts-morph";
import { isDestructuringLiteral } from "./visit-destructuring.js";
import type { UnitWalk } from "./unit-walk.js";
import { ELSE_IF, NEST, TARGET } from "./walk-flags.js";

/*
 * Visitors for statements and the conditional expression: ESLint `complexity` paths, sonarjs
 * structural increments and nesting, and ESLint `max-depth` levels. Children are pushed last
 * first, so they are visited in source order.
 */

const IF_STATEMENT = ts.SyntaxKind.IfStatement;

/** An `else if` scores +1 flat and neither nests nor deepens; the chain's first `if` does both. */
export function visitIf(walk: UnitWalk, node: ts.Node, flags: number, parent: ts.Node | undefined): void {
  const statement = node as ts.IfStatement;
  walk.branch();
  let more = 0;
  if (flags & ELSE_IF) {
    walk.increment(1);
  } else {
    walk.structural();
    more = walk.deeper();
  }
  const otherwise = statement.elseStatement;
  const elseIf = otherwise !== undefined && otherwise.kind === IF_STATEMENT;
  if (otherwise !== undefined && !elseIf) walk.increment(1);
  walk.pushExit(node, parent, more);
  walk.pushChild(otherwise, elseIf ? ELSE_IF : NEST, node);
  walk.pushChild(statement.thenStatement, NEST, node);
  walk.pushChild(statement.expression, 0, node);
}

export function visitFor(walk: UnitWalk, node: ts.Node, _flags: number, parent: ts.Node | undefined): void {
  const loop = node as ts.ForStatement;
  walk.pushExit(node, parent, enterLoop(walk));
  walk.pushChild(loop.statement, NEST, node);
  walk.pushChild(loop.incrementor, 0, node);
  walk.pushChild(loop.condition, 0, node);
  walk.pushChild(loop.initializer, 0, node);
}

/** In `for ([a = 1] of …)` the initializer is a destructuring target. */
export function visitForInOf(walk: UnitWalk, node: ts.Node, _flags: number, parent: ts.Node | undefined): void {
  const loop = node as ts.ForInOrOfStatement;
  walk.pushExit(node, parent, enterLoop(walk));
  walk.pushChild(loop.statement, NEST, node);
  walk.pushChild(loop.expression, 0, node);
  walk.pushChild(loop.initializer, isDestructuringLiteral(loop.initializer) ? TARGET : 0, node);
}

export function visitWhile(walk: UnitWalk, node: ts.Node, _flags: number, parent: ts.Node | undefined): void {
  const loop = node as ts.WhileStatement;
  walk.pushExit(node, parent, enterLoop(walk));
  walk.pushChild(loop.statement, NEST, node);
  walk.pushChild(loop.expression, 0, node);
}

export function visitDo(walk: UnitWalk, node: ts.Node, _flags: number, parent: ts.Node | undefined): void {
  const loop = node as ts.DoStatement;
  walk.pushExit(node, parent, enterLoop(walk));
  walk.pushChild(loop.expression, 0, node);
  walk.pushChild(loop.statement, NEST, node);
}

/** The switch scores and nests once; each `case x:` is a path of its own (visitCase). */
export function visitSwitch(walk: UnitWalk, node: ts.Node, _flags: number, parent: ts.Node | undefined): void {
  const statement = node as ts.SwitchStatement;
  walk.structural();
  walk.pushExit(node, parent, walk.deeper());
  walk.pushEach(statement.caseBlock.clauses, NEST, node);
  walk.pushChild(statement.expression, 0, node);
}

export function visitCase(walk: UnitWalk, node: ts.Node, _flags: number, parent: ts.Node | undefined): void {
  walk.branch();
  walk.descend(node, parent);
}

/** try and with: ESLint `max-depth` levels only. */
export function visitDepthOnly(walk: UnitWalk, node: ts.Node, _flags: number, parent: ts.Node | undefined): void {
  walk.pushExit(node, parent, walk.deeper());
  walk.pushChildren(node);
}

export function visitCatch(walk: UnitWalk, node: ts.Node, _flags: number, parent: ts.Node | undefined): void {
  const clause = node as ts.CatchClause;
  walk.branch();
  walk.structural();
  walk.pushExit(node, parent, 0);
  walk.pushChild(clause.block, NEST, node);
  walk.pushChild(clause.variableDeclaration, 0, node);
}

export function visitConditional(walk: UnitWalk, node: ts.Node, _flags: number, parent: ts.Node | undefined): void {
  const conditional = node as ts.ConditionalExpression;
  walk.branch();
  walk.structural();
  walk.pushExit(node, parent, 0);
  walk.pushChild(conditional.whenFalse, NEST, node);
  walk.pushChild(conditional.whenTrue, NEST, node);
  walk.pushChild(conditional.condition, 0, node);
}

/** Only a labelled break or continue scores (+1 flat); a label holds nothing to visit. */
export function visitJump(walk: UnitWalk, node: ts.Node, _flags: number, parent: ts.Node | undefined): void {
  if ((node as ts.BreakOrContinueStatement).label !== undefined) walk.increment(1);
  walk.pushExit(node, parent, 0);
}

function enterLoop(walk: UnitWalk): number {
  walk.branch();
  walk.structural();
  return walk.deeper();
}
