import { CheckSuiteEvent, IssuesEvent, PullRequestReviewEvent } from "../event-schemas.js";
import { subscription } from "../events/event-subscription.js";
import { routeToAgents } from "../route-to-agents.js";

/** A failing suite on the default branch may be an incident: the incident responder decides. */
export const failingSuites = subscription<CheckSuiteEvent>({
  name: "failing suites",
  event: "check_suite",
  actions: ["completed"],
  schema: CheckSuiteEvent,
  quiet: "never",
  async run(event, ctx) {
    const { check_suite: suite, repository } = event;
    if (!repository.default_branch || suite.head_branch !== repository.default_branch) return;
    if (suite.conclusion !== "failure" && suite.conclusion !== "timed_out") return;
    await routeToAgents(ctx, "incident_response", {
      key: `suite:${repository.full_name}:${suite.head_sha}`,
      description: `The default branch's checks ${suite.conclusion === "timed_out" ? "timed out" : "failed"} at ${suite.head_sha.slice(0, 7)}.`,
    });
  },
});

/** Issues opened or labeled as incidents go to the incident responder. */
export const incidentIssues = subscription<IssuesEvent>({
  name: "incident issues",
  event: "issues",
  actions: ["opened", "labeled", "reopened"],
  schema: IssuesEvent,
  quiet: "paused",
  threadOf: (event) => ({ repo: { owner: event.repository.owner.login, repo: event.repository.name }, number: event.issue.number }),
  async run(event, ctx) {
    const { issue, repository } = event;
    if (event.sender?.type === "Bot") return;
    const labels = (issue.labels ?? []).map((l) => l.name);
    // Only a labeled issue can be an incident: unlabeled ones cost no config lookup.
    if (labels.length === 0 && !event.label) return;
    const repo = ctx.github({ owner: repository.owner.login, repo: repository.name });
    const incidentLabels = new Set((await ctx.config(repo)).incident.labels);
    if (!labels.some((l) => incidentLabels.has(l)) && !incidentLabels.has(event.label?.name ?? "")) return;
    await routeToAgents(ctx, "incident_response", {
      key: `incident:${repository.full_name}#${issue.number}`,
      description: `This issue is labeled as an incident, but Concord's incident responder is not installed yet: nobody has been paged.`,
      thread: { repo: repository.full_name, issueNumber: issue.number },
      severity: "high",
      recommendedAction: "Page the on-call responder by hand.",
    });
  },
});

/** Reviews are positions in a possible disagreement: they go to the agents that resolve conflicts. */
export const reviewPositions = subscription<PullRequestReviewEvent>({
  name: "review positions",
  event: "pull_request_review",
  actions: ["submitted", "dismissed"],
  schema: PullRequestReviewEvent,
  quiet: "never",
  async run(event, ctx) {
    const { review, pull_request: pr, repository } = event;
    await routeToAgents(ctx, "conflict_resolution", {
      key: `review:${repository.full_name}#${pr.number}:${review.id}`,
      description: `review ${review.state} by ${review.user?.login ?? "someone"} on ${repository.full_name}#${pr.number} (${event.action})`,
    });
  },
});
