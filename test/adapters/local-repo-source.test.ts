import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalRepoSource } from "../../src/adapters/repo-source/local-repo-source.js";
import { parseBlamePorcelain, parseNameOnlyLog } from "../../src/adapters/repo-source/git.js";
import { hasHistory, MemoryRepoSource } from "../../src/ports/repo-source.js";

const temps: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function write(root: string, relative: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  writeFileSync(path.join(root, relative), text);
}

function git(cwd: string, args: string[], who = "Ada", date = "2025-06-01T12:00:00Z"): string {
  return execFileSync(
    "git",
    ["-c", `user.name=${who}`, "-c", `user.email=${who.toLowerCase()}@example.com`, "-c", "commit.gpgsign=false", ...args],
    { cwd, encoding: "utf8", env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } },
  );
}

describe("LocalRepoSource over a git checkout", () => {
  let root: string;
  let outside: string;

  beforeAll(() => {
    root = tempDir("concord-git-");
    outside = tempDir("concord-outside-");
    write(outside, "secret.ts", "export const secret = 1;\n");
    git(root, ["init", "-q"]);
    write(root, ".gitignore", "*.log\nignored/\nnode_modules/\n");
    write(root, "src/a.ts", "export const a = 1;\nexport const b = 2;\n");
    write(root, "src/gone.ts", "export {};\n");
    git(root, ["add", "."]);
    git(root, ["commit", "-qm", "first"], "Ada", "2025-01-10T00:00:00Z");
    write(root, "src/a.ts", "export const a = 1;\nexport const b = 3; // TODO: why 3\n");
    write(root, "src/c.ts", "export const c = 1;\n");
    git(root, ["add", "."]);
    git(root, ["commit", "-qm", "second"], "Bob", "2025-06-01T00:00:00Z");
    git(root, ["rm", "-q", "src/gone.ts"]);
    write(root, "src/a.ts", "export const a = 1;\nexport const b = 3; // TODO: why 3\nexport const d = 4;\n");
    git(root, ["commit", "-qam", "third"], "Cy", "2025-07-01T00:00:00Z");
    // Working-tree state the listing must reflect: untracked, ignored, deleted, linked.
    write(root, "src/new.ts", "export const fresh = true;\n");
    write(root, "debug.log", "noise\n");
    write(root, "ignored/x.ts", "export {};\n");
    write(root, "node_modules/pkg/index.js", "module.exports = 1;\n");
    symlinkSync(path.join(outside, "secret.ts"), path.join(root, "src/link.ts"));
  });

  it("lists tracked and untracked files, honours .gitignore, skips symlinks and reports sizes", async () => {
    const source = new LocalRepoSource(root);
    expect(await source.isGitCheckout()).toBe(true);
    expect(source.description).toBe(path.resolve(root));
    const files = await source.listFiles();
    expect(files.map((f) => f.path)).toEqual([".gitignore", "src/a.ts", "src/c.ts", "src/new.ts"]);
    expect(files.find((f) => f.path === "src/c.ts")?.size).toBe(Buffer.byteLength("export const c = 1;\n"));
  });

  it("lists paths relative to a subfolder when rooted below the top level", async () => {
    const source = new LocalRepoSource(path.join(root, "src"));
    expect((await source.listFiles()).map((f) => f.path)).toEqual(["a.ts", "c.ts", "new.ts"]);
  });

  it("walks a git-ignored folder the user points at, instead of listing nothing", async () => {
    const source = new LocalRepoSource(path.join(root, "ignored"));
    expect(await source.isGitCheckout()).toBe(false);
    expect((await source.listFiles()).map((f) => f.path)).toEqual(["x.ts"]);
  });

  it("reads files inside the folder and nothing outside it", async () => {
    const source = new LocalRepoSource(root);
    expect(await source.readFile("src/c.ts")).toBe("export const c = 1;\n");
    expect(await source.readFile("src/missing.ts")).toBeUndefined();
    expect(await source.readFile("src")).toBeUndefined();
    expect(await source.readFile(`../${path.basename(outside)}/secret.ts`)).toBeUndefined();
    expect(await source.readFile(path.join(outside, "secret.ts"))).toBeUndefined();
    expect(await source.readFile("src/link.ts")).toBeUndefined();
  });

  it("blames each committed line with its author and time", async () => {
    const blame = await new LocalRepoSource(root).blame("src/a.ts");
    expect([...blame].map(([line, b]) => [line, b.author, b.authorTime])).toEqual([
      [1, "Ada", "2025-01-10T00:00:00.000Z"],
      [2, "Bob", "2025-06-01T00:00:00.000Z"],
      [3, "Cy", "2025-07-01T00:00:00.000Z"],
    ]);
    expect(blame.get(1)?.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(await new LocalRepoSource(root).blame("src/new.ts")).toEqual(new Map());
    expect(await new LocalRepoSource(root).blame("../etc/passwd")).toEqual(new Map());
  });

  it("counts commits per path since a time", async () => {
    const source = new LocalRepoSource(root);
    expect(Object.fromEntries(await source.churn("2025-01-01T00:00:00Z"))).toEqual({
      ".gitignore": 1,
      "src/a.ts": 3,
      "src/gone.ts": 2,
      "src/c.ts": 1,
    });
    expect(Object.fromEntries(await source.churn("2025-05-01T00:00:00Z"))).toEqual({ "src/a.ts": 2, "src/c.ts": 1, "src/gone.ts": 1 });
    expect(Object.fromEntries(await new LocalRepoSource(path.join(root, "src")).churn("2025-06-15T00:00:00Z"))).toEqual({
      "a.ts": 1,
      "gone.ts": 1,
    });
    await expect(source.churn("last tuesday")).rejects.toThrow(RangeError);
  });

  it("offers history through the optional HistorySource interface only", () => {
    expect(hasHistory(new LocalRepoSource(root))).toBe(true);
    expect(hasHistory(new MemoryRepoSource({}))).toBe(false);
  });
});

describe("LocalRepoSource never runs programs named by the scanned repository", () => {
  it("ignores a core.fsmonitor hook for listing, blame and churn", async () => {
    const root = tempDir("concord-hostile-");
    git(root, ["init", "-q"]);
    write(root, "a.ts", "export const a = 1;\n");
    git(root, ["add", "."]);
    git(root, ["commit", "-qm", "init"]);
    const marker = path.join(root, "HOOK_RAN");
    write(root, "hook.sh", `#!/bin/sh\ntouch '${marker}'\nexit 1\n`);
    chmodSync(path.join(root, "hook.sh"), 0o755);
    git(root, ["config", "core.fsmonitor", path.join(root, "hook.sh")]);

    const source = new LocalRepoSource(root);
    expect((await source.listFiles()).map((f) => f.path)).toContain("a.ts");
    expect((await source.blame("a.ts")).size).toBe(1);
    await source.churn("2000-01-01T00:00:00Z");
    expect(existsSync(marker)).toBe(false);

    // Control: plain git in this repository does run the hook, so the check above means something.
    execFileSync("git", ["ls-files"], { cwd: root });
    expect(existsSync(marker)).toBe(true);
  });
});

describe("LocalRepoSource over a plain folder", () => {
  it("walks the folder, skipping node_modules and .git, and has no history", async () => {
    const root = tempDir("concord-plain-");
    write(root, "src/a.ts", "export {};\n");
    write(root, "src/deep/b.js", "1;\n");
    write(root, "node_modules/x/index.js", "1;\n");
    write(root, ".git/HEAD", "ref: refs/heads/main\n");
    write(root, "notes.log", "x\n");
    const source = new LocalRepoSource(root);
    expect(await source.isGitCheckout()).toBe(false);
    expect((await source.listFiles()).map((f) => f.path)).toEqual(["notes.log", "src/a.ts", "src/deep/b.js"]);
    expect(await source.readFile("src/deep/b.js")).toBe("1;\n");
    expect(await source.blame("src/a.ts")).toEqual(new Map());
    expect(await source.churn("2020-01-01T00:00:00Z")).toEqual(new Map());
  });

  it("stops a walk at maxWalkFiles", async () => {
    const root = tempDir("concord-many-");
    for (let i = 0; i < 10; i++) write(root, `f${i}.ts`, "1;\n");
    expect(await new LocalRepoSource(root, { maxWalkFiles: 4 }).listFiles()).toHaveLength(4);
  });
});

describe("git output parsers", () => {
  it("parses line-porcelain blame, leaving out uncommitted lines", () => {
    const sha = "a".repeat(40);
    const out = [
      `${sha} 1 1 1`,
      "author Ada Lovelace",
      "author-mail <ada@example.com>",
      "author-time 1700000000",
      "author-tz +0100",
      "summary first",
      "filename a.ts",
      "\tauthor fake-header-in-content",
      `${"0".repeat(40)} 2 2 1`,
      "author Not Committed Yet",
      "author-time 1800000000",
      "filename a.ts",
      "\tlocal edit",
      "",
    ].join("\n");
    expect(parseBlamePorcelain(out)).toEqual(new Map([[1, { author: "Ada Lovelace", authorTime: "2023-11-14T22:13:20.000Z", commit: sha }]]));
  });

  it("parses a NUL-separated name-only log, counting each commit once per path", () => {
    const out = `\x1e${"1".repeat(40)}\na.ts\0b.ts\0a.ts\0\0\x1e${"2".repeat(40)}\0\x1e${"3".repeat(40)}\nweird\nname.ts\0`;
    expect(Object.fromEntries(parseNameOnlyLog(out))).toEqual({ "a.ts": 1, "b.ts": 1, "weird\nname.ts": 1 });
  });
});
