import type { ClonePair, CloneRange } from "../../src/agents/specialized/tech-debt/duplication/clone-pair.js";

/**
 * How far two lists of clone pairs agree, the way the issue measured it: a pair of one list is
 * matched when the other has a pair between the same two files whose ranges overlap on both
 * sides (in either orientation).
 */
export interface Agreement {
  /** Share of `ours` matched in `theirs`, 0–1 (1 when `ours` is empty). */
  oursInTheirs: number;
  theirsInOurs: number;
  ours: number;
  theirs: number;
}

export function clonePairAgreement(ours: readonly ClonePair[], theirs: readonly ClonePair[]): Agreement {
  return {
    oursInTheirs: share(ours, index(theirs)),
    theirsInOurs: share(theirs, index(ours)),
    ours: ours.length,
    theirs: theirs.length,
  };
}

function index(pairs: readonly ClonePair[]): Map<string, ClonePair[]> {
  const byFiles = new Map<string, ClonePair[]>();
  for (const pair of pairs) {
    const key = filesKey(pair);
    const list = byFiles.get(key);
    if (list) list.push(pair);
    else byFiles.set(key, [pair]);
  }
  return byFiles;
}

function share(pairs: readonly ClonePair[], other: ReadonlyMap<string, ClonePair[]>): number {
  if (pairs.length === 0) return 1;
  const matched = pairs.filter((pair) => (other.get(filesKey(pair)) ?? []).some((candidate) => sameClone(pair, candidate)));
  return matched.length / pairs.length;
}

function filesKey(pair: ClonePair): string {
  return [pair.a.path, pair.b.path].sort().join("\0");
}

function sameClone(x: ClonePair, y: ClonePair): boolean {
  return (overlaps(x.a, y.a) && overlaps(x.b, y.b)) || (overlaps(x.a, y.b) && overlaps(x.b, y.a));
}

function overlaps(x: CloneRange, y: CloneRange): boolean {
  return x.path === y.path && x.startLine <= y.endLine && y.startLine <= x.endLine;
}
