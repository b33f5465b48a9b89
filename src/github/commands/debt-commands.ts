import { inlineCode } from "../../render/escape.js";
import { DEBT_REPORT_TITLE } from "../../render/tech-debt/debt-report.js";
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

export const debtIgnoreCommand: CommandHandler<"debt ignore"> = async (command, thread, ctx) => {
  const globs = await addIgnoredGlob(ctx.runtime.state, thread.repo.fullName, command.glob);
  return {
    ok: true,
    body:
      `Files matching ${inlineCode(command.glob)} are no longer analysed (${globs.length} glob${globs.length === 1 ? "" : "s"} added by command). ` +
      `To keep it in version control, add it to ${inlineCode("techDebt.ignore")} in ${inlineCode(".github/concord.yml")}.`,
  };
};
