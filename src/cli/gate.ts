import type { DebtItem, DebtSeverity, Rating } from "../agents/specialized/tech-debt/model.js";
import { ratingRank } from "../agents/specialized/tech-debt/rating.js";

export interface GateInput {
  items: readonly DebtItem[];
  rating: Rating;
  failOn?: DebtSeverity | undefined;
  failOnRating?: Rating | undefined;
  /** The items are the ones new since a ref, for the wording. */
  onlyNew: boolean;
}

export interface GateResult {
  passed: boolean;
  /** One sentence per failed condition. */
  failures: string[];
}

const SEVERITY_RANK: Readonly<Record<DebtSeverity, number>> = { critical: 0, high: 1, medium: 2, low: 3 };

/** The CLI's quality gate: findings at or above a severity, a rating at or below a letter. */
export function evaluateGate(input: GateInput): GateResult {
  const failures: string[] = [];
  if (input.failOn !== undefined) {
    const limit = SEVERITY_RANK[input.failOn];
    const over = input.items.filter((item) => SEVERITY_RANK[item.severity] <= limit);
    if (over.length > 0) {
      const counts = (["critical", "high", "medium", "low"] as const)
        .map((severity) => [severity, over.filter((item) => item.severity === severity).length] as const)
        .filter(([, count]) => count > 0)
        .map(([severity, count]) => `${count} ${severity}`)
        .join(", ");
      failures.push(`${over.length} ${input.onlyNew ? "new " : ""}finding${over.length === 1 ? "" : "s"} at or above ${input.failOn} (${counts})`);
    }
  }
  if (input.failOnRating !== undefined && ratingRank(input.rating) >= ratingRank(input.failOnRating)) {
    failures.push(`maintainability rating ${input.rating} is ${input.failOnRating} or worse`);
  }
  return { passed: failures.length === 0, failures };
}
