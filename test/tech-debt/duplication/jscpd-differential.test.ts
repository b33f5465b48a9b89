import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { LocalRepoSource } from "../../../src/adapters/repo-source/local-repo-source.js";
import type { ClonePair } from "../../../src/agents/specialized/tech-debt/duplication/clone-pair.js";
import { findJscpdBinary } from "../../../src/agents/specialized/tech-debt/duplication/jscpd-binary.js";
import { JscpdReport } from "../../../src/agents/specialized/tech-debt/duplication/jscpd-report.js";
import { scanRepository } from "../../../src/agents/specialized/tech-debt/scan-repository.js";
import { defaultTechDebtSettings } from "../../../src/agents/specialized/tech-debt/settings.js";
import { DEFAULT_TEST_FILES } from "../../../src/config/tech-debt-schema.js";
import { clonePairAgreement } from "../../helpers/clone-agreement.js";

/*
 * Differential test: Concord's duplication against jscpd 5.3.3 (the newest jscpd 5 with a Linux
 * build on the registry, installed under the alias `jscpd-reference`) run by hand on the same
 * real code bases nobody here wrote, with the same settings (50 tokens, 5 lines). Concord ships
 * jscpd 5.3.2, the newest release with binaries for every platform; the bar: ≥ 95 % of
 * clone pairs overlapping both ways, headline duplication within 5 % relative.
 */

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../../..");
const CORPORA = [
  { name: "effect 3.19 (TypeScript)", dir: path.join(ROOT, "node_modules/effect/src") },
  { name: "ESLint 10 lib (JavaScript)", dir: path.join(ROOT, "node_modules/eslint/lib") },
];

let reference: string | undefined;
let unavailable = "";
try {
  reference = findJscpdBinary("jscpd-reference");
} catch (error) {
  unavailable = error instanceof Error ? error.message : String(error);
}
if (reference === undefined) console.warn(`skipping the jscpd differential test: ${unavailable}`);

async function runReference(dir: string, ignore: readonly string[]): Promise<JscpdReport> {
  const out = await mkdtemp(path.join(tmpdir(), "concord-jscpd-ref-"));
  try {
    const args = [dir, "--min-tokens", "50", "--min-lines", "5", "--format", "javascript,jsx,typescript,tsx", "--no-gitignore", "--reporters", "json", "--output", out, "--silent"];
    // Type declarations are never analysed by Concord (a silent skip), so they are not in `ignore`.
    args.push("--ignore", ["**/*.d.ts", ...ignore.map((file) => `**/${file}`)].join(","));
    await run(reference!, args, { maxBuffer: 16 * 1024 * 1024 });
    return JscpdReport.parse(JSON.parse(await readFile(path.join(out, "jscpd-report.json"), "utf8")));
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

describe.skipIf(reference === undefined)("duplication agrees with jscpd 5.3.3 run by hand", () => {
  it.each(CORPORA)("$name", async ({ dir }) => {
    expect(existsSync(dir)).toBe(true);
    const settings = defaultTechDebtSettings();
    const scan = await scanRepository(new LocalRepoSource(dir), {
      thresholds: settings.thresholds,
      duplication: settings.duplication,
      ignore: [],
      // jscpd by hand has no notion of test code: compare the whole tree with the whole tree.
      tests: { mode: "include", files: DEFAULT_TEST_FILES },
      now: new Date(0),
    });
    // Files Concord leaves out (e.g. type declarations) are left out of the reference run too.
    const theirs = await runReference(dir, scan.skipped.map((file) => file.path));
    const theirPairs: ClonePair[] = theirs.duplicates.map((d) => ({
      tokens: d.tokens,
      lines: d.lines,
      a: { path: path.relative(dir, path.resolve(dir, d.firstFile.name)), startLine: d.firstFile.start, endLine: d.firstFile.end },
      b: { path: path.relative(dir, path.resolve(dir, d.secondFile.name)), startLine: d.secondFile.start, endLine: d.secondFile.end },
    }));
    const agreement = clonePairAgreement(scan.clones, theirPairs);
    const ours = scan.summary.duplicatedLinesPercent;
    const headline = theirs.statistics.total.percentage;
    console.info(
      `${path.relative(ROOT, dir)}: ${agreement.ours} / ${agreement.theirs} pairs, ${(100 * agreement.oursInTheirs).toFixed(1)} % of Concord's in jscpd's, ${(100 * agreement.theirsInOurs).toFixed(1)} % of jscpd's in Concord's; duplicated lines ${ours} % vs ${headline.toFixed(2)} %`,
    );

    expect(agreement.theirs).toBeGreaterThan(100);
    expect(agreement.oursInTheirs).toBeGreaterThanOrEqual(0.95);
    expect(agreement.theirsInOurs).toBeGreaterThanOrEqual(0.95);
    expect(Math.abs(ours - headline) / headline).toBeLessThanOrEqual(0.05);
  }, 120_000);
});
