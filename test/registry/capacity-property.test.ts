import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AgentRegistry } from "../../src/registry/agent-registry.js";
import type { AgentInfo, AgentRegistrationInput, TaskOutcome } from "../../src/registry/agent-registry-port.js";
import { capacityProperty } from "./capacity-property.js";

/** Checks the load, waits, then reserves: the race a non-atomic (e.g. naive Redis) registry would have. */
class CheckThenReserveRegistry extends AgentRegistry {
  readonly #held = new Set<string>();
  #capacity = 0;

  override register(input: AgentRegistrationInput) {
    this.#capacity = input.maxConcurrentTasks ?? 5;
    return super.register(input);
  }

  override async getAgent(id: string): Promise<AgentInfo | undefined> {
    const info = await super.getAgent(id);
    return info && { ...info, currentLoad: this.#held.size, activeTaskIds: [...this.#held] };
  }

  override async acquireAgent(_id: string, task: string): Promise<boolean> {
    if (this.#held.has(task)) return true;
    const load = this.#held.size;
    await new Promise((resolve) => setImmediate(resolve));
    if (load >= this.#capacity) return false;
    this.#held.add(task);
    return true;
  }

  override async releaseAgent(_id: string, task: string, _outcome: TaskOutcome): Promise<boolean> {
    await Promise.resolve();
    return this.#held.delete(task);
  }
}

describe("the capacity property", () => {
  it("catches a registry that checks and reserves in two steps", async () => {
    const result = await fc.check(
      capacityProperty((clock) => Promise.resolve(new CheckThenReserveRegistry(clock))),
      { numRuns: 200, seed: 42 },
    );

    expect(result.failed).toBe(true);
  });
});
