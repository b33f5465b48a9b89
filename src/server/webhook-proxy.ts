import { SmeeClient } from "smee-client";
import type { Logger } from "../ports/logger.js";

export interface WebhookProxy {
  /** Settles once the first connection attempt is over: true when connected. Later attempts go on in the background. */
  connected: Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Development only: GitHub posts webhooks to a smee.io channel (WEBHOOK_PROXY_URL), and this client
 * streams them from the channel and posts each one to `target`, this server's webhook path, with
 * GitHub's headers (signature included).
 */
export function startWebhookProxy(options: { source: string; target: string; logger: Logger }): WebhookProxy {
  const { logger } = options;
  let client: SmeeClient;
  try {
    client = new SmeeClient({ source: options.source, target: options.target, logger: smeeLogger(logger) });
  } catch (error) {
    throw new Error(`WEBHOOK_PROXY_URL must be an http(s) URL such as https://smee.io/abc123, not "${options.source}".`, { cause: error });
  }
  const connected = client.start().then(
    () => true,
    () => {
      // The event source keeps reconnecting every few seconds; forwarding starts once it gets through.
      logger.warn({ source: options.source }, "cannot reach WEBHOOK_PROXY_URL yet: webhooks arrive once it answers");
      return false;
    },
  );
  return { connected, close: () => client.stop() };
}

/** smee-client logs console-style (message, then details); Concord's logger wants one message. */
function smeeLogger(logger: Logger): Pick<Console, "info" | "error"> {
  return {
    info: (...parts: unknown[]) => logger.info(parts.map(describe).join(" ")),
    error: (...parts: unknown[]) => logger.warn(parts.map(describe).join(" ")),
  };
}

function describe(part: unknown): string {
  if (typeof part === "object" && part !== null && "message" in part) return String(part.message);
  return String(part);
}
