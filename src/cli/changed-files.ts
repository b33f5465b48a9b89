import { runGit } from "../adapters/repo-source/git.js";

/**
 * Files changed between `ref` and HEAD (`git diff ref...HEAD`, so the merge base: what this
 * branch changed), relative to `root`. Deleted files are left out: there is nothing to analyse.
 */
export async function changedFilesSince(root: string, ref: string): Promise<string[]> {
  const out = await runGit(root, ["diff", "--name-only", "--relative", "--diff-filter=d", "--no-ext-diff", "--no-textconv", "-z", `${ref}...HEAD`, "--"]);
  return out.split("\0").filter((path) => path.length > 0);
}
