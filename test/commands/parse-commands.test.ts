import { describe, expect, it } from "vitest";
import { COMMAND_CATALOG, HELP_SUMMARY, MAX_COMMANDS_PER_COMMENT, parseCommands, type Command } from "../../src/commands/index.js";

function only(body: string) {
  const parsed = parseCommands(body);
  expect(parsed).toHaveLength(1);
  return parsed[0]!;
}

describe("parseCommands: valid commands", () => {
  const cases: [string, Command][] = [
    ["/help", { kind: "help" }],
    ["/HELP", { kind: "help" }],
    ["/debt", { kind: "debt scan" }],
    ["/debt scan", { kind: "debt scan" }],
    ["/Debt Report", { kind: "debt report" }],
    ["/debt ignore src/generated/**", { kind: "debt ignore", glob: "src/generated/**" }],
    ["/debt ignore `src/gen/**`", { kind: "debt ignore", glob: "src/gen/**" }],
    ["/debt ignore ./vendor/**", { kind: "debt ignore", glob: "vendor/**" }],
    ["/migrate plan react 18", { kind: "migrate plan", package: "react", version: "18" }],
    ["/migrate plan @types/node ^20.1.0", { kind: "migrate plan", package: "@types/node", version: "^20.1.0" }],
    ["/migrate plan express >=5 <6", { kind: "migrate plan", package: "express", version: ">=5 <6" }],
    ["/migrate plan react 18.0.0-rc.1", { kind: "migrate plan", package: "react", version: "18.0.0-rc.1" }],
    ["/migrate plan react ^17 || ^18", { kind: "migrate plan", package: "react", version: "^17 || ^18" }],
    ["/migrate status", { kind: "migrate status" }],
    ["/migrate execute all", { kind: "migrate execute", step: "all" }],
    ["/migrate execute Step-2", { kind: "migrate execute", step: "step-2" }],
    ["/migrate rollback 3", { kind: "migrate rollback", step: "3" }],
    ["/incident declare API is down", { kind: "incident declare", title: "API is down" }],
    ["/incident declare SEV1 API is down", { kind: "incident declare", severity: "sev1", title: "API is down" }],
    ["/incident status Mitigated", { kind: "incident status", state: "mitigated" }],
    ["/incident severity sev3", { kind: "incident severity", severity: "sev3" }],
    ["/incident mitigated", { kind: "incident mitigated" }],
    ["/incident resolve", { kind: "incident resolve" }],
    ["/incident postmortem", { kind: "incident postmortem" }],
    ["/incident stats", { kind: "incident stats" }],
    ["/resolve accept", { kind: "resolve accept" }],
    ["/resolve reject the tests are flaky, not the code", { kind: "resolve reject", reason: "the tests are flaky, not the code" }],
    ["/resolve escalate", { kind: "resolve escalate" }],
    ["/swarm status", { kind: "swarm status" }],
    ["/agents status", { kind: "agents status" }],
    ["/concord pause", { kind: "concord pause" }],
    ["/concord resume", { kind: "concord resume" }],
    ["   /help", { kind: "help" }],
    ["/help   ", { kind: "help" }],
  ];

  it.each(cases)("%s", (body, command) => {
    expect(only(body)).toEqual({ ok: true, command, line: 1 });
  });
});

