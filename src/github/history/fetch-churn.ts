import type { HistoryPort } from "../../ports/github.js";

/** Commit details cost one request each; the newest ones carry the signal for hotspots. */
export const MAX_CHURN_COMMITS = 50;

/**
 * Commits touching each file since `since` on the default branch (or from `sha`), from the commits
 * API (the app has no git checkout). Bounded to the newest MAX_CHURN_COMMITS commits.
 */
export async function fetchChurn(history: HistoryPort, since: Date, sha?: string): Promise<{ churn: Map<string, number>; commits: number; partial: boolean }> {
  const commits = await history.listCommits({ since: since.toISOString(), limit: MAX_CHURN_COMMITS, ...(sha ? { sha } : {}) });
  const churn = new Map<string, number>();
  for (const commit of commits) for (const file of commit.files) churn.set(file, (churn.get(file) ?? 0) + 1);
  return { churn, commits: commits.length, partial: commits.length >= MAX_CHURN_COMMITS };
}
