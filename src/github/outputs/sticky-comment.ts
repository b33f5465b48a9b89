import type { GitHubRepo } from "../../ports/github.js";
import { fitComment } from "../../render/limits.js";
import { hasMarker, withMarker } from "../../render/markers.js";
import type { MarkerKind } from "../../protocol/marker-kinds.js";
import { createOnce } from "./create-once.js";

/**
 * One comment per (kind, key) on the thread: edited in place when it exists (and only when its text
 * changed), created otherwise. Only the bot's own comments are candidates, so a user quoting a
 * marker cannot capture the slot.
 */
export async function ensureComment(
  repo: Pick<GitHubRepo, "comments">,
  issueNumber: number,
  kind: MarkerKind,
  key: string | undefined,
  body: string,
): Promise<{ id: number; created: boolean }> {
  const text = fitComment(withMarker(body, kind, key));
  const find = async () => (await repo.comments.list(issueNumber)).find((comment) => comment.byBot && hasMarker(comment.body, kind, key));
  const existing = await find();
  if (existing) {
    if (existing.body !== text) await repo.comments.update(existing.id, text);
    return { id: existing.id, created: false };
  }
  const id = await createOnce(
    () => repo.comments.create(issueNumber, text),
    async () => (await find())?.id,
  );
  return { id, created: true };
}
