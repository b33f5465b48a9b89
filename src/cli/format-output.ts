import { buildActionPlan } from "../agents/specialized/tech-debt/action-plan.js";
import type { ScanResult } from "../agents/specialized/tech-debt/model.js";
import { prioritize } from "../agents/specialized/tech-debt/prioritize.js";
import { computeTrends, toStoredSummary } from "../agents/specialized/tech-debt/trends.js";
import { renderDebtReport } from "../render/tech-debt/debt-report.js";
import { toSarif } from "../render/tech-debt/sarif.js";
import { renderScanText } from "../render/tech-debt/scan-text.js";
import type { OutputFormat } from "./parse-args.js";

export interface FormatContext {
  root: string;
  toolVersion: string;
  now: Date;
}

export function formatScan(scan: ScanResult, format: OutputFormat, context: FormatContext): string {
  switch (format) {
    case "json": {
      // The documented shape, in this key order; `tests` only when test code is analysed apart.
      const { summary, files, items, clones, todos, skipped, warnings, tests } = scan;
      return `${JSON.stringify({ summary, files, items, clones, todos, skipped, warnings, ...(tests === undefined ? {} : { tests }) }, null, 2)}\n`;
    }
    case "sarif":
      return `${JSON.stringify(toSarif(scan, { toolVersion: context.toolVersion }), null, 2)}\n`;
    case "markdown": {
      const refactoringOpportunities = prioritize(scan.items, scan.churn);
      const history = [{ scannedAt: context.now.toISOString(), sha: "", summary: toStoredSummary(scan.summary) }];
      const output = {
        mode: "scan" as const,
        scan,
        refactoringOpportunities,
        actionPlan: buildActionPlan(scan.items, refactoringOpportunities),
        trends: computeTrends(history),
        history,
      };
      return `${renderDebtReport(output)}\n`;
    }
    case "text":
      return renderScanText(scan, context.root);
  }
}
