import { describe, expect, expectTypeOf, it } from "vitest";
import { availableCommands } from "../../src/github/commands/command-table.js";
import {
  COMMAND_CATALOG,
  COMMAND_KINDS,
  parseCommands,
  renderHelp,
  requiredRole,
  ROLES,
  roleAllows,
  type ActualRole,
  type Command,
  type CommandKind,
} from "../../src/commands/index.js";

describe("roleAllows", () => {
  const table: [ActualRole, boolean, boolean][] = [
    // actual, may run a read command, may run a write command
    ["admin", true, true],
    ["maintain", true, true],
    ["write", true, true],
    ["triage", true, false],
    ["read", true, false],
    ["none", false, false],
  ];

  it.each(table)("%s: read %s, write %s", (actual, read, write) => {
    expect(roleAllows(actual, "read")).toBe(read);
    expect(roleAllows(actual, "write")).toBe(write);
  });

  it("orders roles read < triage < write < maintain < admin", () => {
    for (const [i, needed] of ROLES.entries()) {
      for (const [j, actual] of ROLES.entries()) expect(roleAllows(actual, needed)).toBe(j >= i);
    }
  });
});

describe("COMMAND_CATALOG", () => {
  it("has one entry per command kind, and the schema's kinds are exactly those", () => {
    expectTypeOf<Command["kind"]>().toEqualTypeOf<CommandKind>();
    expect(Object.keys(COMMAND_CATALOG).sort()).toEqual([...COMMAND_KINDS].sort());
  });

  it("needs write for every command that changes the repository, and read for the rest", () => {
    const writing = COMMAND_KINDS.filter((kind) => COMMAND_CATALOG[kind].writes);

    expect(writing).toEqual([
      "debt ignore",
      "migrate plan",
      "migrate execute",
      "migrate rollback",
      "incident declare",
      "incident status",
      "incident severity",
      "incident mitigated",
      "incident resolve",
      "incident postmortem",
      "resolve accept",
      "resolve reject",
      "resolve escalate",
      "concord pause",
      "concord resume",
    ]);
    for (const kind of COMMAND_KINDS) expect(COMMAND_CATALOG[kind].role).toBe(COMMAND_CATALOG[kind].writes ? "write" : "read");
  });

  it("has handlers for help, debt, agents status and concord pause/resume only, all of them catalogued commands", () => {
    const available = COMMAND_KINDS.filter((kind) => availableCommands().includes(kind));

    expect(available).toEqual(["help", "debt scan", "debt report", "debt ignore", "agents status", "concord pause", "concord resume"]);
    expect(availableCommands().every((kind) => COMMAND_KINDS.includes(kind))).toBe(true);
  });

  it("gives usage lines that parse back into their own command", () => {
    const examples: Record<string, string> = { "<glob>": "src/**", "<package>": "react", "<version>": "18", "<step|all>": "all", "<step>": "1" };
    for (const kind of COMMAND_KINDS) {
      const usage = COMMAND_CATALOG[kind].usage
        .replace(/\[[^\]]*\] ?/g, "")
        .replace(/<[^>]*\|[^>]*>/g, (choice) => examples[choice] ?? choice.slice(1).split("|")[0]!)
        .replace(/<[a-z0-9-]+>/g, (placeholder) => examples[placeholder] ?? (placeholder === "<sev1-4>" ? "sev2" : "words here"));

      const [parsed] = parseCommands(usage);

      expect(parsed, usage).toMatchObject({ ok: true, command: { kind } });
    }
  });
});

describe("requiredRole", () => {
  it("uses the catalog's role without overrides", () => {
    expect(requiredRole({ kind: "debt scan" })).toBe("read");
    expect(requiredRole("migrate execute")).toBe("write");
  });

  it("prefers an override for the subcommand over one for the whole command", () => {
    const overrides = { debt: "triage", "debt report": "maintain" } as const;

    expect(requiredRole("debt scan", overrides)).toBe("triage");
    expect(requiredRole("debt report", overrides)).toBe("maintain");
    expect(requiredRole("debt ignore", overrides)).toBe("write");
  });

  it("can raise a writing command but never lower it below write", () => {
    expect(requiredRole("concord pause", { concord: "admin" })).toBe("admin");
    expect(requiredRole("incident declare", { incident: "read" })).toBe("write");
    expect(requiredRole({ kind: "resolve accept" }, { "resolve accept": "triage" })).toBe("write");
  });
});

describe("renderHelp", () => {
  it("lists every command with its usage and role, and marks unavailable ones", () => {
    const help = renderHelp(availableCommands());

    for (const kind of COMMAND_KINDS) {
      const entry = COMMAND_CATALOG[kind];
      const row = help.split("\n").find((line) => line.startsWith(`| \`${entry.usage.replaceAll("|", "\\|")}\``));
      expect(row, kind).toBeDefined();
      expect(row).toMatch(new RegExp(`\\| ${entry.role} \\|$`));
      expect(row?.includes("not available yet")).toBe(!availableCommands().includes(kind));
    }
  });

  it("shows roles after overrides", () => {
    expect(renderHelp(availableCommands(), { debt: "maintain" })).toMatch(/\| `\/debt report` \| .* \| maintain \|/);
  });

  it("is never read back as commands", () => {
    expect(parseCommands(renderHelp(availableCommands()))).toEqual([]);
  });
});
