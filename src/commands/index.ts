export { COMMAND_CATALOG, HELP_SUMMARY, type CatalogEntry } from "./catalog.js";
export { COMMAND_KINDS, COMMAND_NAMES, type CommandKind, type CommandName } from "./command-kinds.js";
export { MAX_COMMANDS_PER_COMMENT, parseCommands } from "./parse-commands.js";
export type { ParsedCommand } from "./parse-command-line.js";
export { renderHelp } from "./render-help.js";
export { requiredRole, type RoleOverrides } from "./required-role.js";
export { ROLES, Role, roleAllows, type ActualRole } from "./roles.js";
export { Command, INCIDENT_SEVERITIES, INCIDENT_STATES, IncidentSeverity, IncidentState } from "./schema.js";
