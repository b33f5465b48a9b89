import { execFile } from "node:child_process";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface SmallDisk {
  path: string;
  /** Writes a file until the disk has no space left; resolves with its path. */
  fill(): Promise<string>;
  unmount(): Promise<void>;
}

/** A tmpfs of `megabytes` MB, for a disk that really fills up; undefined where mounting is not allowed (not root). */
export async function mountSmallDisk(megabytes: number): Promise<SmallDisk | undefined> {
  const path = await mkdtemp(join(tmpdir(), "concord-disk-"));
  try {
    await run("mount", ["-t", "tmpfs", "-o", `size=${megabytes}m`, "tmpfs", path]);
  } catch {
    await rm(path, { recursive: true, force: true });
    return undefined;
  }
  return {
    path,
    async fill() {
      const filler = join(path, "filler");
      const file = await open(filler, "w");
      const chunk = Buffer.alloc(64 * 1024, 1);
      try {
        for (;;) await file.write(chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
      } finally {
        await file.close();
      }
      return filler;
    },
    async unmount() {
      await run("umount", [path]);
      await rm(path, { recursive: true, force: true });
    },
  };
}
