import type { Probot } from "probot";
import type { Clock } from "../ports/clock.js";
import { createRuntime, type Runtime } from "../runtime/create-runtime.js";
import { createDeliveryWorker, type DeliveryWorker } from "../runtime/delivery-worker.js";
import { watchQueueProgress } from "../runtime/queue-progress.js";
import { startRedeliveringMissed } from "../runtime/redeliver-missed.js";
import { startRetention } from "../runtime/retention.js";
import { createHttpServer, DEFAULT_HEADERS_TIMEOUT_MS } from "../server/http-server.js";
import { DEFAULT_BODY_TIMEOUT_MS, webhookEndpoint } from "../server/webhook-endpoint.js";
import { healthzRoute } from "../web/healthz.js";
import { appHookDeliveries } from "../github/app-hook-deliveries.js";
import { storedDeliveryLane } from "../github/delivery-lane.js";
import { createDeliveryProcessor } from "../github/process-delivery.js";
import { acceptDelivery } from "../github/ingress.js";
import { SUBSCRIPTIONS } from "../github/events/subscriptions.js";
import { subscribeEffectInboxes } from "../github/inbox/effect-inboxes.js";
import { octokitRepo } from "../github/octokit/octokit-repo.js";
import { GitHubSourceResolver } from "../github/sources/github-source-resolver.js";
import { RateLimitNotes } from "../github/sources/rate-limit-notes.js";
import { LocalSourceResolver } from "../adapters/repo-source/local-source-resolver.js";

export interface StartOptions {
  probot: Probot;
  port: number;
  host: string;
  webhookPath: string;
  /** The GitHub App's webhook secret: every delivery must be signed with it (or a previous one). */
  webhookSecret: string;
  /** Secrets still accepted during a rotation, until GitHub signs with the new one only. */
  previousWebhookSecrets?: readonly string[];
  maxBodyBytes: number;
  /** Slow-loris limits: request headers, then a webhook's body, must arrive within these times. */
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  sqliteFile: string;
  databaseUrl?: string | undefined;
  workerConcurrency?: number;
  clock?: Clock;
  /** Worker threads for CPU-heavy agents (default CPUs − 1); 0 runs them on the event loop. */
  agentThreads?: number;
  /** Heap limit of one job on a worker thread, in MB (default 1024). */
  agentMemoryMb?: number;
  /** Age in days after which finished deliveries and messages are pruned (default 14). */
  retentionDays?: number;
  /** /healthz reports the queue stuck once running jobs go this long with none starting or ending (default 10 min). */
  stuckQueueMs?: number;
  /** /healthz reports the store down when its write probe takes longer (default 500 ms). */
  healthProbeTimeoutMs?: number;
  /** How often GitHub's delivery log is checked for deliveries that never reached Concord; unset: never. */
  redeliverIntervalMs?: number;
  /** Retry policy of failing deliveries. */
  maxAttempts?: number;
  backoffMs?: number;
  /** Workers of the interactive lane (comments, commands; default 4); workerConcurrency is the heavy lane's (checks, reports; default 2). */
  interactiveConcurrency?: number;
  /** Time one attempt at a delivery may take (default 10 min), and after it the grace to end its check or answer its command (default 30 s). */
  jobBudgetMs?: number;
  jobBudgetGraceMs?: number;
  /** On stop, how long running deliveries may still finish (default 10 s); the others run again on the next start. */
  shutdownMs?: number;
}

/** Past the default job budget and its grace (10.5 min) the worker has stopped waiting for every job: a queue still not moving is hung. */
const DEFAULT_STUCK_QUEUE_MS = 15 * 60_000;

/** How long running deliveries may still finish once Concord is asked to stop. */
export const DEFAULT_SHUTDOWN_MS = 10_000;

export interface Concord {
  port: number;
  runtime: Runtime;
  worker: DeliveryWorker;
  /** Stops taking webhooks (503), lets running deliveries finish until `shutdownMs`, then closes everything; what did not finish runs on the next start. */
  stop(): Promise<void>;
}

/**
 * Composition root of the server: runtime, webhook endpoint, delivery worker and HTTP server.
 * main.ts calls it with a Probot built from the environment; tests with one pointed at nock.
 */
