import { ts } from "ts-morph";
import { describe, expect, it } from "vitest";
import { analyzeFunctions } from "../../src/agents/specialized/tech-debt/analysis/analyze-functions.js";
import type { FunctionMetrics } from "../../src/agents/specialized/tech-debt/analysis/function-metrics.js";
import { parseSource, scriptKindFor } from "../../src/agents/specialized/tech-debt/analysis/parse-source.js";

function analyze(text: string, path = "sample.ts"): FunctionMetrics[] {
  return analyzeFunctions(parseSource(path, text));
}

function only(text: string, path?: string): FunctionMetrics {
  const units = analyze(text, path);
  expect(units).toHaveLength(1);
  return units[0]!;
}

function named(units: FunctionMetrics[], name: string, kind?: FunctionMetrics["kind"]): FunctionMetrics {
  const found = units.find((unit) => unit.name === name && (kind === undefined || unit.kind === kind));
  if (found === undefined) throw new Error(`no unit ${name} in ${JSON.stringify(units.map((unit) => unit.name))}`);
  return found;
}

describe("analyzeFunctions: hand-computed metrics", () => {
  it("counts a function with branches, loops, defaults and an else-if chain", () => {
    const unit = only(
      [
        "function grade(a, b = 1) {", //                              default +1
        "  if (a && b) {", //                                         if +1, && +1   | cognitive if +1, && +1
        "    for (const x of a) {", //                                for +1         | +2 (nesting 1)
        "      if (x) continue;", //                                  if +1          | +3 (nesting 2)
        "    }",
        "  } else if (b) {", //                                       if +1          | else-if +1
        "    return a ? 1 : 2;", //                                   ?: +1          | +2 (nesting 1)
        "  } else {", //                                                              | else +1
        "    return 0;",
        "  }",
        "}",
      ].join("\n"),
    );
    expect(unit).toEqual({
      name: "grade",
      kind: "function",
      line: 1,
      column: 1,
      endLine: 11,
      cyclomatic: 8,
      cognitive: 11,
      params: 2,
      loc: 11,
      maxNesting: 3,
    });
  });

  it("counts optional chaining, logical assignment and nullish coalescing for cyclomatic only", () => {
    const unit = only("const read = (o) => { o.x ??= o?.y?.z; return o?.w || o.v; };");
    // 1 + ??= + three ?. + || ; sonarjs counts none of these.
    expect(unit).toMatchObject({ name: "read", kind: "arrow", cyclomatic: 6, cognitive: 0, params: 1 });
  });

  it("counts a run of the same boolean operator once and a switch by its cases", () => {
    const unit = only(
      "function f(a, b, c, d, k) { switch (k) { case 1: return a && b && c; case 2: return a && b || c && d; default: return a || b; } }",
    );
    // cyclomatic: 1 + case 1 + case 2 + && && + && || && + || = 9
    // cognitive: switch +1, first && run +1, second tree: && +1, && after || +1 = 4
    expect(unit).toMatchObject({ cyclomatic: 9, cognitive: 4, maxNesting: 1 });
  });

  it("adds one per labelled jump and nothing for plain break/continue", () => {
    const unit = only("function f(m) { outer: for (const r of m) { for (const c of r) { if (c) continue outer; break; } } }");
    // for +1, for +2, if +3, continue outer +1
    expect(unit.cognitive).toBe(7);
    expect(unit.cyclomatic).toBe(4);
    expect(unit.maxNesting).toBe(3);
  });

  it("keeps nested functions out of their parent's numbers", () => {
    const units = analyze("function outer(list) { return list.map((x) => (x ? 1 : 2)); }");
    expect(named(units, "outer")).toMatchObject({ cyclomatic: 1, cognitive: 0 });
    expect(named(units, "<anonymous>", "arrow")).toMatchObject({ cyclomatic: 2, cognitive: 1, params: 1 });
  });

  it("raises the parent's nesting for good after a function used as a ?: branch, as sonarjs does", () => {
    const unit = analyze("function q(c) { const f = c ? () => 1 : null; if (c) { return f; } }")[0]!;
    // ?: +1 at nesting 0; the arrow branch leaves the parent one level deeper, so the if is +2.
    expect(unit.cognitive).toBe(3);
  });

  it("measures class field initializers and static blocks as units of their own", () => {
    const units = analyze(
      [
        "class A {",
        "  x = this.y || 1;",
        "  accessor z = this.y ?? 2;",
        "  static {",
        "    if (A.w) {",
        "      A.w = 0;",
        "    }",
        "  }",
        "}",
      ].join("\n"),
    );
    // `accessor` fields are not a code path of their own in ESLint: no unit for z.
    expect(units.map((unit) => unit.kind)).toEqual(["class-field-initializer", "class-static-block"]);
    expect(units[0]).toMatchObject({ name: "x", line: 2, column: 3, cyclomatic: 2, cognitive: 0 });
    expect(units[1]).toMatchObject({ name: "static", line: 4, column: 3, endLine: 8, cyclomatic: 2, cognitive: 1, maxNesting: 1, loc: 5 });
  });

  it("credits a static block's points to the enclosing function too, at that function's nesting", () => {
    const units = analyze("function make(f) { if (f) { return class { static { if (f) {} } }; } }");
    // make: if +1, then the static block's if at nesting 1: +2. The block alone: +1.
    expect(named(units, "make").cognitive).toBe(3);
    expect(named(units, "static").cognitive).toBe(1);
    expect(named(units, "make").cyclomatic).toBe(2);
  });

  it("counts default values in destructuring assignments but not plain assignments", () => {
    const unit = only("function f(s) { let a, b; [a = 1, { b = 2 }] = s; a = b; ({ a: b = 3 } = s); return a; }");
    expect(unit.cyclomatic).toBe(4);
  });

  it("ignores a same-operator logical tree inside a JSX expression container", () => {
    const units = analyze("export const C = ({ a, b }) => <div>{a && b && <span />}{a && (b ? <i /> : null)}</div>;", "c.tsx");
    // First container: skipped entirely. Second holds a ?: operand, so it counts: && +1, ?: +1.
    expect(units[0]).toMatchObject({ name: "C", cyclomatic: 5, cognitive: 2 });
  });
});

