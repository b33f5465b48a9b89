export type { ConfigError } from "./config-error.js";
export { DEFAULT_CONFIG } from "./defaults.js";
export { formatConfigErrors } from "./format-config-errors.js";
export { MAX_CONFIG_BYTES, parseConfig, type ParseConfigResult } from "./parse-config.js";
export { MAX_YAML_ALIASES } from "./read-yaml.js";
export { matchGlobs } from "./match-globs.js";
export { findGlobProblem, MAX_GLOB_LENGTH, MAX_GLOBS, SafeGlob } from "./safe-glob.js";
export { ConcordConfig, type ConcordConfigInput } from "./schema.js";
export { DEBT_SEVERITIES } from "./tech-debt-schema.js";
