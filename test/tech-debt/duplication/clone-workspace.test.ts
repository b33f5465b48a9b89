import { existsSync, readFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CloneWorkspace } from "../../../src/agents/specialized/tech-debt/duplication/clone-workspace.js";
import { findJscpdBinary, JscpdUnavailableError } from "../../../src/agents/specialized/tech-debt/duplication/jscpd-binary.js";

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/clones/${name}.txt`, import.meta.url), "utf8");
/** a.ts lines 5-15: the planted function alone. */
const planted = (): string => fixture("a.ts").split("\n").slice(4, 15).join("\n");
const SETTINGS = { minTokens: 50, minLines: 5, maxBytes: 1024 * 1024 };

let workspace: CloneWorkspace | undefined;
afterEach(async () => {
  await workspace?.remove();
  workspace = undefined;
});

async function detect(files: Record<string, string>, settings = SETTINGS) {
  workspace = await CloneWorkspace.create();
  for (const [file, text] of Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1))) await workspace.add(file, text);
  return workspace.detect(settings);
}

describe("CloneWorkspace runs jscpd 5 on the files it was given", () => {
  it("reports the planted function at its lines, in repository paths", async () => {
    const pairs = await detect({ "src/billing/a.ts": fixture("a.ts"), "src/orders/b.ts": fixture("b.ts") });

    expect(pairs).toEqual([
      { tokens: 103, lines: 11, a: { path: "src/billing/a.ts", startLine: 5, endLine: 15 }, b: { path: "src/orders/b.ts", startLine: 9, endLine: 19 } },
    ]);
  });

  it("compares tokens by value: renamed identifiers are not a clone (jscpd's exact clones)", async () => {
    expect(await detect({ "a.ts": fixture("a.ts"), "renamed.ts": fixture("renamed.ts") })).toEqual([]);
  });

  it("ignores layout and comments", async () => {
    const reflowed = `// reflowed\n${planted().replace(/\n {2,}/g, "\n").replace("    net += amount;", "    // running total\n    net += amount;")}\n`;
    const pairs = await detect({ "a.ts": fixture("a.ts"), "reflowed.ts": reflowed });
    expect(pairs.map((pair) => [pair.a.path, pair.b.path, pair.tokens])).toEqual([["a.ts", "reflowed.ts", 103]]);
  });

  it("never pairs files of different languages, as jscpd groups files by format", async () => {
    expect(await detect({ "a.ts": fixture("a.ts"), "b.tsx": fixture("b.ts") })).toEqual([]);
  });

  it("keeps any repository path inside the workspace: names are indexes, paths only live in memory", async () => {
    const files = { "../../escape.ts": fixture("a.ts"), "Sub Dir/ünïcode (1).TS": fixture("b.ts"), "sub dir/ünïcode (1).ts": "export const x = 1;\n" };
    const pairs = await detect(files);
    const written = await readdir(path.join(workspace!.dir, "src"));

    expect(written.sort()).toEqual(["0000000.ts", "0000001.ts", "0000002.ts"]);
    expect(pairs.map((pair) => [pair.a.path, pair.b.path])).toEqual([["../../escape.ts", "Sub Dir/ünïcode (1).TS"]]);
    expect(await workspace!.read("sub dir/ünïcode (1).ts")).toBe("export const x = 1;\n");
  });

  it("applies the configured thresholds", async () => {
    expect(await detect({ "a.ts": fixture("a.ts"), "b.ts": fixture("b.ts") }, { ...SETTINGS, minTokens: 200 })).toEqual([]);
  });

  it("keeps its copies in memory-backed /dev/shm when it has room, on disk when they are too many", async () => {
    workspace = await CloneWorkspace.create(10 * 1024 * 1024);
    expect(workspace.dir.startsWith(existsSync("/dev/shm") ? "/dev/shm/" : tmpdir())).toBe(true);
    await workspace.remove();
    workspace = await CloneWorkspace.create(1024 * 1024 * 1024);
    expect(workspace.dir.startsWith(tmpdir())).toBe(true);
  });

  it("removes its folder", async () => {
    workspace = await CloneWorkspace.create();
    await workspace.add("a.ts", "let a = 1;\n");
    await workspace.remove();
    expect(existsSync(workspace.dir)).toBe(false);
  });

  it("gives up on a run past its time limit, with the reason", async () => {
    workspace = await CloneWorkspace.create();
    await workspace.add("a.ts", fixture("a.ts"));
    await expect(workspace.detect({ ...SETTINGS, timeoutMs: 1 })).rejects.toThrow(/did not finish within/);
  });
});

describe("findJscpdBinary", () => {
  it("finds the installed engine, and says so clearly when a launcher is missing", () => {
    expect(existsSync(findJscpdBinary())).toBe(true);
    expect(() => findJscpdBinary("no-such-jscpd")).toThrow(JscpdUnavailableError);
  });
});
