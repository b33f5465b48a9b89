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
