import type { Command } from "../../commands/index.js";
import type { ConcordConfig } from "../../config/schema.js";
import { inlineCode } from "../../render/escape.js";
import type { HandlerContext } from "../handler-context.js";
import { runDebtCheckWithComment } from "./debt-check.js";
import { addIgnoredGlob } from "./debt-ignore.js";
import { DEBT_REPORT_TITLE, runDebtReport } from "./debt-report.js";
import type { CommandReply, CommentThread } from "./handle-commands.js";

/** `/debt`, `/debt report`, `/debt ignore <glob>`. */
export async function runDebtCommand(ctx: HandlerContext, thread: CommentThread, config: ConcordConfig, command: Command): Promise<CommandReply> {
  const { gateway } = thread;
  if (command.kind === "debt ignore") {
    const globs = await addIgnoredGlob(ctx.runtime, gateway.fullName, command.glob);
    return {
      ok: true,
      body: `Files matching ${inlineCode(command.glob)} are no longer analysed (${globs.length} glob${globs.length === 1 ? "" : "s"} added by command). ` +
        `To keep it in version control, add it to ${inlineCode("techDebt.ignore")} in ${inlineCode(".github/concord.yml")}.`,
    };
  }
  if (command.kind === "debt scan" && thread.isPullRequest) {
    await runDebtCheckWithComment(ctx, gateway, config, thread.issueNumber);
    return { ok: true, body: `Scanned this pull request: see the **Concord / tech debt** check and the tech-debt comment above.` };
  }
  const { sha } = await gateway.getDefaultBranchHead();
  const report = await runDebtReport(ctx, gateway, config, sha);
  return {
    ok: true,
    body: `${report.created ? "Created" : "Updated"} the **${DEBT_REPORT_TITLE}**: #${report.issueNumber} (default branch at ${inlineCode(sha.slice(0, 7))}).`,
  };
}
