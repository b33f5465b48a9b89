import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentClient, AgentTaskError } from "../../src/agent-runtime/agent-client.js";
import { AgentHost } from "../../src/agent-runtime/agent-host.js";
import { AgentThreads } from "../../src/agent-runtime/worker/agent-threads.js";
import { LocalRepoSource } from "../../src/adapters/repo-source/local-repo-source.js";
import { LocalSourceResolver } from "../../src/adapters/repo-source/local-source-resolver.js";
import { AGENT_CATALOG, type CatalogEntry } from "../../src/agents/catalog.js";
import { COMPARE_PULL_REQUEST_DEBT, SCAN_TECH_DEBT } from "../../src/agents/specialized/tech-debt/tech-debt-capability.js";
import { InProcessBus } from "../../src/bus/in-process-bus.js";
import { ManualClock } from "../../src/ports/clock.js";
import { silentLogger, type Logger } from "../../src/ports/logger.js";
import type { RepoFile, RepoSource } from "../../src/ports/repo-source.js";
import type { OpenedSource, SourceResolver } from "../../src/ports/source-resolver.js";
import type { Capability } from "../../src/protocol/capability.js";
import type { SourceRef, TaskSources } from "../../src/protocol/sources.js";
import { AgentRegistry } from "../../src/registry/agent-registry.js";
import { KeyedState } from "../../src/state/keyed-state.js";
import { copyFixtureRepo, git } from "../cli/fixture-repo.js";
import { createTestStore, type TestStore } from "../helpers/test-store.js";

const TECH_DEBT = AGENT_CATALOG.filter((entry) => entry.registration.agentId === "tech-debt");

/** A pull request's files as the app reads them: not a folder, one of them GitHub fails to serve. */
class PullRequestFiles implements RepoSource {
  readonly description = "octo/repo@abc1234";
  constructor(private readonly files: Record<string, string>) {}
  listFiles(): Promise<RepoFile[]> {
    return Promise.resolve([...Object.keys(this.files), "src/gone.ts"].map((path) => ({ path })));
  }
  readFile(path: string): Promise<string | undefined> {
    const text = this.files[path];
    return text === undefined ? Promise.reject(new Error("GitHub answered 502")) : Promise.resolve(text);
  }
}

/**
 * Stands in for the app's resolver: a `tree` is a downloaded folder (here, the fixture checkout),
 * `pr-files` are read one by one through "GitHub". It records what it opened and closed.
 */
