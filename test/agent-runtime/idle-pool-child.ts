import { WorkerPool } from "../../src/agent-runtime/worker/worker-pool.js";
import { silentLogger } from "../../src/ports/logger.js";

// Runs one job and leaves the pool open: the process must still end on its own.
const pool = new WorkerPool({ threads: 1, logger: silentLogger });
const task = { id: "t1", type: "documentation" as const, description: "", inputData: {}, dependencies: [] };
const result = await pool.run({ agentId: "tech-debt", task, sources: { repo: { kind: "files", files: { "a.ts": "export {};\n" } } }, now: 0 });
console.log(`ran ${result.taskId}`);
