import { IssuesEvent } from "../event-schemas.js";
import type { EventHandler } from "../handler-context.js";
import { routeToAgents } from "../route-to-agents.js";

/** Issues opened or labeled as incidents go to the incident responder. */
export const onIssues: EventHandler = async (payload, ctx) => {
  const event = IssuesEvent.safeParse(payload);
  if (!event.success) return;
  const { issue, repository, action } = event.data;
  if (event.data.sender?.type === "Bot") return;
  const labels = (issue.labels ?? []).map((l) => l.name);
  // Only a labeled issue can be an incident: unlabeled ones cost no config lookup.
  if (labels.length === 0 && !event.data.label) return;
  const gateway = ctx.gateway({ owner: repository.owner.login, repo: repository.name });
  const incidentLabels = new Set((await ctx.config(gateway)).incident.labels);
  const isIncident = labels.some((l) => incidentLabels.has(l)) || incidentLabels.has(event.data.label?.name ?? "");
  if (!isIncident) return;
  await routeToAgents(ctx, "incident_response", `incident issue ${action}: ${repository.full_name}#${issue.number}`);
};
