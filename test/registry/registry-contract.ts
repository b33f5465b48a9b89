import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/ports/clock.js";
import type { AgentRegistrationInput, AgentRegistryPort } from "../../src/registry/agent-registry-port.js";
import { AGENT_CAPABILITIES } from "../../src/protocol/capabilities.js";
import { capacityProperty } from "./capacity-property.js";

export type MakeRegistry = (clock: ManualClock, options?: { heartbeatTimeoutMs?: number }) => Promise<AgentRegistryPort>;

export function agent(agentId: string, patch: Partial<AgentRegistrationInput> = {}): AgentRegistrationInput {
  return {
    agentId,
    taskTypes: ["code_review"],
    description: `${agentId} agent`,
    capabilities: ["code_review"],
    ...patch,
  };
}

const ids = (agents: { agentId: string }[]) => agents.map((a) => a.agentId);

/** One suite for every AgentRegistryPort: in-memory now, Redis later. */
export function describeRegistryContract(name: string, make: MakeRegistry): void {
  describe(`${name}: registration`, () => {
    it("applies the seed's defaults", async () => {
      const registry = await make(new ManualClock());

      const info = await registry.register(agent("a"));

      expect(info).toMatchObject({ maxConcurrentTasks: 5, priority: 50, tags: [], status: "available", currentLoad: 0, successRate: 1 });
      expect(await registry.getAgent("a")).toEqual(info);
    });

    it("re-indexes an agent registered again", async () => {
      const registry = await make(new ManualClock());
      await registry.register(agent("a", { capabilities: ["testing"], taskTypes: ["testing"], tags: ["old"] }));

      await registry.register(agent("a", { capabilities: ["migration"], taskTypes: ["migration"], tags: ["new"] }));

      expect(await registry.findAgentsByCapability("testing", { onlyAvailable: false })).toEqual([]);
      expect(ids(await registry.findAgentsByCapability("migration"))).toEqual(["a"]);
      expect(await registry.findAgents({ taskType: "testing" })).toEqual([]);
      expect(await registry.findAgents({ tags: ["old"] })).toEqual([]);
      expect(ids(await registry.findAgents({ tags: ["new"] }))).toEqual(["a"]);
      expect((await registry.listAgents()).length).toBe(1);
    });

    it("rejects a registration it cannot use", async () => {
      const registry = await make(new ManualClock());

      await expect(registry.register(agent("a", { maxConcurrentTasks: 0 }))).rejects.toThrow("maxConcurrentTasks");
      await expect(registry.register(agent("b", { capabilities: ["juggling" as "testing"] }))).rejects.toThrow("capabilities");
      expect(await registry.listAgents()).toEqual([]);
    });

    it("unregister leaves no trace", async () => {
      const registry = await make(new ManualClock());
      await registry.register(agent("gone", { capabilities: [...AGENT_CAPABILITIES], taskTypes: ["migration", "testing"], tags: ["x", "y"] }));
      await registry.register(agent("kept", { capabilities: ["testing"], taskTypes: ["testing"] }));
      await registry.acquireAgent("gone", "t1");
      await registry.releaseAgent("gone", "t1", { success: false, executionTimeMs: 10 });

      expect(await registry.unregister("gone")).toBe(true);

      for (const capability of AGENT_CAPABILITIES) {
        expect(ids(await registry.findAgentsByCapability(capability, { onlyAvailable: false }))).not.toContain("gone");
      }
      expect(ids(await registry.findAgents({ taskType: "migration", includeOffline: true }))).toEqual([]);
      expect(ids(await registry.findAgents({ tags: ["x", "y"], includeOffline: true }))).toEqual([]);
      expect(ids(await registry.findAgents({ includeOffline: true }))).toEqual(["kept"]);
      expect(await registry.routeTask({ type: "migration" }, { preferredAgent: "gone" })).toBeUndefined();
      expect(await registry.getAgent("gone")).toBeUndefined();
      expect(ids(await registry.listAgents())).toEqual(["kept"]);
      expect(await registry.acquireAgent("gone", "t2")).toBe(false);
      expect(await registry.heartbeat("gone")).toBe(false);
      expect(await registry.recordPosition("gone", "taken")).toBe(false);
      expect(await registry.unregister("gone")).toBe(false);
      const stats = await registry.getRegistryStats();
      expect(stats).toMatchObject({ totalAgents: 1, available: 1, totalFailed: 0 });
      expect(ids(stats.agents)).toEqual(["kept"]);
      // Registered again under the same id, it starts clean: the old capabilities are not remembered.
      await registry.register(agent("gone", { capabilities: ["planning"], taskTypes: ["planning"] }));
      expect(ids(await registry.findAgentsByCapability("migration", { onlyAvailable: false }))).toEqual([]);
      expect(await registry.getAgent("gone")).toMatchObject({ failed: 0, currentLoad: 0 });
    });

    it("keeps each agent's track record of positions taken, upheld and overruled", async () => {
      const registry = await make(new ManualClock());
      await registry.register(agent("a"));

      await registry.recordPosition("a", "taken");
      await registry.recordPosition("a", "taken");
      await registry.recordPosition("a", "upheld");
      await registry.recordPosition("a", "overruled");

      expect((await registry.getAgent("a"))?.trackRecord).toEqual({ taken: 2, upheld: 1, overruled: 1 });
      expect((await registry.getRegistryStats()).agents[0]?.trackRecord).toEqual({ taken: 2, upheld: 1, overruled: 1 });
    });
  });

  describe(`${name}: selection`, () => {
    it("orders by load, then priority, then success rate", async () => {
      const registry = await make(new ManualClock());
      await registry.register(agent("low-priority", { priority: 10 }));
      await registry.register(agent("high-priority", { priority: 90 }));
      await registry.register(agent("loaded", { priority: 100 }));
      await registry.register(agent("unreliable", { priority: 90 }));
      await registry.acquireAgent("loaded", "t1");
      await registry.acquireAgent("unreliable", "t2");
      await registry.releaseAgent("unreliable", "t2", { success: false, executionTimeMs: 5 });

      const found = await registry.findAgentsByCapability("code_review");

      expect(ids(found)).toEqual(["high-priority", "unreliable", "low-priority", "loaded"]);
    });

    it("leaves busy and offline agents out unless asked", async () => {
      const clock = new ManualClock();
      const registry = await make(clock);
      await registry.register(agent("full", { maxConcurrentTasks: 1 }));
      await registry.register(agent("silent"));
      clock.advance(200_000);
      await registry.register(agent("fresh"));
      await registry.acquireAgent("full", "t1");
      clock.advance(150_000);

      expect(ids(await registry.findAgentsByCapability("code_review"))).toEqual(["fresh"]);
      expect(ids(await registry.findAgentsByCapability("code_review", { onlyAvailable: false }))).toEqual(["fresh", "silent", "full"]);
      expect(ids(await registry.findAgents({ taskType: "code_review" }))).toEqual(["fresh", "full"]);
    });

    it("finds agents by task type and any of the tags, by priority", async () => {
      const registry = await make(new ManualClock());
      await registry.register(agent("a", { taskTypes: ["migration"], tags: ["npm"], priority: 10 }));
      await registry.register(agent("b", { taskTypes: ["migration"], tags: ["pip"], priority: 60 }));
      await registry.register(agent("c", { taskTypes: ["testing"], tags: ["npm"] }));

      expect(ids(await registry.findAgents({ taskType: "migration" }))).toEqual(["b", "a"]);
      expect(ids(await registry.findAgents({ taskType: "migration", tags: ["npm", "go"] }))).toEqual(["a"]);
      expect(ids(await registry.findAgents({ tags: ["npm"] }))).toEqual(["c", "a"]);
    });

    it("routes to the preferred agent only when it can take the task", async () => {
      const registry = await make(new ManualClock());
      await registry.register(agent("best", { priority: 90 }));
      await registry.register(agent("preferred", { priority: 10, maxConcurrentTasks: 1 }));
      await registry.register(agent("tester", { taskTypes: ["testing"], priority: 100 }));

      expect((await registry.routeTask({ type: "code_review" }, { preferredAgent: "preferred" }))?.agentId).toBe("preferred");
      expect((await registry.routeTask({ type: "code_review" }, { preferredAgent: "tester" }))?.agentId).toBe("best");
      expect((await registry.routeTask({ type: "code_review" }, { preferredAgent: "nobody" }))?.agentId).toBe("best");
      await registry.acquireAgent("preferred", "t1");
      expect((await registry.routeTask({ type: "code_review" }, { preferredAgent: "preferred" }))?.agentId).toBe("best");
      await registry.acquireAgent("best", "t2");
      expect((await registry.routeTask({ type: "code_review" }))?.agentId).toBe("best");
      expect(await registry.routeTask({ type: "migration" })).toBeUndefined();
    });

    it("does not route to a busy agent (the seed did)", async () => {
      const registry = await make(new ManualClock());
      await registry.register(agent("only", { maxConcurrentTasks: 1 }));
      await registry.acquireAgent("only", "t1");

      expect(await registry.routeTask({ type: "code_review" })).toBeUndefined();
    });
  });

  describe(`${name}: load and stats`, () => {
    it("refuses work beyond capacity and counts a task id once", async () => {
      const registry = await make(new ManualClock());
      await registry.register(agent("a", { maxConcurrentTasks: 2 }));

      expect(await registry.acquireAgent("a", "t1")).toBe(true);
      expect(await registry.acquireAgent("a", "t1")).toBe(true);
      expect(await registry.acquireAgent("a", "t2")).toBe(true);
      expect(await registry.acquireAgent("a", "t3")).toBe(false);
      expect(await registry.getAgent("a")).toMatchObject({ currentLoad: 2, status: "busy", activeTaskIds: ["t1", "t2"] });
      expect(await registry.acquireAgent("nobody", "t1")).toBe(false);
    });

    it("records outcomes on release, once per task", async () => {
      const registry = await make(new ManualClock());
      await registry.register(agent("a"));
      await registry.acquireAgent("a", "t1");
      await registry.acquireAgent("a", "t2");
      await registry.acquireAgent("a", "t3");

      expect(await registry.releaseAgent("a", "t1", { success: true, executionTimeMs: 100 })).toBe(true);
      expect(await registry.releaseAgent("a", "t1", { success: true, executionTimeMs: 100 })).toBe(false);
      expect(await registry.releaseAgent("a", "t2", { success: false, executionTimeMs: 400 })).toBe(true);
      expect(await registry.releaseAgent("a", "never", { success: true, executionTimeMs: 1 })).toBe(false);

      expect(await registry.getAgent("a")).toMatchObject({ completed: 1, failed: 1, successRate: 0.5, avgExecutionTimeMs: 250, currentLoad: 1 });
      const stats = await registry.getRegistryStats();
      expect(stats).toMatchObject({ totalCompleted: 1, totalFailed: 1, successRate: 0.5, completionRate: 1 / 3 });
      expect(stats.agents[0]).toEqual({
        agentId: "a",
        status: "available",
        currentLoad: 1,
        maxConcurrentTasks: 5,
        completed: 1,
        failed: 1,
        successRate: 0.5,
        avgExecutionTimeMs: 250,
        capabilities: ["code_review"],
        trackRecord: { taken: 0, upheld: 0, overruled: 0 },
      });
    });

    it("breaks agents down by status", async () => {
      const clock = new ManualClock();
      const registry = await make(clock);
      await registry.register(agent("silent"));
      clock.advance(301_000);
      await registry.register(agent("free"));
      await registry.register(agent("full", { maxConcurrentTasks: 1 }));
      await registry.acquireAgent("full", "t");

      const stats = await registry.getRegistryStats();

      expect(stats).toMatchObject({ totalAgents: 3, available: 1, busy: 1, offline: 1, completionRate: 0, successRate: 1 });
    });
  });

  describe(`${name}: heartbeats`, () => {
    it("takes a silent agent offline and brings it back on its next heartbeat", async () => {
      const clock = new ManualClock();
      const registry = await make(clock);
      await registry.register(agent("a"));

      clock.advance(300_000);
      expect(await registry.checkHeartbeats()).toEqual([]);
      clock.advance(1);
      expect(await registry.checkHeartbeats()).toEqual(["a"]);
      expect(await registry.checkHeartbeats()).toEqual([]);
      expect((await registry.getAgent("a"))?.status).toBe("offline");
      expect(await registry.acquireAgent("a", "t1")).toBe(false);
      expect(await registry.findAgentsByCapability("code_review")).toEqual([]);

      expect(await registry.heartbeat("a")).toBe(true);

      expect((await registry.getAgent("a"))?.status).toBe("available");
      expect(await registry.acquireAgent("a", "t1")).toBe(true);
      clock.advance(300_001);
      expect(await registry.checkHeartbeats()).toEqual(["a"]);
    });

    it("counts taking work as a heartbeat", async () => {
      const clock = new ManualClock();
      const registry = await make(clock);
      await registry.register(agent("a"));

      clock.advance(200_000);
      await registry.acquireAgent("a", "t1");
      clock.advance(200_000);

      expect(await registry.checkHeartbeats()).toEqual([]);
      expect((await registry.getAgent("a"))?.lastHeartbeat).toBe("2026-01-01T00:03:20.000Z");
    });

    it("honours a configured timeout", async () => {
      const clock = new ManualClock();
      const registry = await make(clock, { heartbeatTimeoutMs: 10_000 });
      await registry.register(agent("a"));

      clock.advance(10_001);

      expect(await registry.checkHeartbeats()).toEqual(["a"]);
    });
  });

  describe(`${name}: concurrency`, () => {
    it("never exceeds capacity under any interleaving of acquires and releases", async () => {
      await fc.assert(capacityProperty(make), { numRuns: 200 });
    });
  });
}
