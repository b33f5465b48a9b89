import type { ProbotOctokit } from "probot";
import type { RepoRef } from "../../ports/github.js";

/** What every area adapter holds: the installation's client and the repository. Private to src/github/octokit. */
export interface OctokitScope {
  readonly octokit: ProbotOctokit;
  readonly ref: RepoRef;
}

export function statusOf(error: unknown): number | undefined {
  if (typeof error === "object" && error !== null && "status" in error) {
    const { status } = error;
    return typeof status === "number" ? status : undefined;
  }
  return undefined;
}
