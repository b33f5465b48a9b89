import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { collectFiles } from "../../src/agents/specialized/tech-debt/collect-files.js";
import { comparableDuplication } from "../../src/agents/specialized/tech-debt/comparable-duplication.js";
import { detachStrings } from "../../src/agents/specialized/tech-debt/detach-strings.js";
import { measureFile, type MeasuredFile } from "../../src/agents/specialized/tech-debt/measure-file.js";
import type { ScanResult } from "../../src/agents/specialized/tech-debt/model.js";
import { scanRepository } from "../../src/agents/specialized/tech-debt/scan-repository.js";
import { defaultTechDebtSettings } from "../../src/agents/specialized/tech-debt/settings.js";
import { MemoryRepoSource, type RepoSource } from "../../src/ports/repo-source.js";
import { CLONE_BODY, scanOptions } from "../helpers/tech-debt-scan.js";

const settings = defaultTechDebtSettings();

/**
 * Files of one function with a long name (V8 cuts such names as views into the text) and 250 KB of
 * comments each, measured; their texts are made and dropped in this frame, so once it returns only
 * what the measurements keep can hold them.
 */
function measureLargeFiles(count: number): MeasuredFile[] {
  const comments = "// a line of comment\n".repeat(12_500);
  return Array.from({ length: count }, (_, i) => measureFile(`src/file-${i}.js`, `export function computeTheOrderTotals${i}(order) {\n  return order.total;\n}\n${comments}`, settings.thresholds));
}

/** The heap in use once everything unreachable is collected. */
function liveHeapBytes(): number {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe("what a scan keeps of the files it measured", () => {
  it("keeps none of their texts: a kept function name is not a view into its file", () => {
    const before = liveHeapBytes();

    const kept = measureLargeFiles(16);
    const grown = liveHeapBytes() - before;

    expect(kept[15]!.report.functions[0]!.name).toBe("computeTheOrderTotals15");
    // The 4 MB of text is gone; what is left is a few small records.
    expect(grown).toBeLessThan(1024 * 1024);
  });

  it("copies values as they are: equal strings, numbers, absent fields, and typed arrays untouched", () => {
    const hashes = Int32Array.from([1, 2, 3]);
    const value = { name: "a".repeat(40), nested: [{ line: 3, symbol: undefined, text: "ok \ud800 lone" }], hashes };

    const copy = detachStrings(value);

    expect(copy).toEqual(value);
    expect(copy.hashes).toBe(hashes);
    expect(copy).not.toBe(value);
  });

  it("can leave out the function lists, keeping their count", async () => {
    const source = new MemoryRepoSource({ "src/a.js": CLONE_BODY, "src/b.js": "export const b = () => 1;\nexport function c() {\n  return 2;\n}\n" });

    const full = await scanRepository(source, scanOptions());
    const lean = await scanRepository(source, scanOptions({ keepFunctions: false }));

    expect(full.files.flatMap((file) => file.functions)).toHaveLength(3);
    expect(lean.files.map((file) => file.functions)).toEqual([[], []]);
    expect(lean.summary).toEqual(full.summary);
    expect(lean.items).toEqual(full.items);
  });
});

describe("duplicate detection within a byte budget", () => {
  const twins = new MemoryRepoSource({ "src/a.js": CLONE_BODY, "src/b.js": CLONE_BODY.replace("summarize", "summarizeAgain") });

  it("runs when the files fit", async () => {
    const result = await scanRepository(twins, scanOptions({ duplicationMaxBytes: 2 * CLONE_BODY.length + 100 }));

    expect(result.clones).toHaveLength(1);
    expect(result.duplicationUnmeasured).toBeUndefined();
    expect(result.items.some((item) => item.rule === "duplicated-code")).toBe(true);
  });

  it("is left out with a sentence naming the limit when they do not, and the rest of the scan is the same", async () => {
    const measured = await scanRepository(twins, scanOptions());
    const result = await scanRepository(twins, scanOptions({ duplicationMaxBytes: 100 }));

    expect(result.clones).toEqual([]);
    expect(result.duplicationUnmeasured).toMatch(/^the files to compare come to .+, more than the .+ duplicate detection may read at once \(it needs about 30 times as much memory\)$/);
    expect(result.warnings).toEqual([`Duplicated code was not measured: ${result.duplicationUnmeasured}`]);
    expect(result.items).toEqual(measured.items.filter((item) => item.rule !== "duplicated-code"));
  });

  it("names the sizes in MB", async () => {
    const padding = "// a line of comment\n".repeat(15_000);
    const big = new MemoryRepoSource({ "src/a.js": `${CLONE_BODY}${padding}`, "src/b.js": `${CLONE_BODY}${padding}` });

    const result = await scanRepository(big, scanOptions({ duplicationMaxBytes: 512 * 1024 }));

    expect(result.duplicationUnmeasured).toMatch(/^the files to compare come to 0\.6 MB, more than the 0\.5 MB duplicate detection may read at once/);
  });
});

describe("a pull request whose duplication was measured on one side only", () => {
  const item = (rule: string, category: "duplication" | "complexity") => ({
    fingerprint: `${rule}-1`,
    rule,
    category,
    severity: "high" as const,
    file: "src/a.js",
    line: 1,
    endLine: 9,
    message: rule,
    remediationMinutes: 10,
  });
  const scan = (unmeasured?: string): ScanResult => {
    const items = [item("duplicated-code", "duplication"), item("cyclomatic-complexity", "complexity")];
    const summary = {} as ScanResult["summary"];
    return {
      summary,
      files: [],
      items,
      todos: [],
      tests: { summary, files: [], items, todos: [] },
      clones: [],
      skipped: [],
      warnings: [],
      ...(unmeasured ? { duplicationUnmeasured: unmeasured } : {}),
    };
  };

  it("compares without the other side's duplication findings, in the code and in its tests", () => {
    const { base, head } = comparableDuplication(scan(), scan("too much"));

    expect(base.items.map((each) => each.rule)).toEqual(["cyclomatic-complexity"]);
    expect(base.tests!.items.map((each) => each.rule)).toEqual(["cyclomatic-complexity"]);
    expect(head.items.map((each) => each.rule)).toEqual(["duplicated-code", "cyclomatic-complexity"]);
  });

  it("leaves both sides as they are when both or neither were measured", () => {
    const measured = { base: scan(), head: scan() };
    const unmeasured = { base: scan("too much"), head: scan("too much") };

    expect(comparableDuplication(measured.base, measured.head)).toEqual(measured);
    expect(comparableDuplication(unmeasured.base, unmeasured.head)).toEqual(unmeasured);
  });
});

describe("where a scan copies files whose size is not listed (a pull request's)", () => {
  it("counts each at the most it may be, so hundreds of them go to the disk, not to memory-backed /dev/shm", async () => {
    const files = Array.from({ length: 300 }, (_, i) => ({ path: `src/f${i}.js` }));
    const source: RepoSource = { description: "pull request", listFiles: () => Promise.resolve(files), readFile: () => Promise.resolve("export const a = 1;\n") };

    const collection = await collectFiles(source, { decide: () => ({ action: "analyse" }), skipped: () => undefined, maxFileBytes: 1024 * 1024 });
    await collection.done;

    try {
      expect(collection.workspace.dir.startsWith(tmpdir())).toBe(true);
      expect(collection.copiedBytes()).toBe(300 * 20);
      expect((await readdir(`${collection.workspace.dir}/src`)).length).toBe(300);
    } finally {
      await collection.workspace.remove();
    }
  });
});
