import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { Linter, type Rule } from "eslint";
import { builtinRules } from "eslint/use-at-your-own-risk";
import sonarjs from "eslint-plugin-sonarjs";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";
import { analyzeFunctions } from "../../src/agents/specialized/tech-debt/analysis/analyze-functions.js";
import type { FunctionMetrics } from "../../src/agents/specialized/tech-debt/analysis/function-metrics.js";
import { parseSource } from "../../src/agents/specialized/tech-debt/analysis/parse-source.js";

/*
 * Differential test: the rules reviewers already trust, run through ESLint itself, must give
 * every unit the same numbers as Concord's single walk.
 *   cyclomatic  <- core `complexity` (threshold 0: every code path is reported)
 *   cognitive   <- eslint-plugin-sonarjs `cognitive-complexity` (threshold 0: all > 0 reported)
 *   maxNesting  <- core `max-depth` (threshold 0: every control statement reports its depth)
 *   params      <- core `max-params` ({ max: 0, countThis: "never" })
 *   loc         <- core `max-lines-per-function` (skipComments, skipBlankLines, IIFEs)
 * Each rule is wrapped so that its reports carry the AST node they are about; reports are
 * matched to units by the unit's start, derived from that node.
 */

const ROOT = join(import.meta.dirname, "../..");
const FIXTURES = join(ROOT, "test/fixtures/complexity");

type Metric = "cyclomatic" | "cognitive" | "maxNesting" | "params" | "loc";
const PSEUDO = new Set(["class-field-initializer", "class-static-block"]);

interface Probe {
  metric: Metric;
  node: any;
  data: Record<string, unknown>;
}

function probe(rule: Rule.RuleModule, metric: Metric, sink: Probe[]): Rule.RuleModule {
  return {
    meta: { ...rule.meta, schema: false, defaultOptions: [] },
    create(context) {
      // sonarjs reports a location, not a node: remember which function it is leaving.
      let leaving: unknown;
      const report = (descriptor: any): void => {
        sink.push({ metric, node: descriptor.node ?? leaving, data: descriptor.data ?? {} });
      };
      const listeners: Record<string, any> = rule.create(Object.create(context, { report: { value: report } }));
      const original = listeners[":function:exit"];
      if (original === undefined) return listeners;
      return {
        ...listeners,
        ":function:exit"(node: unknown) {
          leaving = node;
          original(node);
        },
      };
    },
  };
}

function builtin(name: string): Rule.RuleModule {
  const rule = builtinRules.get(name);
  if (rule === undefined) throw new Error(`no ESLint rule ${name}`);
  return rule;
}

const sink: Probe[] = [];
const probes = {
  complexity: probe(builtin("complexity"), "cyclomatic", sink),
  cognitive: probe(sonarjs.rules["cognitive-complexity"], "cognitive", sink),
  depth: probe(builtin("max-depth"), "maxNesting", sink),
  params: probe(builtin("max-params"), "params", sink),
  lines: probe(builtin("max-lines-per-function"), "loc", sink),
};

const linter = new Linter({ configType: "flat" });
const rules: Linter.RulesRecord = {
  "probe/complexity": ["error", 0],
  "probe/cognitive": ["error", 0],
  "probe/depth": ["error", 0],
  "probe/params": ["error", { max: 0, countThis: "never" }],
  "probe/lines": ["error", { max: 0, skipComments: true, skipBlankLines: true, IIFEs: true }],
};

function configFor(path: string, sourceType: "module" | "commonjs" | "script"): Linter.Config[] {
  const typescript = /\.[cm]?tsx?$/.test(path);
  return [
    {
      // `**/*` alone does not make ESLint lint a .ts file; name the extensions.
      files: ["**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}"],
      plugins: { probe: { rules: probes } },
      languageOptions: {
        ecmaVersion: "latest",
        sourceType,
        parserOptions: { ecmaFeatures: { jsx: path.endsWith("x") } },
        ...(typescript ? { parser: tseslint.parser } : {}),
      },
      rules,
    },
  ];
}

interface Expected {
  units: Map<string, Partial<Record<Metric, number>>>;
  /** Decorated members, whose decorator lines max-lines-per-function counts and Concord does not. */
  decorated: Set<string>;
}

