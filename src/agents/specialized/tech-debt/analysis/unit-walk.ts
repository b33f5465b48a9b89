import { ts } from "ts-morph";
import { describeUnit, unitStart } from "./describe-unit.js";
import type { FunctionKind } from "./function-metrics.js";
import { skipParentheses } from "./logical-sequences.js";
import { EXIT, POP_UNIT, UNDO_DEPTH, UNDO_NEST } from "./walk-flags.js";
import { WalkStack } from "./walk-stack.js";

const K = ts.SyntaxKind;

/** One code path being measured; see analyze-functions.ts for what each figure counts. */
export interface Unit {
  readonly kind: FunctionKind;
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly params: number;
  readonly outer: Unit | undefined;
  readonly outerTargets: readonly Unit[];
  /**
   * Units that receive cognitive points scored inside this one: itself, plus for field
   * initializers and static blocks the enclosing units up to the nearest function.
   */
  targets: readonly Unit[];
  cyclomatic: number;
  cognitive: number;
  nesting: number;
  depth: number;
  maxDepth: number;
}

const NO_UNITS: readonly Unit[] = [];

/**
 * Unit bookkeeping on top of the walk's stack: which unit is open, who receives its points,
 * and the scoring steps the visitors (visit-*.ts) combine. Every visit ends with exactly one
 * pushExit, which schedules whatever must be undone once the node's children are done.
 */
export class UnitWalk extends WalkStack {
  readonly units: Unit[] = [];
  unit: Unit | undefined = undefined;
  targets: readonly Unit[] = NO_UNITS;
  /** Leave flags the visit of the current node owes already, from its nesting (see nest). */
  exit = 0;

  /** Enters a sonarjs nesting node; returns the leave flags that undo it. */
  nest(node: ts.Node): number {
    for (const target of this.targets) target.nesting++;
    // The rule's leave handler lowers the nesting of a function branch's own counter, never the parent's.
    return isFunctionWithBody(skipParentheses(node)) ? 0 : UNDO_NEST;
  }

  // Leave-node bookkeeping goes on the stack before the children, so it runs after them.
  pushExit(node: ts.Node, parent: ts.Node | undefined, more: number): void {
    const flags = this.exit | more;
    if (flags !== 0) this.push(node, EXIT | flags, parent);
  }

  /** The default visit: nothing of its own to score, children in source order. */
  descend(node: ts.Node, parent: ts.Node | undefined): void {
    this.pushExit(node, parent, 0);
    this.pushChildren(node);
  }

  enterUnit(node: ts.Node, parent: ts.Node | undefined): void {
    const [kind, name, params] = describeUnit(node, parent, this.text);
    const created: Unit = {
      kind,
      name,
      start: unitStart(node, this.text),
      end: node.end,
      params,
      outer: this.unit,
      outerTargets: this.targets,
      targets: NO_UNITS,
      cyclomatic: 1,
      cognitive: 0,
      nesting: 0,
      depth: 0,
      maxDepth: 0,
    };
    created.targets = isPseudoFunction(kind) ? [...this.targets, created] : [created];
    this.units.push(created);
    this.unit = created;
    this.targets = created.targets;
  }

  leave(flags: number): void {
    const unit = this.unit;
    if (flags & POP_UNIT && unit !== undefined) {
      this.targets = unit.outerTargets;
      this.unit = unit.outer;
    }
    if (flags & UNDO_DEPTH && this.unit !== undefined) this.unit.depth--;
    if (flags & UNDO_NEST) for (const target of this.targets) target.nesting--;
  }

  /** One more path for ESLint `complexity`. */
  branch(): void {
    if (this.unit !== undefined) this.unit.cyclomatic++;
  }

  /** sonarjs structural increment: +1 plus the current nesting. */
  structural(): void {
    for (const target of this.targets) target.cognitive += target.nesting + 1;
  }

  /** sonarjs flat increment, whatever the nesting. */
  increment(amount: number): void {
    for (const target of this.targets) target.cognitive += amount;
  }

  /** One level deeper for ESLint `max-depth`; returns the leave flag that undoes it. */
  deeper(): number {
    const unit = this.unit;
    if (unit === undefined) return 0;
    if (++unit.depth > unit.maxDepth) unit.maxDepth = unit.depth;
    return UNDO_DEPTH;
  }
}

function isPseudoFunction(kind: FunctionKind): boolean {
  return kind === "class-field-initializer" || kind === "class-static-block";
}

function isFunctionWithBody(node: ts.Node): boolean {
  const kind = node.kind;
  return (
    (kind === K.FunctionExpression || kind === K.ArrowFunction || kind === K.FunctionDeclaration) &&
    (node as ts.FunctionLikeDeclaration).body !== undefined
  );
}