class AppLikeResolver implements SourceResolver {
  readonly opened: string[] = [];
  readonly closed: string[] = [];
  readonly #local = new LocalSourceResolver();
  constructor(
    private readonly treeDir: string,
    private readonly prFiles: Record<string, Record<string, string>>,
  ) {}
  async open(ref: SourceRef): Promise<OpenedSource> {
    this.opened.push(ref.kind);
    const close = () => Promise.resolve(void this.closed.push(ref.kind));
    if (ref.kind === "tree") return { source: new LocalRepoSource(this.treeDir), close };
    if (ref.kind === "pr-files") return { source: new PullRequestFiles(this.prFiles[ref.sha]!), close };
    return { ...(await this.#local.open(ref)), close };
  }
}

interface Setup {
  client: AgentClient;
  resolver: AppLikeResolver;
  registry: AgentRegistry;
  close(): Promise<void>;
}

async function startHost(resolver: AppLikeResolver, options: { threads?: AgentThreads; catalog?: readonly CatalogEntry[] } = {}): Promise<Setup> {
  const testStore: TestStore = await createTestStore();
  const clock = new ManualClock("2026-03-01T00:00:00Z");
  const state = new KeyedState(testStore.store, clock);
  const registry = new AgentRegistry(clock);
  const bus = new InProcessBus(testStore.store, { clock });
  const host = new AgentHost({ catalog: options.catalog ?? TECH_DEBT, registry, bus, resolver, state, clock, logger: silentLogger, ...(options.threads ? { threads: options.threads } : {}) });
  await host.start();
  const client = new AgentClient({ registry, bus, state, clock, logger: silentLogger });
  return {
    client,
    resolver,
    registry,
    async close() {
      host.close();
      await client.close();
      await testStore.cleanup();
    },
  };
}

const roundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe("the tech-debt agent on a worker thread", () => {
  let repo: { dir: string; cleanup: () => Promise<void> };
  let threads: AgentThreads;
  let inProcess: Setup;
  let threaded: Setup;
  const prFiles = {
    base: { "src/simple.ts": "export function add(a: number, b: number) {\n  return a + b;\n}\n" },
    head: {
      "src/simple.ts": "export function add(a: number, b: number, c: number, d: number, e: number) {\n  // TODO: fewer parameters\n  if (a) { if (b) { if (c) { if (d) return e; } } }\n  return a + b;\n}\n",
    },
  };

  beforeAll(async () => {
    repo = await copyFixtureRepo();
    // A git checkout, so TODO authors and churn come from history, in the worker as on the host.
    git(repo.dir, "init", "-q");
    git(repo.dir, "add", ".");
    git(repo.dir, "commit", "-q", "-m", "fixture");
    threads = new AgentThreads({ threads: 1, logger: silentLogger });
    inProcess = await startHost(new AppLikeResolver(repo.dir, prFiles));
    threaded = await startHost(new AppLikeResolver(repo.dir, prFiles), { threads });
  });
  afterAll(async () => {
    await inProcess.close();
    await threaded.close();
    await threads.close();
    await repo.cleanup();
  });

  async function both<C extends Capability>(capability: C, input: unknown, sources: TaskSources): Promise<[unknown, unknown]> {
    const ask = (setup: Setup, taskId: string) => setup.client.ask(capability, input as never, { from: "cli", taskId, description: "debt", sources });
    return [roundTrip(await ask(inProcess, "in-process")), roundTrip(await ask(threaded, "threaded"))];
  }

  it("scans a local checkout with the same result as on the host's thread, history included", async () => {
    const [here, there] = await both(SCAN_TECH_DEBT, { sha: "abc" }, { repo: { kind: "local", path: repo.dir } });

    expect(there).toEqual(here);
    const { scan } = SCAN_TECH_DEBT.output.parse(here);
    expect(scan.summary.files).toBeGreaterThan(3);
    expect(scan.todos.some((todo) => todo.author === "Fixture Author")).toBe(true);
    // The worker opened the folder itself: the host's resolver was not asked.
    expect(threaded.resolver.opened).toEqual([]);
  });

  it("scans a downloaded tree the same way, and removes the download afterwards", async () => {
    const tree: SourceRef = { kind: "tree", repo: "octo/repo", sha: "abc", installationId: 1 };
    const [here, there] = await both(SCAN_TECH_DEBT, { sha: "abc" }, { repo: tree });

    expect(there).toEqual(here);
    expect(threaded.resolver.opened.slice(-1)).toEqual(["tree"]);
    expect(threaded.resolver.closed.slice(-1)).toEqual(["tree"]);
  });

  it("compares a pull request read through this thread the same way, an unserved file still unreadable (so no verdict)", async () => {
    const pr = (sha: string): SourceRef => ({ kind: "pr-files", repo: "octo/repo", sha, installationId: 1, paths: ["src/simple.ts", "src/gone.ts"] });
    const [here, there] = await both(COMPARE_PULL_REQUEST_DEBT, { changedLines: { "src/simple.ts": "all", "src/gone.ts": "all" } }, { repo: pr("head"), base: pr("base") });

    expect(there).toEqual(here);
    const output = COMPARE_PULL_REQUEST_DEBT.output.parse(here);
    expect(output.verdict.unknown).toEqual({ side: "base", paths: ["src/gone.ts"] });
    expect(output.skipped).toContainEqual({ path: "src/gone.ts", reason: "unreadable" });
    expect(threaded.resolver.closed.slice(-2).sort()).toEqual(["pr-files", "pr-files"]);
  });

  it("refuses to hand a worker a source whose version history it could not read there", async () => {
    class HistoryResolver extends AppLikeResolver {
      override async open(ref: SourceRef): Promise<OpenedSource> {
        const opened = await super.open(ref);
        const withHistory = Object.assign(new PullRequestFiles({}), { blame: () => Promise.resolve(new Map()), churn: () => Promise.resolve(new Map()) });
        return { ...opened, source: withHistory };
      }
    }
    const resolver = new HistoryResolver(repo.dir, prFiles);
    const setup = await startHost(resolver, { threads });
    try {
      const tree: SourceRef = { kind: "tree", repo: "octo/repo", sha: "abc", installationId: 1 };
      await expect(setup.client.ask(SCAN_TECH_DEBT, {}, { from: "cli", taskId: "t", description: "x", sources: { repo: tree } })).rejects.toThrow(
        /a source with version history can be handed to a worker thread only as a local folder/,
      );
      expect(resolver.closed).toEqual(["tree"]);
    } finally {
      await setup.close();
    }
  });

  it("runs only agents of the static catalog, since code cannot be sent to a thread", async () => {
    const stranger: CatalogEntry = { ...TECH_DEBT[0]!, registration: { ...TECH_DEBT[0]!.registration, agentId: "stranger" } };
    const setup = await startHost(new AppLikeResolver(repo.dir, prFiles), { threads, catalog: [stranger] });
    try {
      const files: SourceRef = { kind: "files", files: { "a.ts": "export const a = 1;\n" } };
      await expect(setup.client.ask(SCAN_TECH_DEBT, {}, { from: "cli", taskId: "t", description: "x", sources: { repo: files } })).rejects.toThrow(
        new AgentTaskError("stranger", "t", "stranger is not in the agent catalog, so it cannot run in a worker thread"),
      );
    } finally {
      await setup.close();
    }
  });
});

describe("a file whose analysis runs out of memory", () => {
  // Under the scanner's 1 MB size limit and not minified, but its syntax tree needs about 50 MB.
  const HUGE = `export const values = [\n${"0,\n".repeat(330_000)}];\n`;
  const COMPLEX = "export function pick(a: number, b: number, c: number, d: number, e: number) {\n  // TODO: fewer parameters\n  if (a) { if (b) { if (c) { if (d) return e; } } }\n  return a + b;\n}\n";
  let dir: string;
  let threads: AgentThreads;
  let setup: Setup;
  const reruns: unknown[] = [];
  const logger: Logger = { ...silentLogger, warn: (obj: object | string, msg?: string) => void (msg?.includes("again") === true && reruns.push(obj)) };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "concord-oom-"));
    threads = new AgentThreads({ threads: 1, maxMemoryMb: 64, logger });
    setup = await startHost(new AppLikeResolver(dir, {}), { threads });
  });
  afterAll(async () => {
    await setup.close();
    await threads.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function folder(name: string, files: Record<string, string>): Promise<SourceRef> {
    const root = path.join(dir, name);
    await mkdir(root);
    for (const [file, text] of Object.entries(files)) await writeFile(path.join(root, file), text);
    return { kind: "local", path: root };
  }
  const scan = (taskId: string, repo: SourceRef) => setup.client.ask(SCAN_TECH_DEBT, {}, { from: "cli", taskId, description: "debt", sources: { repo } });

  it("is reported skipped for using too much memory, and the rest of the scan completes", async () => {
    reruns.length = 0;
    const repo = await folder("one-huge", { "a.ts": "export const a = 1;\n", "huge.ts": HUGE, "pick.ts": COMPLEX });

    const { scan: result } = await scan("one-huge", repo);

    expect(result.skipped).toEqual([{ path: "huge.ts", reason: "too-much-memory (its analysis needs more than the 64 MB a job may use)" }]);
    expect(result.files.map((file) => file.path)).toEqual(["a.ts", "pick.ts"]);
    expect(result.items.some((item) => item.file === "pick.ts" && item.rule === "parameter-count")).toBe(true);
    expect(reruns).toEqual([expect.objectContaining({ taskId: "one-huge", path: "huge.ts", withheld: 1 })]);
    expect(await setup.registry.getAgent("tech-debt")).toMatchObject({ failed: 0, currentLoad: 0 });
  });

  it("fails the job with the reason once it has left out three files, keeps the process alive, and the next job runs on a new thread", async () => {
    reruns.length = 0;
    const huge = Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`huge-${n}.ts`, HUGE]));
    const repo = await folder("all-huge", { "a.ts": "export const a = 1;\n", ...huge });

    await expect(scan("all-huge", repo)).rejects.toThrow(
      new AgentTaskError(
        "tech-debt",
        "all-huge",
        "the agent ran out of memory: a job may use 64 MB, and its worker thread was stopped (4 runs, leaving out huge-1.ts, huge-2.ts, huge-3.ts; it last ran out on huge-4.ts)",
      ),
    );
    expect(reruns).toHaveLength(3);
    expect(await setup.registry.getAgent("tech-debt")).toMatchObject({ failed: 1, currentLoad: 0 });

    const { scan: small } = await scan("small", { kind: "files", files: { "a.ts": "export const a = 1;\n" } });
    expect(small.summary.files).toBe(1);
  });
});
