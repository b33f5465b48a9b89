import { z } from "zod";
import { COMMAND_CATALOG } from "../commands/catalog.js";
import { COMMAND_KINDS, COMMAND_NAMES, kindsOfName, type CommandKind, type CommandName } from "../commands/command-kinds.js";
import { Role, roleAllows } from "../commands/roles.js";

// "debt" covers every /debt subcommand; "debt ignore" only that one, and wins over "debt".
const ROLE_KEYS = [...new Set<CommandKind | CommandName>([...COMMAND_NAMES, ...COMMAND_KINDS])];

function coveredKinds(key: CommandKind | CommandName): CommandKind[] {
  return (COMMAND_KINDS as readonly string[]).includes(key) ? [key as CommandKind] : kindsOfName(key as CommandName);
}

const Roles = z
  .partialRecord(z.enum(ROLE_KEYS), Role)
  .superRefine((roles, ctx) => {
    for (const [key, role] of Object.entries(roles) as [CommandKind | CommandName, Role][]) {
      const writing = coveredKinds(key).filter((kind) => COMMAND_CATALOG[kind].writes);
      // A1: commands that change the repository need write; the config can make them stricter only.
      if (writing.length > 0 && !roleAllows(role, "write")) {
        const names = writing.map((kind) => `/${kind}`).join(", ");
        ctx.addIssue({ code: "custom", path: [key], message: `must be write or higher, because ${names} ${writing.length === 1 ? "changes" : "change"} the repository` });
      }
    }
  })
  .prefault({})
  .describe('Minimum repository role per command, keyed by command ("debt") or command and subcommand ("debt ignore").');

export const CommandsConfig = z.object({ roles: Roles }).strict().prefault({}).describe("Slash commands in comments.");
