import fc from "fast-check";
import { ManualClock } from "../../src/ports/clock.js";
import type { AgentRegistryPort, AgentRegistrationInput } from "../../src/registry/agent-registry-port.js";

type Make = (clock: ManualClock) => Promise<AgentRegistryPort>;

const op = fc.record({
  kind: fc.constantFrom("acquire", "release"),
  task: fc.integer({ min: 0, max: 7 }).map((n) => `t${n}`),
});

function registration(capacity: number): AgentRegistrationInput {
  return {
    agentId: "a",
    taskTypes: ["code_review"],
    description: "",
    capabilities: ["code_review"],
    maxConcurrentTasks: capacity,
  };
}

/**
 * Acquires and releases start in an order the scheduler picks and overlap freely; whatever the
 * interleaving, the agent never holds more tasks than its capacity, and its load matches the
 * tasks that callers were told they hold.
 */
export function capacityProperty(make: Make) {
  return fc.asyncProperty(
    fc.scheduler(),
    fc.integer({ min: 1, max: 5 }),
    fc.array(op, { minLength: 1, maxLength: 40 }),
    async (s, capacity, ops) => {
      const registry = await make(new ManualClock());
      await registry.register(registration(capacity));
      const held = new Set<string>();
      let maxLoadSeen = 0;

      const runs = ops.map(({ kind, task }) =>
        s.schedule(Promise.resolve(), `${kind} ${task}`).then(async () => {
          if (kind === "acquire") {
            if (await registry.acquireAgent("a", task)) held.add(task);
          } else if (await registry.releaseAgent("a", task, { success: true, executionTimeMs: 1 })) {
            held.delete(task);
          }
          const load = (await registry.getAgent("a"))?.currentLoad ?? 0;
          maxLoadSeen = Math.max(maxLoadSeen, load, held.size);
        }),
      );
      await s.waitFor(Promise.all(runs));

      const info = await registry.getAgent("a");
      if (maxLoadSeen > capacity) throw new Error(`load ${maxLoadSeen} exceeded capacity ${capacity}`);
      if (info?.currentLoad !== held.size) throw new Error(`load ${info?.currentLoad} but callers hold ${held.size}`);
      if ([...held].some((t) => !info.activeTaskIds.includes(t))) throw new Error("a held task is not active");
    },
  );
}