export async function startConcord(options: StartOptions): Promise<Concord> {
  const { probot } = options;
  // Probot builds its logger lazily; everything below uses it.
  await probot.ready();
  const auth = (installationId: number) => probot.auth(installationId);
  const repos = async (fullName: string, installationId: number) => octokitRepo(await auth(installationId), parseRepoName(fullName));
  const rateLimits = new RateLimitNotes();
  const runtime = await createRuntime({
    sqliteFile: options.sqliteFile,
    databaseUrl: options.databaseUrl,
    workerConcurrency: options.workerConcurrency,
    interactiveConcurrency: options.interactiveConcurrency,
    logger: probot.log,
    resolver: new GitHubSourceResolver(async (fullName, installationId) => (await repos(fullName, installationId)).contents, new LocalSourceResolver(), rateLimits),
    agentThreads: options.agentThreads === 0 ? false : { ...(options.agentThreads ? { threads: options.agentThreads } : {}), ...(options.agentMemoryMb ? { maxMemoryMb: options.agentMemoryMb } : {}) },
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const closeInboxes = await subscribeEffectInboxes({ bus: runtime.bus, repos, logger: probot.log });
  const processDelivery = createDeliveryProcessor({ runtime, auth, rateLimits });
  const worker = createDeliveryWorker({
    store: runtime.store,
    queue: runtime.queue,
    clock: runtime.clock,
    logger: probot.log,
    process: processDelivery,
    laneOf: storedDeliveryLane,
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    ...(options.backoffMs !== undefined ? { backoffMs: options.backoffMs } : {}),
    ...(options.jobBudgetMs ? { budgetMs: options.jobBudgetMs } : {}),
    ...(options.jobBudgetGraceMs !== undefined ? { budgetGraceMs: options.jobBudgetGraceMs } : {}),
  });
  const progress = watchQueueProgress(runtime.clock);
  runtime.queue.start(progress.track(worker.run));
  const recovered = await worker.recover();
  if (recovered > 0) probot.log.info({ recovered }, "re-queued deliveries left over from the last run");
  const retention = startRetention({
    store: runtime.store,
    clock: runtime.clock,
    logger: probot.log,
    // Check-run claims, PR heads and asked-for redeliveries: a row per head or event, useless once old. Ignore lists and the like stay.
    prunableKeys: ["check-run:", "pr-head:", "hook-redelivery:"],
    ...(options.retentionDays ? { maxAgeDays: options.retentionDays } : {}),
  });
  // The delivery log is the app's, not an installation's: read with the app's own JWT (auth() with no installation).
  const redelivery = options.redeliverIntervalMs
    ? startRedeliveringMissed({ hooks: appHookDeliveries(await probot.auth()), store: runtime.store, clock: runtime.clock, logger: probot.log, intervalMs: options.redeliverIntervalMs })
    : undefined;

  const headersTimeoutMs = options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
  const http = createHttpServer({
    webhookPath: options.webhookPath,
    webhook: webhookEndpoint({
      secrets: [options.webhookSecret, ...(options.previousWebhookSecrets ?? [])],
      maxBodyBytes: options.maxBodyBytes,
      bodyTimeoutMs,
      accept: (delivery) => acceptDelivery({ ...runtime, subscriptions: SUBSCRIPTIONS }, delivery),
      logger: probot.log,
    }),
    headersTimeoutMs,
    requestTimeoutMs: headersTimeoutMs + bodyTimeoutMs,
    routes: [
      healthzRoute({
        ...runtime,
        stalledMs: progress.stalledMs,
        stuckAfterMs: options.stuckQueueMs ?? DEFAULT_STUCK_QUEUE_MS,
        ...(options.healthProbeTimeoutMs ? { probeTimeoutMs: options.healthProbeTimeoutMs } : {}),
      }),
    ],
    logger: probot.log,
  });
  const port = await http.listen(options.port, options.host);
  probot.log.info(`Concord listening on http://${options.host}:${port} (store: ${runtime.store.dialect})`);

  return {
    port,
    runtime,
    worker,
    async stop() {
      // Webhooks get 503 from now on; running deliveries may finish until the deadline.
      const closed = http.close();
      closeInboxes();
      await retention.stop();
      await redelivery?.stop();
      await runtime.close({ deadlineMs: options.shutdownMs ?? DEFAULT_SHUTDOWN_MS });
      // A connection still open now (an idle keep-alive, a stuck client) must not hold the exit.
      http.server.closeAllConnections();
      await closed;
    },
  };
}

function parseRepoName(fullName: string): { owner: string; repo: string } {
  const [owner, repo, ...rest] = fullName.split("/");
  if (!owner || !repo || rest.length > 0) throw new Error(`not a repository name: ${fullName}`);
  return { owner, repo };
}
