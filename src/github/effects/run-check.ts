import type { GitHubRepo } from "../../ports/github.js";
import type { EffectInput } from "../../protocol/effects.js";
import { escapeMarkdown } from "../../render/escape.js";
import { upsertCheckRun } from "../outputs/check-run.js";
import { applyEffects } from "./apply-effects.js";

/**
 * A check's whole life: in progress while `work` runs, then completed by the effects it returns,
 * which must include the completed run (a check-run effect with the same name and head SHA). When
 * the work throws, or forgets the run, it is completed neutral with the reason: a check never stays
 * spinning. An error goes on to the caller, whose delivery is retried.
 */
export async function runCheck(
  repo: GitHubRepo,
  run: { name: string; headSha: string; externalId: string; title: string; summary: string },
  work: () => Promise<readonly EffectInput[]>,
): Promise<void> {
  const identity = { name: run.name, headSha: run.headSha, externalId: run.externalId };
  const { id } = await upsertCheckRun(repo, { ...identity, status: "in_progress", title: run.title, summary: run.summary });
  let effects: readonly EffectInput[];
  try {
    effects = await work();
  } catch (error) {
    await upsertCheckRun(repo, { ...identity, status: "completed", conclusion: "neutral", title: "Analysis did not finish", summary: unfinished(error) }, id);
    throw error;
  }
  const completes = effects.some((effect) => effect.kind === "check-run" && effect.name === run.name && effect.headSha === run.headSha);
  await applyEffects(repo, effects, { checkRun: { name: run.name, headSha: run.headSha, id } });
  if (!completes) {
    await upsertCheckRun(repo, { ...identity, status: "completed", conclusion: "neutral", title: "No result", summary: "The agent answered without a result for this check." }, id);
  }
}

function unfinished(error: unknown): string {
  return `Concord could not finish this check: ${escapeMarkdown(error instanceof Error ? error.message : String(error))}. It retries on its own; re-run the check to try again.`;
}
