import { execFile } from "node:child_process";
import { mkdir, readFile, symlink } from "node:fs/promises";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export const run = promisify(execFile);
export const root = fileURLToPath(new URL("../..", import.meta.url));

/** Only what a command needs: no npm_config_* or npm_lifecycle_* from the `npm test` that started vitest. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...extra };
}

export interface PackedPackage {
  name: string;
  version: string;
  files: string[];
  /** The package folder, extracted from the tarball the way npm installs it. */
  dir: string;
}

/**
 * `npm pack` of this checkout, extracted into `into`/package. --ignore-scripts: `prepack`/`prepare`
 * would clean and rebuild dist/ under the other test files running from it; the globalSetup built it.
 */
export async function packAndExtract(into: string): Promise<PackedPackage> {
  const { stdout } = await run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", into], { cwd: root, env: cleanEnv() });
  const [report] = JSON.parse(stdout) as { name: string; version: string; filename: string; files: { path: string }[] }[];
  if (!report) throw new Error(`npm pack reported nothing: ${stdout}`);
  await run("tar", ["-xzf", join(into, report.filename), "-C", into]);
  return { name: report.name, version: report.version, files: report.files.map((file) => file.path), dir: join(into, "package") };
}

/**
 * Gives `packageDir` a node_modules with exactly the packages `npm install --omit=dev` would install
 * (those package-lock.json does not mark dev), as links into this checkout's node_modules. A run-time
 * import of a dev dependency (tsx, typescript, …) from the package then fails as it would for a user.
 */
export async function linkProductionDependencies(packageDir: string): Promise<void> {
  const lock = JSON.parse(await readFile(join(root, "package-lock.json"), "utf8")) as { packages: Record<string, { dev?: boolean }> };
  for (const [path, entry] of Object.entries(lock.packages)) {
    // Top-level entries only; nested node_modules come along inside their parent's folder.
    if (entry.dev || !/^node_modules\/(@[^/]+\/)?[^/]+$/.test(path)) continue;
    const installed = join(root, path);
    if (!existsSync(installed)) continue; // an optional package for another platform
    const link = join(packageDir, path);
    await mkdir(dirname(link), { recursive: true });
    await symlink(installed, link, "dir");
  }
}
