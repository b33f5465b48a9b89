import { readFile } from "node:fs/promises";
import path from "node:path";
import { formatConfigErrors, parseConfig } from "../config/index.js";
import { defaultTechDebtSettings, type TechDebtSettings } from "../agents/specialized/tech-debt/settings.js";
import { CliFailure } from "./cli-io.js";

export const CONFIG_FILE = ".github/concord.yml";

/**
 * The `techDebt` settings of the scanned folder's `.github/concord.yml`, the same file the app
 * reads, so a local scan measures what the PR check will. The file is parsed as data (safe YAML),
 * never evaluated. No file means the defaults.
 */
export async function loadSettings(root: string): Promise<TechDebtSettings> {
  const text = await readFile(path.join(root, CONFIG_FILE), "utf8").catch(() => undefined);
  if (text === undefined) return defaultTechDebtSettings();
  const result = parseConfig(text);
  if (!result.ok) throw new CliFailure(formatConfigErrors(result.errors, CONFIG_FILE));
  return result.config.techDebt;
}
