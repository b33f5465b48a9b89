/** A read-only view of a repository's files at one revision: a local checkout, a tarball, or files fetched from a PR. */
export interface RepoFile {
  /** POSIX path relative to the repository root. */
  path: string;
  /** Size in bytes, when known before reading. */
  size?: number;
}

export interface RepoSource {
  /** A label for reports, e.g. "owner/repo@sha" or a local folder. */
  readonly description: string;
  listFiles(): Promise<RepoFile[]>;
  /** The file's text, or undefined when it does not exist at this revision. */
  readFile(path: string): Promise<string | undefined>;
}

/** Who last changed one line, from version history. */
export interface BlameEntry {
  author: string;
  /** ISO 8601. */
  authorTime: string;
}

/**
 * Optional history on top of RepoSource, offered by sources backed by a git checkout (the CLI's
 * local folder); PR files and tarballs have none, and the app brings churn from the commits API.
 */
export interface HistorySource {
  /** Who last touched each 1-based line of the committed file; empty when unknown. */
  blame(path: string): Promise<ReadonlyMap<number, BlameEntry>>;
  /** Commits per path since the given ISO time; empty when there is no history. */
  churn(sinceIso: string): Promise<ReadonlyMap<string, number>>;
}

export function hasHistory(source: RepoSource): source is RepoSource & HistorySource {
  const candidate = source as Partial<HistorySource>;
  return typeof candidate.blame === "function" && typeof candidate.churn === "function";
}

/** A RepoSource over files already in memory (PR head/base contents, tests). */
export class MemoryRepoSource implements RepoSource {
  readonly #files: Map<string, string>;
  constructor(
    files: Record<string, string> | Map<string, string>,
    readonly description = "memory",
  ) {
    this.#files = files instanceof Map ? new Map(files) : new Map(Object.entries(files));
  }
  listFiles(): Promise<RepoFile[]> {
    return Promise.resolve([...this.#files].map(([path, text]) => ({ path, size: Buffer.byteLength(text) })));
  }
  readFile(path: string): Promise<string | undefined> {
    return Promise.resolve(this.#files.get(path));
  }
}
