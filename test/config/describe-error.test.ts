import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeError } from "../../src/config/describe-error.js";
import { ConcordConfig } from "../../src/config/index.js";
import { TechDebtConfig } from "../../src/config/tech-debt-schema.js";

const tooManyGlobs = () => TechDebtConfig.safeParse({ ignore: Array.from({ length: 101 }, (_, i) => `gen${i}/**`) }).error!;

describe("describeError", () => {
  it("turns a validation error into a sentence naming the key and the limit", () => {
    expect(describeError(tooManyGlobs())).toBe("ignore may hold at most 100 entries");
  });

  it("finds the validator's JSON inside a message that crossed a thread or the bus as text", () => {
    const carried = new Error(tooManyGlobs().message);
    const prefixed = new Error(`invalid task: ${tooManyGlobs().message}`);

    expect(describeError(carried)).toBe("ignore may hold at most 100 entries");
    expect(describeError(prefixed)).toBe("invalid task: ignore may hold at most 100 entries");
  });

  it("names nested keys, unknown keys and wrong types", () => {
    const error = ConcordConfig.safeParse({ techDebt: { thresholds: { cognitive: 5000 }, gate: "x", colour: 1 } }).error!;

    const text = describeError(error);

    expect(text).toContain("techDebt.thresholds.cognitive must be at most 1000");
    expect(text).toContain("techDebt has unknown key colour");
    expect(text).toMatch(/techDebt\.gate expected object, received string/);
  });

  it("keeps at most five sentences", () => {
    const error = z.array(z.number()).safeParse(["a", "b", "c", "d", "e", "f", "g"]).error!;

    expect(describeError(error)).toMatch(/^\[0\] expected number.*; and 2 more$/);
  });

  it("leaves other errors' words alone, brackets included", () => {
    expect(describeError(new Error("GitHub answered 500 to GET /repos/o/r/contents/[id].ts"))).toBe("GitHub answered 500 to GET /repos/o/r/contents/[id].ts");
    expect(describeError(new Error('not json: [{"a":1}]'))).toBe('not json: [{"a":1}]');
    expect(describeError("plain")).toBe("plain");
  });

  it("never shows the validator's JSON for any wrong config (property)", () => {
    const value = fc.oneof(fc.integer(), fc.string({ maxLength: 5 }), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }));
    const section = fc.constantFrom("techDebt", "commands", "incident", "migration", "conflicts", "noise");
    fc.assert(
      fc.property(fc.dictionary(section, fc.oneof(value, fc.dictionary(fc.string({ maxLength: 12 }), value, { maxKeys: 4 })), { maxKeys: 3 }), (input) => {
        const result = ConcordConfig.safeParse(input);
        if (result.success) return;
        for (const error of [result.error, new Error(result.error.message)]) {
          const text = describeError(error);
          expect(text).not.toMatch(/"code"|"path"|^\[/);
          expect(text.length).toBeGreaterThan(0);
        }
      }),
      { seed: 4242, numRuns: 500 },
    );
  });
});
