import { ts } from "ts-morph";

const K = ts.SyntaxKind;

/** ESTree has no parenthesis nodes, so every comparison with ESLint looks through them. */
export function skipParentheses(node: ts.Node): ts.Node {
  while (node.kind === K.ParenthesizedExpression) node = (node as ts.ParenthesizedExpression).expression;
  return node;
}

/** `&&`, `||` and `??`: what ESTree calls a LogicalExpression. */
export function isLogicalExpression(node: ts.Node): node is ts.BinaryExpression {
  if (node.kind !== K.BinaryExpression) return false;
  const operator = (node as ts.BinaryExpression).operatorToken.kind;
  return operator === K.AmpersandAmpersandToken || operator === K.BarBarToken || operator === K.QuestionQuestionToken;
}

/**
 * sonarjs S3776 increments for one tree of logical operators: it lists the tree in source
 * order (descending through left and right operands only) and adds 1 for every `&&` whose
 * predecessor in that list is not also `&&`. In 4.2.2 `||` and `??` never add anything.
 * Iterative, because `a && b && …` chains thousands long are left-deep trees.
 */
export function andSequenceIncrements(root: ts.BinaryExpression): number {
  const pending: ts.BinaryExpression[] = [];
  let current: ts.Node | undefined = root;
  let previousOperator: ts.SyntaxKind | undefined;
  let increments = 0;
  for (;;) {
    while (current !== undefined && isLogicalExpression(current)) {
      pending.push(current);
      current = skipParentheses(current.left);
    }
    const visited = pending.pop();
    if (visited === undefined) return increments;
    const operator = visited.operatorToken.kind;
    if (operator === K.AmpersandAmpersandToken && previousOperator !== K.AmpersandAmpersandToken) increments++;
    previousOperator = operator;
    current = skipParentheses(visited.right);
  }
}

/**
 * sonarjs skips a logical tree sitting directly in a JSX expression container (`{a && <B/>}`)
 * when every operator in it is the root's and no operand is a conditional expression.
 */
export function isJsxShortCircuit(root: ts.BinaryExpression): boolean {
  const operator = root.operatorToken.kind;
  const pending: ts.Node[] = [root.left, root.right];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const node = skipParentheses(next);
    if (node.kind === K.ConditionalExpression) return false;
    if (isLogicalExpression(node)) {
      if (node.operatorToken.kind !== operator) return false;
      pending.push(node.left, node.right);
    }
  }
  return true;
}
