import type { ContentsPort } from "../../ports/github.js";
import type { RepoFile, RepoSource } from "../../ports/repo-source.js";

/**
 * A PR's changed files at one revision, read through the contents API on demand. Only the files the
 * PR touches are listed: the check is about new code, and this keeps a PR scan to a few requests.
 *
 * Once GitHub fails to serve one file, no other file is asked for: a side read in part gives no
 * verdict anyway, and each failing read costs the client's retries, so reading on would only keep
 * the check spinning.
 */
export class PullRequestSource implements RepoSource {
  readonly #cache = new Map<string, Promise<string | undefined>>();
  /** The first file GitHub failed to serve. */
  #unserved: string | undefined;

  constructor(
    private readonly contents: ContentsPort,
    readonly description: string,
    private readonly ref: string,
    private readonly files: RepoFile[],
  ) {}

  listFiles(): Promise<RepoFile[]> {
    return Promise.resolve(this.files);
  }

  readFile(path: string): Promise<string | undefined> {
    if (!this.files.some((file) => file.path === path)) return Promise.resolve(undefined);
    let text = this.#cache.get(path);
    if (!text) {
      if (this.#unserved !== undefined) return Promise.reject(new Error(`not read: GitHub did not serve ${this.#unserved} at ${this.ref.slice(0, 7)}`));
      text = this.contents.getFileText(path, this.ref);
      text.catch(() => (this.#unserved ??= path));
      this.#cache.set(path, text);
    }
    return text;
  }
}
