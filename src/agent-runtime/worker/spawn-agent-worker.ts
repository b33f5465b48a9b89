import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker, type ResourceLimits } from "node:worker_threads";

/**
 * Starts a thread running agent-worker, next to this module and with its extension: `.js` in the
 * compiled dist/ (`npm start`), `.ts` when the sources run through tsx (`npm run dev`, the tests).
 * On Node 20 a worker's entry file does not go through the loader hooks that `--import tsx`
 * installs, so a `.ts` entry is loaded with tsx's own API instead.
 */
export function spawnAgentWorker(resourceLimits: ResourceLimits): Worker {
  const entry = new URL(`./agent-worker${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url);
  if (!entry.pathname.endsWith(".ts")) return new Worker(entry, { resourceLimits });
  const tsx = import.meta.resolve("tsx/esm/api");
  const load = `import(${JSON.stringify(tsx)}).then((api) => api.tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(entry.href)}))`;
  return new Worker(load, { eval: true, resourceLimits });
}
