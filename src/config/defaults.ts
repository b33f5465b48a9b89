import { ConcordConfig } from "./schema.js";

/** The config of a repository without `.github/concord.yml`. */
export const DEFAULT_CONFIG: ConcordConfig = ConcordConfig.parse({});
