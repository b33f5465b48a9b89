import { z } from "zod";
import type { MessageBus } from "../../bus/message-bus.js";
import type { GitHubRepo } from "../../ports/github.js";
import type { Logger } from "../../ports/logger.js";
import { Effect } from "../../protocol/effects.js";
import { EscalationPayload, type AgentMessage } from "../../protocol/index.js";
import { applyEffects } from "../effects/apply-effects.js";

/** Where an escalation should be read: a thread of a repository, as an installation sees it. */
const Thread = z.object({ repo: z.string().min(3), issueNumber: z.int().positive(), installationId: z.int().positive() });

/** Effects sent to "github" by agents that run on their own (not as an answer to a use case). */
const EffectsNotice = z.object({ repo: z.string().min(3), installationId: z.int().positive(), effects: z.array(Effect) });

export type RepoOpener = (fullName: string, installationId: number) => Promise<GitHubRepo>;

/**
 * Makes the bus's two outward addresses real: an escalation sent to "human" becomes one comment on
 * its thread (keyed by the escalation id, so a repeat adds none), and a notification sent to
 * "github" has its effects applied. A failure throws, so the bus retries and then dead-letters it.
 */
export async function subscribeEffectInboxes(deps: { bus: MessageBus; repos: RepoOpener; logger: Logger }): Promise<() => void> {
  const human = await deps.bus.subscribe("human", (message) => toHuman(message, deps));
  const github = await deps.bus.subscribe("github", (message) => toGitHub(message, deps));
  return () => {
    human();
    github();
  };
}

async function toHuman(message: AgentMessage, deps: { repos: RepoOpener; logger: Logger }): Promise<void> {
  if (message.intent !== "escalation") return;
  const escalation = EscalationPayload.safeParse(message.payload);
  const thread = Thread.safeParse((message.payload.context as { thread?: unknown } | undefined)?.thread);
  if (!escalation.success || !thread.success) {
    deps.logger.warn({ messageId: message.messageId, from: message.fromAgent }, "escalation without a thread to write on; kept in the journal only");
    return;
  }
  const { escalationId, severity, issue, recommendedAction, attemptedResolutions } = escalation.data;
  await applyEffects(await deps.repos(thread.data.repo, thread.data.installationId), [
    { kind: "escalation", issueNumber: thread.data.issueNumber, escalationId, severity, issue, attemptedResolutions, ...(recommendedAction ? { recommendedAction } : {}) },
  ]);
}

async function toGitHub(message: AgentMessage, deps: { repos: RepoOpener; logger: Logger }): Promise<void> {
  // Responses to the app's own questions arrive here too; the agent client takes those.
  if (message.intent !== "notification") return;
  const notice = EffectsNotice.safeParse(message.payload);
  if (!notice.success) {
    deps.logger.warn({ messageId: message.messageId, from: message.fromAgent }, "notification to github without effects; ignored");
    return;
  }
  await applyEffects(await deps.repos(notice.data.repo, notice.data.installationId), notice.data.effects);
}
