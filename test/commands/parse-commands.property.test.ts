import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Command, COMMAND_KINDS, COMMAND_NAMES, MAX_COMMANDS_PER_COMMENT, parseCommands, type ParsedCommand } from "../../src/commands/index.js";
import { findGlobProblem, matchGlobs } from "../../src/config/index.js";

// Words that look like settings, flags and paths, mixed with ordinary ones.
const word = fc.oneof(
  fc.constantFrom(...COMMAND_NAMES, "scan", "report", "ignore", "plan", "execute", "rollback", "declare", "status", "all", "sev1", "accept"),
  fc.constantFrom("--force", "-x", "--config=evil", "autoDeploySev1=true", "../..", "/etc/passwd", "`a`", "@admin", "--", "-"),
  fc.string({ maxLength: 12 }),
  fc.stringMatching(/^[a-z0-9.^~<>=|*-]{1,10}$/),
);
const argv = fc.array(word, { maxLength: 8 });

const commandLine = fc.tuple(fc.constantFrom(...COMMAND_NAMES), argv).map(([name, args]) => `/${name} ${args.join(" ")}`);
const body = fc.array(fc.oneof(commandLine, fc.string({ maxLength: 80 }), fc.constantFrom("```", "> /debt", "<!--", "-->", "")), { maxLength: 40 });

describe("parseCommands (property)", () => {
  it("never throws on random bodies and returns at most 10 results", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 500 }), body.map((lines) => lines.join("\n"))), (text) => {
        expect(parseCommands(text).length).toBeLessThanOrEqual(MAX_COMMANDS_PER_COMMENT);
      }),
      { numRuns: 500 },
    );
  });

  it("handles a 100,000-character comment quickly", () => {
    fc.assert(
      fc.property(fc.constantFrom("/debt\n", "/incident declare x ", "```\n", "/foo \n", "a", " ", "/"), (unit) => {
        const text = unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000);
        const started = performance.now();

        const parsed = parseCommands(text);

        expect(parsed.length).toBeLessThanOrEqual(MAX_COMMANDS_PER_COMMENT);
        expect(performance.now() - started).toBeLessThan(1000);
      }),
      { numRuns: 7 },
    );
  });

  it("turns random argv only into commands the schema allows, with no extra fields", () => {
    fc.assert(
      fc.property(commandLine, (line) => {
        for (const parsed of parseCommands(line)) {
          if (!parsed.ok) continue;
          expect(COMMAND_KINDS).toContain(parsed.command.kind);
          // Strict parsing fails on any key the schema does not name.
          expect(Command.safeParse(parsed.command).success).toBe(true);
          for (const value of Object.values(parsed.command)) expect(typeof value).toBe("string");
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("never takes a word that looks like an option as an argument value", () => {
    const kindLine = fc.tuple(fc.constantFrom(...COMMAND_KINDS), argv, fc.stringMatching(/^--?[a-z][a-z=-]{0,10}$/), fc.nat());
    fc.assert(
      fc.property(kindLine, ([kind, args, flag, at]) => {
        const words = [...args];
        words.splice(at % (words.length + 1), 0, flag);

        for (const parsed of parseCommands(`/${kind} ${words.join(" ")}`)) {
          if (!parsed.ok) continue;
          for (const [key, value] of Object.entries(parsed.command)) {
            const valueWords = String(value).split(/\s+/);
            // Free text may mention an option mid-sentence; it may not start with one.
            if (key === "title" || key === "reason") expect(valueWords[0]).not.toBe(flag);
            else expect(valueWords).not.toContain(flag);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("answers any text, control characters and lone surrogates included, with commands the schema allows or usage errors", () => {
    const text = fc.oneof(
      fc.string({ unit: "binary", maxLength: 300 }),
      fc.tuple(fc.constantFrom(...COMMAND_KINDS), fc.string({ unit: "binary", maxLength: 80 })).map(([kind, rest]) => `/${kind} ${rest}`),
      fc.tuple(fc.constantFrom(...COMMAND_KINDS), fc.string({ unit: "binary-ascii", maxLength: 80 })).map(([kind, rest]) => `/${kind} ${rest}`),
    );
    fc.assert(
      fc.property(text, (body) => {
        for (const parsed of parseCommands(body)) expectWellFormed(parsed);
      }),
      { seed: 4711, numRuns: 3000 },
    );
  });

  it("takes from /debt ignore only globs that pass the glob rules, and those match in linear time", () => {
    const piece = fc.constantFrom("a", "src", "/", "**", "*", "?", "(", ")", "a+", "+", "|", "{a,b}", "{1..9}", "[a]", "@(", "*(", "!(", "..", "%2e", "\\", "~", "$", "`", '"', ".js");
    const glob = fc.array(piece, { minLength: 1, maxLength: 30 }).map((pieces) => pieces.join(""));
    fc.assert(
      fc.property(glob, (candidate) => {
        for (const parsed of parseCommands(`/debt ignore ${candidate}`)) {
          expectWellFormed(parsed);
          if (!parsed.ok || parsed.command.kind !== "debt ignore") continue;
          expect(findGlobProblem(parsed.command.glob)).toBeUndefined();
          const started = performance.now();
          matchGlobs([parsed.command.glob])(`${"a/".repeat(16)}${"a".repeat(30)}.js`);
          expect(performance.now() - started).toBeLessThan(1000);
        }
      }),
      { seed: 4712, numRuns: 2000 },
    );
  });

  it("answers a line that is one 100,000-character word for every command quickly", () => {
    for (const kind of COMMAND_KINDS) {
      const started = performance.now();

      const parsed = parseCommands(`/${kind} ${"(a+)".repeat(25_000)}`);

      parsed.forEach(expectWellFormed);
      expect(performance.now() - started).toBeLessThan(1000);
    }
  });
});

/** A command the schema allows, or a usage error with a short message and the usage to show. */
function expectWellFormed(parsed: ParsedCommand): void {
  if (parsed.ok) {
    expect(Command.safeParse(parsed.command).success).toBe(true);
    return;
  }
  expect(parsed.error.trim().length).toBeGreaterThan(0);
  expect(parsed.error.length).toBeLessThan(400);
  // Sentences such as "[reason] contains a control character", never the validator's JSON.
  expect(parsed.error).not.toMatch(/"code"|^\[\s*\{/);
  expect(parsed.usage.trim().length).toBeGreaterThan(0);
}
