import type { ProbotOctokit } from "probot";
import type { GitHubRepo, RepoRef } from "../../ports/github.js";
import { octokitChecks } from "./checks.js";
import { octokitComments, octokitReactions } from "./comments.js";
import { octokitContents } from "./contents.js";
import { octokitGitData } from "./git-data.js";
import { octokitAssignees, octokitIssues, octokitLabels } from "./issues.js";
import { octokitPulls } from "./pulls.js";
import { octokitHistory, octokitPermissions, octokitRepository } from "./repository.js";
import { octokitReviews } from "./reviews.js";

/** Every GitHub port of one repository, over one installation's client (which stays in here). */
export function octokitRepo(octokit: ProbotOctokit, ref: RepoRef): GitHubRepo {
  const scope = { octokit, ref };
  return {
    ref,
    fullName: `${ref.owner}/${ref.repo}`,
    contents: octokitContents(scope),
    checks: octokitChecks(scope),
    comments: octokitComments(scope),
    reactions: octokitReactions(scope),
    issues: octokitIssues(scope),
    labels: octokitLabels(scope),
    assignees: octokitAssignees(scope),
    pulls: octokitPulls(scope),
    reviews: octokitReviews(scope),
    repository: octokitRepository(scope),
    permissions: octokitPermissions(scope),
    history: octokitHistory(scope),
    git: octokitGitData(scope),
  };
}
