import type { DebtItem, DebtSeverity } from "./model.js";
import { SEVERITY_WEIGHT } from "./rules/severity.js";

/**
 * Refactoring opportunities, one per file, ranked so the files that are both indebted and
 * often changed (hotspots) come first: score = Σ severity weight × (1 + churn), churn being the
 * file's commits in the churn window. A file qualifies as the seed's did, with three or more
 * items, or with any critical or high item (one very complex function is worth a refactoring).
 */
export interface RefactoringOpportunity {
  id: string;
  file: string;
  title: string;
  /** The seed's priority: high when the file holds a critical or high item. */
  priority: "high" | "medium";
  items: number;
  bySeverity: Partial<Record<DebtSeverity, number>>;
  estimatedEffortHours: number;
  churn: number;
  /** Changed in the churn window: debt there costs every time someone touches it. */
  hotspot: boolean;
  score: number;
  benefits: string[];
  risks: string[];
}

const MIN_ITEMS = 3;
const BENEFITS = ["Improved code quality", "Reduced complexity", "Better maintainability"];
const RISKS = ["May require extensive testing"];

export type ChurnLookup = ReadonlyMap<string, number> | Readonly<Record<string, number>> | undefined;

export function churnOf(churn: ChurnLookup, path: string): number {
  if (churn === undefined) return 0;
  const value: unknown = churn instanceof Map ? (churn as ReadonlyMap<string, number>).get(path) : (churn as Readonly<Record<string, number>>)[path];
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : 0;
}

export function prioritize(items: readonly DebtItem[], churn?: ChurnLookup): RefactoringOpportunity[] {
  const byFile = new Map<string, DebtItem[]>();
  for (const item of items) {
    const list = byFile.get(item.file);
    if (list) list.push(item);
    else byFile.set(item.file, [item]);
  }
  const opportunities: RefactoringOpportunity[] = [];
  for (const [file, fileItems] of byFile) {
    const bySeverity: Partial<Record<DebtSeverity, number>> = {};
    let weight = 0;
    let minutes = 0;
    for (const item of fileItems) {
      bySeverity[item.severity] = (bySeverity[item.severity] ?? 0) + 1;
      weight += SEVERITY_WEIGHT[item.severity];
      minutes += item.remediationMinutes;
    }
    const serious = (bySeverity.critical ?? 0) + (bySeverity.high ?? 0) > 0;
    if (fileItems.length < MIN_ITEMS && !serious) continue;
    const commits = churnOf(churn, file);
    opportunities.push({
      id: `refactor_${file}`,
      file,
      title: `Refactor ${file.slice(file.lastIndexOf("/") + 1)}`,
      priority: serious ? "high" : "medium",
      items: fileItems.length,
      bySeverity,
      estimatedEffortHours: toHours(minutes),
      churn: commits,
      hotspot: commits > 0,
      score: weight * (1 + commits),
      benefits: [...BENEFITS],
      risks: [...RISKS],
    });
  }
  return opportunities.sort(
    (a, b) => b.score - a.score || b.estimatedEffortHours - a.estimatedEffortHours || b.items - a.items || (a.file < b.file ? -1 : 1),
  );
}

/** Minutes as hours, to one decimal. */
export function toHours(minutes: number): number {
  return Math.round(minutes / 6) / 10;
}
