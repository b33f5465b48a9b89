import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, rename, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Vitest globalSetup: compiles src/ to dist/ once per test run, before any test file starts, so the
 * tests that run the shipped JavaScript (`npm start`, the `concord` bin) never run a stale build.
 *
 * --noCheck: type errors are `npm run typecheck`'s job, and vitest runs tests on sources with type
 * errors too; the emitted JavaScript is the same as `npm run build`'s. The output is staged next to
 * dist/ and renamed into it file by file, so a process that starts from dist/ meanwhile (another test
 * run in the same checkout) never reads a half-written file.
 */
export default async function buildDist(): Promise<void> {
  await mkdir(join(root, ".tmp"), { recursive: true });
  const staging = await mkdtemp(join(root, ".tmp", "dist-"));
  try {
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    await run(process.execPath, [tsc, "-p", "tsconfig.build.json", "--noCheck", "--outDir", staging], { cwd: root }).catch((error: unknown) => {
      const output = error as { stdout?: string; stderr?: string };
      throw new Error(`building dist/ for the tests failed:\n${output.stdout ?? ""}${output.stderr ?? ""}`);
    });
    await moveInto(staging, join(root, "dist"));
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function moveInto(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) await moveInto(source, target);
    else await rename(source, target);
  }
}
