import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { derivedId } from "../../src/protocol/ids.js";

describe("derivedId", () => {
  it("is a valid UUID, the same for the same parts, and different for different parts", () => {
    const parts = fc.array(fc.string({ unit: "binary" }), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(parts, parts, (a, b) => {
        expect(z.uuid().safeParse(derivedId(...a)).success).toBe(true);
        expect(derivedId(...a)).toBe(derivedId(...a));
        if (JSON.stringify(a) !== JSON.stringify(b)) expect(derivedId(...a)).not.toBe(derivedId(...b));
      }),
    );
  });

  it("does not confuse how the parts are split", () => {
    expect(derivedId("ab", "c")).not.toBe(derivedId("a", "bc"));
  });
});
