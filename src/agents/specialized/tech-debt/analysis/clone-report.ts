import type { ClonePair, CloneRange, CloneReport } from "./clone-types.js";
import type { FileTokens } from "./file-tokens.js";

/** Totals and per-file duplicated lines for `clones` found among `files` (by path, in the order added). */
export function buildReport(files: ReadonlyMap<string, FileTokens>, clones: readonly ClonePair[]): CloneReport {
  const covered = coveredLines(files, clones);
  let totalLines = 0;
  let totalTokens = 0;
  let duplicatedLines = 0;
  const perFile = [...files.values()].map((f) => {
    let dup = 0;
    const bits = covered.get(f.path);
    if (bits) for (let line = 1; line <= f.lines; line++) dup += bits[line]!;
    totalLines += f.lines;
    totalTokens += f.hashes.length;
    duplicatedLines += dup;
    return { path: f.path, lines: f.lines, tokens: f.hashes.length, duplicatedLines: dup };
  });
  return {
    clones: [...clones],
    files: perFile,
    totalLines,
    totalTokens,
    duplicatedLines,
    duplicatedLinesPercent: totalLines === 0 ? 0 : Math.round((10000 * duplicatedLines) / totalLines) / 100,
  };
}

/** Per path, one flag per 1-based line covered by either side of any clone. */
function coveredLines(files: ReadonlyMap<string, FileTokens>, clones: readonly ClonePair[]): Map<string, Uint8Array> {
  const covered = new Map<string, Uint8Array>();
  const mark = (range: CloneRange): void => {
    let bits = covered.get(range.path);
    if (!bits) covered.set(range.path, (bits = new Uint8Array((files.get(range.path)?.lines ?? range.endLine) + 2)));
    bits.fill(1, range.startLine, range.endLine + 1);
  };
  for (const clone of clones) {
    mark(clone.a);
    mark(clone.b);
  }
  return covered;
}
