import type { GitHubRepo } from "../../ports/github.js";
import type { Effect } from "../../protocol/effects.js";
import { fitComment } from "../../render/limits.js";
import { withMarker } from "../../render/markers.js";
import { createOnce } from "../outputs/create-once.js";

type ChangeSetEffect = Extract<Effect, { kind: "change-set" }>;

/**
 * A change set as a branch and a pull request, through the Git Data API: the commits are rebuilt
 * on the base's current head, one per logical change. The branch moves only when the result
 * differs from what it holds (a new base, a different change), and the same branch always has
 * the same pull request, updated rather than opened again.
 */
export async function applyChangeSet(repo: Pick<GitHubRepo, "git" | "pulls">, effect: ChangeSetEffect): Promise<{ pullNumber: number; moved: boolean }> {
  const { git } = repo;
  const baseSha = await git.getBranchSha(effect.base);
  if (baseSha === undefined) throw new Error(`the base branch ${effect.base} does not exist`);
  let parent = baseSha;
  let tree = await git.getCommitTree(baseSha);
  for (const commit of effect.commits) {
    const entries = [];
    for (const file of commit.files) entries.push({ path: file.path, sha: file.content === null ? null : await git.createBlob(file.content) });
    tree = await git.createTree(tree, entries);
    parent = await git.createCommit({ message: commit.message, tree, parents: [parent] });
  }
  const current = await git.getBranchSha(effect.branch);
  const moved = current === undefined || (await git.getCommitTree(current)) !== tree;
  if (moved) await git.setBranch(effect.branch, parent);

  const body = fitComment(withMarker(effect.body, effect.marker.kind, effect.marker.key));
  const existing = await repo.pulls.findByHead(effect.branch);
  if (existing) {
    await repo.pulls.update(existing.number, { title: effect.title, body });
    return { pullNumber: existing.number, moved };
  }
  const pullNumber = await createOnce(
    () => repo.pulls.create({ title: effect.title, body, head: effect.branch, base: effect.base, draft: effect.draft }),
    async () => (await repo.pulls.findByHead(effect.branch))?.number,
  );
  return { pullNumber, moved };
}
