import type { PullRequestDebtOutput } from "../../agents/specialized/tech-debt/tech-debt-output.js";
import { fitComment } from "../limits.js";
import { markdownTable } from "../markdown-table.js";
import { escapeMarkdown } from "../escape.js";
import { effort, itemTable, location, plural, ratingChange, testCodeNote } from "./format.js";

const ROWS = 30;

/**
 * The sticky `/debt` comment on a PR: the same comparison as the check, written for people
 * reading the conversation. The effect applier adds the hidden marker that keeps it a single comment.
 */
export function renderDebtComment(result: Omit<PullRequestDebtOutput, "effects">): string {
  const introduced = result.introduced;
  const addedMinutes = introduced.reduce((sum, item) => sum + item.remediationMinutes, 0);
  const fixedMinutes = result.fixed.reduce((sum, item) => sum + item.remediationMinutes, 0);
  const lines = [
    "### Tech debt in this pull request",
    "",
    `Rating of the changed files: ${ratingChange(result.ratingBefore, result.ratingAfter, result.ratioBefore, result.ratioAfter)}.`,
    "",
    verdict(introduced.length, result.worsened.length, result.fixed.length, addedMinutes, fixedMinutes),
  ];
  if (introduced.length > 0) lines.push("", "#### New", "", itemTable(introduced, ROWS));
  if (result.worsened.length > 0) {
    const rows = result.worsened.map(({ item, before, after }) => [{ code: location(item) }, item.message, `${before} → ${after}`]);
    lines.push("", "#### Worse than before", "", markdownTable(["where", "what", "was → is"], rows));
  }
  if (result.fixed.length > 0) {
    lines.push("", "<details><summary>Fixed</summary>", "", itemTable(result.fixed, ROWS), "", "</details>");
  }
  if (result.tests !== undefined) {
    lines.push("", testCodeNote(result.tests));
    if (result.tests.introduced.length > 0) {
      lines.push("", "<details><summary>New in test code</summary>", "", itemTable(result.tests.introduced, ROWS), "", "</details>");
    }
  }
  for (const warning of result.warnings) lines.push("", `> ${escapeMarkdown(warning)}`);
  lines.push("", "<sub>Comment `/debt` again to refresh this report.</sub>");
  return fitComment(lines.join("\n"));
}

function verdict(introduced: number, worsened: number, fixed: number, addedMinutes: number, fixedMinutes: number): string {
  if (introduced === 0 && worsened === 0) {
    return fixed > 0 ? `No new debt, and ${plural(fixed, "item")} fixed (${effort(fixedMinutes)} less). 🎉` : "No new debt. ✅";
  }
  const parts = [`${plural(introduced, "new item")} (about ${effort(addedMinutes)} to fix)`];
  if (worsened > 0) parts.push(`${worsened} made worse`);
  if (fixed > 0) parts.push(`${fixed} fixed`);
  return `${parts.join(", ")}.`;
}
