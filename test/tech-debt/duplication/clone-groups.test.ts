import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ClonePair, CloneRange } from "../../../src/agents/specialized/tech-debt/duplication/clone-pair.js";
import { groupClones } from "../../../src/agents/specialized/tech-debt/duplication/clone-groups.js";

const range = (path: string, startLine: number, endLine: number): CloneRange => ({ path, startLine, endLine });
const pair = (a: CloneRange, b: CloneRange, tokens = 60): ClonePair => ({ tokens, lines: a.endLine - a.startLine + 1, a, b });

describe("groupClones", () => {
  it("keeps a lone pair as one group of two copies", () => {
    expect(groupClones([pair(range("a.ts", 5, 15), range("b.ts", 9, 19))])).toEqual([
      { tokens: 60, copies: [range("a.ts", 5, 15), range("b.ts", 9, 19)] },
    ]);
  });

  it("joins the pairs of code that appears three times into one group of three copies", () => {
    const groups = groupClones([
      pair(range("a.ts", 5, 15), range("b.ts", 9, 19), 103),
      pair(range("a.ts", 5, 15), range("c.ts", 10, 20), 103),
      // jscpd's second pass may add the pair of the two later copies, with slightly other bounds.
      pair(range("b.ts", 8, 19), range("c.ts", 9, 20), 110),
    ]);
    expect(groups).toEqual([{ tokens: 110, copies: [range("a.ts", 5, 15), range("b.ts", 8, 19), range("c.ts", 9, 20)] }]);
  });

  it("keeps two copies in one file apart, and separate clones separate", () => {
    const groups = groupClones([pair(range("self.ts", 1, 11), range("self.ts", 13, 23)), pair(range("x.ts", 40, 50), range("y.ts", 1, 11))]);
    expect(groups.map((group) => group.copies)).toEqual([
      [range("self.ts", 1, 11), range("self.ts", 13, 23)],
      [range("x.ts", 40, 50), range("y.ts", 1, 11)],
    ]);
  });

  it("does not merge fragments of one file that barely touch", () => {
    // 2 shared lines of 11 and 11: less than half of the shorter, so two different copies.
    const groups = groupClones([pair(range("a.ts", 1, 11), range("b.ts", 1, 11)), pair(range("a.ts", 10, 20), range("c.ts", 1, 11))]);
    expect(groups).toHaveLength(2);
  });

  it("puts both fragments of every pair into the same group, and every fragment into exactly one copy (property)", () => {
    const rangeArb = fc
      .tuple(fc.constantFrom("a.ts", "b.ts", "c.ts"), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 15 }))
      .map(([path, start, length]) => range(path, start, start + length));
    fc.assert(
      fc.property(fc.array(fc.tuple(rangeArb, rangeArb), { maxLength: 25 }), (raw) => {
        const pairs = raw.map(([a, b]) => pair(a, b));
        const groups = groupClones(pairs);
        const covers = (copy: CloneRange, fragment: CloneRange) =>
          copy.path === fragment.path && copy.startLine <= fragment.startLine && copy.endLine >= fragment.endLine;
        for (const { a, b } of pairs) {
          const holding = groups.filter((group) => group.copies.some((copy) => covers(copy, a)) && group.copies.some((copy) => covers(copy, b)));
          expect(holding.length).toBeGreaterThanOrEqual(1);
        }
        // Copies never outnumber fragments, and a group never holds two copies that overlap by half.
        expect(groups.flatMap((group) => group.copies).length).toBeLessThanOrEqual(2 * pairs.length);
        for (const { copies } of groups) {
          for (const [i, x] of copies.entries()) {
            for (const y of copies.slice(i + 1)) {
              if (x.path !== y.path) continue;
              const overlap = Math.min(x.endLine, y.endLine) - Math.max(x.startLine, y.startLine) + 1;
              expect(2 * overlap).toBeLessThan(Math.min(x.endLine - x.startLine, y.endLine - y.startLine) + 1);
            }
          }
        }
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
