import type { ConcordConfig } from "../../config/schema.js";
import type { PullRequest } from "../event-schemas.js";

/** Why Concord stays quiet on a pull request, or undefined when it should act. */
export function quietReason(pr: PullRequest, config: ConcordConfig): string | undefined {
  if (config.noise.skipDrafts && pr.draft) return "draft pull request";
  if (config.noise.skipBotPullRequests && pr.user?.type === "Bot") return "opened by a bot";
  if ((pr.labels ?? []).some((label) => label.name === config.noise.skipLabel)) return `labeled ${config.noise.skipLabel}`;
  return undefined;
}
