import { describe, expect, it } from "vitest";
import { formatConfigErrors, parseConfig } from "../../src/config/index.js";

describe("formatConfigErrors", () => {
  it("lists each problem with its key path and line, in file order", () => {
    const result = parseConfig("noise:\n  skipLabel: ''\ntechDebt:\n  thresholds:\n    cognitive: high\n");
    if (result.ok) throw new Error("expected errors");

    expect(formatConfigErrors(result.errors)).toBe(
      [
        "**`.github/concord.yml` has 2 problems.**",
        "",
        "- `noise.skipLabel` (line 2): must not be empty",
        "- `techDebt.thresholds.cognitive` (line 5): expected a number, got text",
      ].join("\n"),
    );
  });

  it("names the file as a whole when there is no key", () => {
    expect(formatConfigErrors([{ path: "", line: 3, message: "bad indentation" }], "concord.yml")).toBe(
      "**`concord.yml` has 1 problem.**\n\n- The file (line 3): bad indentation",
    );
  });

  it("keeps text from the file inert: no mentions, no markup, no broken code spans, one line each", () => {
    const text = formatConfigErrors([{ path: "a`b\nc", message: "@org/team **APPROVED** [x](http://e) <img>\nnext" }]);

    expect(text).not.toMatch(/@org/);
    expect(text).toContain("\\*\\*APPROVED\\*\\*");
    expect(text).toContain("\\<img\\>");
    expect(text).toContain("`a b c`");
    expect(text.split("\n")).toHaveLength(3);
  });

  it("caps a long list", () => {
    const errors = Array.from({ length: 120 }, (_, index) => ({ path: `k${index}`, message: "unknown key" }));

    const text = formatConfigErrors(errors);

    expect(text.split("\n").filter((line) => line.startsWith("- `"))).toHaveLength(50);
    expect(text).toContain("…and 70 more");
  });
});
