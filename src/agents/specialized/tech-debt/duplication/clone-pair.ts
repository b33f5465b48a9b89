/** Where one copy of duplicated code sits: a repository path and 1-based inclusive lines. */
export interface CloneRange {
  path: string;
  startLine: number;
  endLine: number;
}

/** Two copies of the same code, as jscpd reports them: `a` is the copy in the earlier path. */
export interface ClonePair {
  tokens: number;
  /** Lines of copy `a`, as jscpd counts them. */
  lines: number;
  a: CloneRange;
  b: CloneRange;
}

/** jscpd's thresholds (its defaults are 50 and 5), and its upper bound on file size. */
export interface CloneSettings {
  minTokens: number;
  minLines: number;
  maxBytes: number;
}
