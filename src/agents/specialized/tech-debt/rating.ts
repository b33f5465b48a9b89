import type { Rating } from "./model.js";

/**
 * SonarQube's maintainability rating. Debt ratio = remediation cost / development cost, where
 * development cost = lines of code × 30 minutes (`sonar.technicalDebt.developmentCost`). The
 * default rating grid: A ≤ 5 %, B ≤ 10 %, C ≤ 20 %, D ≤ 50 %, E above.
 */
export const DEVELOPMENT_MINUTES_PER_LINE = 30;

const GRID: readonly [limit: number, rating: Rating][] = [
  [0.05, "A"],
  [0.1, "B"],
  [0.2, "C"],
  [0.5, "D"],
];

/** 0 for an empty code base: nothing to maintain is not debt. */
export function debtRatio(remediationMinutes: number, loc: number): number {
  if (loc <= 0) return 0;
  return remediationMinutes / (loc * DEVELOPMENT_MINUTES_PER_LINE);
}

export function ratingFor(ratio: number): Rating {
  for (const [limit, rating] of GRID) if (ratio <= limit) return rating;
  return "E";
}

/** Rating positions for deltas: A is 0, E is 4. */
export function ratingRank(rating: Rating): number {
  return "ABCDE".indexOf(rating);
}
