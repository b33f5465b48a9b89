import type { RepoFile, RepoSource } from "../../ports/repo-source.js";
import { runGit, type GitOptions } from "./git.js";

/**
 * Some files of a local repository as they were at a commit, read from git's object store
 * (`git cat-file blob <rev>:./<path>`): no checkout, no filters, nothing executed.
 */
export class GitRevisionSource implements RepoSource {
  readonly description: string;

  constructor(
    private readonly root: string,
    private readonly revision: string,
    private readonly paths: readonly string[],
    private readonly options: GitOptions = {},
  ) {
    this.description = `${root}@${revision.slice(0, 7)}`;
  }

  listFiles(): Promise<RepoFile[]> {
    return Promise.resolve(this.paths.map((path) => ({ path })));
  }

  readFile(path: string): Promise<string | undefined> {
    if (!this.paths.includes(path)) return Promise.resolve(undefined);
    return runGit(this.root, ["cat-file", "blob", `${this.revision}:./${path}`], this.options).catch(() => undefined);
  }
}
