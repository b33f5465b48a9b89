import { describe, expect, it } from "vitest";
import { analyzeFunctions } from "../../src/agents/specialized/tech-debt/analysis/analyze-functions.js";
import { parseSource, SourceTooDeepError } from "../../src/agents/specialized/tech-debt/analysis/parse-source.js";

describe("complexity engine on pathological input", () => {
  it("walks a 50,000-operand boolean chain without recursion", () => {
    // TypeScript parses binary chains in a loop, so this tree is 50,000 levels deep.
    const chain = Array.from({ length: 50_000 }, (_, i) => `a${i}`).join(" && ");
    const [unit] = analyzeFunctions(parseSource("chain.ts", `function f() { return ${chain}; }`));
    expect(unit).toMatchObject({ name: "f", cyclomatic: 50_000, cognitive: 1 });
  });

  it("walks deeply nested statements the parser can still handle", () => {
    const depth = 400;
    const text = `function f(a) {${"if (a) {".repeat(depth)}a();${"}".repeat(depth)}}`;
    const [unit] = analyzeFunctions(parseSource("deep.ts", text));
    expect(unit).toMatchObject({ cyclomatic: depth + 1, maxNesting: depth, cognitive: (depth * (depth + 1)) / 2 });
  });

  it("reports a file too deep for the parser as SourceTooDeepError and keeps working", () => {
    const text = `${"{".repeat(20_000)}${"}".repeat(20_000)}`;
    expect(() => parseSource("blocks.js", text)).toThrow(SourceTooDeepError);
    expect(analyzeFunctions(parseSource("after.js", "function ok(a) { return a ? 1 : 2; }"))[0]?.cyclomatic).toBe(2);
  });

  it("tolerates syntax errors", () => {
    const units = analyzeFunctions(parseSource("broken.ts", "function f(a) { if (a { return `x ${ } \nconst g = () => a ?"));
    expect(units.map((unit) => unit.name)).toContain("f");
  });
});
