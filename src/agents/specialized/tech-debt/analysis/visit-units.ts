import { ts } from "ts-morph";
import type { UnitWalk } from "./unit-walk.js";
import { ENTER_UNIT, POP_UNIT } from "./walk-flags.js";

/*
 * Visitors for the nodes that open a unit. A member's decorators, modifiers and computed key
 * belong to the enclosing unit, so the member's own unit starts (ENTER_UNIT) only after them;
 * parameters, with their decorators and defaults, already belong to the member.
 */

const K = ts.SyntaxKind;

/** Functions, function expressions and arrows; an overload or `declare` signature is no unit. */
export function visitFunction(walk: UnitWalk, node: ts.Node, _flags: number, parent: ts.Node | undefined): void {
  if ((node as ts.FunctionLikeDeclaration).body === undefined) return walk.pushExit(node, parent, 0);
  walk.enterUnit(node, parent);
  walk.pushExit(node, parent, POP_UNIT);
  walk.pushChildren(node);
}

/** Methods, constructors and accessors with a body. */
export function visitMember(walk: UnitWalk, node: ts.Node, _flags: number, parent: ts.Node | undefined): void {
  const member = node as ts.MethodDeclaration | ts.ConstructorDeclaration | ts.AccessorDeclaration;
  if (member.body === undefined) return walk.descend(node, parent);
  walk.pushExit(node, parent, POP_UNIT);
  walk.pushChild(member.body, 0, node);
  walk.pushEach(member.parameters, 0, node);
  walk.push(node, ENTER_UNIT, parent);
  if (member.kind !== K.Constructor) walk.pushChild(member.name, 0, node);
  walk.pushEach(member.modifiers, 0, node);
}

/** Class field initializers: `x = …` is a code path of its own, `accessor x = …` is not (ESLint folds it into the enclosing one). */
export function visitProperty(walk: UnitWalk, node: ts.Node, _flags: number, parent: ts.Node | undefined): void {
  const property = node as ts.PropertyDeclaration;
  if (property.initializer === undefined || hasModifier(property, K.AccessorKeyword)) return walk.descend(node, parent);
  walk.pushExit(node, parent, POP_UNIT);
  walk.pushChild(property.initializer, 0, node);
  walk.push(node, ENTER_UNIT, parent);
  walk.pushChild(property.name, 0, node);
  walk.pushEach(property.modifiers, 0, node);
}

export function visitStaticBlock(walk: UnitWalk, node: ts.Node, _flags: number, parent: ts.Node | undefined): void {
  walk.enterUnit(node, parent);
  walk.pushExit(node, parent, POP_UNIT);
  walk.pushChildren(node);
}

function hasModifier(node: ts.PropertyDeclaration, kind: ts.SyntaxKind): boolean {
  return node.modifiers?.some((modifier) => modifier.kind === kind) ?? false;
}
