import { describe, expect, it } from "vitest";
import { markdownTable } from "../../src/render/markdown-table.js";

describe("markdownTable", () => {
  it("renders headers, rule and rows", () => {
    expect(markdownTable(["File", "Count"], [["a.ts", 3], ["b.ts", 10]], { align: ["left", "right"] })).toBe(
      ["| File | Count |", "| :--- | ---: |", "| a.ts | 3 |", "| b.ts | 10 |"].join("\n"),
    );
  });

  it("escapes text cells and headers", () => {
    expect(markdownTable(["a|b"], [["x*y*\nz"]])).toBe(["| a&#124;b |", "| --- |", "| x&#42;y&#42; z |"].join("\n"));
  });

  it("shows code cells as <code> so a pipe inside cannot split the row", () => {
    expect(markdownTable(["Code"], [[{ code: "a | b <i>" }]])).toBe(["| Code |", "| --- |", "| <code>a &#124; b &#60;i&#62;</code> |"].join("\n"));
  });

  it("keeps trusted markdown on one line with its pipes escaped", () => {
    expect(markdownTable(["Link"], [[{ markdown: "[run](https://x/1)\n| x" }]])).toBe(["| Link |", "| --- |", "| [run](https://x/1) \\| x |"].join("\n"));
  });

  it("pads short rows and refuses long ones", () => {
    expect(markdownTable(["A", "B"], [["1"]])).toBe(["| A | B |", "| --- | --- |", "| 1 |  |"].join("\n"));
    expect(() => markdownTable(["A"], [["1", "2"]])).toThrow(RangeError);
    expect(() => markdownTable([], [])).toThrow(RangeError);
  });
});
