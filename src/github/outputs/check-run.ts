import type { CheckConclusion, CheckStatus, GitHubRepo } from "../../ports/github.js";
import { batchAnnotations, capAnnotations, type Annotation } from "../../render/annotations.js";
import { fitCheckText } from "../../render/limits.js";

export interface CheckRunInput {
  name: string;
  headSha: string;
  externalId: string;
  status: CheckStatus;
  conclusion?: CheckConclusion;
  title: string;
  summary: string;
  text?: string;
  annotations?: Annotation[];
}

/**
 * One check run per (name, head SHA): an existing run (found by name and SHA, or `knownId`) is updated, never duplicated. Annotations
 * go 50 per request (GitHub's limit); later batches are appended by further updates.
 */
export async function upsertCheckRun(repo: Pick<GitHubRepo, "checks">, input: CheckRunInput, knownId?: number): Promise<{ id: number; created: boolean }> {
  const { kept } = capAnnotations(input.annotations ?? []);
  const batches = batchAnnotations(kept);
  const output = (annotations: Annotation[] | undefined) => ({
    title: input.title,
    summary: fitCheckText(input.summary),
    ...(input.text ? { text: fitCheckText(input.text) } : {}),
    ...(annotations && annotations.length > 0 ? { annotations } : {}),
  });
  const state = { status: input.status, ...(input.status === "completed" ? { conclusion: input.conclusion ?? "neutral" } : {}) };
  // A caller that started the run knows its id: no lookup on the hot path of every PR check.
  const existing = knownId !== undefined ? { id: knownId } : (await repo.checks.listForRef(input.headSha, input.name)).find((run) => run.headSha === input.headSha && run.name === input.name);
  let id: number;
  if (existing) {
    id = existing.id;
    await repo.checks.update(id, { ...state, externalId: input.externalId, output: output(batches[0]) });
  } else {
    id = await repo.checks.create({ name: input.name, headSha: input.headSha, externalId: input.externalId, ...state, output: output(batches[0]) });
  }
  for (const batch of batches.slice(1)) await repo.checks.update(id, { output: output(batch) });
  return { id, created: !existing };
}
