import { z } from "zod";
import { COMMAND_CATALOG } from "../commands/catalog.js";
import { COMMAND_KINDS, COMMAND_NAMES, kindsOfName, type CommandKind, type CommandName } from "../commands/command-kinds.js";
import { Role, roleAllows } from "../commands/roles.js";

// "debt" covers every /debt subcommand; "debt ignore" only that one, and wins over "debt".
const ROLE_KEYS = [...new Set<CommandKind | CommandName>([...COMMAND_NAMES, ...COMMAND_KINDS])];

// The kinds whose role `key` decides: a "name" key does not decide kinds that have their own entry.
function decidedKinds(key: CommandKind | CommandName, roles: Partial<Record<string, Role>>): CommandKind[] {
  if ((COMMAND_KINDS as readonly string[]).includes(key)) return [key as CommandKind];
  return kindsOfName(key as CommandName).filter((kind) => roles[kind] === undefined);
}

const Roles = z
  .partialRecord(z.enum(ROLE_KEYS), Role)
  .superRefine((roles, ctx) => {
    for (const [key, role] of Object.entries(roles) as [CommandKind | CommandName, Role][]) {
      const writing = decidedKinds(key, roles).filter((kind) => COMMAND_CATALOG[kind].writes);
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
