import type { IncomingMessage, ServerResponse } from "node:http";
import { convertAppManifest, type AppCredentials } from "../github/convert-app-manifest.js";
import type { Logger } from "../ports/logger.js";
import type { NodeHandler } from "../server/http-server.js";
import { buildManifest, newAppUrl, type AppYml } from "./app-manifest.js";
import { renderSetupPage } from "./render-setup-page.js";
import { updateEnvFile } from "./update-env-file.js";
import { webhookUrlOf, type WebhookTarget } from "./webhook-target.js";

export interface SetupRoutesOptions {
  app: AppYml;
  webhook: WebhookTarget;
  webhookPath: string;
  /** Sent to GitHub with the manifest and expected back with the code. */
  state: string;
  githubUrl: string;
  githubOrg?: string | undefined;
  /** GitHub's REST API, for the code conversion. */
  apiUrl: string;
  envFile: string;
  logger: Logger;
}

/**
 * The setup mode's routes: `/` → `/probot` (the page), `/probot/setup` (GitHub's redirect with the
 * code) and `/healthz`, which answers 200 so a container's health check passes while it waits.
 */
export function setupRoutes(options: SetupRoutesOptions): NodeHandler {
  return async (req, res) => {
    if (req.method !== "GET") return false;
    const [path = "/", query = ""] = (req.url ?? "/").split("?");
    switch (path) {
      case "/":
        res.writeHead(302, { location: "/probot", "content-type": "text/plain" }).end("Found. Redirecting to /probot");
        return true;
      case "/probot":
        showPage(req, res, options);
        return true;
      case "/probot/setup":
        await completeRegistration(new URLSearchParams(query), res, options);
        return true;
      case "/healthz":
        res.writeHead(200, { "content-type": "application/json" }).end(
          JSON.stringify({ status: "setup", message: "No GitHub App credentials yet: open / to register the app, then restart." }),
        );
        return true;
      default:
        return false;
    }
  };
}

function showPage(req: IncomingMessage, res: ServerResponse, options: SetupRoutesOptions): void {
  const ownUrl = requestOrigin(req);
  const manifest = buildManifest(options.app, {
    webhookUrl: webhookUrlOf(options.webhook, `${ownUrl}${options.webhookPath}`),
    redirectUrl: `${ownUrl}/probot/setup`,
  });
  const formAction = newAppUrl({ githubUrl: options.githubUrl, org: options.githubOrg, state: options.state });
  const html = renderSetupPage({ manifest, formAction, webhook: options.webhook, webhookPath: options.webhookPath, envFile: options.envFile });
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
}

async function completeRegistration(params: URLSearchParams, res: ServerResponse, options: SetupRoutesOptions): Promise<void> {
  const code = params.get("code");
  if (!code) return answer(res, 400, "The code parameter is missing. Start again from /probot.");
  if (params.get("state") !== options.state) {
    return answer(res, 400, "This code belongs to a registration this server did not start (it may have restarted since). Start again from /probot.");
  }
  let app: AppCredentials;
  try {
    app = await convertAppManifest(options.apiUrl, code);
  } catch (error) {
    options.logger.error({ err: message(error) }, "manifest conversion failed");
    return answer(res, 502, `GitHub did not hand over the new app's credentials: ${message(error)}. Start again from /probot.`);
  }
  try {
    updateEnvFile(options.envFile, {
      APP_ID: String(app.id),
      PRIVATE_KEY: app.pem,
      ...(app.webhook_secret ? { WEBHOOK_SECRET: app.webhook_secret } : {}),
      GITHUB_CLIENT_ID: app.client_id,
      GITHUB_CLIENT_SECRET: app.client_secret,
      ...(options.webhook.kind === "smee" ? { WEBHOOK_PROXY_URL: options.webhook.url } : {}),
    });
  } catch (error) {
    options.logger.error({ envFile: options.envFile, err: message(error) }, "cannot write the env file");
    return answer(
      res,
      500,
      `GitHub created the app ${app.html_url} (APP_ID ${app.id}), but its credentials could not be written to ${options.envFile}: ${message(error)}. ` +
        "Make the file writable (or set CONCORD_ENV_FILE), then generate a private key and a webhook secret on the app's settings page and set APP_ID, PRIVATE_KEY and WEBHOOK_SECRET by hand.",
    );
  }
  const install = `${app.html_url}/installations/new`;
  options.logger.info({ app: app.slug, envFile: options.envFile }, "GitHub App registered: restart Concord (npm start) to use its credentials");
  res.writeHead(302, { location: install, "content-type": "text/plain" }).end(
    `Registered ${app.slug}; credentials written to ${options.envFile}. Restart Concord (npm start), then install the app: ${install}`,
  );
}

/** The address the browser used, so GitHub's redirect comes back to the same place (proxies included). */
function requestOrigin(req: IncomingMessage): string {
  const proto = firstValue(req.headers["x-forwarded-proto"]) ?? "http";
  const host = firstValue(req.headers["x-forwarded-host"]) ?? req.headers.host ?? "localhost";
  return `${proto}://${host}`;
}

function firstValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(",")[0]?.trim() || undefined;
}

function answer(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(text);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
