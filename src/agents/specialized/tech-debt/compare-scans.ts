import type { CodeLocation, DebtItem, Rating, ScanSection } from "./model.js";

/** Per changed file: the changed line numbers at head, or "all" (new file, or no patch to read). */
export type ChangedLines = ReadonlyMap<string, ReadonlySet<number> | "all">;

export interface WorsenedItem {
  /** The finding at head. */
  item: DebtItem;
  before: number;
  after: number;
}

export interface ScanComparison {
  /** At head, not at base, in a changed file: the debt this change adds. */
  introduced: DebtItem[];
  /** At base, gone at head. */
  fixed: DebtItem[];
  /** Already debt at base, and the change made it worse (e.g. a complex function got more complex). */
  worsened: WorsenedItem[];
  ratingBefore: Rating;
  ratingAfter: Rating;
  ratioBefore: number;
  ratioAfter: number;
}

/**
 * New-code focus: what a change adds and removes. Findings are matched by fingerprint first
 * (moved code is unchanged code). A function edited in place gets a new fingerprint, so the
 * rest are paired by rule, file and symbol: an edited function that was already over a
 * threshold is "worsened" if its value went up and otherwise neither new nor fixed.
 */
export function compareScans(base: ScanSection, head: ScanSection, changedLines: ChangedLines): ScanComparison {
  const baseByFingerprint = new Map(base.items.map((item) => [item.fingerprint, item]));
  const headFingerprints = new Set(head.items.map((item) => item.fingerprint));
  const worsened: WorsenedItem[] = [];

  const unmatchedBase = new Map<string, DebtItem[]>();
  for (const item of base.items) {
    if (headFingerprints.has(item.fingerprint)) continue;
    const key = symbolKey(item);
    if (key === undefined) continue;
    const queue = unmatchedBase.get(key);
    if (queue) queue.push(item);
    else unmatchedBase.set(key, [item]);
  }

  const paired = new Set<DebtItem>();
  const introduced: DebtItem[] = [];
  for (const item of head.items) {
    const same = baseByFingerprint.get(item.fingerprint);
    if (same !== undefined) {
      // Same identity, e.g. a class found by name that gained methods.
      if (isWorse(same, item)) worsened.push({ item, before: same.value!, after: item.value! });
      continue;
    }
    const key = symbolKey(item);
    const counterpart = key === undefined ? undefined : unmatchedBase.get(key)?.shift();
    if (counterpart !== undefined) {
      paired.add(counterpart);
      if (isWorse(counterpart, item)) worsened.push({ item, before: counterpart.value!, after: item.value! });
      continue;
    }
    if (changedLines.has(item.file)) introduced.push(item);
  }

  const fixed = base.items.filter((item) => !headFingerprints.has(item.fingerprint) && !paired.has(item));
  return {
    introduced,
    fixed,
    worsened,
    ratingBefore: base.summary.rating,
    ratingAfter: head.summary.rating,
    ratioBefore: base.summary.debtRatio,
    ratioAfter: head.summary.debtRatio,
  };
}

/** Whether the item's lines [line, endLine] include a changed line (annotations go only there). */
export function touchesChangedLines(item: CodeLocation, changedLines: ChangedLines): boolean {
  const changed = changedLines.get(item.file);
  if (changed === undefined) return false;
  if (changed === "all") return true;
  if (item.endLine - item.line + 1 <= changed.size) {
    for (let line = item.line; line <= item.endLine; line++) if (changed.has(line)) return true;
    return false;
  }
  for (const line of changed) if (line >= item.line && line <= item.endLine) return true;
  return false;
}

/** ChangedLines from the task input's JSON form. */
export function toChangedLines(input: Readonly<Record<string, readonly number[] | "all">>): Map<string, ReadonlySet<number> | "all"> {
  return new Map(Object.entries(input).map(([path, lines]) => [path, lines === "all" ? "all" : new Set(lines)]));
}

function symbolKey(item: DebtItem): string | undefined {
  return item.symbol === undefined ? undefined : `${item.rule}\u0000${item.file}\u0000${item.symbol}`;
}

function isWorse(before: DebtItem, after: DebtItem): boolean {
  return before.value !== undefined && after.value !== undefined && after.value > before.value;
}
