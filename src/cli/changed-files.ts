import { runGit } from "../adapters/repo-source/git.js";

export interface ChangedFile {
  path: string;
  /** The path at the base when git saw a rename or copy. */
  previousPath?: string;
  /** Added since the base: nothing to compare against. */
  added: boolean;
}

/**
 * Files changed between `ref` and HEAD (`git diff ref...HEAD`, so against the merge base: what
 * this branch changed), relative to `root`, with renames. Deleted files are left out: there is
 * nothing to analyse.
 */
export async function changedFilesSince(root: string, ref: string): Promise<ChangedFile[]> {
  const out = await runGit(root, ["diff", "--name-status", "-M", "--relative", "--diff-filter=d", "--no-ext-diff", "--no-textconv", "-z", `${ref}...HEAD`, "--"]);
  return parseNameStatus(out);
}

/** The commit `ref...HEAD` compares against. */
export async function mergeBase(root: string, ref: string): Promise<string> {
  return (await runGit(root, ["merge-base", ref, "HEAD"])).trim();
}

/** `git diff --name-status -z`: a status field, then one path, or two for renames (R) and copies (C). */
export function parseNameStatus(out: string): ChangedFile[] {
  const fields = out.split("\0");
  const files: ChangedFile[] = [];
  for (let i = 0; i < fields.length; ) {
    const status = fields[i++]!;
    if (status === "") continue;
    if (status.startsWith("R") || status.startsWith("C")) {
      const previousPath = fields[i++]!;
      const path = fields[i++]!;
      // A copy leaves the original in place: the new file is compared with what it was copied from.
      files.push({ path, previousPath, added: false });
    } else {
      files.push({ path: fields[i++]!, added: status.startsWith("A") });
    }
  }
  return files;
}
