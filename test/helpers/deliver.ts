import { createHmac, randomUUID } from "node:crypto";
import { WEBHOOK_SECRET } from "./test-probot.js";

/** POSTs a signed webhook to the running server, exactly as GitHub does. */
export async function deliver(
  url: string,
  event: string,
  payload: unknown,
  options: { id?: string; secret?: string; signature?: string } = {},
): Promise<Response> {
  const body = JSON.stringify(payload);
  const signature = options.signature ?? `sha256=${createHmac("sha256", options.secret ?? WEBHOOK_SECRET).update(body).digest("hex")}`;
  return fetch(`${url}/api/github/webhooks`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": event,
      "x-github-delivery": options.id ?? randomUUID(),
      "x-hub-signature-256": signature,
    },
    body,
  });
}
