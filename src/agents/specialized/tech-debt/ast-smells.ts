import { ts } from "ts-morph";

/**
 * The findings that need the syntax tree but not the function metrics: explicit `any`, empty
 * `catch` blocks, and the method count of each class. One extra iterative walk over the
 * SourceFile the metrics already parsed (an explicit stack: generated files can nest deeper
 * than the call stack allows), so nothing is parsed twice.
 */

export interface ClassInfo {
  name: string;
  line: number;
  endLine: number;
  /** Methods, accessors and constructors with a body; overload signatures and abstract members do not count. */
  methods: number;
}

export interface LineSpan {
  line: number;
  endLine: number;
}

export interface AstSmells {
  anys: LineSpan[];
  emptyCatches: LineSpan[];
  classes: ClassInfo[];
}

const K = ts.SyntaxKind;
export const ANONYMOUS_CLASS = "<anonymous class>";

export function findAstSmells(sourceFile: ts.SourceFile): AstSmells {
  const anyStarts: number[] = [];
  const catches: ts.Block[] = [];
  const classes: ts.ClassLikeDeclaration[] = [];
  const stack: ts.Node[] = [];
  const push = (child: ts.Node): undefined => {
    stack.push(child);
    return undefined;
  };
  ts.forEachChild(sourceFile, push);
  while (stack.length > 0) {
    const node = stack.pop()!;
    switch (node.kind) {
      case K.AnyKeyword:
        anyStarts.push(node.getStart(sourceFile));
        continue;
      case K.CatchClause: {
        const block = (node as ts.CatchClause).block;
        if (isEmptyBlock(block, sourceFile)) catches.push(block);
        break;
      }
      case K.ClassDeclaration:
      case K.ClassExpression:
        classes.push(node as ts.ClassLikeDeclaration);
        break;
      default:
        break;
    }
    ts.forEachChild(node, push);
  }
  const span = (node: ts.Node): LineSpan => ({ line: lineOf(sourceFile, node.getStart(sourceFile)), endLine: lineOf(sourceFile, node.end) });
  return {
    anys: anyStarts.sort((a, b) => a - b).map((start) => ({ line: lineOf(sourceFile, start), endLine: lineOf(sourceFile, start) })),
    emptyCatches: catches.sort((a, b) => a.pos - b.pos).map(span),
    classes: classes
      .sort((a, b) => a.pos - b.pos)
      .map((declaration) => ({
        name: declaration.name?.text ?? ANONYMOUS_CLASS,
        ...span(declaration),
        methods: declaration.members.filter(isImplementedMethod).length,
      })),
  };
}

function isImplementedMethod(member: ts.ClassElement): boolean {
  switch (member.kind) {
    case K.MethodDeclaration:
    case K.Constructor:
    case K.GetAccessor:
    case K.SetAccessor:
      return (member as ts.FunctionLikeDeclaration).body !== undefined;
    default:
      return false;
  }
}

/** ESLint's no-empty: a block with no statements and no comment explaining why. */
function isEmptyBlock(block: ts.Block, sourceFile: ts.SourceFile): boolean {
  if (block.statements.length > 0) return false;
  const inner = sourceFile.text.slice(block.getStart(sourceFile) + 1, block.end - 1);
  return inner.trim() === "";
}

function lineOf(sourceFile: ts.SourceFile, position: number): number {
  return sourceFile.getLineAndCharacterOfPosition(position).line + 1;
}
