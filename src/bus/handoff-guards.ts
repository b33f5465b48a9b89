import type { AgentMessage } from "../protocol/message.js";

/** One handoff in a conversation: who passed the work to whom. */
export interface HandoffHop {
  messageId: string;
  fromAgent: string;
  toAgents: readonly string[];
}

export type GuardName = "hop_limit" | "ping_pong";

export type GuardVerdict = { allowed: true } | { allowed: false; guard: GuardName; reason: string };

export interface HandoffGuardOptions {
  /** Handoffs a conversation may hold; the next one is stopped. Default 8. */
  maxHops?: number;
  /** Consecutive handoffs alternating between two agents that count as ping-pong. Default 4 (A→B, B→A, A→B, B→A). */
  pingPongLength?: number;
}

export const DEFAULT_MAX_HOPS = 8;
export const DEFAULT_PING_PONG_LENGTH = 4;

export function toHop(message: Pick<AgentMessage, "messageId" | "fromAgent" | "toAgents">): HandoffHop {
  return { messageId: message.messageId, fromAgent: message.fromAgent, toAgents: message.toAgents };
}

function isPingPong(hops: readonly HandoffHop[]): boolean {
  const first = hops[0];
  if (!first || first.toAgents.length !== 1) return false;
  const a = first.fromAgent;
  const b = first.toAgents[0];
  if (a === b) return false;
  return hops.every((hop, i) => {
    const [from, to] = i % 2 === 0 ? [a, b] : [b, a];
    return hop.fromAgent === from && hop.toAgents.length === 1 && hop.toAgents[0] === to;
  });
}

/**
 * Decides whether `next` may join a conversation whose earlier handoffs are `previous` (oldest
 * first). Pure, so every bus adapter stops the same chains: agents that keep passing work on, or
 * back and forth, without anyone finishing it (the seed had no limit at all).
 */
export function checkHandoffGuards(
  previous: readonly HandoffHop[],
  next: HandoffHop,
  options: HandoffGuardOptions = {},
): GuardVerdict {
  const maxHops = options.maxHops ?? DEFAULT_MAX_HOPS;
  const pingPongLength = options.pingPongLength ?? DEFAULT_PING_PONG_LENGTH;
  // A retried send of a handoff already counted must not count against itself.
  const earlier = previous.filter((hop) => hop.messageId !== next.messageId);
  if (earlier.length >= maxHops) {
    return {
      allowed: false,
      guard: "hop_limit",
      reason: `the conversation already holds ${earlier.length} handoffs (limit ${maxHops})`,
    };
  }
  const window = [...earlier, next].slice(-pingPongLength);
  if (pingPongLength >= 2 && window.length === pingPongLength && isPingPong(window)) {
    const [a, b] = [window[0]?.fromAgent, window[0]?.toAgents[0]];
    return {
      allowed: false,
      guard: "ping_pong",
      reason: `${a} and ${b} handed the work back and forth ${pingPongLength} times`,
    };
  }
  return { allowed: true };
}
