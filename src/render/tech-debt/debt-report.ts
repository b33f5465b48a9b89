import { RULES, RULE_IDS } from "../../agents/specialized/tech-debt/rules/catalog.js";
import type { ActionBucket } from "../../agents/specialized/tech-debt/action-plan.js";
import { DebtCategory, DebtSeverity, type ScanSection } from "../../agents/specialized/tech-debt/model.js";
import type { ScanDebtOutput } from "../../agents/specialized/tech-debt/tech-debt-output.js";
import type { TrendResult } from "../../agents/specialized/tech-debt/trends.js";
import { escapeMarkdown, inlineCode } from "../escape.js";
import { fitComment } from "../limits.js";
import { markdownTable } from "../markdown-table.js";
import { effort, itemTable, percent, plural, SEVERITY_LABEL } from "./format.js";
import { renderDebtTrendChart } from "./trend-chart.js";

export const DEBT_REPORT_TITLE = "Tech debt report";
export const DEBT_REPORT_LABEL = "concord:tech-debt";

export interface DebtReportContext {
  repo?: string;
  sha?: string;
}

const HOTSPOT_ROWS = 10;
const ACTION_ROWS = 10;
const SKIPPED_ROWS = 50;

/**
 * The living "Tech debt report" issue: rating and ratio, totals, the trend over the stored
 * scans, hotspots, the action plan and what was not analysed. The effect applier adds the marker.
 */
export function renderDebtReport(output: Omit<ScanDebtOutput, "effects">, context: DebtReportContext = {}): string {
  const { scan, actionPlan, trends, history } = output;
  const { summary } = scan;
  const scannedAt = history.at(-1)?.scannedAt;
  const where = [context.repo ? inlineCode(context.repo) : undefined, context.sha ? `at ${inlineCode(context.sha.slice(0, 7))}` : undefined]
    .filter(Boolean)
    .join(" ");
  const lines = [
    "## Tech debt report",
    "",
    `Scanned ${where === "" ? "the repository" : where}${scannedAt ? ` on ${scannedAt.slice(0, 10)}` : ""}: ${plural(summary.files, "file")}, ${summary.loc} lines of code, ${plural(summary.functions, "function")}.`,
    "",
    `**Maintainability rating ${summary.rating}** · debt ratio ${percent(summary.debtRatio)} · ${plural(summary.totalItems, "item")} · ${effort(summary.remediationMinutes)} to fix · ${summary.duplicatedLinesPercent} % duplicated lines`,
    "",
    "<sub>Rating as in SonarQube: remediation time ÷ (lines of code × 30 min); A ≤ 5 %, B ≤ 10 %, C ≤ 20 %, D ≤ 50 %, E above. Duplicated lines as jscpd counts them.</sub>",
    ...scan.warnings.flatMap((warning) => ["", `> **Partial analysis:** ${escapeMarkdown(warning)}`]),
    "",
    "### Trend",
    "",
    trendSentence(trends.total),
    "",
    renderDebtTrendChart(history),
    "",
    "### Totals",
    "",
    markdownTable(
      ["category", "items", "trend"],
      DebtCategory.options
        .filter((category) => (summary.byCategory[category] ?? 0) > 0)
        .map((category) => [category, summary.byCategory[category] ?? 0, trendWord(trends.byCategory[category])]),
      { align: ["left", "right", "left"] },
    ),
    "",
    markdownTable(
      ["severity", "items"],
      DebtSeverity.options.map((severity) => [SEVERITY_LABEL[severity], summary.bySeverity[severity] ?? 0]),
      { align: ["left", "right"] },
    ),
    "",
    "### Hotspots",
    "",
    hotspots(output),
    "",
    "### Action plan",
    "",
    `About ${actionPlan.totalEstimatedEffortHours} h in total.`,
    bucket("Immediate (critical)", actionPlan.immediateActions),
    bucket("Short term (high)", actionPlan.shortTermActions),
    bucket("Backlog (medium and low)", actionPlan.backlog),
  ];
  if (scan.tests !== undefined && scan.tests.summary.files > 0) lines.push("", "### Test code", "", testCode(scan.tests));
  if (scan.skipped.length > 0) {
    const rows = scan.skipped.slice(0, SKIPPED_ROWS).map((file) => [{ code: file.path }, file.reason]);
    const more = scan.skipped.length > SKIPPED_ROWS ? `\n\n… and ${scan.skipped.length - SKIPPED_ROWS} more.` : "";
    lines.push("", `<details><summary>Not analysed: ${plural(scan.skipped.length, "file")}</summary>`, "", markdownTable(["file", "reason"], rows) + more, "", "</details>");
  }
  lines.push("", `<details><summary>Rules</summary>`, "", markdownTable(["rule", "category", "finds"], RULE_IDS.map((id) => [{ code: id }, RULES[id].category, RULES[id].title])), "", "</details>");
  return fitComment(lines.join("\n"), { seeAlso: "run `concord scan` locally for the full list" });
}

/** Test files are measured apart: their own figures, and their worst findings folded away. */
function testCode(tests: ScanSection): string {
  const { summary } = tests;
  const head = `${plural(summary.files, "test file")}, ${summary.loc} lines of code: ${plural(summary.totalItems, "item")} (${effort(summary.remediationMinutes)} to fix), ${summary.duplicatedLinesPercent} % duplicated lines. Not part of the rating, the pull-request gate or the hotspots.`;
  if (tests.items.length === 0) return head;
  return `${head}\n\n<details><summary>Worst findings in test code</summary>\n\n${itemTable(tests.items, ACTION_ROWS)}\n\n</details>`;
}

function trendSentence(trend: TrendResult): string {
  if (trend.trend === "insufficient_data") return `Not enough scans for a trend yet (${plural(trend.scans, "scan")}).`;
  const pct = trend.percentChange === null ? "" : ` (${trend.percentChange > 0 ? "+" : ""}${trend.percentChange} %)`;
  return `Debt items are **${trend.trend}**: ${trend.previousItems} → ${trend.currentItems}${pct} since the previous scan.`;
}

function trendWord(trend: TrendResult | undefined): string {
  if (trend === undefined || trend.trend === "insufficient_data") return "–";
  const arrow = { increasing: "↗", decreasing: "↘", stable: "→" }[trend.trend];
  return `${arrow} ${trend.trend}`;
}

function hotspots(output: Omit<ScanDebtOutput, "effects">): string {
  const top = output.refactoringOpportunities.slice(0, HOTSPOT_ROWS);
  if (top.length === 0) return "No file stands out.";
  const rows = top.map((opportunity) => [
    { code: opportunity.file },
    opportunity.items,
    (["critical", "high", "medium", "low"] as const)
      .filter((severity) => (opportunity.bySeverity[severity] ?? 0) > 0)
      .map((severity) => `${opportunity.bySeverity[severity]} ${severity}`)
      .join(", "),
    opportunity.hotspot ? `${opportunity.churn} 🔥` : "0",
    `${opportunity.estimatedEffortHours} h`,
  ]);
  return [
    "Files ranked by severity × (1 + commits in the last 90 days): debt in code that changes often costs the most.",
    "",
    markdownTable(["file", "items", "severities", "commits (90 d)", "effort"], rows, { align: ["left", "right", "left", "right", "right"] }),
  ].join("\n");
}

function bucket(title: string, actions: ActionBucket): string {
  const head = `\n**${escapeMarkdown(title)}:** ${plural(actions.count, "item")}, about ${actions.estimatedHours} h.`;
  if (actions.items.length === 0) return head;
  return `${head}\n\n${itemTable(actions.items, ACTION_ROWS)}`;
}
