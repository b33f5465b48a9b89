import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/ports/clock.js";
import { AgentRegistry } from "../../src/registry/agent-registry.js";
import { KeyedState } from "../../src/state/keyed-state.js";
import { createTestStore } from "../helpers/test-store.js";
import { describeRegistryContract } from "./registry-contract.js";

describeRegistryContract("in-memory AgentRegistry", (clock, options) => Promise.resolve(new AgentRegistry(clock, options)));

describe("in-memory AgentRegistry with keyed state", () => {
  it("keeps track records across a restart, and counts concurrent updates from two registries", async () => {
    const testStore = await createTestStore();
    try {
      const clock = new ManualClock();
      const state = new KeyedState(testStore.store, clock);
      const first = new AgentRegistry(clock, { state });
      const second = new AgentRegistry(clock, { state });
      await first.register({ agentId: "reviewer", taskTypes: ["review"], description: "", capabilities: ["code_review"] });
      await second.register({ agentId: "reviewer", taskTypes: ["review"], description: "", capabilities: ["code_review"] });

      await Promise.all([first.recordPosition("reviewer", "taken"), second.recordPosition("reviewer", "taken"), first.recordPosition("reviewer", "upheld")]);
      const restarted = new AgentRegistry(clock, { state });
      await restarted.register({ agentId: "reviewer", taskTypes: ["review"], description: "", capabilities: ["code_review"] });

      expect((await restarted.getAgent("reviewer"))?.trackRecord).toEqual({ taken: 2, upheld: 1, overruled: 0 });
    } finally {
      await testStore.cleanup();
    }
  });
});
