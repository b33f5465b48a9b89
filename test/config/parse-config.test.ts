import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, formatConfigErrors, MAX_CONFIG_BYTES, parseConfig, type ConfigError } from "../../src/config/index.js";

type Fixture = "valid" | "minimal" | "unknown-key" | "wrong-type" | "bad-yaml" | "evil" | "evil-tag" | "evil-paths";
const fixture = (name: Fixture) => readFileSync(new URL(`../fixtures/config/${name}.yml`, import.meta.url), "utf8");

function errorsOf(yaml: string): ConfigError[] {
  const result = parseConfig(yaml);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
}

describe("parseConfig: defaults", () => {
  it.each([
    ["an empty file", ""],
    ["only comments", "# nothing here yet\n"],
    ["an empty document", "---\n"],
    ["empty sections", "techDebt: {}\nnoise: {}\n"],
  ])("fills in every default for %s", (_what, yaml) => {
    expect(parseConfig(yaml)).toEqual({ ok: true, config: DEFAULT_CONFIG });
  });

  it("has the documented defaults", () => {
    expect(DEFAULT_CONFIG).toEqual({
      techDebt: {
        thresholds: { cognitive: 15, cyclomatic: 10, functionLines: 50, parameters: 4, nesting: 4, fileLines: 500, classMethods: 20 },
        duplication: { minTokens: 50, minLines: 5 },
        ignore: [],
        tests: "separate",
        testFiles: ["**/test/**", "**/tests/**", "**/__tests__/**", "**/*.test.*", "**/*.spec.*", "**/__mocks__/**", "**/fixtures/**"],
        gate: { failOn: ["critical", "high"] },
        reportIntervalMinutes: 60,
        todoIssues: false,
      },
      commands: { roles: {} },
      incident: { labels: ["incident"], onCall: [], autoDeploySev1: false, failuresBeforeIncident: 2 },
      migration: { maxParallelSteps: 3 },
      conflicts: { escalationThreshold: 0.7, autoResolve: true },
      noise: { skipDrafts: true, skipBotPullRequests: true, skipLabel: "concord:skip" },
    });
  });

  it("keeps defaults next to the one value a minimal file sets", () => {
    const result = parseConfig(fixture("minimal"));

    expect(result).toEqual({
      ok: true,
      config: { ...DEFAULT_CONFIG, techDebt: { ...DEFAULT_CONFIG.techDebt, thresholds: { ...DEFAULT_CONFIG.techDebt.thresholds, cognitive: 25 } } },
    });
  });
});

