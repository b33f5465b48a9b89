/**
 * GitHub, as Concord's use cases and effect applier need it: one narrow interface per area, for
 * one repository. Adapters: Octokit (src/github/octokit/), and an in-memory fake for tests.
 * Everything here is plain data; no Octokit type leaks out.
 */

export interface RepoRef {
  owner: string;
  repo: string;
}

export type Role = "admin" | "maintain" | "write" | "triage" | "read" | "none";
export type Reaction = "eyes" | "rocket" | "confused" | "+1";

export interface ContentsPort {
  /** A file's text on the default branch (no ref), or at `ref`; undefined when absent. */
  getFileText(path: string, ref?: string): Promise<string | undefined>;
  /** The repository at `ref`, unpacked into a fresh folder the caller removes. */
  downloadTree(ref: string): Promise<{ dir: string; remove(): Promise<void> }>;
}

export type CheckStatus = "in_progress" | "completed";
export type CheckConclusion = "success" | "failure" | "neutral" | "cancelled" | "skipped" | "action_required";

export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "notice" | "warning" | "failure";
  message: string;
  title?: string;
  raw_details?: string;
}

export interface CheckRunOutput {
  title: string;
  summary: string;
  text?: string;
  /** At most 50 per call (GitHub's limit); a later update appends. */
  annotations?: CheckAnnotation[];
}

export interface CheckRunRecord {
  id: number;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  externalId: string | null;
}

export interface ChecksPort {
  /** The newest run of each name on the commit, optionally only `name`. */
  listForRef(headSha: string, name?: string): Promise<CheckRunRecord[]>;
  create(input: { name: string; headSha: string; externalId: string; status: CheckStatus; conclusion?: CheckConclusion; output: CheckRunOutput }): Promise<number>;
  update(id: number, input: { status?: CheckStatus; conclusion?: CheckConclusion; externalId?: string; output: CheckRunOutput }): Promise<void>;
}

export interface CommentRecord {
  id: number;
  body: string;
  /** The author is a bot (Concord's own comments are). */
  byBot: boolean;
}

export interface CommentsPort {
  list(issueNumber: number): Promise<CommentRecord[]>;
  create(issueNumber: number, body: string): Promise<number>;
  update(commentId: number, body: string): Promise<void>;
}

export interface ReactionsPort {
  addToComment(commentId: number, content: Reaction): Promise<void>;
}

export interface IssueRecord {
  number: number;
  title: string;
  body: string;
  state: "open" | "closed";
  labels: string[];
}

export interface IssuesPort {
  /** Issues (not pull requests), open and closed, optionally only those carrying `label`. */
  list(label?: string): Promise<IssueRecord[]>;
  create(input: { title: string; body: string; labels: string[] }): Promise<number>;
  update(issueNumber: number, input: { title?: string; body?: string; state?: "open" | "closed" }): Promise<void>;
}

export interface LabelsPort {
  add(issueNumber: number, labels: string[]): Promise<void>;
  remove(issueNumber: number, label: string): Promise<void>;
}

export interface AssigneesPort {
  add(issueNumber: number, logins: string[]): Promise<void>;
}

export interface PullRequestRecord {
  number: number;
  state: "open" | "closed";
  draft: boolean;
  headSha: string;
  headRef: string;
  baseSha: string;
  baseRef: string;
  author: string | null;
  authorIsBot: boolean;
  merged: boolean;
}

export interface PullRequestFile {
  filename: string;
  status: string;
  patch?: string;
  previous_filename?: string;
}

export interface PullsPort {
  get(number: number): Promise<PullRequestRecord>;
  listFiles(number: number): Promise<PullRequestFile[]>;
  /** The open pull request whose head is `sha` (fork PRs leave check_run.pull_requests empty). */
  findOpenForSha(sha: string): Promise<number | undefined>;
  /** A pull request by its head branch, open or closed; undefined when none. */
  findByHead(branch: string): Promise<PullRequestRecord | undefined>;
  create(input: { title: string; body: string; head: string; base: string; draft?: boolean }): Promise<number>;
  update(number: number, input: { title?: string; body?: string }): Promise<void>;
  requestReviewers(number: number, reviewers: string[]): Promise<void>;
}

export type ReviewEvent = "APPROVE" | "REQUEST_CHANGES" | "COMMENT";

export interface ReviewRecord {
  id: number;
  state: string;
  body: string;
  author: string | null;
  byBot: boolean;
  commitId: string | null;
}

export interface ReviewsPort {
  list(pullNumber: number): Promise<ReviewRecord[]>;
  create(pullNumber: number, input: { commitId: string; event: ReviewEvent; body: string; comments: { path: string; line: number; body: string }[] }): Promise<number>;
  dismiss(pullNumber: number, reviewId: number, message: string): Promise<void>;
}

export interface RepositoryPort {
  getDefaultBranchHead(): Promise<{ branch: string; sha: string }>;
}

export interface PermissionsPort {
  /** The collaborator's role; any error counts as no role at all (fail closed). */
  getRole(username: string): Promise<Role>;
}

export interface CommitRecord {
  sha: string;
  files: string[];
}

export interface HistoryPort {
  /** The newest commits since `since` (at most `limit`), from `sha` or the default branch, with the files each touched. */
  listCommits(input: { since: string; sha?: string; limit: number }): Promise<CommitRecord[]>;
}

export interface GitDataPort {
  /** The tree a commit points at. */
  getCommitTree(sha: string): Promise<string>;
  createBlob(content: string): Promise<string>;
  createTree(baseTree: string, entries: { path: string; sha: string | null; mode?: "100644" | "100755" }[]): Promise<string>;
  createCommit(input: { message: string; tree: string; parents: string[] }): Promise<string>;
  /** The commit a branch points at; undefined when the branch does not exist. */
  getBranchSha(branch: string): Promise<string | undefined>;
  /** Creates the branch at `sha`, or moves it there (force). */
  setBranch(branch: string, sha: string): Promise<void>;
}

/** Every area for one repository, as the use cases get it. */
export interface GitHubRepo {
  readonly ref: RepoRef;
  readonly fullName: string;
  readonly contents: ContentsPort;
  readonly checks: ChecksPort;
  readonly comments: CommentsPort;
  readonly reactions: ReactionsPort;
  readonly issues: IssuesPort;
  readonly labels: LabelsPort;
  readonly assignees: AssigneesPort;
  readonly pulls: PullsPort;
  readonly reviews: ReviewsPort;
  readonly repository: RepositoryPort;
  readonly permissions: PermissionsPort;
  readonly history: HistoryPort;
  readonly git: GitDataPort;
}