/** Lints `text` and returns, per unit key, what the trusted rules say. */
function eslintMetrics(path: string, text: string): Expected {
  // ESLint ignores node_modules/**: lint under a bare file name instead.
  const filename = basename(path).replace(/\.txt$/, "");
  for (const sourceType of ["module", "commonjs", "script"] as const) {
    sink.length = 0;
    const messages = linter.verify(text, configFor(filename, sourceType), { filename });
    const fatal = messages.find((message) => message.fatal === true);
    if (fatal === undefined) return collect(linter.getSourceCode());
    if (sourceType === "script") throw new Error(`${path}: ${fatal.message}`);
  }
  throw new Error("unreachable");
}

function collect(sourceCode: any): Expected {
  const units = new Map<string, Partial<Record<Metric, number>>>();
  const decorated = new Set<string>();
  const keyAt = (offset: number, group: string): string => {
    const { line, column } = sourceCode.getLocFromIndex(offset);
    return `${line}:${column + 1}:${group}`;
  };
  const memberStart = (member: any): number => {
    const decorators: any[] = member.decorators ?? [];
    const last = decorators[decorators.length - 1];
    return last === undefined ? member.range[0] : sourceCode.getTokenAfter(last).range[0];
  };
  const functionKey = (fn: any): string => {
    const parent = fn.parent;
    const embedded =
      parent.type === "MethodDefinition" ||
      (parent.type === "Property" && parent.value === fn && (parent.method || parent.kind !== "init"));
    return keyAt(embedded ? memberStart(parent) : fn.range[0], "fn");
  };
  const isFunction = (node: any): boolean =>
    node.type === "FunctionDeclaration" || node.type === "FunctionExpression" || node.type === "ArrowFunctionExpression";
  const record = (key: string, metric: Metric, value: number, combine = false): void => {
    const entry = units.get(key) ?? {};
    entry[metric] = combine ? Math.max(entry[metric] ?? 0, value) : value;
    units.set(key, entry);
  };

  for (const { metric, node, data } of sink) {
    switch (metric) {
      case "cyclomatic":
        if (data.name === "Class field initializer") {
          const key = keyAt(memberStart(node.parent), "class-field-initializer");
          record(key, metric, Number(data.complexity));
        } else if (data.name === "Class static block") {
          const key = keyAt(node.range[0], "class-static-block");
          record(key, metric, Number(data.complexity));
        } else {
          record(functionKey(node), metric, Number(data.complexity));
        }
        break;
      case "cognitive":
        record(functionKey(node), metric, Number(data.complexityAmount));
        break;
      case "maxNesting": {
        let owner = node.parent;
        while (owner.type !== "Program" && owner.type !== "StaticBlock" && !isFunction(owner)) owner = owner.parent;
        if (owner.type === "Program") break;
        const key = owner.type === "StaticBlock" ? keyAt(owner.range[0], "class-static-block") : functionKey(owner);
        record(key, metric, Number(data.depth), true);
        break;
      }
      case "params":
        if (isFunction(node)) record(functionKey(node), metric, Number(data.count));
        break;
      case "loc": {
        // The rule reports methods and accessors on their MethodDefinition/Property node.
        const fn = isFunction(node) ? node : node.value;
        if (node !== fn && (node.decorators ?? []).length > 0) decorated.add(functionKey(fn));
        record(functionKey(fn), metric, Number(data.lineCount));
        break;
      }
    }
  }
  return { units, decorated };
}

function keyOf(unit: FunctionMetrics): string {
  return `${unit.line}:${unit.column}:${PSEUDO.has(unit.kind) ? unit.kind : "fn"}`;
}

interface Comparison {
  units: number;
  agreeing: number;
  mismatches: string[];
  /** Units on which a rule reported a non-zero value, per metric: proof each rule was consulted. */
  exercised: Record<Metric, number>;
}

