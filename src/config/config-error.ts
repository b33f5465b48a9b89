/** One problem in `.github/concord.yml`, addressed the way a maintainer reads the file. */
export interface ConfigError {
  /** Dotted key path such as "techDebt.thresholds.cognitive"; "" for the file as a whole. */
  readonly path: string;
  readonly message: string;
  /** 1-based line in the file, when known. */
  readonly line?: number;
}
