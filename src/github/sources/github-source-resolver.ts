import type { ProbotOctokit } from "probot";
import { LocalRepoSource } from "../../adapters/repo-source/local-repo-source.js";
import type { OpenedSource, SourceResolver } from "../../ports/source-resolver.js";
import type { SourceRef } from "../../protocol/sources.js";
import { GitHubGateway } from "../gateway.js";
import { downloadTarball } from "./download-tarball.js";
import { PullRequestSource } from "./pull-request-source.js";

/**
 * Opens the references that need GitHub: a repository at a commit (its tarball, streamed to a
 * temporary folder that closing removes) and a pull request's files (read on demand through the
 * contents API), as the installation the reference names. Anything else goes to `fallback`.
 */
export class GitHubSourceResolver implements SourceResolver {
  constructor(
    private readonly auth: (installationId: number) => Promise<ProbotOctokit>,
    private readonly fallback: SourceResolver,
  ) {}

  async open(ref: SourceRef): Promise<OpenedSource> {
    switch (ref.kind) {
      case "tree": {
        const tree = await downloadTarball(await this.#gateway(ref.repo, ref.installationId), ref.sha);
        return { source: new LocalRepoSource(tree.dir), close: () => tree.remove() };
      }
      case "pr-files": {
        const gateway = await this.#gateway(ref.repo, ref.installationId);
        return { source: new PullRequestSource(gateway, ref.sha, ref.paths.map((path) => ({ path }))), close: () => Promise.resolve() };
      }
      default:
        return this.fallback.open(ref);
    }
  }

  async #gateway(fullName: string, installationId: number): Promise<GitHubGateway> {
    const [owner, repo] = fullName.split("/");
    if (!owner || !repo) throw new Error(`not a repository name: ${fullName}`);
    return new GitHubGateway(await this.auth(installationId), { owner, repo });
  }
}
