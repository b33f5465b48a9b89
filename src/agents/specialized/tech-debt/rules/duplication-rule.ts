import type { CloneRange } from "../duplication/clone-pair.js";
import type { CloneGroup } from "../duplication/clone-groups.js";
import type { DebtItem } from "../model.js";
import type { DuplicationSettings } from "../settings.js";
import type { FindingBuilder } from "./rule-context.js";
import { severityByExcess } from "./severity.js";

/**
 * One finding per piece of duplicated code, however many copies it has, placed at `primary`
 * (the first copy in the analysed files) and listing every copy. Severity grades the longest
 * match (jscpd's lines) against the minimum clone length on a wider ladder than the metrics (a
 * clone already is the minimum on first sight): over 4× minLines high, over 10× critical. Fixing it means
 * replacing every copy but one with a call, so each extra copy costs 10 minutes.
 */
const DUPLICATION_LADDER = { high: 4, critical: 10 };
const MINUTES_PER_EXTRA_COPY = 10;
const LISTED_COPIES = 5;

export function duplicationItem(group: CloneGroup, primary: CloneRange, settings: DuplicationSettings, builder: FindingBuilder): DebtItem {
  const { lines } = group;
  const others = group.copies.filter((copy) => copy !== primary);
  const item = builder.build({
    rule: "duplicated-code",
    severity: severityByExcess(lines, settings.minLines, DUPLICATION_LADDER),
    line: primary.startLine,
    endLine: primary.endLine,
    message: `Lines ${primary.startLine}–${primary.endLine} (${group.tokens} tokens) are duplicated ${elsewhere(others)}.`,
    remediationMinutes: MINUTES_PER_EXTRA_COPY * others.length,
    value: lines,
    threshold: settings.minLines,
    identity: builder.code(primary.startLine, primary.endLine),
  });
  item.locations = group.copies.map((copy) => ({ file: copy.path, line: copy.startLine, endLine: copy.endLine }));
  return item;
}

function elsewhere(others: readonly CloneRange[]): string {
  const listed = others.slice(0, LISTED_COPIES).map((copy) => `${copy.path}:${copy.startLine}–${copy.endLine}`);
  const more = others.length > LISTED_COPIES ? ` and ${others.length - LISTED_COPIES} more` : "";
  return others.length === 1 ? `at ${listed[0]}` : `in ${others.length} other places: ${listed.join(", ")}${more}`;
}
