import type { StoredScan } from "../../agents/specialized/tech-debt/trends.js";
import { renderTrendChart } from "../mermaid/trend-chart.js";

/** Last stored scans as a Mermaid line chart: debt items and remediation hours per scan. */
export function renderDebtTrendChart(history: readonly StoredScan[], max = 12): string {
  const points = history.slice(-max).map((scan) => ({
    label: `${scan.scannedAt.slice(5, 10)}${scan.sha ? ` ${scan.sha.slice(0, 7)}` : ""}`,
    values: { items: scan.summary.totalItems, "hours to fix": Math.round(scan.summary.remediationMinutes / 6) / 10 },
  }));
  return renderTrendChart(points, `Tech debt, last ${points.length} scans`);
}
