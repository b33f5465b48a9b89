import type { ConcordConfig } from "../../config/schema.js";
import { isPaused } from "../use-cases/pause-state.js";
import type { HandlerContext } from "../handler-context.js";
import type { EventSubscription } from "./event-subscription.js";

/** The subscriptions interested in an event and action, in table order. */
export function subscriptionsFor(table: readonly EventSubscription[], event: string, action: string | null): EventSubscription[] {
  return table.filter((sub) => sub.event === event && (sub.actions === undefined || (action !== null && sub.actions.includes(action))));
}

/**
 * Runs each interested subscription on the payload, after the shared rules: a payload that does
 * not fit the subscription's schema is ignored (and logged), an outdated one is dropped, a paused thread silences the
 * subscriptions that respect pause, and the noise settings silence the ones that respect noise.
 */
export async function dispatchEvent(subscriptions: readonly EventSubscription[], payload: unknown, ctx: HandlerContext): Promise<void> {
  for (const sub of subscriptions) {
    const parsed = sub.schema.safeParse(payload);
    if (!parsed.success) {
      ctx.log.warn({ subscription: sub.name }, "payload does not fit; event ignored");
      continue;
    }
    if (sub.current && !(await sub.current(parsed.data, ctx))) {
      ctx.log.info({ subscription: sub.name }, "outdated event; skipped");
      continue;
    }
    const reason = await quietReason(sub, parsed.data, ctx);
    if (reason !== undefined) {
      ctx.log.info({ subscription: sub.name, reason }, "quiet here; skipped");
      continue;
    }
    await sub.run(parsed.data, ctx);
  }
}

async function quietReason(sub: EventSubscription, event: unknown, ctx: HandlerContext): Promise<string | undefined> {
  if (sub.quiet === "never") return undefined;
  const thread = sub.threadOf?.(event);
  if (thread === undefined) return undefined;
  const repo = ctx.github(thread.repo);
  if (await isPaused(ctx.runtime.state, { repo: repo.fullName, number: thread.number })) return "paused";
  if (sub.quiet !== "noise") return undefined;
  const pr = sub.pullRequestOf?.(event);
  return pr === undefined ? undefined : noiseReason(pr, (await ctx.config(repo)).noise);
}

/** Why the noise settings keep Concord quiet on a pull request, or undefined when it should act. */
function noiseReason(
  pr: NonNullable<ReturnType<NonNullable<EventSubscription["pullRequestOf"]>>>,
  noise: ConcordConfig["noise"],
): string | undefined {
  if (noise.skipDrafts && pr.draft) return "draft pull request";
  if (noise.skipBotPullRequests && pr.user?.type === "Bot") return "opened by a bot";
  if ((pr.labels ?? []).some((label) => label.name === noise.skipLabel)) return `labeled ${noise.skipLabel}`;
  return undefined;
}
