import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { parseConfig, type ConfigError } from "../../src/config/index.js";

// The loader reads a file anyone with write access (or a PR, for the config check) controls: whatever
// it holds, the answer is a config or a list of sentences naming where the problem is — never a throw,
// never the validator's JSON, never a stalled event loop.

function errorsOf(yaml: string): ConfigError[] {
  const result = parseConfig(yaml);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
}

/** What every answer must look like, whatever the input. */
function expectClearAnswer(yaml: string): void {
  const started = performance.now();
  const result = parseConfig(yaml);
  expect(performance.now() - started).toBeLessThan(3000);
  if (result.ok) return;
  expect(result.errors.length).toBeGreaterThan(0);
  for (const error of result.errors) {
    expect(error.message.trim().length).toBeGreaterThan(0);
    // zod's default messages ("Invalid option: expected one of …") are not written for maintainers.
    expect(error.message).not.toMatch(/"code"|"path"|^\s*[[{]|Maximum call stack|Too (big|small):|Invalid (input|option)/);
    expect(error.path === "" || /^[A-Za-z_[]/.test(error.path)).toBe(true);
  }
}

describe("parseConfig against hostile files", () => {
  const deep = 10_000;
  it.each([
    ["a flow mapping nested 10,000 deep", `techDebt: ${"{a: ".repeat(deep)}1${"}".repeat(deep)}`],
    ["a flow list nested 10,000 deep", `techDebt:\n  ignore: ${"[".repeat(deep)}${"]".repeat(deep)}`],
    ["a block list nested 10,000 deep on one line", `${"- ".repeat(deep)}x`],
    ["a flow list nested 40 deep", `techDebt: ${"[".repeat(40)}${"]".repeat(40)}`],
  ])("refuses %s, naming the depth limit", (_what, yaml) => {
    expect(errorsOf(yaml)).toEqual([{ path: "", line: expect.any(Number), message: "nests lists or mappings more than 32 levels deep" }]);
  });

  it("refuses a billion-laughs file quickly", () => {
    const levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (let i = 1; i < 9; i++) levels.push(`${"abcdefghi"[i]}: &${"abcdefghi"[i]} [${Array(9).fill(`*${"abcdefghi"[i - 1]}`).join(", ")}]`);
    const started = performance.now();

    expect(errorsOf(levels.join("\n"))).toEqual([{ path: "", message: expect.stringMatching(/aliases expand too far \(more than 64\)/) }]);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it.each([
    ["!!js/function 'function () { return 1 }'", "!!js/function"],
    ["!foo bar", "!foo"],
    ["!!binary aGVsbG8=", "!!binary"],
    ["!!set {a, b}", "!!set"],
    ["!!omap [a: 1]", "!!omap"],
    ["!!timestamp 2001-12-14", "!!timestamp"],
    ["!<tag:example.com,2000:app/x> y", "tag:example.com,2000:app/x"],
  ])("refuses the tag in `techDebt: %s`", (value, tag) => {
    expect(errorsOf(`techDebt: ${value}\n`)).toEqual([{ path: "", line: 1, message: `custom YAML tags are not allowed (${tag})` }]);
  });

  it("names an alias that no anchor defines", () => {
    expect(errorsOf("techDebt:\n  ignore: [*generated]\n")).toEqual([{ path: "", message: "uses the alias *generated, but no anchor &generated comes before it" }]);
  });

  it.each([
    ["a list", "? [a, b]\n: 1\n"],
    ["a mapping", "? {a: 1}\n: 1\n"],
    ["an alias", "techDebt: &t {}\n? *t\n: 1\n"],
  ])("refuses %s used as a key", (_what, yaml) => {
    expect(errorsOf(yaml)[0]?.message).toBe("uses a list, a mapping or an alias as a key; keys must be plain text");
  });

  it("names the key and the limit of a huge string", () => {
    expect(errorsOf(`techDebt:\n  ignore: ['${"a".repeat(60_000)}']\n`)).toEqual([{ path: "techDebt.ignore[0]", line: 2, message: "is longer than 256 characters" }]);
  });

  it("names the allowed roles for a role no one has", () => {
    expect(errorsOf("commands:\n  roles:\n    debt: boss\n")).toEqual([{ path: "commands.roles.debt", line: 3, message: "must be one of read, triage, write, maintain, admin" }]);
  });

  it("names every key of the wrong type", () => {
    const errors = errorsOf("techDebt:\n  thresholds: [1, 2]\n  ignore: {a: 1}\nnoise: 3\nincident:\n  onCall: 5\n");

    expect(errors.map((error) => `${error.path}: ${error.message}`)).toEqual([
      "techDebt.thresholds: expected a mapping of keys, got a list",
      "techDebt.ignore: expected a list, got a mapping of keys",
      "incident.onCall: expected a list, got a number",
      "noise: expected a mapping of keys, got a number",
    ]);
  });
});

describe("parseConfig (property)", () => {
  const key = fc.constantFrom("techDebt", "thresholds", "cognitive", "ignore", "testFiles", "tests", "gate", "failOn", "commands", "roles", "debt", "help", "incident", "onCall", "labels", "noise", "skipLabel", "<<", "__proto__", "constructor", "x");
  const scalar = fc.oneof(
    fc.constantFrom("1", "-1", "2.5", ".inf", ".nan", "1e400", "~", "null", "true", "yes", "''", '""', "'../x'", "'%2e%2e/x'", "'(a+)+$'", "'*(*(a))'", "src/**", "write", "owner", "boss", "separate"),
    fc.constantFrom("!!js/function 'f'", "!foo x", "!!binary aGk=", "!!str 1", "!!int 3", "*nope", "&anchor 1", "*anchor"),
    fc.string({ maxLength: 20 }).map((text) => JSON.stringify(text)),
    fc.integer({ min: 1, max: 5000 }).map((length) => `'${"x".repeat(length)}'`),
  );
  const value = fc.letrec<{ value: string; list: string; map: string }>((tie) => ({
    value: fc.oneof({ depthSize: "small", withCrossShrink: true }, scalar, tie("list"), tie("map")),
    list: fc.array(tie("value"), { maxLength: 4 }).map((items) => `[${items.join(", ")}]`),
    map: fc.array(fc.tuple(key, tie("value")), { maxLength: 4 }).map((pairs) => `{${pairs.map(([k, v]) => `${k}: ${v}`).join(", ")}}`),
  })).value;
  const file = fc.array(fc.tuple(key, value), { maxLength: 6 }).map((pairs) => pairs.map(([k, v]) => `${k}: ${v}`).join("\n"));

  it("answers hostile YAML with a config or sentences, never a throw", () => {
    fc.assert(fc.property(file, (yaml) => expectClearAnswer(yaml)), { seed: 9009, numRuns: 600 });
  });

  it("answers random text the same way", () => {
    const noise = fc.oneof(fc.string({ maxLength: 300 }), fc.array(fc.constantFrom("techDebt:", "  ignore:", "  - ", "[", "{", "&a ", "*a", "!!", "? ", ": ", "\t", "---", "'", '"', "#", "\n"), { maxLength: 60 }).map((parts) => parts.join("")));
    fc.assert(fc.property(noise, (yaml) => expectClearAnswer(yaml)), { seed: 9010, numRuns: 600 });
  });

  it("answers any JSON-like value written as YAML, naming keys for wrong types", () => {
    fc.assert(
      fc.property(fc.dictionary(key, fc.jsonValue({ maxDepth: 4 }), { maxKeys: 5 }), (input) => {
        expectClearAnswer(stringify(input));
      }),
      { seed: 9011, numRuns: 400 },
    );
  });
});
