import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Agent } from "../../src/agents/agent.js";
import { HelpAgent } from "../../src/agents/help/help-agent.js";
import { InProcessBus } from "../../src/bus/in-process-bus.js";
import { TransientError } from "../../src/errors.js";
import { ManualClock } from "../../src/ports/clock.js";
import { silentLogger } from "../../src/ports/logger.js";
import { createRequest, type AgentMessage } from "../../src/protocol/index.js";
import { AgentRegistry } from "../../src/registry/agent-registry.js";
import { AgentRuntime } from "../../src/runtime/agent-runtime.js";
import { createTestStore, type TestStore } from "../helpers/test-store.js";

const broken: Agent = {
  id: "broken",
  execute: () => Promise.reject(new Error("boom")),
};

describe("AgentRuntime", () => {
  let testStore: TestStore;
  let registry: AgentRegistry;
  let bus: InProcessBus;
  let runtime: AgentRuntime;
  const clock = new ManualClock();

  beforeEach(async () => {
    testStore = await createTestStore();
    registry = new AgentRegistry(clock);
    bus = new InProcessBus(testStore.store, { clock });
    await registry.register({ agentId: "help", factory: () => new HelpAgent(), taskTypes: ["documentation"], description: "", capabilities: ["documentation"] });
    await registry.register({ agentId: "broken", factory: () => broken, taskTypes: ["testing"], description: "", capabilities: ["testing"] });
    runtime = new AgentRuntime({ registry, bus, store: testStore.store, clock, logger: silentLogger, localAgentIds: ["help", "broken"] });
  });
  afterEach(async () => {
    runtime.close();
    await testStore.cleanup();
  });

  it("runs the task on the agent the registry picks by capability, over the bus, and records the outcome", async () => {
    const result = await runtime.ask({ from: "github", capability: "documentation", task: { id: "t1", type: "documentation", description: "help" } });

    expect(result).toMatchObject({ taskId: "t1", agentId: "help", success: true });
    expect(result.output.markdown).toContain("/help");
    const help = await registry.getAgent("help");
    expect(help).toMatchObject({ completed: 1, failed: 0, currentLoad: 0 });
  });

  it("turns an agent that throws into a failed result and frees its slot", async () => {
    const result = await runtime.ask({ from: "github", capability: "testing", task: { id: "t2", type: "testing", description: "x" } });

    expect(result).toMatchObject({ success: false, error: "boom", agentId: "broken" });
    expect(await registry.getAgent("broken")).toMatchObject({ failed: 1, currentLoad: 0 });
  });

  it("refuses with a transient error when no agent has the capability", async () => {
    await expect(runtime.ask({ from: "github", capability: "migration", task: { id: "t3", type: "migration", description: "x" } })).rejects.toBeInstanceOf(TransientError);
  });

  it("answers a malformed request from another sender with a failed result instead of silence", async () => {
    await runtime.ask({ from: "github", capability: "documentation", task: { id: "warm-up", type: "documentation", description: "" } });
    const answers: AgentMessage[] = [];
    await bus.subscribe("stranger", (message) => void answers.push(message));

    await bus.send(createRequest({ from: "stranger", to: "help", payload: { task: { id: 42 } } }, { clock }));

    expect(answers).toHaveLength(1);
    expect(answers[0]?.intent).toBe("response");
    expect(answers[0]?.payload.result).toMatchObject({ success: false, agentId: "help" });
  });
});