describe("parseCommands: malformed commands get an error and the usage to show", () => {
  const cases: [body: string, name: string, error: RegExp, usage: string][] = [
    ["/debt --x", "debt", /unknown option "--x"/, "/debt ignore <glob>"],
    ["/debt ignore", "debt", /missing <glob>/, "/debt ignore <glob>"],
    ["/debt ignore ../secrets/**", "debt", /<glob> contains a ".." segment/, "/debt ignore <glob>"],
    ["/debt ignore /etc/**", "debt", /<glob> is absolute/, "/debt ignore <glob>"],
    ["/debt ignore a/%2e%2e/b", "debt", /<glob> contains a percent-encoded/, "/debt ignore <glob>"],
    ["/debt ignore *(*(*(a|b)))", "debt", /<glob> nests an extglob/, "/debt ignore <glob>"],
    [`/debt ignore ${"a".repeat(257)}`, "debt", /<glob> is longer than 256 characters/, "/debt ignore <glob>"],
    ["/debt ignore a\\..\\b", "debt", /<glob> contains a backslash/, "/debt ignore <glob>"],
    ['/debt ignore "../x/**"', "debt", /<glob> contains a ".." segment/, "/debt ignore <glob>"],
    ["/debt ignore `a/%2E%2e/b`", "debt", /<glob> contains a percent-encoded/, "/debt ignore <glob>"],
    ["/debt ignore (a+)+$", "debt", /<glob> uses "\(a\+\)\+", which looks like a regular expression/, "/debt ignore <glob>"],
    ["/debt ignore a b", "debt", /unexpected argument "b"/, "/debt ignore <glob>"],
    ["/debt clean", "debt", /unknown subcommand "clean"/, "/debt report"],
    ["/migrate", "migrate", /missing subcommand/, "/migrate plan <package> <version>"],
    ["/migrate react", "migrate", /unknown subcommand "react"/, "/migrate plan <package> <version>"],
    ["/migrate react 99999999999999999999", "migrate", /unknown subcommand "react"/, "/migrate status"],
    ["/migrate plan", "migrate", /missing <package>/, "/migrate plan <package> <version>"],
    ["/migrate plan react", "migrate", /missing <version>/, "/migrate plan <package> <version>"],
    ["/migrate plan react 99999999999999999999", "migrate", /<version> is not a version/, "/migrate plan <package> <version>"],
    ["/migrate plan react 018", "migrate", /<version> is not a version/, "/migrate plan <package> <version>"],
    ["/migrate plan react latest", "migrate", /<version> is not a version/, "/migrate plan <package> <version>"],
    [`/migrate plan react ${"1".repeat(70)}`, "migrate", /<version> is longer than 64/, "/migrate plan <package> <version>"],
    ["/migrate plan React_App! 18", "migrate", /<package> is not a valid npm package name/, "/migrate plan <package> <version>"],
    ["/migrate plan .hidden 18", "migrate", /<package> is not a valid npm package name/, "/migrate plan <package> <version>"],
    ["/migrate plan react 18 --force", "migrate", /unknown option "--force"/, "/migrate plan <package> <version>"],
    ["/migrate plan --registry=http://evil react 18", "migrate", /unknown option/, "/migrate plan <package> <version>"],
    ["/migrate execute", "migrate", /missing <step\|all>/, "/migrate execute <step|all>"],
    ["/migrate execute ../1", "migrate", /<step\|all> is not a step id/, "/migrate execute <step|all>"],
    ["/migrate rollback all", "migrate", /<step> must name one step/, "/migrate rollback <step>"],
    ["/incident declare", "incident", /missing <title>/, "/incident declare [sev1-4] <title>"],
    ["/incident declare sev1", "incident", /missing <title>/, "/incident declare [sev1-4] <title>"],
    ["/incident declare sev9 down", "incident", /\[sev1-4\] does not allow "sev9"/, "/incident declare [sev1-4] <title>"],
    ["/incident declare --sev1 down", "incident", /unknown option "--sev1"/, "/incident declare [sev1-4] <title>"],
    [`/incident declare ${"x".repeat(257)}`, "incident", /<title> is longer than 256/, "/incident declare [sev1-4] <title>"],
    ["/incident status", "incident", /missing <state>/, COMMAND_CATALOG["incident status"].usage],
    ["/incident status fixed", "incident", /<state> must be one of detected, acknowledged/, COMMAND_CATALOG["incident status"].usage],
    ["/incident severity high", "incident", /<sev1-4> must be one of sev1, sev2, sev3, sev4/, "/incident severity <sev1-4>"],
    ["/incident resolve now", "incident", /unexpected argument "now"/, "/incident resolve"],
    ["/resolve", "resolve", /missing subcommand/, "/resolve accept [reason]"],
    ["/resolve maybe", "resolve", /unknown subcommand "maybe"/, "/resolve reject [reason]"],
    ["/resolve accept --override-gate", "resolve", /unknown option/, "/resolve accept [reason]"],
    ["/concord stop", "concord", /unknown subcommand "stop"/, "/concord pause"],
    ["/help me", "help", /unexpected argument "me"/, "/help"],
    ["/swarm start", "swarm", /unknown subcommand "start"/, "/swarm status"],
    ["/agents", "agents", /missing subcommand/, "/agents status"],
  ];

  it.each(cases)("%s", (body, name, error, usage) => {
    const result = only(body);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.name).toBe(name);
    expect(result.error).toMatch(error);
    expect(result.usage).toContain(usage);
  });

  it("keeps an echoed argument short", () => {
    const result = only(`/debt ${"z".repeat(5000)}`);

    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.length).toBeLessThan(80);
  });
});

