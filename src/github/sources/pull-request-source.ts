import type { ContentsPort } from "../../ports/github.js";
import type { RepoFile, RepoSource } from "../../ports/repo-source.js";

/**
 * A PR's changed files at one revision, read through the contents API on demand. Only the files the
 * PR touches are listed: the check is about new code, and this keeps a PR scan to a few requests.
 */
export class PullRequestSource implements RepoSource {
  readonly #cache = new Map<string, Promise<string | undefined>>();

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
      text = this.contents.getFileText(path, this.ref);
      this.#cache.set(path, text);
    }
    return text;
  }
}
