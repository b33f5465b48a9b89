import { MAX_GLOBS } from "../../config/safe-glob.js";
import { UserError } from "../../errors.js";
import { inlineCode } from "../../render/escape.js";
import { DEBT_REPORT_TITLE } from "../../render/tech-debt/debt-report.js";
import { CONFIG_PATH } from "../load-config.js";
import { runDebtCheckWithComment } from "../use-cases/debt-check.js";
import { addIgnoredGlob } from "../use-cases/debt-ignore.js";
import { runDebtReport } from "../use-cases/debt-report.js";
import type { CommandHandler } from "./command-types.js";

/** `/debt` on a pull request re-runs its check with the sticky comment; elsewhere it is `/debt report`. */
export const debtScanCommand: CommandHandler<"debt scan"> = async (_command, thread, ctx, config) => {
  if (!thread.isPullRequest) return debtReportCommand({ kind: "debt report" }, thread, ctx, config);
  await runDebtCheckWithComment(ctx, thread.repo, config, thread.issueNumber);
  return { ok: true, body: `Scanned this pull request: see the **Concord / tech debt** check and the tech-debt comment above.` };
};

export const debtReportCommand: CommandHandler<"debt report"> = async (_command, thread, ctx, config) => {
  const { sha } = await thread.repo.repository.getDefaultBranchHead();
  const report = await runDebtReport(ctx, thread.repo, config, sha);
  return {
    ok: true,
    body: `${report.created ? "Created" : "Updated"} the **${DEBT_REPORT_TITLE}**: #${report.issueNumber} (default branch at ${inlineCode(sha.slice(0, 7))}).`,
  };
};

export const debtIgnoreCommand: CommandHandler<"debt ignore"> = async (command, thread, ctx, config) => {
  const inConfig = config.techDebt.ignore;
  const result = await addIgnoredGlob(ctx.runtime.state, thread.repo.fullName, command.glob, inConfig);
  const glob = inlineCode(command.glob);
  if (!result.added && result.reason === "list-full") {
    // The same limit as techDebt.ignore in the config, counted over both, so the check can always run.
    throw new UserError(
      `${glob} was not added: the ignore list holds at most ${MAX_GLOBS} globs, and this repository has ${result.count} ` +
        `(${inConfig.length} in ${inlineCode("techDebt.ignore")} of ${inlineCode(CONFIG_PATH)}, the rest added by command). ` +
        `Combine globs, such as ${inlineCode("{gen,vendor}/**")}, in the config.`,
    );
  }
  const already = !result.added ? `${glob} was already ignored` : `Files matching ${glob} are no longer analysed`;
  return {
    ok: true,
    body:
      `${already} (${result.count} glob${result.count === 1 ? "" : "s"} ignored, at most ${MAX_GLOBS}). ` +
      `To keep it in version control, add it to ${inlineCode("techDebt.ignore")} in ${inlineCode(CONFIG_PATH)}.`,
  };
};
