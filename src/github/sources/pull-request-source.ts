import type { RepoFile, RepoSource } from "../../ports/repo-source.js";
import type { GitHubGateway } from "../gateway.js";

/** The contents API serves files up to 1 MB whole; the scanner skips larger ones anyway. */
const MAX_FILE_BYTES = 1024 * 1024;

/**
 * A PR's changed files at one revision, read through the contents API on demand. Only the files the
 * PR touches are listed: the check is about new code, and this keeps a PR scan to a few requests.
 */
export class PullRequestSource implements RepoSource {
  readonly #cache = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly gateway: GitHubGateway,
    private readonly ref: string,
    private readonly files: RepoFile[],
  ) {}

  get description(): string {
    return `${this.gateway.fullName}@${this.ref.slice(0, 7)}`;
  }

  listFiles(): Promise<RepoFile[]> {
    return Promise.resolve(this.files);
  }

  readFile(path: string): Promise<string | undefined> {
    const size = this.files.find((file) => file.path === path)?.size;
    if (size !== undefined && size > MAX_FILE_BYTES) return Promise.resolve(undefined);
    let text = this.#cache.get(path);
    if (!text) {
      text = this.gateway.getFileText(path, this.ref);
      this.#cache.set(path, text);
    }
    return text;
  }
}
