import { formatConfigErrors } from "../../config/format-config-errors.js";
import { parseConfig } from "../../config/parse-config.js";
import type { GitHubRepo } from "../../ports/github.js";
import type { Annotation } from "../../render/annotations.js";
import { CONFIG_PATH } from "../load-config.js";
import { upsertClaimedCheckRun, type CheckRunClaims } from "../outputs/check-run-claim.js";

export const CONFIG_CHECK_NAME = "Concord / config";

/**
 * Validates `.github/concord.yml` as the PR's head has it and reports a check run on that SHA:
 * failure naming the path and key of every error, or success. (The config in force stays the
 * default branch's until the PR merges.) One run per head, whatever else checks it at once.
 */
export async function runConfigCheck(repo: GitHubRepo, headSha: string, claims: CheckRunClaims): Promise<"success" | "failure"> {
  const report = (conclusion: "success" | "failure", title: string, summary: string, annotations?: Annotation[]) =>
    upsertClaimedCheckRun(claims, repo, { name: CONFIG_CHECK_NAME, headSha, externalId: `config:${headSha}`, status: "completed", conclusion, title, summary, ...(annotations ? { annotations } : {}) });
  const text = await repo.contents.getFileText(CONFIG_PATH, headSha);
  if (text === undefined) {
    await report("success", "No .github/concord.yml", `This pull request removes \`${CONFIG_PATH}\`; Concord will use its defaults after it merges.`);
    return "success";
  }
  const result = parseConfig(text);
  if (result.ok) {
    await report("success", "Configuration is valid", `\`${CONFIG_PATH}\` is valid. It takes effect once it is on the default branch.`);
    return "success";
  }
  const count = result.errors.length;
  await report(
    "failure",
    `${count} error${count === 1 ? "" : "s"} in ${CONFIG_PATH}`,
    formatConfigErrors(result.errors),
    result.errors.map((error) => ({
      path: CONFIG_PATH,
      start_line: error.line ?? 1,
      end_line: error.line ?? 1,
      annotation_level: "failure" as const,
      title: error.path || "(file)",
      message: error.message,
    })),
  );
  return "failure";
}
