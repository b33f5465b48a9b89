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
  it("prints exactly summary, files, items, clones, todos, skipped, warnings and the test section", async () => {
    const result = await scanJson();
    expect(Object.keys(result)).toEqual(["summary", "files", "items", "clones", "todos", "skipped", "warnings", "tests"]);
  });

  it("lists every skipped file with its reason", async () => {
    const result = await scanJson();
    expect(result.skipped).toEqual([
      { path: "lib/bundle.js", reason: expect.stringMatching(/^minified \(average line \d+ chars\)$/) },
      { path: "lib/tiny.min.js", reason: "minified-name" },
      { path: "src/broken.ts", reason: expect.stringMatching(/^syntax-error: line \d+: /) },
    ]);
    expect(result.summary.skipped).toBe(3);
  });

  it("lists the worst findings first", async () => {
    const items: { severity: string }[] = (await scanJson()).items;
    const rank = { critical: 0, high: 1, medium: 2, low: 3 } as Record<string, number>;
    expect(items.map((item) => rank[item.severity])).toEqual(items.map((item) => rank[item.severity]).sort());
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
      { tokens: expect.any(Number), lines: expect.any(Number), a: expect.objectContaining({ path: "src/clone-a.ts" }), b: expect.objectContaining({ path: "src/clone-b.ts" }) },
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

  it("--fail-on with --changed-since gates only on what the branch added", async () => {
    git(dir, "checkout", "-q", "-b", "feature");
    // Untouched old debt (src/complex.ts is high) must not fail the gate; a new critical function must.
    await writeFile(path.join(dir, "src/simple.ts"), `${await readFile(path.join(dir, "src/simple.ts"), "utf8")}\nexport const note = 1; // TODO: later\n`);
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "small change");
    const clean = memoryIO();
    expect(await main(["scan", dir, "--changed-since", "main", "--fail-on", "high"], clean.io)).toBe(0);

    const deep = Array.from({ length: 70 }, (_, i) => `  if (a > ${i}) { if (b) { total += ${i}; } }`).join("\n");
    await writeFile(path.join(dir, "src/simple.ts"), `export function tangled(a: number, b: boolean): number {\n  let total = 0;\n${deep}\n  return total;\n}\n`);
    git(dir, "add", "-A");
    git(dir, "commit", "-q", "-m", "tangle");
    const failing = memoryIO();
    expect(await main(["scan", dir, "--changed-since", "main", "--fail-on", "high"], failing.io)).toBe(1);
    expect(failing.stderr()).toMatch(/quality gate failed: \d+ new findings? at or above high \(\d+ critical/);
  });

  it("--changed-since matches findings in renamed files to their old path", async () => {
    git(dir, "checkout", "-q", "-b", "feature");
    git(dir, "mv", "src/complex.ts", "src/renamed-complex.ts");
    git(dir, "commit", "-q", "-m", "rename");
    const run = memoryIO();
    expect(await main(["scan", dir, "--changed-since", "main", "--fail-on", "medium"], run.io)).toBe(0);
    expect(run.stderr()).toBe("");
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

  it("--fail-on fails on existing findings without --changed-since, and --fail-on-rating on the rating", async () => {
    const severity = memoryIO();
    expect(await main(["scan", dir, "--fail-on", "high"], severity.io)).toBe(1);
    expect(severity.stderr()).toMatch(/quality gate failed: \d+ findings? at or above high \(\d+ high\)/);
    expect(await main(["scan", dir, "--fail-on", "critical"], memoryIO().io)).toBe(0);

    const text = (await scanJson()).summary.rating as string;
    const worse = memoryIO();
    expect(await main(["scan", dir, "--fail-on-rating", text], worse.io)).toBe(1);
    expect(worse.stderr()).toContain(`maintainability rating ${text} is ${text} or worse`);
    if (text !== "E") expect(await main(["scan", dir, "--fail-on-rating", "E"], memoryIO().io)).toBe(0);
  });

  it("--include-tests rates test files with the rest; by default they are reported apart", async () => {
    await import("node:fs/promises").then((fs) => fs.mkdir(path.join(dir, "test")));
    await writeFile(path.join(dir, "test/slow.test.ts"), "export function f(a: number, b: number, c: number, d: number, e: number) {\n  return a + b + c + d + e;\n}\n");
    const apart = await scanJson();
    expect(apart.tests.files.map((file: { path: string }) => file.path)).toEqual(["test/slow.test.ts"]);
    expect(apart.items.some((item: { file: string }) => item.file === "test/slow.test.ts")).toBe(false);
    const together = await scanJson("--include-tests");
    expect(together.tests).toBeUndefined();
    expect(together.items.some((item: { file: string }) => item.file === "test/slow.test.ts")).toBe(true);
  });

  it("--max-file-size raises the limit on file size", async () => {
    const big = `${"export const value = 1;\n".repeat(50_000)}`;
    await writeFile(path.join(dir, "src/big.ts"), big);
    expect((await scanJson()).skipped).toContainEqual({ path: "src/big.ts", reason: expect.stringMatching(/^too-large/) });
    expect((await scanJson("--max-file-size", "2mb")).files.map((file: { path: string }) => file.path)).toContain("src/big.ts");
  });

  it("writes to --output instead of stdout", async () => {
    const run = memoryIO();
    const target = path.join(dir, "out.json");
    expect(await main(["scan", dir, "--format", "json", "--output", target], run.io)).toBe(0);
    expect(run.stdout()).toBe("");
    expect(JSON.parse(await readFile(target, "utf8")).summary.files).toBeGreaterThan(0);
  });

  it("creates a missing --output folder, and says in one line when it cannot write", async () => {
    const nested = path.join(dir, "reports/debt/out.sarif");
    expect(await main(["scan", dir, "--format", "sarif", "--output", nested], memoryIO().io)).toBe(0);
    expect(JSON.parse(await readFile(nested, "utf8")).version).toBe("2.1.0");

    const run = memoryIO();
    expect(await main(["scan", dir, "--output", path.join(dir, "src/simple.ts/out.txt")], run.io)).toBe(2);
    expect(run.stderr()).toMatch(/^concord: cannot write \S*out\.txt: E[A-Z]+: [^\n]*\n$/);
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
    [["scan", ".", "--fail-on", "severe"], "--fail-on must be one of critical, high, medium, low"],
    [["scan", ".", "--fail-on-rating", "F"], "--fail-on-rating must be one of A, B, C, D, E"],
    [["scan", ".", "--max-file-size", "lots"], "not a size"],
    [["scan", ".", "--max-file-size", "1gb"], "between 1kb and 64mb"],
  ])("exits 2 on usage errors: %j", async (argv, message) => {
    const run = memoryIO();
    expect(await main(argv, run.io)).toBe(2);
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
