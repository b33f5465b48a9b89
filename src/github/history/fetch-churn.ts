import type { GitHubGateway } from "../gateway.js";

/** Commit details cost one request each; the newest ones carry the signal for hotspots. */
export const MAX_CHURN_COMMITS = 50;

/**
 * Commits touching each file since `since` on the default branch, from the commits API
 * (the app has no git checkout). Bounded to the newest MAX_CHURN_COMMITS commits.
 */
export async function fetchChurn(gateway: GitHubGateway, since: Date, sha?: string): Promise<{ churn: Map<string, number>; commits: number; partial: boolean }> {
  const { data: commits } = await gateway.octokit.rest.repos.listCommits({
    ...gateway.ref,
    since: since.toISOString(),
    per_page: MAX_CHURN_COMMITS,
    ...(sha ? { sha } : {}),
  });
  const churn = new Map<string, number>();
  for (const commit of commits) {
    const { data } = await gateway.octokit.rest.repos.getCommit({ ...gateway.ref, ref: commit.sha });
    for (const file of data.files ?? []) churn.set(file.filename, (churn.get(file.filename) ?? 0) + 1);
  }
  return { churn, commits: commits.length, partial: commits.length >= MAX_CHURN_COMMITS };
}
