import { ts } from "ts-morph";
import { skipTrivia } from "./skip-trivia.js";

const K = ts.SyntaxKind;
const FIRST_NODE = K.FirstNode;
const FIRST_TYPE_NODE = K.FirstTypeNode;
const LAST_TYPE_NODE = K.LastTypeNode;
const NO_NODES: readonly ts.Node[] = [];

/**
 * The explicit stack of the metrics walk: three parallel arrays (node, flags, parent) rather
 * than an entry object per node. Iterative, not recursive, so that left-deep trees such as
 * `a && b && …` thousands long cannot overflow the call stack.
 *
 * While pushing it also records the `opaque` spans the line counter needs (see code-lines.ts).
 */
export class WalkStack {
  readonly text: string;
  readonly nodes: ts.Node[] = [];
  readonly flags: number[] = [];
  readonly parents: (ts.Node | undefined)[] = [];
  /** Regular expressions, JSX text and JSX attribute strings, flat [start, end, …] in visiting order. */
  readonly opaque: number[] = [];

  #collectParent: ts.Node;
  // One callback per walk, not per node: forEachChild calls it for every child.
  readonly #collect = (child: ts.Node): undefined => {
    this.pushChild(child, 0, this.#collectParent);
    return undefined;
  };

  constructor(sourceFile: ts.SourceFile) {
    this.text = sourceFile.text;
    this.#collectParent = sourceFile;
  }

  push(node: ts.Node, flags: number, parent: ts.Node | undefined): void {
    this.nodes.push(node);
    this.flags.push(flags);
    this.parents.push(parent);
  }

  // Tokens never need a visit, except that the line counter must know where regular
  // expressions and JSX text are; types hold nothing that counts.
  pushChild(child: ts.Node | undefined, flags: number, parent: ts.Node): void {
    if (child === undefined) return;
    const kind = child.kind;
    if (kind < FIRST_NODE) {
      this.#noteToken(child, parent);
      return;
    }
    if (kind >= FIRST_TYPE_NODE && kind <= LAST_TYPE_NODE) return;
    this.push(child, flags, parent);
  }

  /** Pushes `children` so that they are visited in source order. */
  pushEach(children: readonly ts.Node[] | undefined, flags: number, parent: ts.Node): void {
    const list = children ?? NO_NODES;
    for (let i = list.length - 1; i >= 0; i--) this.pushChild(list[i], flags, parent);
  }

  // forEachChild yields children in source order; pushing them as they come and then reversing
  // that stretch of the stack saves a buffer per node. Only nodes need reversing: the flags
  // and parents pushed alongside are the same for all of them.
  pushChildren(node: ts.Node): void {
    const nodes = this.nodes;
    const from = nodes.length;
    this.#collectParent = node;
    ts.forEachChild(node, this.#collect);
    for (let low = from, high = nodes.length - 1; low < high; low++, high--) {
      const lowNode = nodes[low]!;
      nodes[low] = nodes[high]!;
      nodes[high] = lowNode;
    }
  }

  #noteToken(token: ts.Node, parent: ts.Node): void {
    const kind = token.kind;
    if (kind === K.RegularExpressionLiteral || (kind === K.StringLiteral && parent.kind === K.JsxAttribute)) {
      this.opaque.push(skipTrivia(this.text, token.pos), token.end);
    } else if (kind === K.JsxText) {
      this.opaque.push(token.pos, token.end);
    }
  }
}
