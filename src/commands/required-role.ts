import { COMMAND_CATALOG } from "./catalog.js";
import { nameOfKind, type CommandKind, type CommandName } from "./command-kinds.js";
import { strongerRole, type Role } from "./roles.js";
import type { Command } from "./schema.js";

/** `commands.roles` from the config: keyed by "name sub" or by "name" for every subcommand. */
export type RoleOverrides = Readonly<Partial<Record<CommandKind | CommandName, Role>>>;

export function requiredRole(command: Command | CommandKind, overrides: RoleOverrides = {}): Role {
  const kind = typeof command === "string" ? command : command.kind;
  const entry = COMMAND_CATALOG[kind];
  const override = overrides[kind] ?? overrides[nameOfKind(kind)];
  if (override === undefined) return entry.role;
  // The config validator already refuses this; the clamp keeps A1 true for configs built in code.
  return entry.writes ? strongerRole(override, "write") : override;
}
