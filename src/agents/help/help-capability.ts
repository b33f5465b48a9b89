import { z } from "zod";
import { COMMAND_KINDS, COMMAND_NAMES } from "../../commands/command-kinds.js";
import { Role } from "../../commands/roles.js";
import { defineCapability } from "../../protocol/capability.js";

/** /help: the command catalog with the role each command needs in this repository. */
export const LIST_COMMANDS = defineCapability({
  id: "help.list-commands",
  routesTo: "documentation",
  taskType: "documentation",
  input: z.object({
    /** The commands this version can run (the app's command table decides). */
    available: z.array(z.enum(COMMAND_KINDS)),
    roles: z.partialRecord(z.enum([...COMMAND_NAMES, ...COMMAND_KINDS]), Role).default({}),
  }),
  output: z.object({ markdown: z.string() }),
});
