import type { z } from "zod";
import type { RepoRef } from "../../ports/github.js";
import type { HandlerContext } from "../handler-context.js";

/** A pull request or issue an event is about, for the pause rule. */
export interface ThreadRef {
  repo: RepoRef;
  number: number;
}

/**
 * A feature's interest in one GitHub event: which actions, how to read the payload, and what to
 * run. The pipeline applies the shared rules once, before `run`:
 * - `current` (when given) comes first: an event it calls outdated is dropped before any other call;
 * - `quiet: "never"` runs everywhere (explicit requests, the config check, installation records);
 * - `quiet: "paused"` is skipped on a thread someone paused with `/concord pause`;
 * - `quiet: "noise"` is also skipped for pull requests the noise settings exclude (drafts, bots, the skip label).
 */
export interface EventSubscription<E = unknown> {
  /** For logs: what this subscription does. */
  name: string;
  event: string;
  /** Actions acted on; all when omitted (push has no action). */
  actions?: readonly string[];
  schema: z.ZodType<E>;
  quiet: "never" | "paused" | "noise";
  /** False for an outdated event (an older head of a PR arriving late); checked before anything else. */
  current?(event: E, ctx: HandlerContext): Promise<boolean>;
  /** The thread the event is about (for pause), when there is one. */
  threadOf?(event: E): ThreadRef | undefined;
  /** Pull-request fields the noise settings read. */
  pullRequestOf?(event: E): { draft?: boolean | undefined; user?: { type?: string | undefined } | null | undefined; labels?: { name: string }[] | undefined } | undefined;
  run(event: E, ctx: HandlerContext): Promise<void>;
}

/**
 * Checks one subscription against its payload type, then lets it join the table (methods are
 * bivariant, so a typed subscription fits the table's unknown-payload entries).
 */
export function subscription<E>(definition: EventSubscription<E>): EventSubscription {
  return definition;
}
