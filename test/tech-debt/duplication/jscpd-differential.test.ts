import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LocalRepoSource } from "../../../src/adapters/repo-source/local-repo-source.js";
import { scanRepository } from "../../../src/agents/specialized/tech-debt/scan-repository.js";
import { defaultTechDebtSettings } from "../../../src/agents/specialized/tech-debt/settings.js";
import { DEFAULT_TEST_FILES } from "../../../src/config/tech-debt-schema.js";
import { clonePairAgreement } from "../../helpers/clone-agreement.js";
import { referenceJscpd, runReferenceJscpd } from "../../helpers/jscpd-reference.js";

/*
 * Differential test: Concord's duplication against jscpd 5.3.3 (the newest jscpd 5 with a Linux
 * build on the registry, installed under the alias `jscpd-reference`) run by hand on the same
 * real code bases nobody here wrote, with the same settings (50 tokens, 5 lines). Concord ships
 * jscpd 5.3.2, the newest release with binaries for every platform; the bar: ≥ 95 % of
 * clone pairs overlapping both ways, headline duplication within 5 % relative.
 * `npm run bench:duplication -- <folder>` prints the same figures for any folder.
 */

const ROOT = path.resolve(import.meta.dirname, "../../..");
const CORPORA = [
  { name: "effect 3.19 (TypeScript)", dir: path.join(ROOT, "node_modules/effect/src") },
  { name: "ESLint 10 lib (JavaScript)", dir: path.join(ROOT, "node_modules/eslint/lib") },
];

const reference = referenceJscpd();
if ("unavailable" in reference) console.warn(`skipping the jscpd differential test: ${reference.unavailable}`);

describe.skipIf("unavailable" in reference)("duplication agrees with jscpd 5.3.3 run by hand", () => {
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
    // Files Concord leaves out are left out of the reference run too.
    const theirs = await runReferenceJscpd((reference as { binary: string }).binary, dir, scan.skipped.map((file) => file.path));
    const agreement = clonePairAgreement(scan.clones, theirs.pairs);
    const ours = scan.summary.duplicatedLinesPercent;
    console.info(
      `${path.relative(ROOT, dir)}: ${agreement.ours} / ${agreement.theirs} pairs, ${(100 * agreement.oursInTheirs).toFixed(1)} % of Concord's in jscpd's, ${(100 * agreement.theirsInOurs).toFixed(1)} % of jscpd's in Concord's; duplicated lines ${ours} % vs ${theirs.percentage.toFixed(2)} %`,
    );

    expect(agreement.theirs).toBeGreaterThan(100);
    expect(agreement.oursInTheirs).toBeGreaterThanOrEqual(0.95);
    expect(agreement.theirsInOurs).toBeGreaterThanOrEqual(0.95);
    expect(Math.abs(ours - theirs.percentage) / theirs.percentage).toBeLessThanOrEqual(0.05);
  }, 120_000);
});
