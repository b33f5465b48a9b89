import { fileURLToPath } from "node:url";
import { Probot } from "probot";
import { DEFAULT_SHUTDOWN_MS, startConcord } from "./app/start-concord.js";
import { createConcordOctokit } from "./github/octokit/concord-octokit.js";
import type { Logger } from "./ports/logger.js";
import { loadEnvironment } from "./runtime/env-file.js";
import { readSettings, type Settings } from "./runtime/settings.js";
import { startWebhookProxy } from "./server/webhook-proxy.js";
import { startSetupServer } from "./setup/start-setup-server.js";
import { StartupError } from "./startup-error.js";

// `npm start`. Without credentials (development) it serves the setup page, which registers the app
// from app.yml and writes the credentials to the env file; with them, Concord serves webhooks,
// /healthz and its routes on PORT (3000). The env file (CONCORD_ENV_FILE, ./.env) is read first.
// A start-up mistake (a setting, a path Concord cannot use) is one sentence for the operator, not a stack trace.
process.on("uncaughtException", exitWithError);
const env = loadEnvironment();
const settings = readSettings(env);

if (!settings.appId || !settings.privateKey) {
  if (settings.production) throw new StartupError(missingCredentials(settings));
  // Probot's logger; the token only satisfies the constructor and is never used.
  const probot = new Probot({ githubToken: "setup-mode", logLevel: settings.logLevel });
  await probot.ready();
  const setup = await startSetupServer({
    ...settings,
    appYmlFile: fileURLToPath(new URL("../app.yml", import.meta.url)),
    apiUrl: settings.baseUrl ?? "https://api.github.com",
    logger: probot.log,
  });
  stopOnSignal(probot.log, () => setup.close(), DEFAULT_SHUTDOWN_MS);
} else {
  if (!env.WEBHOOK_SECRET) {
    // An unsigned-in-practice endpoint would accept forged events; refuse in production, warn elsewhere.
    if (settings.production) throw new StartupError("WEBHOOK_SECRET is required in production: set it to the GitHub App's webhook secret.");
    console.warn('WEBHOOK_SECRET is not set: using "development". Set it to your GitHub App\'s webhook secret.');
  }
  const probot = new Probot({
    appId: settings.appId,
    privateKey: settings.privateKey,
    logLevel: settings.logLevel,
    ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}),
    Octokit: createConcordOctokit({
      ...(settings.githubTimeoutMs ? { requestTimeoutMs: settings.githubTimeoutMs } : {}),
      ...(settings.githubDownloadTimeoutMs ? { downloadTimeoutMs: settings.githubDownloadTimeoutMs } : {}),
    }),
  });
  const concord = await startConcord({ probot, ...settings });
  const proxy = startProxy(settings, concord.port, probot.log);
  stopOnSignal(
    probot.log,
    async () => {
      await proxy?.close();
      await concord.stop();
    },
    settings.shutdownMs ?? DEFAULT_SHUTDOWN_MS,
  );
  process.on("unhandledRejection", (reason) => probot.log.error({ err: String(reason) }, "unhandled rejection"));
}

function exitWithError(error: unknown): never {
  console.error(error instanceof StartupError ? `Concord could not start: ${error.message}` : error);
  process.exit(1);
}

function missingCredentials(settings: Settings): string {
  const missing = [!settings.appId && "APP_ID", !settings.privateKey && "PRIVATE_KEY (or PRIVATE_KEY_PATH)"].filter(Boolean);
  return (
    `${missing.join(" and ")} missing: in production Concord needs the GitHub App's credentials and has no setup page. ` +
    `Register the app by hand (webhook URL https://<your host>${settings.webhookPath}), then set APP_ID, PRIVATE_KEY and WEBHOOK_SECRET ` +
    `in the environment or in ${settings.envFile} (CONCORD_ENV_FILE).`
  );
}

/** WEBHOOK_PROXY_URL (development): stream GitHub's webhooks from a smee.io channel into this server. */
function startProxy(settings: Settings, port: number, logger: Logger) {
  if (!settings.webhookProxyUrl) return undefined;
  if (settings.production) {
    logger.warn("WEBHOOK_PROXY_URL is ignored in production: point the app's webhook URL at this server.");
    return undefined;
  }
  // A wildcard listen address is not one to post to; loopback reaches it.
  const host = settings.host === "0.0.0.0" || settings.host === "::" ? "127.0.0.1" : settings.host;
  return startWebhookProxy({ source: settings.webhookProxyUrl, target: `http://${host}:${port}${settings.webhookPath}`, logger });
}

/** Stops on SIGTERM or SIGINT; `deadlineMs` is what stop() is given, and a few seconds later the process exits whatever still hangs. */
function stopOnSignal(logger: Logger, stop: () => Promise<void>, deadlineMs: number): void {
  const shutdown = (signal: string) => {
    logger.info({ signal }, "shutting down");
    setTimeout(() => {
      logger.error({ signal }, "shutdown did not finish in time; exiting anyway");
      process.exit(1);
    }, deadlineMs + 5_000).unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error instanceof Error ? error.message : String(error) }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}
