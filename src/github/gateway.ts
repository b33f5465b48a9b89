import type { ProbotOctokit } from "probot";
import { batchAnnotations, capAnnotations, type Annotation } from "../render/annotations.js";
import { fitCheckText, fitComment } from "../render/limits.js";
import { hasMarker, parseMarkers, withMarker } from "../render/markers.js";

export interface RepoRef {
  owner: string;
  repo: string;
}

export type Reaction = "eyes" | "rocket" | "confused" | "+1";
export type Role = "admin" | "maintain" | "write" | "triage" | "read" | "none";

export interface CheckRunInput {
  name: string;
  headSha: string;
  externalId: string;
  status: "in_progress" | "completed";
  conclusion?: "success" | "failure" | "neutral" | "cancelled" | "skipped" | "action_required";
  title: string;
  summary: string;
  text?: string;
  annotations?: Annotation[];
}

export interface IssueInput {
  kind: string;
  key?: string;
  title: string;
  body: string;
  labels: string[];
}

/**
 * The one place that talks to GitHub's REST API for a repository. Every write is idempotent:
 * comments and issues are found again by their hidden marker, check runs by name and head SHA.
 */
export class GitHubGateway {
  constructor(
    readonly octokit: ProbotOctokit,
    readonly ref: RepoRef,
  ) {}

  get fullName(): string {
    return `${this.ref.owner}/${this.ref.repo}`;
  }

