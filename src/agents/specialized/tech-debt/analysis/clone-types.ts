/** The public shapes of clone detection; clones.ts re-exports them. */

/**
 * jscpd's modes: "mild" (its default) keeps comments as tokens, so an edited comment
 * breaks a clone; "weak" ignores comments.
 */
export type CloneMode = "mild" | "weak";

export interface CloneOptions {
  /** Smallest clone in tokens (jscpd default 50). */
  minTokens?: number;
  /** Smallest clone in lines, counted inclusively on both copies (jscpd default 5). */
  minLines?: number;
  mode?: CloneMode;
}

export interface CloneRange {
  path: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  /** Character offsets into the file text, end exclusive. */
  startOffset: number;
  endOffset: number;
}

export interface ClonePair {
  tokens: number;
  /** Lines spanned by the shorter of the two copies. */
  lines: number;
  /** The earlier copy: the first occurrence in the order files were added. */
  a: CloneRange;
  b: CloneRange;
}

export interface FileDuplication {
  path: string;
  lines: number;
  tokens: number;
  duplicatedLines: number;
}

export interface CloneReport {
  clones: ClonePair[];
  files: FileDuplication[];
  totalLines: number;
  totalTokens: number;
  /** Distinct lines covered by either side of any clone. */
  duplicatedLines: number;
  /** duplicatedLines / totalLines × 100, rounded to two decimals like jscpd. */
  duplicatedLinesPercent: number;
}
