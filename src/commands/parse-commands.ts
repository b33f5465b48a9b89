import { findCommandLines } from "./find-command-lines.js";
import { parseCommandLine, type ParsedCommand } from "./parse-command-line.js";

/** More would let one comment fan out into a burst of jobs and replies. */
export const MAX_COMMANDS_PER_COMMENT = 10;

/** Every command in a comment body, valid or not, in order; lines after the tenth command are ignored. */
export function parseCommands(body: string): ParsedCommand[] {
  const parsed: ParsedCommand[] = [];
  for (const candidate of findCommandLines(body)) {
    const result = parseCommandLine(candidate.text, candidate.line);
    if (result === undefined) continue;
    parsed.push(result);
    if (parsed.length === MAX_COMMANDS_PER_COMMENT) break;
  }
  return parsed;
}
