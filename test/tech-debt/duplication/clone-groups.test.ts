import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ClonePair, CloneRange } from "../../../src/agents/specialized/tech-debt/duplication/clone-pair.js";
import { groupClones } from "../../../src/agents/specialized/tech-debt/duplication/clone-groups.js";

const range = (path: string, startLine: number, endLine: number): CloneRange => ({ path, startLine, endLine });
const pair = (a: CloneRange, b: CloneRange, tokens = 60): ClonePair => ({ tokens, lines: a.endLine - a.startLine + 1, a, b });

describe("groupClones", () => {
  it("keeps a lone pair as one group of two copies", () => {
    expect(groupClones([pair(range("a.ts", 5, 15), range("b.ts", 9, 19))])).toEqual([
      { tokens: 60, lines: 11, copies: [range("a.ts", 5, 15), range("b.ts", 9, 19)] },
    ]);
  });

  it("joins the pairs of code that appears three times into one group of three copies", () => {
    const groups = groupClones([
      pair(range("a.ts", 5, 15), range("b.ts", 9, 19), 103),
      pair(range("a.ts", 5, 15), range("c.ts", 10, 20), 103),
      // jscpd's second pass may add the pair of the two later copies, with slightly other bounds.
      pair(range("b.ts", 8, 19), range("c.ts", 9, 20), 110),
    ]);
    expect(groups).toEqual([{ tokens: 110, lines: 12, copies: [range("a.ts", 5, 15), range("b.ts", 8, 19), range("c.ts", 9, 20)] }]);
  });

  it("keeps two copies in one file apart, and separate clones separate", () => {
    const groups = groupClones([pair(range("self.ts", 1, 11), range("self.ts", 13, 23)), pair(range("x.ts", 40, 50), range("y.ts", 1, 11))]);
    expect(groups.map((group) => group.copies)).toEqual([
      [range("self.ts", 1, 11), range("self.ts", 13, 23)],
      [range("x.ts", 40, 50), range("y.ts", 1, 11)],
    ]);
  });

  it("does not chain fragments of one file that only overlap, as in repetitive code", () => {
    // Half the lines shared: different code in a repetitive stretch (overload lists, test tables).
    const groups = groupClones([pair(range("a.ts", 1, 20), range("b.ts", 1, 20)), pair(range("a.ts", 11, 30), range("c.ts", 1, 20))]);
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
        // Copies never outnumber fragments, and a copy only spans lines jscpd reported: it starts
        // where one of its file's fragments starts and ends where one ends.
        const fragments = pairs.flatMap((p) => [p.a, p.b]);
        expect(groups.flatMap((group) => group.copies).length).toBeLessThanOrEqual(fragments.length);
        for (const copy of groups.flatMap((group) => group.copies)) {
          expect(fragments.some((f) => f.path === copy.path && f.startLine === copy.startLine)).toBe(true);
          expect(fragments.some((f) => f.path === copy.path && f.endLine === copy.endLine)).toBe(true);
        }
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
