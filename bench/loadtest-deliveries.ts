import { createHash, createHmac } from "node:crypto";
import { createRequire } from "node:module";
import type { WebhookDefinition } from "@octokit/webhooks-examples";

export type DeliveryKind = "command" | "comment" | "issue" | "incident" | "pull-request" | "review";

/** One delivery as GitHub sends it: event name, delivery id, body and its signature. */
export interface PlannedDelivery {
  kind: DeliveryKind;
  event: string;
  id: string;
  body: string;
  signature: string;
  /** A second send of an earlier delivery (same id), as GitHub's redelivery makes. */
  redelivery: boolean;
}

const examples: WebhookDefinition[] = createRequire(import.meta.url)("@octokit/webhooks-examples");

/**
 * Deliveries that make Concord write to GitHub are few, as in a real installation, and spread out:
 * GitHub asks apps to space their writes (Octokit waits 1 s between writes and 3 s between comments),
 * so every one of them costs the run seconds. Each is sent again a few deliveries later with the same
 * id, as GitHub's redelivery does. Everything else is stored and processed without writing: comments
 * without a command, issues opened without an incident label, reviews.
 */
const EVERY = 160;
const WRITING: Readonly<Record<number, DeliveryKind>> = { 7: "command", 57: "pull-request", 107: "incident" };
const QUIET: readonly DeliveryKind[] = ["comment", "comment", "issue", "review"];
const REDELIVERY_LAG = 3;
/** The head SHA of pull request `number` in the load test, known to the deliveries and to the fake GitHub. */
export function headShaOf(number: number): string {
  return createHash("sha1").update(`pull-request-${number}`).digest("hex");
}

/**
 * `count` deliveries built from @octokit/webhooks-examples payloads, signed with `secret`. Every
 * thread (issue, pull request) and comment is its own, so each command, incident and check has one
 * expected outcome, and a repeated one is a duplicate.
 */
export function planDeliveries(count: number, secret: string, runId: string): PlannedDelivery[] {
  const planned: PlannedDelivery[] = [];
  for (let index = 0; index < count; index++) {
    const earlier = planned[index - REDELIVERY_LAG];
    if (earlier !== undefined && !earlier.redelivery && QUIET.every((quiet) => quiet !== earlier.kind)) {
      planned.push({ ...earlier, redelivery: true });
      continue;
    }
    const kind = WRITING[index % EVERY] ?? QUIET[index % QUIET.length]!;
    const { event, payload } = payloadFor(kind, index + 1);
    const body = JSON.stringify(payload);
    planned.push({ kind, event, id: `${runId}-${index}`, body, signature: `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`, redelivery: false });
  }
  return planned;
}

function payloadFor(kind: DeliveryKind, n: number): { event: string; payload: any } {
  switch (kind) {
    case "command":
    case "comment": {
      const payload = example("issue_comment", "created");
      payload.issue.number = n;
      payload.comment.id = n;
      payload.comment.body = kind === "command" ? "/help" : "Thanks, this looks good to me.";
      return { event: "issue_comment", payload };
    }
    case "issue": {
      const payload = example("issues", "opened");
      payload.issue.number = n;
      return { event: "issues", payload };
    }
    case "incident": {
      const payload = example("issues", "labeled");
      payload.issue.number = n;
      payload.label = { ...payload.label, name: "incident" };
      payload.issue.labels = [payload.label];
      return { event: "issues", payload };
    }
    case "pull-request": {
      const payload = example("pull_request", "opened");
      payload.number = n;
      payload.pull_request.number = n;
      payload.pull_request.head.sha = headShaOf(n);
      return { event: "pull_request", payload };
    }
    case "review": {
      const payload = example("pull_request_review", "submitted");
      payload.review.id = n;
      return { event: "pull_request_review", payload };
    }
  }
}

/** A deep copy of the first example of `event.action`, for installation 2. */
function example(event: string, action: string): any {
  const payload = examples.find((definition) => definition.name === event)?.examples.find((candidate: any) => candidate.action === action);
  if (payload === undefined) throw new Error(`@octokit/webhooks-examples has no ${event}.${action}`);
  return { ...structuredClone(payload), installation: { id: 2 } };
}
