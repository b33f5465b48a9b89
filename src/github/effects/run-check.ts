import { describeError } from "../../config/describe-error.js";
import type { GitHubRepo } from "../../ports/github.js";
import type { EffectInput } from "../../protocol/effects.js";
import { escapeMarkdown } from "../../render/escape.js";
import { untilAborted } from "../../runtime/until-aborted.js";
import { upsertCheckRun } from "../outputs/check-run.js";
import { startClaimedCheckRun, type CheckRunClaims } from "../outputs/check-run-claim.js";
import { applyEffects } from "./apply-effects.js";

/**
 * A check's whole life: in progress while `work` runs, then completed by the effects it returns,
 * which must include the completed run (a check-run effect with the same name and head SHA). When
 * the work throws, or forgets the run, it is completed neutral with the reason: a check never stays
 * spinning. An error goes on to the caller, whose delivery is retried. When `signal` aborts (the
 * job's time budget is spent) the work counts as failed with the signal's reason, even if it is still pending.
 * The run is one per name and head whoever else checks the same head at once (see `claims`).
 */
export async function runCheck(
  repo: GitHubRepo,
  claims: CheckRunClaims,
  run: { name: string; headSha: string; externalId: string; title: string; summary: string },
  work: () => Promise<readonly EffectInput[]>,
  signal: AbortSignal = new AbortController().signal,
): Promise<void> {
  const identity = { name: run.name, headSha: run.headSha, externalId: run.externalId };
  const started = await startClaimedCheckRun(claims, repo, { ...identity, status: "in_progress", title: run.title, summary: run.summary });
  const { id } = started;
  let completes: boolean;
  try {
    const effects = await untilAborted(work(), signal);
    completes = effects.some((effect) => effect.kind === "check-run" && effect.name === run.name && effect.headSha === run.headSha);
    // Applying the result fails too when GitHub does not take the completing update: the check still ends.
    await applyEffects(repo, effects, { checkRun: { name: run.name, headSha: run.headSha, id } });
  } catch (error) {
    await upsertCheckRun(repo, { ...identity, status: "completed", conclusion: "neutral", title: "Analysis did not finish", summary: unfinished(error) }, id);
    await started.settle();
    throw error;
  }
  if (!completes) {
    await upsertCheckRun(repo, { ...identity, status: "completed", conclusion: "neutral", title: "No result", summary: "The agent answered without a result for this check." }, id);
  }
  await started.settle();
}

function unfinished(error: unknown): string {
  return `Concord could not finish this check: ${escapeMarkdown(describeError(error))}. It retries on its own; re-run the check to try again.`;
}
