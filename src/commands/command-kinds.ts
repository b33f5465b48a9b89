// Every command Concord understands, as "name" or "name sub". These strings are the discriminator of
// `Command`, the keys of the catalog and the keys users may put under `commands.roles` in the config.
export const COMMAND_KINDS = [
  "help",
  "debt scan",
  "debt report",
  "debt ignore",
  "migrate plan",
  "migrate status",
  "migrate execute",
  "migrate rollback",
  "incident declare",
  "incident status",
  "incident severity",
  "incident mitigated",
  "incident resolve",
  "incident postmortem",
  "incident stats",
  "resolve accept",
  "resolve reject",
  "resolve escalate",
  "swarm status",
  "agents status",
  "concord pause",
  "concord resume",
] as const;
export type CommandKind = (typeof COMMAND_KINDS)[number];

export const COMMAND_NAMES = ["help", "debt", "migrate", "incident", "resolve", "swarm", "agents", "concord"] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export function nameOfKind(kind: CommandKind): CommandName {
  return kind.split(" ")[0] as CommandName;
}

export function kindsOfName(name: CommandName): CommandKind[] {
  return COMMAND_KINDS.filter((kind) => nameOfKind(kind) === name);
}

export function isCommandName(word: string): word is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(word);
}
