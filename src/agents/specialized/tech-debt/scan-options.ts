import type { BlameEntry } from "../../../ports/repo-source.js";
import type { DebtThresholds, DuplicationSettings } from "./settings.js";

export type { BlameEntry };

/** Who last changed each 1-based line of a file; undefined or empty when unknown. */
export type BlameFn = (path: string) => Promise<ReadonlyMap<number, BlameEntry> | undefined>;

export interface ScanOptions {
  thresholds: DebtThresholds;
  duplication: DuplicationSettings;
  /** Globs of files never analysed (they still do not count as clones either). */
  ignore: readonly string[];
  /**
   * Analyse just these paths (a PR's changed files). Every other file is still read and
   * tokenised so clones of the analysed files are found across the whole tree.
   */
  only?: readonly string[];
  /** Commits per path in the churn window (90 days), for hotspots. */
  churn?: ReadonlyMap<string, number>;
  /** For the author and age of to-do comments. */
  blame?: BlameFn;
  /** The time to-do ages are measured against. */
  now: Date;
  onProgress?: (done: number, total: number) => void;
}
