import { createRequire } from "node:module";
import type { WebhookDefinition } from "@octokit/webhooks-examples";

const examples: WebhookDefinition[] = createRequire(import.meta.url)("@octokit/webhooks-examples");

/**
 * A real payload from @octokit/webhooks-examples (deep-copied), picked by event and action,
 * with installation 2 (most examples have none; the rest vary) and optional overrides merged in.
 */
export function examplePayload(event: string, action?: string, index = 0): any {
  const definition = examples.find((e) => e.name === event);
  if (!definition) throw new Error(`no examples for ${event}`);
  const matching = (definition.examples as any[]).filter((p) => action === undefined || p.action === action);
  const payload = matching[index];
  if (!payload) throw new Error(`no example ${event}.${action ?? "*"}[${index}]`);
  const copy = structuredClone(payload);
  copy.installation = { id: 2 };
  return copy;
}
