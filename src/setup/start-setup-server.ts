import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Logger } from "../ports/logger.js";
import { createHttpServer } from "../server/http-server.js";
import { parseAppYml } from "./app-manifest.js";
import { setupRoutes } from "./setup-routes.js";
import { resolveWebhookTarget, type WebhookTarget } from "./webhook-target.js";

export interface SetupServerOptions {
  port: number;
  host: string;
  webhookPath: string;
  /** app.yml: name, description, url, events and permissions of the app to register. */
  appYmlFile: string;
  envFile: string;
  githubUrl: string;
  githubOrg?: string | undefined;
  apiUrl: string;
  webhookUrl?: string | undefined;
  webhookProxyUrl?: string | undefined;
  /** Where smee-client asks for a new channel (https://smee.io/new). */
  newChannelUrl?: string;
  logger: Logger;
}

export interface SetupServer {
  port: number;
  webhook: WebhookTarget;
  close(): Promise<void>;
}

/**
 * Setup mode (development, no credentials yet): the page that registers the GitHub App through
 * GitHub's manifest flow with a webhook URL GitHub can reach, and writes the credentials to the env file.
 */
export async function startSetupServer(options: SetupServerOptions): Promise<SetupServer> {
  const app = parseAppYml(await readFile(options.appYmlFile, "utf8"));
  const webhook = await resolveWebhookTarget({
    webhookUrl: options.webhookUrl,
    webhookProxyUrl: options.webhookProxyUrl,
    newChannelUrl: options.newChannelUrl ?? "https://smee.io/new",
    timeoutMs: 5_000,
    logger: options.logger,
  });
  const routes = setupRoutes({
    app,
    webhook,
    webhookPath: options.webhookPath,
    state: randomBytes(16).toString("hex"),
    githubUrl: options.githubUrl,
    githubOrg: options.githubOrg,
    apiUrl: options.apiUrl,
    envFile: options.envFile,
    logger: options.logger,
  });
  // No webhook endpoint: without an app no delivery can be verified, so they get the plain 404.
  const http = createHttpServer({
    webhookPath: options.webhookPath,
    routes: [routes],
    logger: options.logger,
  });
  const port = await http.listen(options.port, options.host);
  const shown = options.host === "0.0.0.0" || options.host === "::" ? "localhost" : options.host;
  options.logger.info(`Concord has no GitHub App credentials yet: open http://${shown}:${port} to register the app.`);
  return { port, webhook, close: () => http.close() };
}
