import { z } from "zod";

/**
 * The files a task is about, as data: a reference the executing side opens (SourceResolver), so a
 * request can cross a thread or process boundary and an agent can run wherever it is hosted.
 */
export const SourceRef = z.discriminatedUnion("kind", [
  /** A folder on the executing machine (the CLI's checkout). */
  z.object({ kind: z.literal("local"), path: z.string().min(1) }).strict(),
  /** A repository at a commit, fetched as a tarball by the executing side. */
  z.object({ kind: z.literal("tree"), repo: z.string().min(3), sha: z.string().min(1), installationId: z.int().positive() }).strict(),
  /** Some files of a repository at a commit (a pull request's changed files), read one by one. */
  z
    .object({
      kind: z.literal("pr-files"),
      repo: z.string().min(3),
      sha: z.string().min(1),
      installationId: z.int().positive(),
      paths: z.array(z.string().min(1)).max(10_000),
    })
    .strict(),
  /** Some files of a local git checkout as they were at a revision (the CLI's merge base), read from git's object store. */
  z
    .object({ kind: z.literal("git-revision"), path: z.string().min(1), rev: z.string().min(1), paths: z.array(z.string().min(1)).max(100_000) })
    .strict(),
  /** Files carried in the reference itself: small inputs and tests. */
  z.object({ kind: z.literal("files"), files: z.record(z.string(), z.string()) }).strict(),
]);
export type SourceRef = z.infer<typeof SourceRef>;

/** The sources of one task by role: the files it is about, and their earlier state for comparisons. */
export const TaskSources = z.object({ repo: SourceRef.optional(), base: SourceRef.optional() }).strict();
export type TaskSources = z.infer<typeof TaskSources>;
