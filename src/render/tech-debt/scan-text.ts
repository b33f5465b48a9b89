import type { ScanResult } from "../../agents/specialized/tech-debt/model.js";
import { effort, location, percent } from "./format.js";

const TOP_ITEMS = 25;

/**
 * A scan for a terminal. Code text (to-do notes, names) can hold control characters, including
 * escape sequences that would drive the terminal, so they are replaced before printing.
 */
export function renderScanText(scan: ScanResult, root: string): string {
  const { summary } = scan;
  const counts = (record: Partial<Record<string, number>>): string =>
    Object.entries(record)
      .map(([key, count]) => `${key} ${count ?? 0}`)
      .join(", ") || "none";
  const lines = [
    `Concord tech-debt scan of ${clean(root)}`,
    `  ${summary.files} files, ${summary.loc} lines of code, ${summary.functions} functions${summary.skipped > 0 ? ` (${summary.skipped} skipped)` : ""}`,
    `  Rating ${summary.rating}: debt ratio ${percent(summary.debtRatio)}, ${summary.totalItems} items, ${effort(summary.remediationMinutes)} to fix, ${summary.duplicatedLinesPercent} % duplicated lines`,
    `  By severity: ${counts(summary.bySeverity)}`,
    `  By category: ${counts(summary.byCategory)}`,
  ];
  const tests = scan.tests?.summary;
  if (tests !== undefined && tests.files > 0) {
    lines.push(`  Test code, apart (not rated): ${tests.files} files, ${tests.loc} lines of code, ${tests.totalItems} items, ${tests.duplicatedLinesPercent} % duplicated lines`);
  }
  for (const warning of scan.warnings) lines.push(`  Warning: ${clean(warning)}`);
  const top = scan.items.slice(0, TOP_ITEMS);
  if (top.length > 0) {
    lines.push("", `Worst ${top.length} of ${scan.items.length} items:`);
    for (const item of top) lines.push(`  ${item.severity.padEnd(8)} ${item.rule.padEnd(22)} ${clean(location(item))}  ${clean(item.message)}`);
  }
  if (scan.skipped.length > 0) {
    lines.push("", "Not analysed:");
    for (const file of scan.skipped) lines.push(`  ${clean(file.path)}: ${clean(file.reason)}`);
  }
  return `${lines.join("\n")}\n`;
}

/** C0 and C1 control characters (ESC, BEL, CR, …) become "?"; everything printable stays. */
export function clean(text: string): string {
  return text.replace(/\p{Cc}/gu, "?");
}
