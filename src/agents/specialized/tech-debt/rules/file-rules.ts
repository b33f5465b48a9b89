import type { ClassInfo } from "../ast-smells.js";
import type { DebtItem } from "../model.js";
import type { DebtThresholds } from "../settings.js";
import type { FindingBuilder } from "./rule-context.js";
import { severityByExcess } from "./severity.js";

/**
 * Size rules for whole files and classes. Their identity is the file, or the class name, not
 * the code: a 900-line file stays the same debt while lines inside it change.
 */
export function fileLengthItems(loc: number, lastLine: number, thresholds: DebtThresholds, builder: FindingBuilder): DebtItem[] {
  const threshold = thresholds.fileLines;
  if (loc <= threshold) return [];
  return [
    builder.build({
      rule: "file-length",
      severity: severityByExcess(loc, threshold),
      line: 1,
      endLine: lastLine,
      message: `File has ${loc} lines of code (threshold ${threshold}).`,
      remediationMinutes: 60,
      value: loc,
      threshold,
      identity: "",
    }),
  ];
}

export function classMethodItems(classes: readonly ClassInfo[], thresholds: DebtThresholds, builder: FindingBuilder): DebtItem[] {
  const threshold = thresholds.classMethods;
  return classes
    .filter((info) => info.methods > threshold)
    .map((info) =>
      builder.build({
        rule: "class-methods",
        severity: severityByExcess(info.methods, threshold),
        line: info.line,
        endLine: info.endLine,
        message: `Class ${info.name} has ${info.methods} methods (threshold ${threshold}).`,
        remediationMinutes: 60,
        symbol: info.name,
        value: info.methods,
        threshold,
        identity: info.name,
      }),
    );
}
