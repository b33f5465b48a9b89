import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../helpers/free-port.js";
import { installedAppEnv, spawnConcord } from "../helpers/spawn-concord.js";
import { unprivilegedUser } from "../helpers/unprivileged-user.js";

/** Starts the real server with CONCORD_DB at `database`; resolves with its exit code and what it printed. */
async function startWith(dir: string, database: string, as = unprivilegedUser()): Promise<{ code: number | null; output: string }> {
  const env = { ...installedAppEnv({ port: await freePort(), githubHost: "127.0.0.1:9", dir }), CONCORD_DB: database, HOME: dir };
  const concord = spawnConcord(env, as);
  const timer = setTimeout(() => void concord.stop(), 20_000);
  const code = await concord.exited;
  clearTimeout(timer);
  return { code, output: concord.output() };
}

/** Concord's own lines (npm adds its lifecycle banner and error footer). */
function concordLines(output: string): string[] {
  return output.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("npm ") && !line.startsWith(">"));
}

describe("a database path Concord cannot use stops the start with one sentence", () => {
  let dir: string;
  afterEach(async () => {
    await chmod(dir, 0o755).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  async function tempDir(): Promise<string> {
    dir = await mkdtemp(join(tmpdir(), "concord-start-"));
    // The server may run as another user (see unprivilegedUser): it must reach the folder.
    await chmod(dir, 0o777);
    return dir;
  }

  it("CONCORD_DB naming a folder", async () => {
    const folder = join(await tempDir(), "data");
    await mkdir(folder);
    await chmod(folder, 0o777);

    const { code, output } = await startWith(dir, folder);

    expect(code).not.toBe(0);
    expect(concordLines(output)).toEqual([`Concord could not start: The database path ${folder} is a folder; it must name a file, such as ${folder}/concord.db.`]);
  });

  it("CONCORD_DB inside a path whose parent is a file", async () => {
    const file = join(await tempDir(), "data");
    await writeFile(file, "not a folder");

    const { code, output } = await startWith(dir, join(file, "concord.db"));

    expect(code).not.toBe(0);
    expect(concordLines(output)).toEqual([`Concord could not start: The database path ${file}/concord.db cannot be used: ${file} is a file, not a folder.`]);
  });

  it("a data folder this user may not write to", async () => {
    const folder = join(await tempDir(), "data");
    await mkdir(folder);
    await chmod(folder, 0o555);

    const { code, output } = await startWith(dir, join(folder, "concord.db"));

    expect(code).not.toBe(0);
    expect(concordLines(output)).toEqual([
      `Concord could not start: The database file ${folder}/concord.db cannot be opened: check that the data folder ${folder} exists and this user may write to it.`,
    ]);
  });

  it("a data folder that cannot be created", async () => {
    const parent = join(await tempDir(), "locked");
    await mkdir(parent);
    await chmod(parent, 0o555);

    const { code, output } = await startWith(dir, join(parent, "data", "concord.db"));

    expect(code).not.toBe(0);
    expect(concordLines(output)).toEqual([`Concord could not start: The data folder ${parent}/data cannot be created: this user may not write to ${parent}.`]);
  });
});
