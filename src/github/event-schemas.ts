import { z } from "zod";

// Permissive schemas: only the fields Concord reads, everything else passes through, so GitHub
// adding fields never breaks parsing (and a payload missing one is ignored, not thrown).

const Account = z.looseObject({ login: z.string(), type: z.string().optional() });

export const Repository = z.looseObject({
  name: z.string(),
  full_name: z.string(),
  owner: z.looseObject({ login: z.string() }),
  default_branch: z.string().optional(),
});

const Base = z.looseObject({
  repository: Repository,
  installation: z.looseObject({ id: z.number() }).optional(),
  sender: Account.optional(),
});

export const IssueCommentEvent = Base.extend({
  action: z.string(),
  comment: z.looseObject({ id: z.number(), body: z.string().nullable().optional(), user: Account.nullable() }),
  issue: z.looseObject({ number: z.number(), pull_request: z.looseObject({}).nullable().optional(), state: z.string().optional() }),
  changes: z.looseObject({ body: z.looseObject({ from: z.string() }).optional() }).optional(),
});
export type IssueCommentEvent = z.infer<typeof IssueCommentEvent>;

const Label = z.looseObject({ name: z.string() });

export const PullRequest = z.looseObject({
  number: z.number(),
  state: z.string().optional(),
  draft: z.boolean().optional(),
  updated_at: z.string().optional(),
  user: Account.nullable().optional(),
  labels: z.array(Label).optional(),
  head: z.looseObject({ sha: z.string(), ref: z.string().optional() }),
  base: z.looseObject({ sha: z.string(), ref: z.string().optional() }),
  merged: z.boolean().nullable().optional(),
});
export type PullRequest = z.infer<typeof PullRequest>;

export const PullRequestEvent = Base.extend({ action: z.string(), number: z.number().optional(), pull_request: PullRequest });
export type PullRequestEvent = z.infer<typeof PullRequestEvent>;

export const PullRequestReviewEvent = Base.extend({
  action: z.string(),
  review: z.looseObject({ id: z.number(), state: z.string(), user: Account.nullable().optional(), body: z.string().nullable().optional() }),
  pull_request: PullRequest,
});
export type PullRequestReviewEvent = z.infer<typeof PullRequestReviewEvent>;

export const IssuesEvent = Base.extend({
  action: z.string(),
  issue: z.looseObject({ number: z.number(), title: z.string(), body: z.string().nullable().optional(), labels: z.array(Label).optional() }),
  label: Label.optional(),
});
export type IssuesEvent = z.infer<typeof IssuesEvent>;

const PullRef = z.looseObject({ number: z.number(), head: z.looseObject({ sha: z.string() }) });

export const CheckSuiteEvent = Base.extend({
  action: z.string(),
  check_suite: z.looseObject({ id: z.number(), head_sha: z.string(), head_branch: z.string().nullable().optional(), conclusion: z.string().nullable().optional(), pull_requests: z.array(PullRef).optional() }),
});
export type CheckSuiteEvent = z.infer<typeof CheckSuiteEvent>;

export const CheckRunEvent = Base.extend({
  action: z.string(),
  check_run: z.looseObject({ id: z.number(), name: z.string(), head_sha: z.string(), external_id: z.string().nullable().optional(), pull_requests: z.array(PullRef).optional() }),
  requested_action: z.looseObject({ identifier: z.string() }).nullable().optional(),
});
export type CheckRunEvent = z.infer<typeof CheckRunEvent>;

export const PushEvent = Base.extend({
  ref: z.string(),
  after: z.string(),
  before: z.string().optional(),
  deleted: z.boolean().optional(),
  commits: z.array(z.looseObject({ id: z.string() })).optional(),
});
export type PushEvent = z.infer<typeof PushEvent>;

export const InstallationEvent = z.looseObject({
  action: z.string(),
  installation: z.looseObject({ id: z.number(), account: Account.nullable().optional() }),
  repositories: z.array(z.looseObject({ full_name: z.string() })).optional(),
  sender: Account.optional(),
});
export type InstallationEvent = z.infer<typeof InstallationEvent>;