  /** A file's text on the default branch (no ref), or at `ref`; undefined when absent. */
  async getFileText(path: string, ref?: string): Promise<string | undefined> {
    try {
      const { data } = await this.octokit.rest.repos.getContent({ ...this.ref, path, ...(ref ? { ref } : {}) });
      if (Array.isArray(data) || data.type !== "file" || !("content" in data)) return undefined;
      return Buffer.from(data.content, "base64").toString("utf8");
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  /** The collaborator's role; any error counts as no role at all (fail closed). */
  async getRole(username: string): Promise<Role> {
    try {
      const { data } = await this.octokit.rest.repos.getCollaboratorPermissionLevel({ ...this.ref, username });
      const role = (data as { role_name?: string }).role_name ?? data.permission;
      return isRole(role) ? role : "none";
    } catch {
      return "none";
    }
  }

  async addReaction(commentId: number, content: Reaction): Promise<void> {
    await this.octokit.rest.reactions.createForIssueComment({ ...this.ref, comment_id: commentId, content });
  }

  /** One comment per (kind, key) on the thread: edited in place when it exists, created otherwise. */
  async upsertComment(issueNumber: number, kind: string, key: string | undefined, body: string): Promise<{ id: number; created: boolean }> {
    const text = fitComment(withMarker(body, kind, key));
    const existing = await this.#findBotComment(issueNumber, kind, key);
    if (existing) {
      if (existing.body !== text) await this.octokit.rest.issues.updateComment({ ...this.ref, comment_id: existing.id, body: text });
      return { id: existing.id, created: false };
    }
    const { data } = await this.octokit.rest.issues.createComment({ ...this.ref, issue_number: issueNumber, body: text });
    return { id: data.id, created: true };
  }

  async #findBotComment(issueNumber: number, kind: string, key: string | undefined) {
    const comments = await this.octokit.paginate(this.octokit.rest.issues.listComments, { ...this.ref, issue_number: issueNumber, per_page: 100 });
    return comments.find((c) => c.user?.type === "Bot" && typeof c.body === "string" && hasMarker(c.body, kind, key));
  }

  /**
   * One check run per (name, head SHA): an existing run is updated, never duplicated. Annotations
   * go 50 per request (GitHub's limit); later batches are appended by further updates.
   */
  async upsertCheckRun(input: CheckRunInput): Promise<{ id: number; created: boolean }> {
    const { kept } = capAnnotations(input.annotations ?? []);
    const batches = batchAnnotations(kept);
    const output = (annotations: Annotation[] | undefined) => ({
      title: input.title,
      summary: fitCheckText(input.summary),
      ...(input.text ? { text: fitCheckText(input.text) } : {}),
      ...(annotations && annotations.length > 0 ? { annotations } : {}),
    });
    const state = {
      status: input.status,
      ...(input.status === "completed" ? { conclusion: input.conclusion ?? "neutral" } : {}),
      external_id: input.externalId,
    };
    const { data: list } = await this.octokit.rest.checks.listForRef({ ...this.ref, ref: input.headSha, check_name: input.name, filter: "latest" });
    const existing = list.check_runs.find((run) => run.head_sha === input.headSha && run.name === input.name);
    let id: number;
    if (existing) {
      id = existing.id;
      await this.octokit.rest.checks.update({ ...this.ref, check_run_id: id, ...state, output: output(batches[0]) });
    } else {
      const { data } = await this.octokit.rest.checks.create({ ...this.ref, name: input.name, head_sha: input.headSha, ...state, output: output(batches[0]) });
      id = data.id;
    }
    for (const batch of batches.slice(1)) {
      await this.octokit.rest.checks.update({ ...this.ref, check_run_id: id, output: output(batch) });
    }
    return { id, created: !existing };
  }

  /**
   * A living issue found by its marker (and label), updated in place; created once. A closed one
   * is updated but left closed: closing it is the maintainer's call, and a new one would duplicate it.
   */
  async upsertIssue(input: IssueInput): Promise<{ number: number; created: boolean }> {
    const body = fitComment(withMarker(input.body, input.kind, input.key));
    const existing = (await this.#listIssues(input.labels[0])).find((issue) => typeof issue.body === "string" && hasMarker(issue.body, input.kind, input.key));
    if (existing) {
      if (existing.body !== body || existing.title !== input.title) {
        await this.octokit.rest.issues.update({ ...this.ref, issue_number: existing.number, title: input.title, body });
      }
      return { number: existing.number, created: false };
    }
    return { number: await this.createMarkedIssue(input), created: true };
  }

  /** Issues (open or closed) carrying a `kind` marker, with the marker's key: for one-issue-per-key sets. */
  async listMarkedIssues(label: string, kind: string): Promise<{ key: string; number: number; state: string }[]> {
    const marked: { key: string; number: number; state: string }[] = [];
    for (const issue of await this.#listIssues(label)) {
      const key = parseMarkers(issue.body ?? "").find((m) => m.kind === kind)?.key;
      if (key !== undefined) marked.push({ key, number: issue.number, state: issue.state });
    }
    return marked;
  }

  async closeIssue(issueNumber: number): Promise<void> {
    await this.octokit.rest.issues.update({ ...this.ref, issue_number: issueNumber, state: "closed", state_reason: "completed" });
  }

  async #listIssues(label: string | undefined) {
    const issues = await this.octokit.paginate(this.octokit.rest.issues.listForRepo, {
      ...this.ref,
      state: "all",
      per_page: 100,
      ...(label ? { labels: label } : {}),
    });
    return issues.filter((issue) => !issue.pull_request);
  }

  /** Creates an issue carrying its marker; for callers that already know none exists. */
  async createMarkedIssue(input: IssueInput): Promise<number> {
    const body = fitComment(withMarker(input.body, input.kind, input.key));
    const { data } = await this.octokit.rest.issues.create({ ...this.ref, title: input.title, body, labels: input.labels });
    return data.number;
  }

  async getPullRequest(pullNumber: number) {
    const { data } = await this.octokit.rest.pulls.get({ ...this.ref, pull_number: pullNumber });
    return data;
  }

  /** The open PR whose head is `sha` (fork PRs leave check_run.pull_requests empty). */
  async findPullRequestForSha(sha: string): Promise<number | undefined> {
    const { data } = await this.octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...this.ref, commit_sha: sha });
    return data.find((pr) => pr.state === "open" && pr.head.sha === sha)?.number;
  }

  async getDefaultBranchHead(): Promise<{ branch: string; sha: string }> {
    const { data: repo } = await this.octokit.rest.repos.get({ ...this.ref });
    const { data: branch } = await this.octokit.rest.repos.getBranch({ ...this.ref, branch: repo.default_branch });
    return { branch: repo.default_branch, sha: branch.commit.sha };
  }

  async listPullRequestFiles(pullNumber: number) {
    return this.octokit.paginate(this.octokit.rest.pulls.listFiles, { ...this.ref, pull_number: pullNumber, per_page: 100 });
  }
}

function isRole(value: unknown): value is Role {
  return typeof value === "string" && ["admin", "maintain", "write", "triage", "read", "none"].includes(value);
}

function statusOf(error: unknown): number | undefined {
  if (typeof error === "object" && error !== null && "status" in error) {
    const { status } = error;
    return typeof status === "number" ? status : undefined;
  }
  return undefined;
}
