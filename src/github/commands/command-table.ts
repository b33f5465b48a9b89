import type { CommandKind } from "../../commands/index.js";
import type { CommandTable } from "./command-types.js";
import { agentsStatusCommand, helpCommand, pauseCommand, resumeCommand } from "./concord-commands.js";
import { debtIgnoreCommand, debtReportCommand, debtScanCommand } from "./debt-commands.js";

/**
 * Every command this version runs, kind → handler. A command of the catalog without an entry here
 * is parsed, authorised and answered "not available yet"; /help derives the same list from here.
 */
export const COMMAND_TABLE: CommandTable = {
  help: helpCommand(() => availableCommands()),
  "debt scan": debtScanCommand,
  "debt report": debtReportCommand,
  "debt ignore": debtIgnoreCommand,
  "agents status": agentsStatusCommand,
  "concord pause": pauseCommand,
  "concord resume": resumeCommand,
};

export function availableCommands(): CommandKind[] {
  return Object.keys(COMMAND_TABLE) as CommandKind[];
}
