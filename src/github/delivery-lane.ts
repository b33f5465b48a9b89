import { parseCommands, type CommandKind, type ParsedCommand } from "../commands/index.js";
import type { JobLane } from "../ports/queue.js";
import type { DeliveryRecord } from "../ports/store.js";
import { newCommands } from "./commands/handle-commands.js";

/** Events whose work is analysis: pull-request checks, their re-runs, pushes that refresh the report. */
const HEAVY_EVENTS = new Set(["pull_request", "check_suite", "check_run", "push"]);

/** Commands that scan code: a comment carrying one waits for the analysis workers, not the interactive ones. */
const HEAVY_COMMANDS = new Set<CommandKind>(["debt scan", "debt report"]);

/**
 * The lane a delivery runs in: analysis is heavy, everything else (comments and their commands,
 * labels, reviews, installs) is interactive, so a `/help` never waits behind a check.
 */
export function deliveryLane(event: string, payload: unknown): JobLane {
  if (HEAVY_EVENTS.has(event)) return "heavy";
  if (event === "issue_comment" && commandsOf(payload).some((parsed) => parsed.ok && HEAVY_COMMANDS.has(parsed.command.kind))) return "heavy";
  return "interactive";
}

/** The lane of a stored delivery; only a comment's payload is parsed, since only its lane depends on it. */
export function storedDeliveryLane(delivery: Pick<DeliveryRecord, "event" | "payload">): JobLane {
  return deliveryLane(delivery.event, delivery.event === "issue_comment" ? parseJson(delivery.payload) : undefined);
}

/** The commands the comment subscription would run: every one on a new comment, the added lines on an edited one. */
function commandsOf(payload: unknown): ParsedCommand[] {
  const event = payload as { action?: unknown; comment?: { body?: unknown }; changes?: { body?: { from?: unknown } } } | null;
  const body = typeof event?.comment?.body === "string" ? event.comment.body : "";
  if (event?.action !== "edited") return parseCommands(body);
  const before = event.changes?.body?.from;
  return newCommands(typeof before === "string" ? before : undefined, body);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
