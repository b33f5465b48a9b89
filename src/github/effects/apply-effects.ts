import type { GitHubRepo } from "../../ports/github.js";
import { Effect, type EffectInput } from "../../protocol/effects.js";
import { renderEscalation } from "../../render/escalation.js";
import { upsertCheckRun } from "../outputs/check-run.js";
import { ensureLivingIssue } from "../outputs/living-issue.js";
import { ensureComment } from "../outputs/sticky-comment.js";
import { applyChangeSet } from "./apply-change-set.js";
import { applyReview } from "./apply-review.js";

/** What applying one effect produced, for callers that report it (an issue's number, a pull request's). */
export type AppliedEffect =
  | { kind: "check-run"; id: number; created: boolean }
  | { kind: "comment" | "escalation"; id: number; created: boolean }
  | { kind: "living-issue"; number: number; created: boolean }
  | { kind: "change-set"; pullNumber: number; moved: boolean }
  | { kind: "review" | "labels" | "assignees" | "review-requests" };

/**
 * Turns agents' effects into GitHub API calls, in order. Every kind is idempotent, so applying
 * the same effects again (a retried delivery, a re-run) changes nothing that is already right.
 */
export async function applyEffects(repo: GitHubRepo, effects: readonly EffectInput[], known: KnownOutputs = {}): Promise<AppliedEffect[]> {
  const applied: AppliedEffect[] = [];
  for (const input of effects) applied.push(await applyEffect(repo, Effect.parse(input), known));
  return applied;
}

/** Outputs the caller already has in hand (a check run it started), so applying needs no lookup. */
export interface KnownOutputs {
  checkRun?: { name: string; headSha: string; id: number };
}

async function applyEffect(repo: GitHubRepo, effect: Effect, known: KnownOutputs): Promise<AppliedEffect> {
  switch (effect.kind) {
    case "check-run": {
      const { kind, ...run } = effect;
      const started = known.checkRun;
      const knownId = started && started.name === run.name && started.headSha === run.headSha ? started.id : undefined;
      return { kind, ...(await upsertCheckRun(repo, { ...run, status: "completed" }, knownId)) };
    }
    case "comment":
      return { kind: effect.kind, ...(await ensureComment(repo, effect.issueNumber, effect.marker.kind, effect.marker.key, effect.body)) };
    case "living-issue":
      return {
        kind: effect.kind,
        ...(await ensureLivingIssue(repo, { kind: effect.marker.kind, ...(effect.marker.key ? { key: effect.marker.key } : {}), title: effect.title, body: effect.body, labels: effect.labels })),
      };
    case "review":
      await applyReview(repo, effect);
      return { kind: effect.kind };
    case "labels":
      if (effect.add.length > 0) await repo.labels.add(effect.issueNumber, effect.add);
      for (const label of effect.remove) await repo.labels.remove(effect.issueNumber, label);
      return { kind: effect.kind };
    case "assignees":
      await repo.assignees.add(effect.issueNumber, effect.logins);
      return { kind: effect.kind };
    case "review-requests":
      await repo.pulls.requestReviewers(effect.pullNumber, effect.reviewers);
      return { kind: effect.kind };
    case "change-set":
      return { kind: effect.kind, ...(await applyChangeSet(repo, effect)) };
    case "escalation":
      return { kind: effect.kind, ...(await ensureComment(repo, effect.issueNumber, "escalation", effect.escalationId, renderEscalation(effect))) };
  }
}
