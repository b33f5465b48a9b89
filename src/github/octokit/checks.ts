import type { ChecksPort } from "../../ports/github.js";
import type { OctokitScope } from "./types.js";

export function octokitChecks({ octokit, ref }: OctokitScope): ChecksPort {
  return {
    async listForRef(headSha, name) {
      const { data } = await octokit.rest.checks.listForRef({ ...ref, ref: headSha, filter: "latest", per_page: 100, ...(name ? { check_name: name } : {}) });
      return data.check_runs.map((run) => ({
        id: run.id,
        name: run.name,
        headSha: run.head_sha,
        status: run.status,
        conclusion: run.conclusion ?? null,
        externalId: run.external_id ?? null,
      }));
    },
    async create(input) {
      const { data } = await octokit.rest.checks.create({
        ...ref,
        name: input.name,
        head_sha: input.headSha,
        external_id: input.externalId,
        status: input.status,
        ...(input.conclusion ? { conclusion: input.conclusion } : {}),
        output: input.output,
      });
      return data.id;
    },
    async update(id, input) {
      await octokit.rest.checks.update({
        ...ref,
        check_run_id: id,
        ...(input.status ? { status: input.status } : {}),
        ...(input.conclusion ? { conclusion: input.conclusion } : {}),
        ...(input.externalId ? { external_id: input.externalId } : {}),
        output: input.output,
      });
    },
  };
}
