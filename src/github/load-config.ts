import { parseConfig } from "../config/parse-config.js";
import { ConcordConfig } from "../config/schema.js";
import type { GitHubRepo } from "../ports/github.js";
import type { Logger } from "../ports/logger.js";

export const CONFIG_PATH = ".github/concord.yml";

/**
 * The repository's config from its default branch: a PR cannot loosen its own gate by editing the
 * file (reliability A4). No file means defaults; an invalid file on the default branch also falls
 * back to defaults (and is logged) so one typo does not switch Concord off — PRs that touch the
 * file get a failing "Concord / config" check naming the key.
 */
export async function loadRepoConfig(repo: Pick<GitHubRepo, "contents" | "fullName">, log: Logger): Promise<ConcordConfig> {
  const text = await repo.contents.getFileText(CONFIG_PATH);
  if (text === undefined) return ConcordConfig.parse({});
  const parsed = parseConfig(text);
  if (parsed.ok) return parsed.config;
  log.warn({ repo: repo.fullName, errors: parsed.errors }, "invalid .github/concord.yml on the default branch; using defaults");
  return ConcordConfig.parse({});
}
