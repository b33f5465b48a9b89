import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import { LocalSourceResolver } from "../../adapters/repo-source/local-source-resolver.js";
import type { AgentContext } from "../../agents/agent.js";
import { AGENT_CATALOG } from "../../agents/catalog.js";
import type { Logger } from "../../ports/logger.js";
import type { RepoSource } from "../../ports/repo-source.js";
import { RemoteRepoSource } from "./remote-repo-source.js";
import type { LogLevel, WorkerJob, WorkerReply, WorkerSource } from "./worker-messages.js";

/**
 * A worker thread of the agent pool: runs the jobs the pool hands it, one at a time, and answers
 * with each agent's result. Agent code cannot travel between threads, so the agent is made here
 * from the static catalog by its id.
 */
const WORKER_NICE = 10;
const port = parentPort;
if (port === null) throw new Error("agent-worker runs as a worker thread");
yieldToTheEventLoop();
const local = new LocalSourceResolver();

function send(message: WorkerReply): void {
  try {
    port!.postMessage(message);
  } catch (error) {
    // Only a result can fail to clone (an agent output that is not plain data): still answer.
    port!.postMessage({ type: "failed", error: `the agent's result could not leave its thread: ${describe(error)}` } satisfies WorkerReply);
  }
}

/** Log lines go to the host's logger as plain data (an Error or a cycle would not clone). */
const forward =
  (level: LogLevel) =>
  (obj: object | string, msg?: string): void =>
    send({ type: "log", level, obj: typeof obj === "string" ? obj : toPlain(obj), ...(msg === undefined ? {} : { msg }) });
const logger: Logger = { debug: forward("debug"), info: forward("info"), warn: forward("warn"), error: forward("error") };

async function run(job: WorkerJob): Promise<WorkerReply> {
  const remotes: RemoteRepoSource[] = [];
  const open = async (source: WorkerSource): Promise<RepoSource> => {
    if (source.kind !== "remote") return (await local.open(source)).source;
    const remote = new RemoteRepoSource(source.description, source.port);
    remotes.push(remote);
    return remote;
  };
  try {
    const entry = AGENT_CATALOG.find((candidate) => candidate.registration.agentId === job.agentId);
    if (entry === undefined) return { type: "failed", error: `${job.agentId} is not in the agent catalog, so it cannot run in a worker thread` };
    // The clock stands still at the host's hand-over time: the agent sees the "now" it would have
    // seen on the host's thread, and the host measures the duration itself.
    const ctx: AgentContext = {
      clock: { now: () => new Date(job.now) },
      logger,
      // Only the host outlives this thread running out of memory, so it is told the file in progress.
      measuring: (path) => send(path === undefined ? { type: "measuring" } : { type: "measuring", path }),
      ...(job.withheld ? { withheld: job.withheld } : {}),
    };
    if (job.sources.repo) ctx.repo = await open(job.sources.repo);
    if (job.sources.base) ctx.baseRepo = await open(job.sources.base);
    return { type: "done", result: await entry.create().execute(job.task, ctx) };
  } catch (error) {
    return { type: "failed", error: describe(error) };
  } finally {
    for (const remote of remotes) remote.close();
  }
}

port.on("message", (job: WorkerJob) => void run(job).then(send));

function toPlain(obj: object): object {
  try {
    return JSON.parse(JSON.stringify(obj, (_key, value: unknown) => (value instanceof Error ? { type: value.name, message: value.message, stack: value.stack } : value))) as object;
  } catch (error) {
    return { unloggable: describe(error) };
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs this thread, and the processes it starts (jscpd), at a lower CPU priority, so that when
 * cores are short the event loop that acknowledges webhooks gets them first. On Linux a nice
 * value belongs to a thread, named by its id; elsewhere it would apply to the whole process, so
 * the thread keeps its priority there.
 */
function yieldToTheEventLoop(): void {
  let threadId: number;
  try {
    threadId = Number(readlinkSync("/proc/thread-self").split("/").pop());
  } catch {
    return;
  }
  setPriority(threadId, WORKER_NICE);
}
