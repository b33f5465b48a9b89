import { createHash } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type {
  CheckRunRecord,
  CommentRecord,
  GitHubRepo,
  IssueRecord,
  PullRequestFile,
  PullRequestRecord,
  RepoRef,
  ReviewRecord,
  Role,
} from "../../src/ports/github.js";

interface FakeCheckRun extends CheckRunRecord {
  title: string;
  summary: string;
  annotations: unknown[];
}

interface FakePull extends PullRequestRecord {
  title: string;
  body: string;
  files: PullRequestFile[];
  reviewers: string[];
}

/**
 * GitHub in memory, implementing every port for one repository: use-case and effect tests run
 * against it in milliseconds, and read what a user would see (comments, checks, issues, pull
 * requests, branches) off its public fields. `calls` records every port call, in order.
 */
export class FakeGitHub implements GitHubRepo {
  readonly ref: RepoRef;
  readonly fullName: string;
  readonly calls: string[] = [];
  /** Files per ref ("" is the default branch). */
  readonly files = new Map<string, Map<string, string>>();
  readonly checkRuns: FakeCheckRun[] = [];
  readonly commentsByIssue = new Map<number, (CommentRecord & { reactions: string[] })[]>();
  readonly issuesById = new Map<number, IssueRecord>();
  readonly pullsById = new Map<number, FakePull>();
  readonly reviewsByPull = new Map<number, (ReviewRecord & { event: string; dismissed?: string })[]>();
  readonly roles = new Map<string, Role>();
  readonly commits: { sha: string; files: string[] }[] = [];
  readonly branches = new Map<string, string>();
  readonly gitCommits = new Map<string, { tree: string; message: string; parents: string[] }>();
  readonly trees = new Map<string, Map<string, string>>();
  readonly blobs = new Map<string, string>();
  defaultBranch = { branch: "main", sha: "0000000000000000000000000000000000000001" };
  #nextId = 1;

  constructor(owner = "octo", repo = "repo") {
    this.ref = { owner, repo };
    this.fullName = `${owner}/${repo}`;
    this.trees.set("empty-tree", new Map());
    this.gitCommits.set(this.defaultBranch.sha, { tree: "empty-tree", message: "initial", parents: [] });
    this.branches.set("main", this.defaultBranch.sha);
  }

  /** Files of the repository at `ref` (the default branch when omitted). */
  setFiles(files: Record<string, string>, ref = ""): this {
    this.files.set(ref, new Map(Object.entries(files)));
    return this;
  }

