import type { DebtItem, DebtSeverity } from "./model.js";
import { worstFirst } from "./order-items.js";
import { toHours, type RefactoringOpportunity } from "./prioritize.js";

/**
 * The seed's action plan with camelCase keys: immediate (critical), short term (high) and, new
 * here, the backlog (medium and low); the top five refactoring opportunities; total hours.
 */
export interface ActionBucket {
  count: number;
  estimatedHours: number;
  /** The bucket's worst items first, at most TOP_ITEMS of them. */
  items: DebtItem[];
}

export interface ActionPlan {
  immediateActions: ActionBucket;
  shortTermActions: ActionBucket;
  backlog: ActionBucket;
  refactoringOpportunities: RefactoringOpportunity[];
  totalEstimatedEffortHours: number;
}

export const TOP_ITEMS = 10;
export const TOP_OPPORTUNITIES = 5;

export function buildActionPlan(items: readonly DebtItem[], opportunities: readonly RefactoringOpportunity[]): ActionPlan {
  const minutes = items.reduce((sum, item) => sum + item.remediationMinutes, 0);
  return {
    immediateActions: bucket(items, ["critical"]),
    shortTermActions: bucket(items, ["high"]),
    backlog: bucket(items, ["medium", "low"]),
    refactoringOpportunities: opportunities.slice(0, TOP_OPPORTUNITIES),
    totalEstimatedEffortHours: toHours(minutes),
  };
}

function bucket(items: readonly DebtItem[], severities: readonly DebtSeverity[]): ActionBucket {
  const selected = items.filter((item) => severities.includes(item.severity));
  const minutes = selected.reduce((sum, item) => sum + item.remediationMinutes, 0);
  const top = worstFirst(selected).slice(0, TOP_ITEMS);
  return { count: selected.length, estimatedHours: toHours(minutes), items: top };
}