describe("parseCommands: which lines are commands", () => {
  it("reads several commands from one comment, with their line numbers", () => {
    const body = "Thanks!\n/debt scan\nand also\r\n/incident stats\r\n/foo bar";

    expect(parseCommands(body)).toEqual([
      { ok: true, command: { kind: "debt scan" }, line: 2 },
      { ok: true, command: { kind: "incident stats" }, line: 4 },
      { ok: false, name: "foo", error: "unknown command", usage: HELP_SUMMARY, line: 5 },
    ]);
  });

  it(`stops after ${MAX_COMMANDS_PER_COMMENT} commands`, () => {
    const body = Array.from({ length: 25 }, (_, index) => (index % 2 ? "/debt" : "/nope")).join("\n");

    const parsed = parseCommands(body);

    expect(parsed).toHaveLength(MAX_COMMANDS_PER_COMMENT);
    expect(parsed.at(-1)?.line).toBe(MAX_COMMANDS_PER_COMMENT);
  });

  it.each([
    ["a command in the middle of a sentence", "please run /debt scan"],
    ["inline code", "`/debt scan`"],
    ["a fenced code block", "```\n/debt scan\n```"],
    ["a tilde fence with an info string", "~~~sh\n/migrate execute all\n~~~"],
    ["an unclosed fence", "```\n/debt scan"],
    ["a longer fence closed only by a long enough one", "````\n```\n/debt scan\n````"],
    ["a quote", "> /debt scan"],
    ["a nested quote", "> > /debt scan"],
    ["a lazy quote continuation", "> earlier you said\n/migrate execute all"],
    ["an HTML comment", "<!--\n/debt ignore **\n-->"],
    ["indented code", "    /debt scan"],
    ["a tab-indented line", "\t/debt scan"],
    ["a path", "/usr/bin/foo --help"],
    ["a path to a file", "/etc/passwd"],
    ["a file name", "/README.md is out of date"],
    ["a URL path", "/api/v1:health"],
    ["a lone slash", "/ help"],
    ["a number", "/2 of the tests fail"],
    ["another bot's command", "/lgtm\n/retest\n/cc @alice\n/assign me"],
    ["a mention-style prefix", "@concord /debt"],
  ])("ignores %s", (_what, body) => {
    expect(parseCommands(body)).toEqual([]);
  });

  it("reads commands after a closed fence, a blank line after a quote and a closed HTML comment", () => {
    const body = "```\n/nope\n```\n/debt\n> quoted\n\n/help\n<!-- hidden /x -->\n/agents status";

    expect(parseCommands(body).map((parsed) => (parsed.ok ? parsed.command.kind : parsed.name))).toEqual(["debt scan", "help", "agents status"]);
  });

  it("reports an unknown command that looks like one", () => {
    expect(only("/foo bar")).toEqual({ ok: false, name: "foo", error: "unknown command", usage: HELP_SUMMARY, line: 1 });
    expect(only("/Deploy-Now")).toMatchObject({ ok: false, name: "deploy-now" });
  });
});