describe("parseConfig: fixtures", () => {
  it("reads every section of valid.yml, normalising globs and logins", () => {
    const result = parseConfig(fixture("valid"));

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.techDebt.thresholds.cognitive).toBe(20);
    expect(result.config.techDebt.ignore).toEqual(["src/generated/**", "vendor/**", "**/*.min.js"]);
    expect(result.config.techDebt.gate.failOn).toEqual(["critical"]);
    expect(result.config.commands.roles).toEqual({ debt: "triage", "debt ignore": "maintain", concord: "admin" });
    expect(result.config.incident.onCall).toEqual(["alice", "bob-smith"]);
    expect(result.config.conflicts).toEqual({ escalationThreshold: 0.8, autoResolve: false });
    expect(result.config.noise).toEqual({ skipDrafts: false, skipBotPullRequests: true, skipLabel: "no-bots" });
  });

  it("names the misspelt key in unknown-key.yml and suggests the right one", () => {
    expect(errorsOf(fixture("unknown-key"))).toEqual([
      { path: "techDebt.thresholds.cognitve", line: 4, message: expect.stringMatching(/^unknown key\. Did you mean "cognitive"\? Allowed here: cognitive,/) },
    ]);
  });

  it("names every wrongly typed key in wrong-type.yml", () => {
    expect(errorsOf(fixture("wrong-type"))).toEqual([
      { path: "techDebt.thresholds.cognitive", line: 3, message: "expected a number, got text" },
      { path: "conflicts.escalationThreshold", line: 5, message: "must be between 0 and 1" },
    ]);
  });

  it("gives the line of a YAML syntax error in bad-yaml.yml", () => {
    const [error, ...rest] = errorsOf(fixture("bad-yaml"));

    expect(rest).toEqual([]);
    expect(error).toMatchObject({ path: "", line: 4 });
  });

  it("refuses the alias bomb in evil.yml without expanding it", () => {
    const started = performance.now();

    expect(errorsOf(fixture("evil"))).toEqual([{ path: "", message: expect.stringMatching(/aliases expand too far/) }]);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("refuses the custom tag in evil-tag.yml instead of reading it as text", () => {
    expect(errorsOf(fixture("evil-tag"))).toEqual([{ path: "", line: 3, message: "custom YAML tags are not allowed (!!js/function)" }]);
  });

  it("refuses every path in evil-paths.yml that could leave the repository or stall matching", () => {
    const errors = errorsOf(fixture("evil-paths"));

    expect(errors.map((error) => error.path)).toEqual([0, 1, 2, 3, 4].map((index) => `techDebt.ignore[${index}]`));
    expect(errors.map((error) => error.line)).toEqual([3, 4, 5, 6, 7]);
  });
});

describe("parseConfig: broken configs name their key", () => {
  const table: [yaml: string, path: string, message: RegExp][] = [
    ["techDebt:\n  thresholds:\n    cognitive: 0\n", "techDebt.thresholds.cognitive", /at least 1/],
    ["techDebt:\n  thresholds:\n    cognitive: 2.5\n", "techDebt.thresholds.cognitive", /whole number, got a fraction/],
    ["techDebt:\n  thresholds:\n    nesting: .inf\n", "techDebt.thresholds.nesting", /infinite/],
    ["techDebt:\n  thresholds:\n    nesting: .nan\n", "techDebt.thresholds.nesting", /NaN/],
    ["techDebt:\n  thresholds: 15\n", "techDebt.thresholds", /expected a mapping of keys, got a number/],
    ["techDebt:\n", "techDebt", /got an empty value/],
    ["techDebt:\n  duplication:\n    minLines: many\n", "techDebt.duplication.minLines", /expected a number, got text/],
    ["techDebt:\n  ignore: src/**\n", "techDebt.ignore", /expected a list, got text/],
    ["techDebt:\n  ignore: ['a\\\\b']\n", "techDebt.ignore[0]", /backslash/],
    ["techDebt:\n  ignore: ['ok/**', '']\n", "techDebt.ignore[1]", /.+/],
    ["techDebt:\n  gate:\n    failOn: [blocker]\n", "techDebt.gate.failOn[0]", /one of critical, high, medium, low/],
    ["techDebt:\n  reportIntervalMinutes: 1\n", "techDebt.reportIntervalMinutes", /at least 5/],
    ["techDebt:\n  todoIssues: yes\n", "techDebt.todoIssues", /expected true or false, got text/],
    ["techDebt:\n  skipDrafts: true\n", "techDebt.skipDrafts", /unknown key/],
    ["commands:\n  roles:\n    debt: owner\n", "commands.roles.debt", /.+/],
    ["commands:\n  roles:\n    debt: triage\n", "commands.roles.debt", /because \/debt ignore changes the repository/],
    ["commands:\n  roles:\n    deploy: write\n", "commands.roles.deploy", /unknown key/],
    ["commands:\n  roles:\n    debt ignore: read\n", 'commands.roles["debt ignore"]', /write or higher/],
    ["commands:\n  roles:\n    migrate: triage\n", "commands.roles.migrate", /write or higher, because \/migrate plan, .* change the repository/],
    ["commands:\n  allow: everyone\n", "commands.allow", /unknown key\. Allowed here: roles/],
    ["incident:\n  autoDeploySev1: true\n", "incident.autoDeploySev1", /must be false/],
    ["incident:\n  onCall: [alice, 'not a login']\n", "incident.onCall[1]", /GitHub login/],
    ["incident:\n  labels: ['" + "x".repeat(51) + "']\n", "incident.labels[0]", /50 characters/],
    ["incident:\n  failuresBeforeIncident: 0\n", "incident.failuresBeforeIncident", /at least 1/],
    ["migration:\n  maxParallelSteps: 11\n", "migration.maxParallelSteps", /at most 10/],
    ["conflicts:\n  escalationThreshold: -0.1\n", "conflicts.escalationThreshold", /between 0 and 1/],
    ["conflicts:\n  autoResolve: 'no'\n", "conflicts.autoResolve", /true or false/],
    ["noise:\n  skipLabel: ''\n", "noise.skipLabel", /empty/],
    ["noise:\n  skipForks: true\n", "noise.skipForks", /unknown key/],
    ["techdebt: {}\n", "techdebt", /Did you mean "techDebt"/],
    ["__proto__:\n  polluted: true\n", "__proto__", /unknown key/],
    ["<<: {techDebt: {}}\n", '["<<"]', /unknown key/],
  ];

  it.each(table)("%j → %s", (yaml, path, message) => {
    const errors = errorsOf(yaml);

    expect(errors.map((error) => error.path)).toContain(path);
    expect(errors.find((error) => error.path === path)?.message).toMatch(message);
    expect(formatConfigErrors(errors)).toContain(`\`${path}\``);
  });

  it("does not pollute Object.prototype", () => {
    parseConfig("__proto__:\n  polluted: true\n");

    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ["a list", "- techDebt\n"],
    ["a single value", "hello\n"],
  ])("refuses a file that is %s", (_what, yaml) => {
    expect(errorsOf(yaml)).toEqual([{ path: "", line: 1, message: expect.stringMatching(/must be a mapping/) }]);
  });

  it.each([
    ["a duplicate key", "noise: {}\nnoise: {}\n", 2],
    ["a tab used as indentation", "noise:\n\tskipDrafts: true\n", 2],
    ["several documents", "noise: {}\n---\nnoise: {}\n", 2],
    ["an unknown local tag", "noise:\n  skipLabel: !env LABEL\n", 2],
  ])("refuses %s with its line", (_what, yaml, line) => {
    expect(errorsOf(yaml)[0]).toMatchObject({ path: "", line });
  });

  it(`refuses files over ${MAX_CONFIG_BYTES / 1024} KB before parsing them`, () => {
    const yaml = `# ${"x".repeat(MAX_CONFIG_BYTES)}\n`;

    expect(errorsOf(yaml)).toEqual([{ path: "", message: "is 65 KB; the limit is 64 KB" }]);
  });

  it("counts bytes, not characters, against the size limit", () => {
    const yaml = `# ${"é".repeat(MAX_CONFIG_BYTES / 2)}\n`;

    expect(yaml.length).toBeLessThan(MAX_CONFIG_BYTES);
    expect(errorsOf(yaml)[0]?.message).toMatch(/the limit is 64 KB/);
  });

  it("survives deeply nested input", () => {
    expect(errorsOf(`${"[".repeat(20_000)}${"]".repeat(20_000)}`).length).toBeGreaterThan(0);
  });
});
