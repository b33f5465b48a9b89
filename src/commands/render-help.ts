import { COMMAND_CATALOG } from "./catalog.js";
import { COMMAND_KINDS, type CommandKind } from "./command-kinds.js";
import { requiredRole, type RoleOverrides } from "./required-role.js";

/**
 * The command table as /help shows it; `available` are the commands this version can run. Commands
 * sit in table cells, never at the start of a line, so Concord's own help comment can never be read
 * back as a command.
 */
export function renderHelp(available: readonly CommandKind[], overrides: RoleOverrides = {}): string {
  const runnable = new Set(available);
  const rows = COMMAND_KINDS.map((kind) => {
    const entry = COMMAND_CATALOG[kind];
    const usage = `\`${entry.usage.replaceAll("|", "\\|")}\``;
    const summary = runnable.has(kind) ? entry.summary : `${entry.summary} *(not available yet)*`;
    return `| ${usage} | ${summary} | ${requiredRole(kind, overrides)} |`;
  });
  return [
    "### Concord commands",
    "",
    "Write a command at the start of a line in an issue or pull-request comment; one comment may hold up to 10.",
    "Lines in code blocks and quotes are ignored.",
    "",
    "| Command | What it does | Minimum role |",
    "| --- | --- | --- |",
    ...rows,
    "",
    "Roles are the sender's permission on this repository (read < triage < write < maintain < admin).",
    "Maintainers can adjust them under `commands.roles` in `.github/concord.yml`; commands that change the repository always need write.",
  ].join("\n");
}
