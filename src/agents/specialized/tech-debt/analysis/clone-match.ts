import type { ClonePair, CloneRange } from "./clone-types.js";
import { fileAt, rangeOf, type FileTokens } from "./file-tokens.js";

export interface MatchLimits {
  /** Tokens per gram: a candidate must agree on at least this many. */
  gram: number;
  minTokens: number;
  minLines: number;
}

/**
 * Turns candidates (a selected gram whose hash was seen before) into clone pairs: verifies the
 * gram against its first occurrence, extends the match both ways as far as the tokens agree,
 * and keeps it when it reaches minTokens tokens and minLines lines.
 */
export class CloneMatcher {
  readonly clones: ClonePair[] = [];
  readonly #files: readonly FileTokens[];
  readonly #limits: MatchLimits;

  /** `files` is the detector's own list, in order of their base, read as it grows. */
  constructor(files: readonly FileTokens[], limits: MatchLimits) {
    this.#files = files;
    this.#limits = limits;
  }

  /**
   * Matches the gram at token `p` of `file` against the one at global index `found`, without
   * reaching back before token `taken`. Returns the match's end in this file when it reaches
   * minTokens, else 0.
   */
  match(file: FileTokens, p: number, found: number, taken: number): number {
    const other = fileAt(this.#files, found);
    const j = found - other.base;
    const a = other.hashes;
    const b = file.hashes;
    // Within one file the copies may not overlap: a run like `0, 0, 0, …` would otherwise
    // be reported as a clone of itself shifted by one.
    const gap = other === file ? p - j : Number.MAX_SAFE_INTEGER;
    const forwardLimit = Math.min(b.length - p, a.length - j, gap);
    let forward = 0;
    while (forward < forwardLimit && a[j + forward] === b[p + forward]) forward++;
    // Equal hashes, different tokens: the gram itself must agree.
    if (forward < this.#limits.gram) return 0;
    const backwardLimit = Math.min(p - taken, j, gap - forward);
    let backward = 0;
    while (backward < backwardLimit && a[j - backward - 1] === b[p - backward - 1]) backward++;
    const length = forward + backward;
    if (length < this.#limits.minTokens) return 0;
    this.#record(rangeOf(other, j - backward, length), rangeOf(file, p - backward, length), length);
    return p + forward;
  }

  #record(a: CloneRange, b: CloneRange, tokens: number): void {
    const lines = Math.min(a.endLine - a.startLine, b.endLine - b.startLine) + 1;
    if (lines >= this.#limits.minLines) this.clones.push({ tokens, lines, a, b });
  }
}
