import type { BlameEntry } from "../../../ports/repo-source.js";
import type { DebtThresholds, DuplicationSettings, TestCodeMode } from "./settings.js";

export type { BlameEntry };

/** Who last changed each 1-based line of a file; undefined or empty when unknown. */
export type BlameFn = (path: string) => Promise<ReadonlyMap<number, BlameEntry> | undefined>;

export interface TestCodeSettings {
  mode: TestCodeMode;
  /** Globs of test files (the config's `techDebt.testFiles`). */
  files: readonly string[];
}

export interface ScanOptions {
  thresholds: DebtThresholds;
  duplication: DuplicationSettings;
  /** Globs of files never analysed (they take no part in duplication either). */
  ignore: readonly string[];
  /** How test code is treated; by default it is analysed apart (the config's defaults). */
  tests?: TestCodeSettings;
  /** Files larger than this are skipped (default 1 MB). */
  maxFileBytes?: number;
  /** How long duplicate detection may take before the scan goes on without it (default 10 minutes). */
  duplicationTimeoutMs?: number;
  /**
   * The most code (bytes of the files to analyse) duplicate detection reads in one run; with more,
   * the scan goes on without it and says so. jscpd holds every file it reads at once, at about 30
   * bytes of memory per byte of code. Unlimited by default.
   */
  duplicationMaxBytes?: number;
  /**
   * Whether the result lists each file's functions (default true). Without them a scan keeps a
   * small part of what it measured: the findings and figures are all a pull request comparison needs.
   */
  keepFunctions?: boolean;
  /**
   * Analyse just these paths (a PR's changed files). Every other file is still read and
   * handed to duplicate detection, so clones of the analysed files are found across the tree.
   */
  only?: readonly string[];
  /** Commits per path in the churn window (90 days), for hotspots. */
  churn?: ReadonlyMap<string, number>;
  /** For the author and age of to-do comments. */
  blame?: BlameFn;
  /** The time to-do ages are measured against. */
  now: Date;
  /** Progress of the analysis pass: files measured so far, of how many. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Told the file whose parse and walk (where a scan's memory goes) starts, and undefined once it is
   * over, so that whoever watches the scan's heap knows which file was in progress if it runs out.
   */
  measuring?: (path: string | undefined) => void;
  /** Files reported in `skipped` with the given reason instead of being measured (one that ran out of memory before). */
  withheld?: ReadonlyMap<string, string>;
}
