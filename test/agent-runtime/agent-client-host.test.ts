import { z } from "zod";
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import { AgentClient, AgentTaskError } from "../../src/agent-runtime/agent-client.js";
import { AgentHost } from "../../src/agent-runtime/agent-host.js";
import { INLINE_OUTPUT_LIMIT } from "../../src/agent-runtime/large-outputs.js";
import { LocalSourceResolver } from "../../src/adapters/repo-source/local-source-resolver.js";
import type { Agent } from "../../src/agents/agent.js";
import { AGENT_CATALOG, type CatalogEntry } from "../../src/agents/catalog.js";
import { LIST_COMMANDS } from "../../src/agents/help/help-capability.js";
import { InProcessBus } from "../../src/bus/in-process-bus.js";
import { TransientError } from "../../src/errors.js";
import { ManualClock } from "../../src/ports/clock.js";
import { silentLogger } from "../../src/ports/logger.js";
import type { OpenedSource, SourceResolver } from "../../src/ports/source-resolver.js";
import { defineCapability } from "../../src/protocol/capability.js";
import { derivedId } from "../../src/protocol/ids.js";
import { createHandoffRequest, createRequest, handoffToMessage, type AgentMessage } from "../../src/protocol/index.js";
import type { SourceRef } from "../../src/protocol/sources.js";
import type { KyselyStore } from "../../src/adapters/store/kysely-store.js";
import { AgentRegistry } from "../../src/registry/agent-registry.js";
import { KeyedState } from "../../src/state/keyed-state.js";
import { createTestStore, type TestStore } from "../helpers/test-store.js";

// Test agents: one that fails, one that reads its files and answers large.
const FAIL = defineCapability({ id: "test.fail", routesTo: "testing", taskType: "testing", input: z.object({}), output: z.object({}) });
const COUNT_LINES = defineCapability({
  id: "test.count-lines",
  routesTo: "planning",
  taskType: "planning",
  input: z.object({ pad: z.int().default(0) }),
  output: z.object({ lines: z.number(), padding: z.string() }),
});

const broken: Agent = { id: "broken", execute: () => Promise.reject(new Error("boom")) };
const counter: Agent = {
  id: "counter",
  async execute(task, ctx) {
    const text = (await ctx.repo!.readFile("a.ts")) ?? "";
    const { pad } = COUNT_LINES.input.parse(task.inputData);
    return { taskId: task.id, agentId: "counter", success: true, output: { lines: text.split("\n").length, padding: "x".repeat(pad) }, evidence: [], metrics: { durationMs: 0, cost: 0 } };
  },
};
const WALK = defineCapability({ id: "test.walk", routesTo: "planning", taskType: "planning", input: z.object({ steps: z.int() }), output: z.object({ walked: z.int() }) });
const walker: Agent = {
  id: "walker",
  execute(task, ctx) {
    const { steps } = WALK.input.parse(task.inputData);
    for (let step = 1; step <= steps; step++) ctx.progress?.(step, steps);
    // A long walk is a stance worth counting: "this should not be done by hand".
    const positions = steps > 5 ? [{ agentId: "walker", subject: "walk", position: "automate", rationale: "too many steps", confidence: 0.8, evidence: [] }] : [];
    return Promise.resolve({ taskId: task.id, agentId: "walker", success: true, output: { walked: steps }, evidence: [], positions, metrics: { durationMs: 0, cost: 0 } });
  },
};
const TEST_CATALOG: CatalogEntry[] = [
  AGENT_CATALOG.find((entry) => entry.registration.agentId === "help")!,
  { registration: { agentId: "broken", taskTypes: ["testing"], description: "", capabilities: ["testing"] }, serves: [FAIL], create: () => broken },
  { registration: { agentId: "counter", taskTypes: ["planning"], description: "", capabilities: ["planning"] }, serves: [COUNT_LINES], create: () => counter },
  // Shares "planning" with counter: asks must reach the agent answering the operation.
  { registration: { agentId: "walker", taskTypes: ["planning"], description: "", capabilities: ["planning"] }, serves: [WALK], create: () => walker },
];

/** A resolver that remembers what it opened and closed, over the local one. */
class WatchingResolver implements SourceResolver {
  readonly opened: string[] = [];
  readonly closed: string[] = [];
  readonly #local = new LocalSourceResolver();
  async open(ref: SourceRef): Promise<OpenedSource> {
    const opened = await this.#local.open(ref);
    this.opened.push(ref.kind);
    return { source: opened.source, close: () => Promise.resolve(void this.closed.push(ref.kind)) };
  }
}

