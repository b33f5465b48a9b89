import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/** Source folders of installed packages that together make a large repository (about 2,400 files). */
const PARTS = ["effect/src", "eslint/lib", "zod/src", "eslint-plugin-sonarjs/cjs"];

/**
 * A large repository nobody here wrote, assembled from installed packages in a temporary folder
 * (copies, not links: a scan does not follow symbolic links).
 */
export async function buildLargeTree(nodeModules: string): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "concord-large-tree-"));
  for (const part of PARTS) await cp(path.join(nodeModules, part), path.join(dir, part.replace(/\//g, "-")), { recursive: true });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
