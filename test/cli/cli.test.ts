import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { copyFixtureRepo, git, memoryIO } from "./fixture-repo.js";

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await copyFixtureRepo());
});
afterEach(() => cleanup());

async function scanJson(...args: string[]) {
  const run = memoryIO();
  const code = await main(["scan", dir, "--format", "json", ...args], run.io);
  expect(run.stderr()).toBe("");
  expect(code).toBe(0);
  return JSON.parse(run.stdout());
}

describe("concord scan --format json", () => {
  it("prints exactly summary, files, items, clones and todos", async () => {
    const result = await scanJson();
    expect(Object.keys(result)).toEqual(["summary", "files", "items", "clones", "todos"]);
  });

  it("reports per-function metrics that match ESLint and SonarJS, with 1-based positions", async () => {
    const result = await scanJson();
    const complex = result.files.find((file: { path: string }) => file.path === "src/complex.ts");
    expect(complex.functions).toEqual([
      { name: "classify", line: 2, column: 8, endLine: 23, cyclomatic: 11, cognitive: 18, params: 2, loc: 22 },
      { name: "configure", line: 25, column: 8, endLine: 27, cyclomatic: 1, cognitive: 0, params: 6, loc: 3 },
    ]);
  });

  it("finds the clone pair, the TODOs and the debt items", async () => {
    const result = await scanJson();
    expect(result.clones).toEqual([
      { tokens: expect.any(Number), lines: 13, a: { path: "src/clone-a.ts", startLine: 1, endLine: 13 }, b: { path: "src/clone-b.ts", startLine: 3, endLine: 15 } },
    ]);
    expect(result.todos.map((todo: { kind: string; path: string; line: number }) => [todo.kind, todo.path, todo.line])).toEqual([
      ["TODO", "src/notes.ts", 1],
      ["FIXME", "src/notes.ts", 4],
    ]);
    const rules = result.items.map((item: { rule: string; file: string }) => `${item.rule} ${item.file}`);
    expect(rules).toEqual(
      expect.arrayContaining([
        "cognitive-complexity src/complex.ts",
        "cyclomatic-complexity src/complex.ts",
        "parameter-count src/complex.ts",
        "duplicated-code src/clone-a.ts",
        "duplicated-code src/clone-b.ts",
        "class-methods src/big-class.ts",
        "explicit-any src/smells.ts",
        "empty-catch src/smells.ts",
        "todo-comment src/notes.ts",
      ]),
    );
  });

  it("skips the minified and unparsable files and still analyses the rest", async () => {
    const result = await scanJson();
    expect(result.summary.skipped).toBe(3);
    const paths = result.files.map((file: { path: string }) => file.path);
    expect(paths).not.toContain("src/broken.ts");
    expect(paths).not.toContain("lib/bundle.js");
    expect(paths).toContain("src/simple.ts");
  });

  it("never runs code from the scanned folder", async () => {
    await scanJson();
    await main(["scan", dir, "--format", "markdown"], memoryIO().io);
    expect(existsSync(path.join(dir, "CANARY-postinstall"))).toBe(false);
    expect(existsSync(path.join(dir, "CANARY-eslint-config"))).toBe(false);
  });

  it("uses the thresholds from the folder's .github/concord.yml", async () => {
    await import("node:fs/promises").then((fs) => fs.mkdir(path.join(dir, ".github")));
    await writeFile(path.join(dir, ".github/concord.yml"), "techDebt:\n  thresholds:\n    cognitive: 50\n    cyclomatic: 50\n");
    const rules = (await scanJson()).items.map((item: { rule: string }) => item.rule);
    expect(rules).not.toContain("cognitive-complexity");
    expect(rules).not.toContain("cyclomatic-complexity");
  });
});

