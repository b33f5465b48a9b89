import type { EscalationSeverity } from "../protocol/escalation.js";
import { escapeMarkdown } from "./escape.js";

export interface EscalationView {
  severity: EscalationSeverity;
  issue: string;
  recommendedAction?: string | undefined;
  attemptedResolutions: readonly string[];
}

const SEVERITY_LABEL: Readonly<Record<EscalationSeverity, string>> = { critical: "🔴 critical", high: "🟠 high", medium: "🟡 medium", low: "⚪ low" };

/** A question for the people on the thread: what the agents could not settle, and what they tried. */
export function renderEscalation(view: EscalationView): string {
  const lines = ["### Needs a decision from a maintainer", "", `**${SEVERITY_LABEL[view.severity]}** · ${escapeMarkdown(view.issue)}`];
  if (view.recommendedAction) lines.push("", `**Recommended:** ${escapeMarkdown(view.recommendedAction)}`);
  if (view.attemptedResolutions.length > 0) lines.push("", "Tried so far:", ...view.attemptedResolutions.map((step) => `- ${escapeMarkdown(step)}`));
  return lines.join("\n");
}
