import { z } from "zod";
import { EscalationSeverity } from "./escalation.js";
import { MarkerKind } from "./marker-kinds.js";

/**
 * What an agent wants to happen on GitHub, as plain data. Agents return effects; one applier on
 * the GitHub side turns them into API calls, idempotently (markers, names and head SHAs, branch
 * names), so a retried task or a redelivered event never doubles an output.
 */

/** A hidden marker that finds a comment, issue, review or pull request again. */
export const OutputMarker = z.object({ kind: MarkerKind, key: z.string().min(1).max(200).optional() }).strict();
export type OutputMarker = z.infer<typeof OutputMarker>;

const Annotation = z
  .object({
    path: z.string(),
    start_line: z.int().positive(),
    end_line: z.int().positive(),
    annotation_level: z.enum(["notice", "warning", "failure"]),
    message: z.string(),
    title: z.string().optional(),
    raw_details: z.string().optional(),
  })
  .strict();

export const CheckRunEffect = z
  .object({
    kind: z.literal("check-run"),
    name: z.string().min(1),
    headSha: z.string().min(1),
    externalId: z.string().min(1),
    conclusion: z.enum(["success", "failure", "neutral", "cancelled", "skipped", "action_required"]),
    title: z.string(),
    summary: z.string(),
    text: z.string().optional(),
    annotations: z.array(Annotation).default([]),
  })
  .strict();

export const CommentEffect = z.object({ kind: z.literal("comment"), issueNumber: z.int().positive(), marker: OutputMarker, body: z.string() }).strict();

export const LivingIssueEffect = z
  .object({ kind: z.literal("living-issue"), marker: OutputMarker, title: z.string().min(1), body: z.string(), labels: z.array(z.string().min(1)).min(1) })
  .strict();

export const ReviewEffect = z
  .object({
    kind: z.literal("review"),
    pullNumber: z.int().positive(),
    /** One review per head SHA and marker: a rerun never adds a second. */
    commitId: z.string().min(1),
    marker: OutputMarker,
    event: z.enum(["APPROVE", "REQUEST_CHANGES", "COMMENT"]),
    body: z.string(),
    comments: z.array(z.object({ path: z.string(), line: z.int().positive(), body: z.string() }).strict()).default([]),
  })
  .strict();

export const LabelsEffect = z
  .object({ kind: z.literal("labels"), issueNumber: z.int().positive(), add: z.array(z.string().min(1)).default([]), remove: z.array(z.string().min(1)).default([]) })
  .strict();

export const AssigneesEffect = z.object({ kind: z.literal("assignees"), issueNumber: z.int().positive(), logins: z.array(z.string().min(1)).min(1) }).strict();

export const ReviewRequestsEffect = z.object({ kind: z.literal("review-requests"), pullNumber: z.int().positive(), reviewers: z.array(z.string().min(1)).min(1) }).strict();

const FileChange = z.object({ path: z.string().min(1), content: z.string().nullable() }).strict();

export const ChangeSetEffect = z
  .object({
    kind: z.literal("change-set"),
    /** Always concord/<kind>/<slug>: the same change set lands on the same branch and pull request. */
    branch: z.string().regex(/^concord\/[a-z0-9-]+\/[A-Za-z0-9._-]+$/, "must be concord/<kind>/<slug>"),
    base: z.string().min(1),
    marker: OutputMarker,
    title: z.string().min(1),
    body: z.string(),
    draft: z.boolean().default(false),
    /** One commit per logical change, in order; `content: null` deletes the file. */
    commits: z.array(z.object({ message: z.string().min(1), files: z.array(FileChange).min(1) }).strict()).min(1),
  })
  .strict();

export const EscalationEffect = z
  .object({
    kind: z.literal("escalation"),
    issueNumber: z.int().positive(),
    escalationId: z.string().min(1),
    severity: EscalationSeverity,
    issue: z.string().min(1),
    recommendedAction: z.string().optional(),
    attemptedResolutions: z.array(z.string()).default([]),
  })
  .strict();

export const Effect = z.discriminatedUnion("kind", [
  CheckRunEffect,
  CommentEffect,
  LivingIssueEffect,
  ReviewEffect,
  LabelsEffect,
  AssigneesEffect,
  ReviewRequestsEffect,
  ChangeSetEffect,
  EscalationEffect,
]);
export type Effect = z.infer<typeof Effect>;
export type EffectInput = z.input<typeof Effect>;
export type CheckRunEffect = z.infer<typeof CheckRunEffect>;
