import { LocalRepoSource } from "../../adapters/repo-source/local-repo-source.js";
import type { ContentsPort } from "../../ports/github.js";
import type { OpenedSource, SourceResolver } from "../../ports/source-resolver.js";
import type { SourceRef } from "../../protocol/sources.js";
import { describeGitHubError } from "../describe-github-error.js";
import { PullRequestSource } from "./pull-request-source.js";
import type { RateLimitNotes } from "./rate-limit-notes.js";

/**
 * Opens the references that need GitHub: a repository at a commit (its tarball, streamed to a
 * temporary folder that closing removes) and a pull request's files (read on demand through the
 * contents API, kept on disk until closing), as the installation the reference names. Anything else goes to `fallback`.
 */
export class GitHubSourceResolver implements SourceResolver {
  constructor(
    private readonly contents: (repo: string, installationId: number) => Promise<ContentsPort>,
    private readonly fallback: SourceResolver,
    /** Where a rate limit met reading a PR's files is noted for the check that asked. */
    private readonly rateLimits?: RateLimitNotes,
  ) {}

  async open(ref: SourceRef): Promise<OpenedSource> {
    switch (ref.kind) {
      case "tree": {
        const tree = await (await this.contents(ref.repo, ref.installationId)).downloadTree(ref.sha).catch((error: unknown) => {
          // The agent's failure is all its asker sees: it says what could not be read, and why.
          throw new Error(`the archive of ${ref.repo} at ${ref.sha.slice(0, 7)} could not be downloaded: ${describeGitHubError(error)}`, { cause: error });
        });
        return { source: new LocalRepoSource(tree.dir), close: () => tree.remove() };
      }
      case "pr-files": {
        const contents = noteRateLimits(await this.contents(ref.repo, ref.installationId), `${ref.repo}@${ref.sha}`, this.rateLimits);
        const source = new PullRequestSource(contents, `${ref.repo}@${ref.sha.slice(0, 7)}`, ref.sha, ref.paths.map((path) => ({ path })));
        return { source, close: () => source.close() };
      }
      default:
        return this.fallback.open(ref);
    }
  }
}

function noteRateLimits(contents: ContentsPort, source: string, notes: RateLimitNotes | undefined): ContentsPort {
  if (!notes) return contents;
  return {
    ...contents,
    getFileText: (path, at) =>
      contents.getFileText(path, at).catch((error: unknown) => {
        notes.note(source, error);
        throw error;
      }),
  };
}
