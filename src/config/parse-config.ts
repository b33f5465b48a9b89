import type { ConfigError } from "./config-error.js";
import { issuesToErrors } from "./issues-to-errors.js";
import { readYaml } from "./read-yaml.js";
import { ConcordConfig } from "./schema.js";

/** A config file is a few hundred bytes; anything near this is a mistake or an attack (B2). */
export const MAX_CONFIG_BYTES = 64 * 1024;

export type ParseConfigResult = { ok: true; config: ConcordConfig } | { ok: false; errors: ConfigError[] };

/** `.github/concord.yml` text → a complete config (defaults filled in) or every problem found. */
export function parseConfig(yamlText: string): ParseConfigResult {
  const bytes = new TextEncoder().encode(yamlText).length;
  if (bytes > MAX_CONFIG_BYTES) {
    const kilobytes = Math.ceil(bytes / 1024);
    return { ok: false, errors: [{ path: "", message: `is ${kilobytes} KB; the limit is ${MAX_CONFIG_BYTES / 1024} KB` }] };
  }
  const read = readYaml(yamlText);
  if (!read.ok) return read;
  // An empty file, or one holding only comments, means "all defaults".
  const value = read.value ?? {};
  if (typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, errors: [{ path: "", line: 1, message: "must be a mapping of keys (like techDebt:), not a list or a single value" }] };
  }
  const result = ConcordConfig.safeParse(value);
  if (result.success) return { ok: true, config: result.data };
  return { ok: false, errors: issuesToErrors(result.error.issues, ConcordConfig, value, read.locate) };
}
