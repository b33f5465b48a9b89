import type { z } from "zod";
import { TechDebtConfig } from "../../../config/tech-debt-schema.js";

/** The `techDebt` section of the repository config, with defaults applied. */
export type TechDebtSettings = z.infer<typeof TechDebtConfig>;
export type DebtThresholds = TechDebtSettings["thresholds"];
export type DuplicationSettings = TechDebtSettings["duplication"];
export type TestCodeMode = TechDebtSettings["tests"];

/** The defaults, for callers without a repository config (the CLI, tests). */
export function defaultTechDebtSettings(): TechDebtSettings {
  return TechDebtConfig.parse({});
}

/** Validates a config object (the agent receives it as untyped task input). */
export function parseTechDebtSettings(input: unknown): TechDebtSettings {
  return TechDebtConfig.parse(input ?? {});
}
