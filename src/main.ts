import { Probot, run } from "probot";
import { startConcord } from "./github/start-concord.js";
import { readSettings } from "./runtime/settings.js";

// `npm start`. Without credentials Probot's setup page registers the app from app.yml; with them,
// Concord serves webhooks, /healthz and its routes on PORT (3000).
const settings = readSettings();

if (!settings.appId || !settings.privateKey) {
  // Probot would otherwise fetch smee-client with npx at runtime; set WEBHOOK_PROXY_URL to use one.
  process.env.NO_SMEE_SETUP ??= "true";
  await run(() => {});
} else {
  if (!process.env.WEBHOOK_SECRET) {
    // An unsigned-in-practice endpoint would accept forged events; refuse in production, warn elsewhere.
    if (process.env.NODE_ENV === "production") throw new Error("WEBHOOK_SECRET is required in production: set it to the GitHub App's webhook secret.");
    console.warn('WEBHOOK_SECRET is not set: using "development". Set it to your GitHub App\'s webhook secret.');
  }
  const probot = new Probot({
    appId: settings.appId,
    privateKey: settings.privateKey,
    secret: settings.webhookSecret,
    logLevel: settings.logLevel,
    ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}),
  });
  const concord = await startConcord({ probot, ...settings });
  const shutdown = (signal: string) => {
    probot.log.info({ signal }, "shutting down");
    concord.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        probot.log.error({ err: error instanceof Error ? error.message : String(error) }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.on("unhandledRejection", (reason) => probot.log.error({ err: String(reason) }, "unhandled rejection"));
}
