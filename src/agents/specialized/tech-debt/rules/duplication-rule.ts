import type { ClonePair, CloneRange } from "../analysis/clones.js";
import type { DebtItem } from "../model.js";
import type { DuplicationSettings } from "../settings.js";
import type { FindingBuilder } from "./rule-context.js";
import { severityByExcess } from "./severity.js";

/**
 * One item per copy of a clone pair, in the copy's file. Severity grades the copy's length
 * against the minimum clone length on a wider ladder than the metrics (a clone already is
 * the minimum on first sight): over 4× minLines high, over 10× critical.
 */
const DUPLICATION_LADDER = { high: 4, critical: 10 };

export function duplicationItem(
  clone: ClonePair,
  side: "a" | "b",
  settings: DuplicationSettings,
  builder: FindingBuilder,
): DebtItem {
  const own = clone[side];
  const other = side === "a" ? clone.b : clone.a;
  const lines = own.endLine - own.startLine + 1;
  return builder.build({
    rule: "duplicated-code",
    severity: severityByExcess(lines, settings.minLines, DUPLICATION_LADDER),
    line: own.startLine,
    endLine: own.endLine,
    message: `Lines ${own.startLine}–${own.endLine} (${clone.tokens} tokens) duplicate ${describe(other)}.`,
    remediationMinutes: 10,
    value: lines,
    threshold: settings.minLines,
    identity: builder.code(own.startLine, own.endLine),
  });
}

function describe(range: CloneRange): string {
  return `${range.path}:${range.startLine}–${range.endLine}`;
}
