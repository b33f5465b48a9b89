import type { DebtSeverity } from "../model.js";

/**
 * Severity by how far a measured value is over its threshold. Being over at all is medium
 * (the threshold is where debt starts); more than twice the threshold is high, more than four
 * times critical. With the default cognitive threshold of 15: 16–30 medium, 31–60 high, 61+
 * critical. Rules whose excess matters less pass higher multipliers.
 */
export interface SeverityLadder {
  /** Value above threshold × high is high. */
  high: number;
  /** Value above threshold × critical is critical. */
  critical: number;
}

export const DEFAULT_LADDER: SeverityLadder = { high: 2, critical: 4 };

export function severityByExcess(value: number, threshold: number, ladder: SeverityLadder = DEFAULT_LADDER): DebtSeverity {
  if (value > threshold * ladder.critical) return "critical";
  if (value > threshold * ladder.high) return "high";
  return "medium";
}

/** Ordering weights: for sorting and for refactoring priority. */
export const SEVERITY_WEIGHT: Readonly<Record<DebtSeverity, number>> = { critical: 8, high: 4, medium: 2, low: 1 };