  #id(): number {
    return this.#nextId++;
  }

  #log(call: string): void {
    this.calls.push(call);
  }

  readonly contents: GitHubRepo["contents"] = {
    getFileText: (file, at) => {
      this.#log(`contents.getFileText ${file}@${at ?? ""}`);
      return Promise.resolve(this.files.get(at ?? "")?.get(file));
    },
    downloadTree: async (at) => {
      this.#log(`contents.downloadTree ${at}`);
      const dir = await mkdtemp(path.join(tmpdir(), "fake-github-tree-"));
      for (const [file, text] of this.files.get(at) ?? new Map<string, string>()) {
        await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
        await writeFile(path.join(dir, file), text);
      }
      return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
    },
  };

  readonly checks: GitHubRepo["checks"] = {
    listForRef: (headSha, name) => {
      this.#log(`checks.listForRef ${headSha}`);
      return Promise.resolve(this.checkRuns.filter((run) => run.headSha === headSha && (name === undefined || run.name === name)).map((run) => ({ ...run })));
    },
    create: (input) => {
      this.#log(`checks.create ${input.name}`);
      const run: FakeCheckRun = {
        id: this.#id(),
        name: input.name,
        headSha: input.headSha,
        status: input.status,
        conclusion: input.conclusion ?? null,
        externalId: input.externalId,
        title: input.output.title,
        summary: input.output.summary,
        annotations: [...(input.output.annotations ?? [])],
      };
      this.checkRuns.push(run);
      return Promise.resolve(run.id);
    },
    update: (id, input) => {
      this.#log(`checks.update ${id}`);
      const run = this.checkRuns.find((candidate) => candidate.id === id);
      if (!run) return Promise.reject(new Error(`no check run ${id}`));
      if (input.status) run.status = input.status;
      if (input.conclusion) run.conclusion = input.conclusion;
      run.title = input.output.title;
      run.summary = input.output.summary;
      run.annotations.push(...(input.output.annotations ?? []));
      return Promise.resolve();
    },
  };

  readonly comments: GitHubRepo["comments"] = {
    list: (issueNumber) => {
      this.#log(`comments.list ${issueNumber}`);
      return Promise.resolve((this.commentsByIssue.get(issueNumber) ?? []).map(({ id, body, byBot }) => ({ id, body, byBot })));
    },
    create: (issueNumber, body) => {
      this.#log(`comments.create ${issueNumber}`);
      const id = this.#id();
      this.commentsByIssue.set(issueNumber, [...(this.commentsByIssue.get(issueNumber) ?? []), { id, body, byBot: true, reactions: [] }]);
      return Promise.resolve(id);
    },
    update: (commentId, body) => {
      this.#log(`comments.update ${commentId}`);
      const comment = [...this.commentsByIssue.values()].flat().find((candidate) => candidate.id === commentId);
      if (!comment) return Promise.reject(new Error(`no comment ${commentId}`));
      comment.body = body;
      return Promise.resolve();
    },
  };

  /** A comment written by a person, e.g. the one carrying a command. */
  addUserComment(issueNumber: number, body: string): number {
    const id = this.#id();
    this.commentsByIssue.set(issueNumber, [...(this.commentsByIssue.get(issueNumber) ?? []), { id, body, byBot: false, reactions: [] }]);
    return id;
  }

  readonly reactions: GitHubRepo["reactions"] = {
    addToComment: (commentId, content) => {
      this.#log(`reactions.add ${commentId} ${content}`);
      const comment = [...this.commentsByIssue.values()].flat().find((candidate) => candidate.id === commentId);
      comment?.reactions.push(content);
      return Promise.resolve();
    },
  };

  readonly issues: GitHubRepo["issues"] = {
    list: (label) => {
      this.#log(`issues.list ${label ?? ""}`);
      return Promise.resolve([...this.issuesById.values()].filter((issue) => label === undefined || issue.labels.includes(label)).map((issue) => ({ ...issue })));
    },
    create: (input) => {
      this.#log(`issues.create ${input.title}`);
      const number = this.#id();
      this.issuesById.set(number, { number, title: input.title, body: input.body, state: "open", labels: [...input.labels] });
      return Promise.resolve(number);
    },
    update: (number, input) => {
      this.#log(`issues.update ${number}`);
      const issue = this.issuesById.get(number);
      if (!issue) return Promise.reject(new Error(`no issue ${number}`));
      Object.assign(issue, input);
      return Promise.resolve();
    },
  };

  readonly labels: GitHubRepo["labels"] = {
    add: (issueNumber, labels) => {
      this.#log(`labels.add ${issueNumber} ${labels.join(",")}`);
      const issue = this.issuesById.get(issueNumber);
      if (issue) issue.labels = [...new Set([...issue.labels, ...labels])];
      return Promise.resolve();
    },
    remove: (issueNumber, label) => {
      this.#log(`labels.remove ${issueNumber} ${label}`);
      const issue = this.issuesById.get(issueNumber);
      if (issue) issue.labels = issue.labels.filter((candidate) => candidate !== label);
      return Promise.resolve();
    },
  };

  readonly assignees: GitHubRepo["assignees"] = {
    add: (issueNumber, logins) => {
      this.#log(`assignees.add ${issueNumber} ${logins.join(",")}`);
      return Promise.resolve();
    },
  };

  /** A pull request as GitHub would serve it. */
  addPull(pull: Partial<FakePull> & { number: number; headSha: string; baseSha: string }): FakePull {
    const record: FakePull = {
      state: "open",
      draft: false,
      headRef: `branch-${pull.number}`,
      baseRef: "main",
      author: "octocat",
      authorIsBot: false,
      merged: false,
      title: `PR ${pull.number}`,
      body: "",
      files: [],
      reviewers: [],
      ...pull,
    };
    this.pullsById.set(pull.number, record);
    return record;
  }

  readonly pulls: GitHubRepo["pulls"] = {
    get: (number) => {
      this.#log(`pulls.get ${number}`);
      const pull = this.pullsById.get(number);
      return pull ? Promise.resolve(pullRecord(pull)) : Promise.reject(new Error(`no pull request ${number}`));
    },
    listFiles: (number) => {
      this.#log(`pulls.listFiles ${number}`);
      return Promise.resolve([...(this.pullsById.get(number)?.files ?? [])]);
    },
    findOpenForSha: (sha) => {
      this.#log(`pulls.findOpenForSha ${sha}`);
      return Promise.resolve([...this.pullsById.values()].find((pull) => pull.state === "open" && pull.headSha === sha)?.number);
    },
    findByHead: (branch) => {
      this.#log(`pulls.findByHead ${branch}`);
      const pull = [...this.pullsById.values()].find((candidate) => candidate.headRef === branch);
      return Promise.resolve(pull ? pullRecord(pull) : undefined);
    },
    create: (input) => {
      this.#log(`pulls.create ${input.head}`);
      const number = this.#id();
      this.addPull({ number, headSha: this.branches.get(input.head) ?? "", baseSha: this.branches.get(input.base) ?? "", headRef: input.head, baseRef: input.base, title: input.title, body: input.body, draft: input.draft ?? false, author: "concord[bot]", authorIsBot: true });
      return Promise.resolve(number);
    },
    update: (number, input) => {
      this.#log(`pulls.update ${number}`);
      const pull = this.pullsById.get(number);
      if (pull) Object.assign(pull, input);
      return Promise.resolve();
    },
    requestReviewers: (number, reviewers) => {
      this.#log(`pulls.requestReviewers ${number} ${reviewers.join(",")}`);
      this.pullsById.get(number)?.reviewers.push(...reviewers);
      return Promise.resolve();
    },
  };

  readonly reviews: GitHubRepo["reviews"] = {
    list: (pullNumber) => {
      this.#log(`reviews.list ${pullNumber}`);
      return Promise.resolve((this.reviewsByPull.get(pullNumber) ?? []).map(({ id, state, body, author, byBot, commitId }) => ({ id, state, body, author, byBot, commitId })));
    },
    create: (pullNumber, input) => {
      this.#log(`reviews.create ${pullNumber} ${input.event}`);
      const id = this.#id();
      const state = input.event === "APPROVE" ? "APPROVED" : input.event === "REQUEST_CHANGES" ? "CHANGES_REQUESTED" : "COMMENTED";
      this.reviewsByPull.set(pullNumber, [...(this.reviewsByPull.get(pullNumber) ?? []), { id, state, body: input.body, author: "concord[bot]", byBot: true, commitId: input.commitId, event: input.event }]);
      return Promise.resolve(id);
    },
    dismiss: (pullNumber, reviewId, message) => {
      this.#log(`reviews.dismiss ${pullNumber} ${reviewId}`);
      const review = this.reviewsByPull.get(pullNumber)?.find((candidate) => candidate.id === reviewId);
      if (review) Object.assign(review, { state: "DISMISSED", dismissed: message });
      return Promise.resolve();
    },
  };

  readonly repository: GitHubRepo["repository"] = {
    getDefaultBranchHead: () => {
      this.#log("repository.getDefaultBranchHead");
      return Promise.resolve({ ...this.defaultBranch });
    },
  };

  readonly permissions: GitHubRepo["permissions"] = {
    getRole: (username) => {
      this.#log(`permissions.getRole ${username}`);
      return Promise.resolve(this.roles.get(username) ?? "none");
    },
  };

  readonly history: GitHubRepo["history"] = {
    listCommits: ({ limit }) => {
      this.#log("history.listCommits");
      return Promise.resolve(this.commits.slice(0, limit).map((commit) => ({ ...commit, files: [...commit.files] })));
    },
  };

  readonly git: GitHubRepo["git"] = {
    getCommitTree: (sha) => {
      const commit = this.gitCommits.get(sha);
      return commit ? Promise.resolve(commit.tree) : Promise.reject(new Error(`no commit ${sha}`));
    },
    createBlob: (content) => {
      this.#log("git.createBlob");
      const sha = hash(`blob ${content}`);
      this.blobs.set(sha, content);
      return Promise.resolve(sha);
    },
    createTree: (baseTree, entries) => {
      this.#log("git.createTree");
      const files = new Map(this.trees.get(baseTree) ?? []);
      for (const entry of entries) {
        if (entry.sha === null) files.delete(entry.path);
        else files.set(entry.path, entry.sha);
      }
      const sha = hash(`tree ${JSON.stringify([...files].sort())}`);
      this.trees.set(sha, files);
      return Promise.resolve(sha);
    },
    createCommit: (input) => {
      this.#log("git.createCommit");
      const sha = hash(`commit ${input.tree} ${input.parents.join(",")} ${input.message} ${this.#id()}`);
      this.gitCommits.set(sha, { tree: input.tree, message: input.message, parents: [...input.parents] });
      return Promise.resolve(sha);
    },
    getBranchSha: (branch) => Promise.resolve(this.branches.get(branch)),
    setBranch: (branch, sha) => {
      this.#log(`git.setBranch ${branch}`);
      this.branches.set(branch, sha);
      return Promise.resolve();
    },
  };

  /** The text of `file` on `branch`, read through the fake's git objects. */
  fileOnBranch(branch: string, file: string): string | undefined {
    const sha = this.branches.get(branch);
    const tree = sha === undefined ? undefined : this.trees.get(this.gitCommits.get(sha)!.tree);
    const blob = tree?.get(file);
    return blob === undefined ? undefined : this.blobs.get(blob);
  }
}

function pullRecord(pull: FakePull): PullRequestRecord {
  const { number, state, draft, headSha, headRef, baseSha, baseRef, author, authorIsBot, merged } = pull;
  return { number, state, draft, headSha, headRef, baseSha, baseRef, author, authorIsBot, merged };
}

function hash(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}
