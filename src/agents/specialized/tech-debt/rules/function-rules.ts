import type { FunctionMetrics } from "../analysis/function-metrics.js";
import type { DebtItem } from "../model.js";
import type { DebtThresholds } from "../settings.js";
import type { RuleId } from "./catalog.js";
import type { FindingBuilder } from "./rule-context.js";
import { severityByExcess } from "./severity.js";

interface MetricRule {
  rule: RuleId;
  measure: (fn: FunctionMetrics) => number;
  threshold: (t: DebtThresholds) => number;
  /** Minutes to fix, given the value and the threshold (see catalog.ts). */
  remediation: (value: number, threshold: number) => number;
  describe: (name: string, value: number, threshold: number) => string;
  /** Whether the rule applies to this kind of unit. */
  applies?: (fn: FunctionMetrics) => boolean;
}

// A class field initialised with an arrow is measured twice (field and arrow); size rules
// look at the arrow only, or every long arrow field would be reported twice.
const notFieldInitializer = (fn: FunctionMetrics): boolean => fn.kind !== "class-field-initializer";

const METRIC_RULES: readonly MetricRule[] = [
  {
    rule: "cognitive-complexity",
    measure: (fn) => fn.cognitive,
    threshold: (t) => t.cognitive,
    remediation: (value, threshold) => 5 + (value - threshold),
    describe: (name, value, threshold) => `Cognitive complexity of ${name} is ${value} (threshold ${threshold}).`,
  },
  {
    rule: "cyclomatic-complexity",
    measure: (fn) => fn.cyclomatic,
    threshold: (t) => t.cyclomatic,
    remediation: (value, threshold) => 5 + (value - threshold),
    describe: (name, value, threshold) => `Cyclomatic complexity of ${name} is ${value} (threshold ${threshold}).`,
  },
  {
    rule: "function-length",
    measure: (fn) => fn.loc,
    threshold: (t) => t.functionLines,
    remediation: () => 20,
    describe: (name, value, threshold) => `${name} has ${value} lines of code (threshold ${threshold}).`,
    applies: notFieldInitializer,
  },
  {
    rule: "parameter-count",
    measure: (fn) => fn.params,
    threshold: (t) => t.parameters,
    remediation: () => 20,
    describe: (name, value, threshold) => `${name} takes ${value} parameters (threshold ${threshold}).`,
  },
  {
    rule: "nesting-depth",
    measure: (fn) => fn.maxNesting,
    threshold: (t) => t.nesting,
    remediation: () => 10,
    describe: (name, value, threshold) => `${name} nests control flow ${value} deep (threshold ${threshold}).`,
  },
];

/** Items for every function metric over its threshold: one item per rule and function. */
export function functionItems(functions: readonly FunctionMetrics[], thresholds: DebtThresholds, builder: FindingBuilder): DebtItem[] {
  const items: DebtItem[] = [];
  for (const fn of functions) {
    let code: string | undefined;
    for (const metric of METRIC_RULES) {
      const value = metric.measure(fn);
      const threshold = metric.threshold(thresholds);
      if (value <= threshold || (metric.applies && !metric.applies(fn))) continue;
      code ??= builder.code(fn.line, fn.endLine);
      items.push(
        builder.build({
          rule: metric.rule,
          severity: severityByExcess(value, threshold),
          line: fn.line,
          endLine: fn.endLine,
          message: metric.describe(fn.name, value, threshold),
          remediationMinutes: metric.remediation(value, threshold),
          symbol: fn.name,
          value,
          threshold,
          identity: `${fn.name}\u0000${code}`,
        }),
      );
    }
  }
  return items;
}
