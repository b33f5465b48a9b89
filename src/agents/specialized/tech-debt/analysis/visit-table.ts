import { ts } from "ts-morph";
import type { UnitWalk } from "./unit-walk.js";
import {
  visitCase,
  visitCatch,
  visitConditional,
  visitDepthOnly,
  visitDo,
  visitFor,
  visitForInOf,
  visitIf,
  visitJump,
  visitSwitch,
  visitWhile,
} from "./visit-control-flow.js";
import {
  visitArrayLiteral,
  visitDefaultable,
  visitObjectLiteral,
  visitPropertyAssignment,
  visitShorthand,
  visitSpread,
} from "./visit-destructuring.js";
import { visitBinary, visitJsxExpression, visitOptionalChain, visitParenthesized } from "./visit-expressions.js";
import { visitFunction, visitMember, visitProperty, visitStaticBlock } from "./visit-units.js";
import { NEST } from "./walk-flags.js";

/**
 * Scores one node and pushes its children (and its leave bookkeeping) for the walk. Every
 * visitor ends with exactly one walk.pushExit, either directly or through walk.descend.
 */
type Visit = (walk: UnitWalk, node: ts.Node, flags: number, parent: ts.Node | undefined) => void;

const K = ts.SyntaxKind;

const descend: Visit = (walk, node, _flags, parent) => walk.descend(node, parent);

/** Declarations that hold nothing that counts: their subtrees are never entered. */
const skip: Visit = (walk, node, _flags, parent) => walk.pushExit(node, parent, 0);

const skipImplements: Visit = (walk, node, flags, parent) =>
  (node as ts.HeritageClause).token === K.ImplementsKeyword ? skip(walk, node, flags, parent) : walk.descend(node, parent);

/** Dispatch by SyntaxKind; kinds without an entry of their own just descend. */
const VISITORS: Visit[] = new Array<Visit>(K.Count).fill(descend);
const register = (kinds: readonly ts.SyntaxKind[], visit: Visit): void => {
  for (const kind of kinds) VISITORS[kind] = visit;
};
register([K.FunctionDeclaration, K.FunctionExpression, K.ArrowFunction], visitFunction);
register([K.MethodDeclaration, K.Constructor, K.GetAccessor, K.SetAccessor], visitMember);
register([K.PropertyDeclaration], visitProperty);
register([K.ClassStaticBlockDeclaration], visitStaticBlock);
register([K.IfStatement], visitIf);
register([K.ForStatement], visitFor);
register([K.ForInStatement, K.ForOfStatement], visitForInOf);
register([K.WhileStatement], visitWhile);
register([K.DoStatement], visitDo);
register([K.SwitchStatement], visitSwitch);
register([K.CaseClause], visitCase);
register([K.TryStatement, K.WithStatement], visitDepthOnly);
register([K.CatchClause], visitCatch);
register([K.ConditionalExpression], visitConditional);
register([K.BinaryExpression], visitBinary);
register([K.ParenthesizedExpression], visitParenthesized);
register([K.PropertyAccessExpression, K.ElementAccessExpression, K.CallExpression], visitOptionalChain);
register([K.Parameter, K.BindingElement], visitDefaultable);
register([K.ShorthandPropertyAssignment], visitShorthand);
register([K.ObjectLiteralExpression], visitObjectLiteral);
register([K.ArrayLiteralExpression], visitArrayLiteral);
register([K.PropertyAssignment], visitPropertyAssignment);
register([K.SpreadElement, K.SpreadAssignment], visitSpread);
register([K.BreakStatement, K.ContinueStatement], visitJump);
register([K.JsxExpression], visitJsxExpression);
register([K.InterfaceDeclaration, K.TypeAliasDeclaration, K.TypeParameter, K.ImportDeclaration], skip);
register([K.HeritageClause], skipImplements);

export function visitNode(walk: UnitWalk, node: ts.Node, flags: number, parent: ts.Node | undefined): void {
  walk.exit = flags & NEST ? walk.nest(node) : 0;
  VISITORS[node.kind]!(walk, node, flags, parent);
}
