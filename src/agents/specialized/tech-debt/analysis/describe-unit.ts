import { ts } from "ts-morph";
import type { FunctionKind } from "./function-metrics.js";
import { skipTrivia } from "./skip-trivia.js";

const K = ts.SyntaxKind;
const ANONYMOUS = "<anonymous>";

/**
 * Where a unit starts: its first token, leaving out decorators and `export`/`default`, which
 * belong to the surrounding declaration rather than to the function itself.
 */
export function unitStart(node: ts.Node, text: string): number {
  let from = node.pos;
  const modifiers = (node as { modifiers?: ts.NodeArray<ts.ModifierLike> }).modifiers;
  if (modifiers !== undefined) {
    for (const modifier of modifiers) {
      const kind = modifier.kind;
      if (kind !== K.Decorator && kind !== K.ExportKeyword && kind !== K.DefaultKeyword) break;
      from = modifier.end;
    }
  }
  return skipTrivia(text, from);
}

export function propertyNameText(name: ts.PropertyName, text: string): string {
  switch (name.kind) {
    case K.Identifier:
    case K.PrivateIdentifier:
    case K.StringLiteral:
    case K.NumericLiteral:
    case K.BigIntLiteral:
    case K.NoSubstitutionTemplateLiteral:
      return name.text;
    default:
      return text.slice(skipTrivia(text, name.pos), name.end);
  }
}

/** Name for a function or arrow expression from the syntax around it: `const f = …`, `{ f: … }`, `x.f = …`. */
export function contextualName(node: ts.Node, parent: ts.Node | undefined, text: string): string {
  if (parent === undefined) return ANONYMOUS;
  switch (parent.kind) {
    case K.VariableDeclaration: {
      const declaration = parent as ts.VariableDeclaration;
      return declaration.initializer === node && declaration.name.kind === K.Identifier ? declaration.name.text : ANONYMOUS;
    }
    case K.PropertyAssignment:
    case K.PropertyDeclaration: {
      const property = parent as ts.PropertyAssignment | ts.PropertyDeclaration;
      return property.initializer === node ? propertyNameText(property.name, text) : ANONYMOUS;
    }
    case K.BinaryExpression: {
      const assignment = parent as ts.BinaryExpression;
      if (assignment.right !== node || assignment.operatorToken.kind !== K.EqualsToken) return ANONYMOUS;
      const target = assignment.left;
      if (target.kind === K.Identifier) return (target as ts.Identifier).text;
      if (target.kind === K.PropertyAccessExpression) return propertyNameText((target as ts.PropertyAccessExpression).name, text);
      return ANONYMOUS;
    }
    default:
      return ANONYMOUS;
  }
}

/** Kind, name and parameter count of a unit node. */
export function describeUnit(node: ts.Node, parent: ts.Node | undefined, text: string): [FunctionKind, string, number] {
  switch (node.kind) {
    case K.FunctionDeclaration:
    case K.FunctionExpression: {
      const fn = node as ts.FunctionDeclaration | ts.FunctionExpression;
      return ["function", fn.name?.text ?? contextualName(node, parent, text), countParams(fn.parameters)];
    }
    case K.ArrowFunction:
      return ["arrow", contextualName(node, parent, text), countParams((node as ts.ArrowFunction).parameters)];
    case K.MethodDeclaration: {
      const method = node as ts.MethodDeclaration;
      return ["method", propertyNameText(method.name, text), countParams(method.parameters)];
    }
    case K.GetAccessor:
    case K.SetAccessor: {
      const accessor = node as ts.AccessorDeclaration;
      const kind = node.kind === K.GetAccessor ? "getter" : "setter";
      return [kind, propertyNameText(accessor.name, text), countParams(accessor.parameters)];
    }
    case K.Constructor:
      return ["constructor", "constructor", countParams((node as ts.ConstructorDeclaration).parameters)];
    case K.PropertyDeclaration:
      return ["class-field-initializer", propertyNameText((node as ts.PropertyDeclaration).name, text), 0];
    case K.ClassStaticBlockDeclaration:
      return ["class-static-block", "static", 0];
    default:
      return ["function", ANONYMOUS, 0];
  }
}

/** A TypeScript `this` parameter only types the receiver; it is not passed. */
function countParams(parameters: ts.NodeArray<ts.ParameterDeclaration>): number {
  const first = parameters[0];
  const hasThis = first !== undefined && first.name.kind === K.Identifier && first.name.text === "this";
  return parameters.length - (hasThis ? 1 : 0);
}
