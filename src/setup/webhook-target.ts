import { SmeeClient } from "smee-client";
import type { Logger } from "../ports/logger.js";

/** Where GitHub will send the new app's webhooks. */
export type WebhookTarget =
  /** WEBHOOK_URL: a public URL the user runs Concord behind. */
  | { kind: "public"; url: string }
  /** A smee.io channel; `npm start` forwards it to the local server once WEBHOOK_PROXY_URL holds it. */
  | { kind: "smee"; url: string }
  /** smee.io was unreachable: the setup page's own address, which GitHub cannot reach on localhost. */
  | { kind: "local" };

export interface ResolveWebhookOptions {
  webhookUrl?: string | undefined;
  webhookProxyUrl?: string | undefined;
  /** smee.io's "new channel" address; tests point it at a fake. */
  newChannelUrl: string;
  timeoutMs: number;
  logger: Logger;
}

/** WEBHOOK_URL first, then an existing WEBHOOK_PROXY_URL, then a new smee.io channel. */
export async function resolveWebhookTarget(options: ResolveWebhookOptions): Promise<WebhookTarget> {
  if (options.webhookUrl) return { kind: "public", url: parseHttpUrl("WEBHOOK_URL", options.webhookUrl) };
  if (options.webhookProxyUrl) return { kind: "smee", url: parseHttpUrl("WEBHOOK_PROXY_URL", options.webhookProxyUrl) };
  try {
    const channel = await withTimeout(SmeeClient.createChannel({ newChannelUrl: options.newChannelUrl }), options.timeoutMs);
    return { kind: "smee", url: new URL(channel, options.newChannelUrl).href };
  } catch (error) {
    options.logger.warn(
      { newChannelUrl: options.newChannelUrl, err: describe(error) },
      "Could not create a smee.io channel, so the app would be registered with this server's own webhook URL, " +
        "which GitHub cannot reach on localhost. Set WEBHOOK_URL to a public URL (or WEBHOOK_PROXY_URL to a smee.io channel) and restart.",
    );
    return { kind: "local" };
  }
}

export function webhookUrlOf(target: WebhookTarget, ownUrl: string): string {
  return target.kind === "local" ? ownUrl : target.url;
}

function parseHttpUrl(name: string, value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url?.protocol !== "http:" && url?.protocol !== "https:") {
    throw new Error(`${name} must be an absolute http(s) URL such as https://concord.example.com/api/github/webhooks, not "${value}".`);
  }
  return url.href;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown } | undefined;
  return typeof cause?.code === "string" ? `${error.message} (${cause.code})` : error.message;
}