function compare(path: string, text: string): Comparison {
  const expected = eslintMetrics(path, text);
  const actual = analyzeFunctions(parseSource(path.replace(/\.txt$/, ""), text));
  const mismatches: string[] = [];
  const seen = new Set<string>();
  const exercised: Record<Metric, number> = { cyclomatic: 0, cognitive: 0, maxNesting: 0, params: 0, loc: 0 };
  let agreeing = 0;
  for (const unit of actual) {
    const key = keyOf(unit);
    if (seen.has(key)) mismatches.push(`${path} ${key} reported twice by Concord`);
    seen.add(key);
    const trusted = expected.units.get(key);
    if (trusted?.cyclomatic === undefined) {
      mismatches.push(`${path} ${key} ${unit.kind} ${unit.name}: ESLint has no code path here`);
      continue;
    }
    const pseudo = PSEUDO.has(unit.kind);
    const want: Partial<Record<Metric, number>> = {
      cyclomatic: trusted.cyclomatic,
      maxNesting: trusted.maxNesting ?? 0,
      // sonarjs does not treat field initializers and static blocks as functions, and
      // max-params / max-lines-per-function look at functions only.
      ...(pseudo ? {} : { cognitive: trusted.cognitive ?? 0, params: trusted.params ?? 0, loc: trusted.loc ?? 0 }),
    };
    if (expected.decorated.has(key)) delete want.loc;
    for (const [metric, value] of Object.entries(want)) if (value > 0) exercised[metric as Metric]++;
    const wrong = Object.entries(want).filter(([metric, value]) => unit[metric as Metric] !== value);
    if (wrong.length === 0) agreeing++;
    else {
      const detail = wrong.map(([metric, value]) => `${metric} ${unit[metric as Metric]} != ${value}`).join(", ");
      mismatches.push(`${path} ${key} ${unit.kind} ${unit.name}: ${detail}`);
    }
  }
  for (const [key, trusted] of expected.units) {
    if (!seen.has(key)) mismatches.push(`${path} ${key}: ESLint reports ${JSON.stringify(trusted)}, Concord has no unit`);
  }
  return { units: actual.length, agreeing, mismatches, exercised };
}

function listFiles(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path, pattern));
    else if (pattern.test(entry.name)) out.push(path);
  }
  return out;
}

/** Every `step`-th file of a sorted listing: deterministic, and spread over the package. */
function sample(dir: string, pattern: RegExp, step: number): string[] {
  return listFiles(join(ROOT, "node_modules", dir), pattern).filter((_, index) => index % step === 0);
}

const corpus = [
  ...sample("yaml/dist/compose", /\.js$/, 1),
  ...sample("yaml/dist/parse", /\.js$/, 1),
  ...sample("kysely/dist/esm/parser", /\.js$/, 3),
  ...sample("kysely/dist/esm/query-compiler", /\.js$/, 1),
  ...sample("kysely/dist/esm/query-builder", /\.js$/, 4),
  ...sample("zod/src/v4/core", /^(?!.*\.test\.)[a-z-]+\.ts$/, 1),
  ...sample("probot/lib", /\.js$/, 1),
  ...sample("picomatch/lib", /\.js$/, 1),
];

const fixtures = listFiles(FIXTURES, /\.txt$/);

describe("complexity engine against ESLint, sonarjs and ESLint's size rules", () => {
  it("agrees on every unit of the hand-written tricky cases", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(12);
    const results = fixtures.map((path) => compare(path, readFileSync(path, "utf8")));
    const units = results.reduce((sum, result) => sum + result.units, 0);
    const agreeing = results.reduce((sum, result) => sum + result.agreeing, 0);
    console.log(`fixtures: ${agreeing}/${units} units agree (${((100 * agreeing) / units).toFixed(1)}%)`);
    expect(units).toBeGreaterThan(90);
    expect(results.flatMap((result) => result.mismatches)).toEqual([]);
  });

  it("agrees on every unit of a real corpus of installed packages", () => {
    expect(corpus.filter((path) => path.endsWith(".ts")).length).toBeGreaterThanOrEqual(5);
    const results = corpus.map((path) => compare(path, readFileSync(path, "utf8")));
    const units = results.reduce((sum, result) => sum + result.units, 0);
    const agreeing = results.reduce((sum, result) => sum + result.agreeing, 0);
    console.log(
      `corpus: ${corpus.length} files, ${agreeing}/${units} units agree (${((100 * agreeing) / units).toFixed(1)}%)`,
    );
    expect(units).toBeGreaterThanOrEqual(300);
    for (const metric of ["cyclomatic", "cognitive", "maxNesting", "params", "loc"] as const) {
      expect(results.reduce((sum, result) => sum + result.exercised[metric], 0), metric).toBeGreaterThan(100);
    }
    expect(results.flatMap((result) => result.mismatches).slice(0, 30)).toEqual([]);
  });
});
