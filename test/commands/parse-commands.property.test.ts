import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Command, COMMAND_KINDS, COMMAND_NAMES, MAX_COMMANDS_PER_COMMENT, parseCommands } from "../../src/commands/index.js";

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
});