describe("AgentClient and AgentHost over the bus", () => {
  let testStore: TestStore;
  let registry: AgentRegistry;
  let bus: InProcessBus;
  let state: KeyedState;
  let host: AgentHost;
  let client: AgentClient;
  let resolver: WatchingResolver;
  const clock = new ManualClock();

  beforeEach(async () => {
    testStore = await createTestStore();
    state = new KeyedState(testStore.store, clock);
    registry = new AgentRegistry(clock);
    bus = new InProcessBus(testStore.store, { clock });
    resolver = new WatchingResolver();
    host = new AgentHost({ catalog: TEST_CATALOG, registry, bus, resolver, state, clock, logger: silentLogger });
    await host.start();
    client = new AgentClient({ registry, bus, state, clock, logger: silentLogger });
  });
  afterEach(async () => {
    host.close();
    await client.close();
    await testStore.cleanup();
  });

  it("asks the agent the registry picks by capability, returns its typed output and records the outcome", async () => {
    const { markdown } = await client.ask(LIST_COMMANDS, { available: ["help"], roles: { debt: "write" } }, { from: "github", taskId: "t1", description: "help" });

    expect(markdown).toContain("/help");
    expect(markdown).toContain("write");
    expect(await registry.getAgent("help")).toMatchObject({ completed: 1, failed: 0, currentLoad: 0 });
  });

  it("types the input and the output from the capability: a wrong input does not compile", () => {
    const options = { from: "cli", taskId: "types", description: "types" };
    // Never called: the compiler is the test (npm run typecheck fails if the types drift or the wrong inputs compile).
    expectTypeOf(() => client.ask(COUNT_LINES, { pad: 1 }, options)).returns.resolves.toEqualTypeOf<{ lines: number; padding: string }>();
    expectTypeOf(() => client.ask(LIST_COMMANDS, { available: ["help"] }, options)).returns.resolves.toEqualTypeOf<{ markdown: string }>();
    const neverCalled = () => {
      // @ts-expect-error pad is a number
      void client.ask(COUNT_LINES, { pad: "one" }, options);
      // @ts-expect-error "debt" is a command name, not a command kind
      void client.ask(LIST_COMMANDS, { available: ["debt"] }, options);
    };
    void neverCalled;
  });

  it("registers only data: the registry knows the hosted agents without any code", async () => {
    expect((await registry.listAgents()).map((agent) => agent.agentId).sort()).toEqual(["broken", "counter", "help", "walker"]);
    expect((await registry.getAgent("counter"))?.operations).toEqual(["test.count-lines"]);
    expect(JSON.parse(JSON.stringify(await registry.listAgents()))).toEqual(await registry.listAgents());
  });

  it("opens the task's source references for the agent and closes them afterwards", async () => {
    const output = await client.ask(COUNT_LINES, {}, { from: "cli", taskId: "t2", description: "count", sources: { repo: { kind: "files", files: { "a.ts": "1\n2\n3" } } } });

    expect(output.lines).toBe(3);
    expect(resolver.opened).toEqual(["files"]);
    expect(resolver.closed).toEqual(["files"]);
  });

  it("sends a large output by reference, stored once and removed once read", async () => {
    const output = await client.ask(COUNT_LINES, { pad: INLINE_OUTPUT_LIMIT + 10 }, { from: "cli", taskId: "t3", description: "big", sources: { repo: { kind: "files", files: { "a.ts": "x" } } } });

    expect(output.padding).toHaveLength(INLINE_OUTPUT_LIMIT + 10);
    const { db } = testStore.store as KyselyStore;
    const bodies = await db.selectFrom("messages").select("body").execute();
    expect(bodies.length).toBe(2);
    expect(bodies.every((row) => row.body.length < INLINE_OUTPUT_LIMIT)).toBe(true);
    expect(await db.selectFrom("kv").select("key").where("key", "like", "agent-output:%").execute()).toEqual([]);
  });

  it("throws the agent's failure and frees its slot", async () => {
    await expect(client.ask(FAIL, {}, { from: "github", taskId: "t4", description: "x" })).rejects.toEqual(new AgentTaskError("broken", "t4", "boom"));
    expect(await registry.getAgent("broken")).toMatchObject({ failed: 1, currentLoad: 0 });
  });

  it("refuses with a transient error when no agent offers the capability", async () => {
    const MIGRATE = defineCapability({ id: "test.migrate", routesTo: "migration", taskType: "migration", input: z.object({}), output: z.object({}) });
    await expect(client.ask(MIGRATE, {}, { from: "github", taskId: "t5", description: "x" })).rejects.toBeInstanceOf(TransientError);
  });

  it("answers a malformed request, or one for an operation the agent does not offer, with a failed result", async () => {
    const answers: AgentMessage[] = [];
    await bus.subscribe("stranger", (message) => void answers.push(message));

    await bus.send(createRequest({ from: "stranger", to: "help", payload: { task: { id: 42 } } }, { clock }));
    await bus.send(createRequest({ from: "stranger", to: "help", payload: { task: { id: "t6", type: "documentation", description: "", operation: "test.fail" } } }, { clock }));

    expect(answers.map((answer) => answer.payload.result)).toEqual([
      expect.objectContaining({ success: false, agentId: "help", error: expect.stringMatching(/^invalid task/) }),
      expect.objectContaining({ success: false, agentId: "help", error: "help does not offer test.fail" }),
    ]);
  });

  it("routes by operation among agents sharing a routing capability", async () => {
    for (let i = 0; i < 3; i++) {
      expect(await client.ask(WALK, { steps: 2 }, { from: "cli", taskId: `w${i}`, description: "walk" })).toEqual({ walked: 2 });
      expect((await client.ask(COUNT_LINES, {}, { from: "cli", taskId: `c${i}`, description: "count", sources: { repo: { kind: "files", files: { "a.ts": "1" } } } })).lines).toBe(1);
    }
  });

  it("reports progress to an asker in the host's process", async () => {
    const local = new AgentClient({ registry, bus, state, clock, logger: silentLogger, localHost: host });
    const seen: [number, number][] = [];

    await local.ask(WALK, { steps: 3 }, { from: "cli", taskId: "p1", description: "walk", onProgress: (done, total) => void seen.push([done, total]) });
    await local.ask(WALK, { steps: 1 }, { from: "cli", taskId: "p2", description: "walk" });

    expect(seen).toEqual([[1, 3], [2, 3], [3, 3]]);
    await local.close();
  });

  it("answers a request once however often it is delivered: the answer's id derives from the request's", async () => {
    const answers: AgentMessage[] = [];
    await bus.subscribe("stranger", (message) => void answers.push(message));
    const request = createRequest({ from: "stranger", to: "walker", payload: { task: { id: "d1", type: "planning", description: "", operation: "test.walk", inputData: { steps: 1 } } } }, { clock });

    await bus.send(request);

    expect(answers).toHaveLength(1);
    expect(answers[0]!.messageId).toBe(derivedId(request.messageId, "walker"));
    // What a second run of the same request would send is the same message, which the journal keeps once.
    await bus.send({ ...answers[0]!, timestamp: clock.now().toISOString() });
    expect((await bus.getConversation(request.conversationId)).filter((m) => m.intent === "response")).toHaveLength(1);
  });

  it("skips a request whose asker stopped waiting (past its deadline)", async () => {
    const answers: AgentMessage[] = [];
    await bus.subscribe("stranger", (message) => void answers.push(message));
    const task = { id: "late", type: "planning", description: "", operation: "test.walk", inputData: { steps: 1 } };
    const past = new Date(clock.now().getTime() - 1).toISOString();

    await bus.send(createRequest({ from: "stranger", to: "walker", payload: { task }, metadata: { deadline: past } }, { clock }));

    // Run, it would have answered (every request gets an answer, a failed one included).
    expect(answers).toEqual([]);
  });

  it("counts the positions an agent takes in its durable track record", async () => {
    await client.ask(WALK, { steps: 9 }, { from: "cli", taskId: "long", description: "walk" });
    await client.ask(WALK, { steps: 2 }, { from: "cli", taskId: "short", description: "walk" });

    expect((await registry.getAgent("walker"))?.trackRecord).toEqual({ taken: 1, upheld: 0, overruled: 0 });
  });

  it("runs a task handed off to a hosted agent and answers the agent that handed it off", async () => {
    const answers: AgentMessage[] = [];
    await bus.subscribe("planner", (message) => void answers.push(message));
    const handoff = createHandoffRequest(
      { fromAgent: "planner", toAgent: "walker", reason: "needs_specialist", workState: { task: { id: "h1", type: "planning", description: "", operation: "test.walk", inputData: { steps: 2 } } } },
      { clock },
    );

    await bus.send(handoffToMessage(handoff, {}, { clock }));

    expect(answers).toHaveLength(1);
    expect(answers[0]!.payload.result).toMatchObject({ success: true, agentId: "walker", output: { walked: 2 } });
  });
});
