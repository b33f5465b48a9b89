import type { ScanResult, ScanSection } from "./model.js";

/**
 * The two sides of a pull request as they can be compared. When duplicated code was measured on one
 * side only (too much code for one run of duplicate detection, or jscpd failed there), that side's
 * duplication findings leave the comparison: otherwise every one of them would look new (measured at
 * head only) or fixed (at base only). Figures and the other findings stay as they are.
 */
export function comparableDuplication(base: ScanResult, head: ScanResult): { base: ScanResult; head: ScanResult } {
  const baseMeasured = base.duplicationUnmeasured === undefined;
  const headMeasured = head.duplicationUnmeasured === undefined;
  if (baseMeasured === headMeasured) return { base, head };
  return baseMeasured ? { base: withoutDuplication(base), head } : { base, head: withoutDuplication(head) };
}

function withoutDuplication(scan: ScanResult): ScanResult {
  return { ...withoutDuplicationItems(scan), ...(scan.tests === undefined ? {} : { tests: withoutDuplicationItems(scan.tests) }) };
}

function withoutDuplicationItems<T extends ScanSection>(section: T): T {
  return { ...section, items: section.items.filter((item) => item.category !== "duplication") };
}
