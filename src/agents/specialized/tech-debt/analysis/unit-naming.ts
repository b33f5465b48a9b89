import { ts } from "ts-morph";
import { skipTrivia } from "./skip-trivia.js";

const K = ts.SyntaxKind;

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

export const ANONYMOUS = "<anonymous>";
