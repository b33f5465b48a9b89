import type { ClonePair, CloneRange } from "./clone-pair.js";

/** Every copy of one piece of duplicated code: a pair, or more copies when the code appears three or more times. */
export interface CloneGroup {
  /** The longest match among the group's pairs, in tokens and in lines as jscpd counts them. */
  tokens: number;
  lines: number;
  /** Copies in path and line order; each is the union of the fragments jscpd reported for it. */
  copies: CloneRange[];
}

/**
 * jscpd reports pairs: code that appears three times comes back as two or three pairs that share
 * a copy. Fragments in the same file that cover nearly the same lines are taken for the same
 * copy, and pairs that share a copy form one group, so three copies make one finding rather than
 * one per pair, as PMD's CPD and SonarQube group the occurrences of one block.
 */
/**
 * Two fragments are the same copy when they share this much of the longer one's lines: jscpd
 * reports one copy with slightly different bounds in different pairs, while fragments that merely
 * overlap (repetitive code such as overload lists) are different code and must not chain into
 * one giant group.
 */
const SAME_COPY_SHARE = 0.8;

export function groupClones(pairs: readonly ClonePair[]): CloneGroup[] {
  const fragments = pairs.flatMap((pair) => [pair.a, pair.b]);
  const copyOf = new UnionFind(fragments.length);
  const groupOf = new UnionFind(fragments.length);
  for (let i = 0; i < pairs.length; i++) groupOf.union(2 * i, 2 * i + 1);
  for (const [i, j] of sameCopyPairs(fragments)) {
    copyOf.union(i, j);
    groupOf.union(i, j);
  }

  const groups = new Map<number, { tokens: number; lines: number; copies: Map<number, CloneRange> }>();
  fragments.forEach((fragment, index) => {
    const root = groupOf.find(index);
    let group = groups.get(root);
    if (group === undefined) groups.set(root, (group = { tokens: 0, lines: 0, copies: new Map() }));
    const pair = pairs[index >> 1]!;
    group.tokens = Math.max(group.tokens, pair.tokens);
    group.lines = Math.max(group.lines, pair.lines);
    const copy = copyOf.find(index);
    const known = group.copies.get(copy);
    group.copies.set(copy, known === undefined ? { ...fragment } : widen(known, fragment));
  });
  return [...groups.values()]
    .map((group) => ({ tokens: group.tokens, lines: group.lines, copies: [...group.copies.values()].sort(compareRanges) }))
    .sort((a, b) => compareRanges(a.copies[0]!, b.copies[0]!));
}

/** Indexes of fragment pairs in the same file that cover nearly the same lines (see SAME_COPY_SHARE). */
function sameCopyPairs(fragments: readonly CloneRange[]): [number, number][] {
  const order = fragments.map((_, index) => index).sort((i, j) => compareRanges(fragments[i]!, fragments[j]!));
  const found: [number, number][] = [];
  for (let x = 0; x < order.length; x++) {
    const first = fragments[order[x]!]!;
    for (let y = x + 1; y < order.length; y++) {
      const second = fragments[order[y]!]!;
      if (second.path !== first.path || second.startLine > first.endLine) break;
      const overlap = Math.min(first.endLine, second.endLine) - second.startLine + 1;
      const longer = Math.max(span(first), span(second));
      if (overlap >= SAME_COPY_SHARE * longer) found.push([order[x]!, order[y]!]);
    }
  }
  return found;
}

function span(range: CloneRange): number {
  return range.endLine - range.startLine + 1;
}

function widen(a: CloneRange, b: CloneRange): CloneRange {
  return { path: a.path, startLine: Math.min(a.startLine, b.startLine), endLine: Math.max(a.endLine, b.endLine) };
}

export function compareRanges(a: CloneRange, b: CloneRange): number {
  return (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.startLine - b.startLine || a.endLine - b.endLine;
}

class UnionFind {
  readonly #parent: Int32Array;
  constructor(size: number) {
    this.#parent = Int32Array.from({ length: size }, (_, index) => index);
  }
  find(index: number): number {
    let root = index;
    while (this.#parent[root] !== root) root = this.#parent[root]!;
    // Path compression keeps later finds flat.
    for (let node = index; this.#parent[node] !== root; ) {
      const next = this.#parent[node]!;
      this.#parent[node] = root;
      node = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA !== rootB) this.#parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
  }
}
