import type { ScanOptions } from "../../src/agents/specialized/tech-debt/scan-repository.js";
import { defaultTechDebtSettings } from "../../src/agents/specialized/tech-debt/settings.js";

const NOW = new Date("2026-03-01T00:00:00Z");

/** scanRepository's options: the default settings, nothing ignored, a fixed now. */
export function scanOptions(overrides: Partial<ScanOptions> = {}): ScanOptions {
  const settings = defaultTechDebtSettings();
  return { thresholds: settings.thresholds, duplication: settings.duplication, ignore: [], now: NOW, ...overrides };
}

/** A function long enough to count as a clone when two files hold it; plain JavaScript, so valid in .js and .ts files. */
export const CLONE_BODY = `export function summarize(orders) {
  let paid = 0;
  let open = 0;
  for (const order of orders) {
    if (order.paid) {
      paid += order.total;
    } else {
      open += order.total;
    }
  }
  return \`paid \${paid.toFixed(2)}, open \${open.toFixed(2)}\`;
}
`;
