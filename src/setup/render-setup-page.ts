import type { AppManifest } from "./app-manifest.js";
import type { WebhookTarget } from "./webhook-target.js";

export interface SetupPage {
  manifest: AppManifest;
  /** GitHub's "register a new app" form address. */
  formAction: string;
  webhook: WebhookTarget;
  webhookPath: string;
  envFile: string;
}

/** The setup page: one button that posts the manifest to GitHub, and what happens next. */
export function renderSetupPage(page: SetupPage): string {
  const { manifest } = page;
  const webhookUrl = manifest.hook_attributes.url;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Register ${escapeHtml(manifest.name)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:42rem;margin:3rem auto;padding:0 1rem}code{word-break:break-all}
.warning{border:2px solid #bf8700;background:#fff8c5;padding:.5rem 1rem}button{font-size:1rem;padding:.5rem 1rem}</style>
</head>
<body>
<h1>Register ${escapeHtml(manifest.name)}</h1>
<p>${escapeHtml(manifest.description ?? "")}</p>
${renderWebhook(page.webhook, webhookUrl)}
<form action="${escapeHtml(page.formAction)}" method="post">
<input type="hidden" name="manifest" value="${escapeHtml(JSON.stringify(manifest))}">
<button type="submit">Register GitHub App</button>
</form>
<p>GitHub creates the app from <code>app.yml</code> and sends you back here. Concord then writes the
app's credentials to <code>${escapeHtml(page.envFile)}</code> and takes you to GitHub to install the app.
<strong>Restart Concord</strong> (<code>npm start</code>) to use them.</p>
<h2>Use an existing app</h2>
<p>Set <code>APP_ID</code>, <code>PRIVATE_KEY</code> (or <code>PRIVATE_KEY_PATH</code>) and <code>WEBHOOK_SECRET</code>
in <code>${escapeHtml(page.envFile)}</code> or in the environment, make sure the app's webhook URL reaches this
server's <code>${escapeHtml(page.webhookPath)}</code>, and restart Concord.</p>
</body>
</html>
`;
}

function renderWebhook(webhook: WebhookTarget, url: string): string {
  const where = `<code>${escapeHtml(url)}</code>`;
  switch (webhook.kind) {
    case "public":
      return `<p>GitHub will send webhooks to ${where} (<code>WEBHOOK_URL</code>).</p>`;
    case "smee":
      return `<p>GitHub will send webhooks to the smee.io channel ${where}; once restarted, Concord forwards them to itself.</p>`;
    case "local":
      return `<p class="warning"><strong>GitHub cannot reach this server:</strong> smee.io could not be reached, so the app
would send its webhooks to ${where}, a local address. Set <code>WEBHOOK_URL</code> to a public URL that reaches this
server (or <code>WEBHOOK_PROXY_URL</code> to a smee.io channel) and restart before you register.</p>`;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
