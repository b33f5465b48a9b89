import type { GitHubRepo, IssueRecord } from "../../ports/github.js";
import { fitComment } from "../../render/limits.js";
import { hasMarker, parseMarkers, withMarker } from "../../render/markers.js";
import type { MarkerKind } from "../../protocol/marker-kinds.js";
import { createOnce } from "./create-once.js";

export interface LivingIssueInput {
  kind: MarkerKind;
  key?: string;
  title: string;
  body: string;
  labels: string[];
}

/**
 * A living issue found by its marker (and first label), updated in place; created once. A closed
 * one is updated but left closed: closing it is the maintainer's call, and a new one would duplicate it.
 */
export async function ensureLivingIssue(repo: Pick<GitHubRepo, "issues">, input: LivingIssueInput): Promise<{ number: number; created: boolean }> {
  const body = fitComment(withMarker(input.body, input.kind, input.key));
  const existing = (await repo.issues.list(input.labels[0])).find((issue) => hasMarker(issue.body, input.kind, input.key));
  if (existing) {
    if (existing.body !== body || existing.title !== input.title) await repo.issues.update(existing.number, { title: input.title, body });
    return { number: existing.number, created: false };
  }
  return { number: await createMarkedIssue(repo, input), created: true };
}

/** Creates an issue carrying its marker; for callers that already know none exists. */
export function createMarkedIssue(repo: Pick<GitHubRepo, "issues">, input: LivingIssueInput): Promise<number> {
  return createOnce(
    () => repo.issues.create({ title: input.title, body: fitComment(withMarker(input.body, input.kind, input.key)), labels: input.labels }),
    async () => (await repo.issues.list(input.labels[0])).find((issue) => hasMarker(issue.body, input.kind, input.key))?.number,
  );
}

/** Issues (open or closed) carrying a `kind` marker, with the marker's key: for one-issue-per-key sets. */
export async function listMarkedIssues(repo: Pick<GitHubRepo, "issues">, label: string, kind: MarkerKind): Promise<(Pick<IssueRecord, "number" | "state"> & { key: string })[]> {
  const marked: (Pick<IssueRecord, "number" | "state"> & { key: string })[] = [];
  for (const issue of await repo.issues.list(label)) {
    const key = parseMarkers(issue.body).find((m) => m.kind === kind)?.key;
    if (key !== undefined) marked.push({ key, number: issue.number, state: issue.state });
  }
  return marked;
}
