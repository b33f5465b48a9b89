import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileGlobs } from "../../src/agents/specialized/tech-debt/analysis/file-filter.js";
import { findGlobProblem } from "../../src/config/index.js";

// What a writer can put in `/debt ignore` or techDebt.ignore, against what a pull request's author can
// name a file: every glob the validator accepts must match any path in time linear in the path.

const ADVERSARIAL_PATHS = [
  "a".repeat(64),
  `${"a".repeat(63)}!`,
  "a/".repeat(32),
  `${"a".repeat(60)}.jsx`,
  `${"a".repeat(30)}.js`,
  `${"a/".repeat(20)}${"a".repeat(24)}`,
];

// Generous for a busy machine: a linear matcher takes well under a millisecond here; a backtracking one takes minutes.
const BUDGET_MS = 1000;

function slowestMatch(glob: string): number {
  const match = compileGlobs([glob]);
  let slowest = 0;
  for (const path of ADVERSARIAL_PATHS) {
    const started = performance.now();
    match(path);
    slowest = Math.max(slowest, performance.now() - started);
  }
  return slowest;
}

describe("glob matching time", () => {
  it.each([
    "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b",
    "**/a/**/a/**/a/**/a/**/a/**/a/**/a/**/b",
    "+(a|aa)+(a|aa)+(a|aa)+(a|aa)b",
    "*(a|a)*(a|a)*(a|a)*(a|a)*(a|a)*(a|a)*(a|a)!",
    "{a,aa,aaa}{a,aa,aaa}{a,aa,aaa}{a,aa,aaa}{a,aa,aaa}b",
    "?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*?*b",
  ])("an accepted adversarial glob %s matches 64-character paths in linear time", (glob) => {
    expect(findGlobProblem(glob)).toBeUndefined();

    expect(slowestMatch(glob)).toBeLessThan(BUDGET_MS);
  });

  it("refuses the regex-like glob from the report: (a+)+$", () => {
    expect(findGlobProblem("(a+)+$")).toMatch(/looks like a regular expression/);
  });

  it("whatever the validator accepts from risky pieces matches in linear time (property)", () => {
    const piece = fc.constantFrom(
      "a", "aa", "a+", "+", "*", "**", "?", "/", "|", "(", ")", "(a+)", "(a|aa)", "(a*)", "{a,aa}", "{a,*}", "{1..9}",
      "@(", "*(", "+(", "?(", "!(", "[a]", "[!b]", "$", "^", ".js", "*a", "a*", "{", "}", ",",
    );
    const glob = fc.array(piece, { minLength: 1, maxLength: 40 }).map((pieces) => pieces.join(""));

    fc.assert(
      fc.property(glob, (text) => {
        if (findGlobProblem(text) !== undefined) return;
        expect(slowestMatch(text), text).toBeLessThan(BUDGET_MS);
      }),
      { seed: 9_2026, numRuns: 400 },
    );
  });
});
