import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A .tar.gz shaped like GitHub's repository archive: everything under one `owner-repo-sha/` folder. */
export function githubTarball(files: Record<string, string>, sha: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), "concord-tarball-"));
  try {
    const top = `Codertocat-Hello-World-${sha.slice(0, 7)}`;
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, top, path, ".."), { recursive: true });
      writeFileSync(join(dir, top, path), text);
    }
    return execFileSync("tar", ["-czf", "-", "-C", dir, top]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
