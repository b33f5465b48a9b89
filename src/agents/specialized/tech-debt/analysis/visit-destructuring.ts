import { ts } from "ts-morph";
import type { UnitWalk } from "./unit-walk.js";
import { TARGET } from "./walk-flags.js";

/*
 * Default values are paths for ESLint `complexity`: in parameters and binding patterns, and in
 * destructuring assignments. The latter are object and array literals to TypeScript, so the
 * TARGET flag follows a literal down from the left of `=` (or a for-in/of initializer) to where
 * an `x = d` can stand; elsewhere these literals are plain expressions.
 */

const K = ts.SyntaxKind;

export function isDestructuringLiteral(node: ts.Node | undefined): boolean {
  return node !== undefined && (node.kind === K.ObjectLiteralExpression || node.kind === K.ArrayLiteralExpression);
}

/** Parameters and binding elements: `(x = 1)`, `const { x = 1 } = …`. */
export function visitDefaultable(walk: UnitWalk, node: ts.Node, _flags: number, parent: ts.Node | undefined): void {
  if ((node as ts.ParameterDeclaration | ts.BindingElement).initializer !== undefined) walk.branch();
  walk.descend(node, parent);
}

/** `({ x = 1 } = …)`. */
export function visitShorthand(walk: UnitWalk, node: ts.Node, flags: number, parent: ts.Node | undefined): void {
  if (flags & TARGET && (node as ts.ShorthandPropertyAssignment).objectAssignmentInitializer !== undefined) walk.branch();
  walk.descend(node, parent);
}

export function visitObjectLiteral(walk: UnitWalk, node: ts.Node, flags: number, parent: ts.Node | undefined): void {
  if (!(flags & TARGET)) return walk.descend(node, parent);
  walk.pushExit(node, parent, 0);
  walk.pushEach((node as ts.ObjectLiteralExpression).properties, TARGET, node);
}

export function visitArrayLiteral(walk: UnitWalk, node: ts.Node, flags: number, parent: ts.Node | undefined): void {
  if (!(flags & TARGET)) return walk.descend(node, parent);
  walk.pushExit(node, parent, 0);
  walk.pushEach((node as ts.ArrayLiteralExpression).elements, TARGET, node);
}

/** `({ key: x = 1 } = …)`: the value is a target, a computed key is not. */
export function visitPropertyAssignment(walk: UnitWalk, node: ts.Node, flags: number, parent: ts.Node | undefined): void {
  if (!(flags & TARGET)) return walk.descend(node, parent);
  const property = node as ts.PropertyAssignment;
  walk.pushExit(node, parent, 0);
  walk.pushChild(property.initializer, TARGET, node);
  walk.pushChild(property.name, 0, node);
}

/** `[...rest]` and `{ ...rest }` in a target. */
export function visitSpread(walk: UnitWalk, node: ts.Node, flags: number, parent: ts.Node | undefined): void {
  if (!(flags & TARGET)) return walk.descend(node, parent);
  walk.pushExit(node, parent, 0);
  walk.pushChild((node as ts.SpreadElement | ts.SpreadAssignment).expression, TARGET, node);
}