describe("analyzeFunctions: names and positions", () => {
  it("starts members at their first modifier, after decorators", () => {
    const units = analyze(
      ["class K {", "  @dec()", "  @other", "  public static async run(this: K, a: number) {", "    return a;", "  }", "}"].join("\n"),
    );
    expect(units[0]).toMatchObject({ name: "run", kind: "method", line: 4, column: 3, endLine: 6, params: 1, loc: 3 });
  });

  it("starts functions after export/default and arrows at async", () => {
    const units = analyze("export default async function () {}\nexport const go = async (x) => x;\n");
    expect(units[0]).toMatchObject({ name: "<anonymous>", kind: "function", line: 1, column: 16 });
    expect(units[1]).toMatchObject({ name: "go", kind: "arrow", line: 2, column: 19 });
  });

  it("names units from their surroundings", () => {
    const units = analyze(
      [
        "const o = { m() {}, get g() { return 1; }, set g(v) {}, p: () => 1, [k]: function () {} };",
        "exports.handler = function () {};",
        "class C { constructor() {} #priv() {} 'quoted'() {} }",
        "call(() => 0);",
      ].join("\n"),
    );
    expect(units.map((unit) => `${unit.kind}:${unit.name}`)).toEqual([
      "method:m",
      "getter:g",
      "setter:g",
      "arrow:p",
      "function:[k]",
      "function:handler",
      "constructor:constructor",
      "method:#priv",
      "method:quoted",
      "arrow:<anonymous>",
    ]);
  });

  it("skips bodiless signatures: overloads, abstract methods, ambient declarations", () => {
    const units = analyze(
      [
        "declare function d(): void;",
        "function o(a: string): void;",
        "function o(a: unknown) {}",
        "abstract class A { abstract m(): void; n(): void; n() {} }",
        "interface I { f(): void }",
      ].join("\n"),
    );
    expect(units.map((unit) => `${unit.line}:${unit.name}`)).toEqual(["3:o", "4:n"]);
  });
});

describe("analyzeFunctions: lines of code", () => {
  it("leaves out blank and comment-only lines but keeps lines of multi-line literals", () => {
    const unit = only(
      [
        "function f() {", // code
        "  // comment", //
        "", //
        "  /* block", //
        "     still comment */", //
        "  const s = `a", // code
        "", // blank inside the template: blank, as ESLint counts it
        "  // inside a template", // code
        "  ${1}`;", // code
        "  const r = /\\/\\//; // regex holding slashes", // code
        "  return s; /* trailing", // code
        "  */", //
        "}", // code
      ].join("\n"),
      "f.js",
    );
    expect(unit.loc).toBe(7);
    expect(unit.endLine).toBe(13);
  });

  it("does not read JSX text as a comment", () => {
    const unit = only("const C = () => (\n  <p>\n    // shown to the user\n  </p>\n);", "c.jsx");
    expect(unit.loc).toBe(5);
  });
});

describe("parseSource", () => {
  it("picks the script kind from the extension", () => {
    expect(
      ["a.ts", "a.mts", "a.cts", "a.tsx", "a.js", "a.mjs", "a.cjs", "a.jsx", "A.TSX"].map((path) => scriptKindFor(path)),
    ).toEqual([
      ts.ScriptKind.TS,
      ts.ScriptKind.TS,
      ts.ScriptKind.TS,
      ts.ScriptKind.TSX,
      ts.ScriptKind.JS,
      ts.ScriptKind.JS,
      ts.ScriptKind.JS,
      ts.ScriptKind.JSX,
      ts.ScriptKind.TSX,
    ]);
  });

  it("parses a type assertion in .ts and JSX in .tsx", () => {
    expect(only("const f = () => <number>g();", "a.ts").cyclomatic).toBe(1);
    expect(only("const f = () => <b>{x && y}</b>;", "a.tsx").cyclomatic).toBe(2);
  });
});
