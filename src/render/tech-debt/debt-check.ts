import { touchesChangedLines, toChangedLines, type ChangedLines } from "../../agents/specialized/tech-debt/compare-scans.js";
import type { CodeLocation, DebtItem } from "../../agents/specialized/tech-debt/model.js";
import type { UnreadSide } from "../../agents/specialized/tech-debt/pull-request-verdict.js";
import type { PullRequestDebtOutput } from "../../agents/specialized/tech-debt/tech-debt-output.js";
import { capAnnotations, type Annotation } from "../annotations.js";
import { escapeMarkdown, inlineCode } from "../escape.js";
import { fitCheckText } from "../limits.js";
import { markdownTable } from "../markdown-table.js";
import { itemTable, location, plural, ratingChange, testCodeNote } from "./format.js";

export interface DebtCheckOptions {
  /** Changed script files left out of the analysis (a cap on PR size). */
  omittedFiles?: number;
  /** Rows in the introduced-items table. */
  maxRows?: number;
}

export interface DebtCheckOutput {
  conclusion: "success" | "failure" | "neutral";
  title: string;
  summary: string;
  annotations: Annotation[];
}

const DEFAULT_ROWS = 50;
/** Unread files named in the summary; the rest are counted. */
const NAMED_UNREAD = 20;

/**
 * The PR check in words: the agent's verdict as the conclusion and title, the comparison as the
 * summary. Annotations sit only on lines the PR changed (failure level for blocking severities); a
 * finding elsewhere in a changed file is in the summary, not on the diff.
 */
export function renderDebtCheck(result: Omit<PullRequestDebtOutput, "effects">, options: DebtCheckOptions = {}): DebtCheckOutput {
  const { verdict } = result;
  if (verdict.unknown !== undefined) return renderUnknown(verdict.unknown);
  const gated = new Set(verdict.blockingSeverities);
  const introduced = result.introduced;

  const changed = toChangedLines(result.changedLines);
  const annotate = (item: DebtItem, level: Annotation["annotation_level"], prefix: string): Annotation[] => {
    const where = changedLocation(item, changed);
    if (where === undefined) return [];
    return [{ path: where.file, start_line: where.line, end_line: where.endLine, annotation_level: level, title: `${prefix}${item.rule} (${item.severity})`, message: item.message }];
  };
  const all = [
    ...introduced.flatMap((item) => annotate(item, gated.has(item.severity) ? "failure" : "warning", "")),
    ...result.worsened.flatMap(({ item }) => annotate(item, "warning", "worse: ")),
  ];
  const { kept, dropped } = capAnnotations(all);

  return {
    conclusion: verdict.conclusion,
    title: title(verdict.conclusion, introduced.length, verdict.blocking, result.worsened.length, result.fixed.length),
    summary: fitCheckText(summary(result, introduced, options, dropped.length)),
    annotations: kept,
  };
}

/** No verdict: a side could not be read in full, so the check says which files and how it settles. */
function renderUnknown(unknown: UnreadSide): DebtCheckOutput {
  const count = unknown.paths.length;
  const named = unknown.paths.slice(0, NAMED_UNREAD).map(inlineCode).join(", ");
  const more = count > NAMED_UNREAD ? `, and ${plural(count - NAMED_UNREAD, "more file")}` : "";
  const side = unknown.side === "base" ? "the base branch" : "the pull request's head";
  return {
    conclusion: "neutral",
    title: `Comparison unknown: ${plural(count, "file")} not read at ${unknown.side}`,
    summary: fitCheckText(
      [
        `**The comparison is unknown.** GitHub did not serve ${plural(count, "changed file")} at ${side}: ${named}${more}.`,
        "",
        "Without them Concord cannot tell which debt this change adds or removes, so this check gives no verdict. It tries again on its own; **Re-run** tries now.",
      ].join("\n"),
    ),
    annotations: [],
  };
}

/** Where on the diff a finding belongs: its own lines, or for duplicated code the first copy the PR changed. */
function changedLocation(item: DebtItem, changed: ChangedLines): CodeLocation | undefined {
  const places = item.locations ?? [{ file: item.file, line: item.line, endLine: item.endLine }];
  return places.find((place) => touchesChangedLines(place, changed));
}

function title(conclusion: DebtCheckOutput["conclusion"], introduced: number, gated: number, worsened: number, fixed: number): string {
  const fixedNote = fixed > 0 ? `, ${fixed} fixed` : "";
  if (conclusion === "success") return `No new tech debt${fixedNote}`;
  const parts = [plural(introduced, "new debt item")];
  if (worsened > 0) parts.push(`${worsened} worsened`);
  const gate = conclusion === "failure" ? ` (${gated} at a blocking severity)` : "";
  return `${parts.join(", ")}${gate}${fixedNote}`;
}

function summary(result: Omit<PullRequestDebtOutput, "effects">, introduced: readonly DebtItem[], options: DebtCheckOptions, droppedAnnotations: number): string {
  const blocking = result.verdict.blockingSeverities;
  const gate = blocking.length > 0 ? `The check fails on new debt of severity ${blocking.join(", ")}.` : "The check only reports; it never fails.";
  const lines = [
    `**Maintainability rating of the changed files:** ${ratingChange(result.ratingBefore, result.ratingAfter, result.ratioBefore, result.ratioAfter)}`,
    "",
    markdownTable(
      ["new", "worsened", "fixed"],
      [[introduced.length, result.worsened.length, result.fixed.length]],
      { align: ["right", "right", "right"] },
    ),
    "",
    gate,
  ];
  if (introduced.length > 0) lines.push("", "### New debt", "", itemTable(introduced, options.maxRows ?? DEFAULT_ROWS));
  if (result.worsened.length > 0) {
    // Bounded like the new-debt table: an unbounded one pushed the partial-analysis lines below past GitHub's limit on a big PR.
    const max = options.maxRows ?? DEFAULT_ROWS;
    const rows = result.worsened.slice(0, max).map(({ item, before, after }) => [{ code: item.rule }, { code: location(item) }, `${before} → ${after}`, item.message]);
    const rest = result.worsened.length - max;
    lines.push("", "### Worse than before", "", markdownTable(["rule", "where", "value", "what"], rows));
    if (rest > 0) lines.push("", `… and ${rest} more.`);
  }
  if (result.tests !== undefined) lines.push("", testCodeNote(result.tests));
  if (droppedAnnotations > 0) lines.push("", `${plural(droppedAnnotations, "finding")} on changed lines could not be annotated (GitHub's limit); see the tables above.`);
  if (result.skipped.length > 0) {
    lines.push("", `**Not analysed:** ${result.skipped.map((file) => `${inlineCode(file.path)} (${escapeMarkdown(file.reason)})`).join(", ")}`);
  }
  for (const warning of result.warnings) lines.push("", `**Partial analysis:** ${escapeMarkdown(warning)}`);
  if ((options.omittedFiles ?? 0) > 0) {
    lines.push("", `**Partial analysis:** ${plural(options.omittedFiles!, "changed file")} beyond the size cap were not analysed.`);
  }
  return lines.join("\n");
}