describe("concord scan in a git checkout", () => {
  beforeEach(() => {
    git(dir, "init", "-q", "-b", "main");
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "initial");
  });

  it("with --changed-since analyses only the changed files but finds clones across the tree", async () => {
    git(dir, "checkout", "-q", "-b", "feature");
    const cloneB = await readFile(path.join(dir, "src/clone-b.ts"), "utf8");
    await writeFile(path.join(dir, "src/clone-b.ts"), `${cloneB}\nexport const extra = 2;\n`);
    await writeFile(path.join(dir, "src/new.ts"), "export const fresh = 1;\n");
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "change");
    const result = await scanJson("--changed-since", "main");
    expect(result.files.map((file: { path: string }) => file.path)).toEqual(["src/clone-b.ts", "src/new.ts"]);
    expect(result.clones).toHaveLength(1);
    expect(result.items.filter((item: { rule: string }) => item.rule === "duplicated-code").map((item: { file: string }) => item.file)).toEqual(["src/clone-b.ts"]);
  });

  it("dates TODOs with git blame", async () => {
    const result = await scanJson();
    expect(result.todos[0]).toMatchObject({ kind: "TODO", author: "Fixture Author", ageDays: 59 });
  });

  it("fails with exit code 2 for an unknown ref", async () => {
    const run = memoryIO();
    expect(await main(["scan", dir, "--changed-since", "no-such-ref"], run.io)).toBe(2);
    expect(run.stderr()).toContain("cannot list the files changed since no-such-ref");
  });
});

describe("concord scan: formats, output and exit codes", () => {
  it("prints a text summary by default", async () => {
    const run = memoryIO();
    expect(await main(["scan", dir], run.io)).toBe(0);
    expect(run.stdout()).toContain("Concord tech-debt scan of");
    expect(run.stdout()).toMatch(/Rating [A-E]: debt ratio/);
    expect(run.stdout()).toContain("src/broken.ts: syntax-error");
  });

  it("prints SARIF and markdown", async () => {
    const sarif = memoryIO();
    await main(["scan", dir, "--format", "sarif"], sarif.io);
    expect(JSON.parse(sarif.stdout())).toMatchObject({ version: "2.1.0", runs: [{ tool: { driver: { name: "Concord" } } }] });
    const markdown = memoryIO();
    await main(["scan", dir, "--format", "markdown"], markdown.io);
    expect(markdown.stdout()).toContain("## Tech debt report");
  });

  it("writes to --output instead of stdout", async () => {
    const run = memoryIO();
    const target = path.join(dir, "out.json");
    expect(await main(["scan", dir, "--format", "json", "--output", target], run.io)).toBe(0);
    expect(run.stdout()).toBe("");
    expect(JSON.parse(await readFile(target, "utf8")).summary.files).toBeGreaterThan(0);
  });

  it("draws a progress bar on a terminal only", async () => {
    const tty = memoryIO(undefined, true);
    await main(["scan", dir, "--format", "json"], tty.io);
    expect(tty.stderr()).toMatch(/\r\[#+\.*\] \d+\/\d+ files/);
    const pipe = memoryIO();
    await main(["scan", dir, "--format", "json"], pipe.io);
    expect(pipe.stderr()).toBe("");
  });

  it.each([
    [["scan", ".", "--format", "xml"], "--format must be one of"],
    [["scan", ".", "--bogus"], "Unknown option"],
    [["lint"], 'unknown command "lint"'],
    [[], "missing command"],
    [["scan", ".", "--changed-since=--output=x"], "not a usable git ref"],
  ])("exits 1 on usage errors: %j", async (argv, message) => {
    const run = memoryIO();
    expect(await main(argv, run.io)).toBe(1);
    expect(run.stderr()).toContain(message);
    expect(run.stderr()).toContain("Usage: concord scan");
  });

  it("exits 2 when the folder does not exist", async () => {
    const run = memoryIO();
    expect(await main(["scan", path.join(dir, "missing")], run.io)).toBe(2);
    expect(run.stderr()).toContain("not a folder");
  });

  it("prints help and version", async () => {
    const help = memoryIO();
    expect(await main(["--help"], help.io)).toBe(0);
    expect(help.stdout()).toContain("--changed-since <ref>");
    const version = memoryIO();
    expect(await main(["--version"], version.io)).toBe(0);
    expect(version.stdout()).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
