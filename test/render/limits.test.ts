import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CHECK_TEXT_BUDGET,
  CHECK_TEXT_LIMIT,
  COMMENT_BUDGET,
  COMMENT_LIMIT,
  clipText,
  clipUtf8,
  fitCheckText,
  fitComment,
  fitMarkdown,
} from "../../src/render/limits.js";
import { openBlocksAtEnd } from "./open-blocks.js";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NOTE = /\n\n… truncated: (\d+) more characters \(see the check run \/ full report\)$/;

const reportLine = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 80 }) },
  { weight: 2, arbitrary: fc.constantFrom("```", "```ts", "````", "~~~", "~~~~ yaml", "  ```", "```` ", "``` `not a fence`", "> ```", "    ```") },
  { weight: 1, arbitrary: fc.constantFrom("<details>", "<details><summary>More</summary>", "</details>", "<DETAILS open>") },
  { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 100, maxLength: 1500 }) },
);
const report = fc.array(reportLine, { maxLength: 120 }).map((lines) => lines.join("\n"));

function expectWellFormedCut(input: string, output: string, budget: number): void {
  expect(output.length).toBeLessThanOrEqual(budget);
  const note = NOTE.exec(output);
  expect(note).not.toBeNull();
  const dropped = Number(note![1]);
  const kept = input.slice(0, input.length - dropped);
  expect(output.startsWith(kept)).toBe(true);
  expect(LONE_SURROGATE.test(output)).toBe(false);
  const state = openBlocksAtEnd(output);
  expect(state.inFence).toBe(false);
  expect(state.openDetails).toBe(0);
}

describe("fitMarkdown", () => {
  it("returns text within the budget unchanged", () => {
    fc.assert(
      fc.property(report, fc.integer({ min: 150, max: 5000 }), (text, extra) => {
        const budget = text.length + (extra % 3 === 0 ? 0 : extra);
        expect(fitMarkdown(text, { budget })).toBe(text);
      }),
    );
  });

  it("for any report, fits the budget, keeps a prefix, and ends outside every fence and <details>", () => {
    fc.assert(
      fc.property(report, fc.integer({ min: 150, max: 3000 }), (text, budget) => {
        fc.pre(text.length > budget);
        const output = fitMarkdown(text, { budget });
        expectWellFormedCut(text, output, budget);
      }),
      { numRuns: 300 },
    );
  });

  it("closes a fence with the same fence it was opened with", () => {
    const text = ["intro", "~~~~ js", ...Array.from({ length: 50 }, (_v, i) => `line ${i} \`\`\``)].join("\n");
    const output = fitMarkdown(text, { budget: 200 });
    expect(output).toMatch(/\n~~~~\n\n… truncated/);
    expectWellFormedCut(text, output, 200);
  });

  it("closes a fence inside a block quote or list item where it was opened", () => {
    const quoted = ["> ```", ...Array.from({ length: 40 }, (_v, i) => `> code ${i}`)].join("\n");
    expect(fitMarkdown(quoted, { budget: 200 })).toMatch(/\n> ```\n\n… truncated/);
    const listed = ["- item", "  ```", ...Array.from({ length: 40 }, (_v, i) => `  code ${i}`)].join("\n");
    expect(fitMarkdown(listed, { budget: 200 })).toMatch(/\n {2}```\n\n… truncated/);
  });

  it("closes nested <details> and the fence inside them", () => {
    const text = ["<details><summary>A</summary>", "", "<details>", "```", ...Array(60).fill("x".repeat(20))].join("\n");
    const output = fitMarkdown(text, { budget: 300 });
    expect(output).toMatch(/\n```\n<\/details>\n<\/details>\n\n… truncated: \d+ more/);
  });

  it("cuts inside an over-long line without splitting a surrogate pair", () => {
    const text = "😀".repeat(50_000);
    for (const budget of [150, 151, 152, 1001]) {
      const output = fitMarkdown(text, { budget });
      expectWellFormedCut(text, output, budget);
      expect(output.startsWith("😀")).toBe(true);
    }
  });

  it("uses the caller's pointer to the full output", () => {
    expect(fitMarkdown("a\n".repeat(500), { budget: 200, seeAlso: "full list in the check run" })).toMatch(
      /… truncated: \d+ more characters \(full list in the check run\)$/,
    );
  });

  it("refuses a budget too small for its own note", () => {
    expect(() => fitMarkdown("x".repeat(100), { budget: 10 })).toThrow(RangeError);
  });
});

describe("fitComment / fitCheckText", () => {
  const hugeReport = fc
    .array(reportLine, { minLength: 5, maxLength: 40 })
    .map((lines) => {
      const chunk = lines.join("\n");
      return `## Report\n${chunk.repeat(Math.ceil(70_000 / Math.max(1, chunk.length)) + 1)}`;
    });

  it("keeps huge reports under GitHub's limits and outside code fences", () => {
    fc.assert(
      fc.property(hugeReport, (text) => {
        fc.pre(text.length > CHECK_TEXT_BUDGET);
        const comment = fitComment(text);
        expect(comment.length).toBeLessThanOrEqual(COMMENT_LIMIT);
        expectWellFormedCut(text, comment, COMMENT_BUDGET);
        const check = fitCheckText(text);
        expect(check.length).toBeLessThanOrEqual(CHECK_TEXT_LIMIT);
        expectWellFormedCut(text, check, CHECK_TEXT_BUDGET);
      }),
      { numRuns: 25 },
    );
  });

  it("leaves text that fits alone", () => {
    const text = "```\nunclosed but short";
    expect(fitComment(text)).toBe(text);
    expect(fitCheckText(text)).toBe(text);
    const exact = "y".repeat(COMMENT_BUDGET);
    expect(fitComment(exact)).toBe(exact);
    expect(fitComment(`${exact}y`)).not.toBe(`${exact}y`);
  });
});

describe("clipText / clipUtf8", () => {
  it("clips to the limit with an ellipsis and never splits a surrogate pair", () => {
    expect(clipText("abcdef", 4)).toBe("abc…");
    expect(clipText("abc", 4)).toBe("abc");
    expect(clipText("a😀b", 3)).toBe("a…");
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.integer({ min: 1, max: 40 }), (text, max) => {
        const out = clipText(text, max);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(LONE_SURROGATE.test(out)).toBe(false);
      }),
    );
  });

  it("clips by UTF-8 bytes", () => {
    expect(clipUtf8("ééé", 5)).toBe("é…");
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.integer({ min: 3, max: 60 }), (text, max) => {
        const out = clipUtf8(text, max);
        expect(Buffer.byteLength(out, "utf8")).toBeLessThanOrEqual(max);
        if (Buffer.byteLength(text, "utf8") <= max) expect(out).toBe(text);
      }),
    );
  });
});
