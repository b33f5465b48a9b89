import type { PullRequestRecord, PullsPort } from "../../ports/github.js";
import type { OctokitScope } from "./types.js";

interface RawPullRequest {
  number: number;
  state: string;
  draft?: boolean | null;
  merged?: boolean | null;
  merged_at?: string | null;
  head: { sha: string; ref: string };
  base: { sha: string; ref: string };
  user: { login: string; type?: string } | null;
}

function toRecord(pr: RawPullRequest): PullRequestRecord {
  return {
    number: pr.number,
    state: pr.state === "closed" ? "closed" : "open",
    draft: pr.draft === true,
    headSha: pr.head.sha,
    headRef: pr.head.ref,
    baseSha: pr.base.sha,
    baseRef: pr.base.ref,
    author: pr.user?.login ?? null,
    authorIsBot: pr.user?.type === "Bot",
    merged: pr.merged === true || Boolean(pr.merged_at),
  };
}

export function octokitPulls({ octokit, ref }: OctokitScope): PullsPort {
  return {
    async get(number) {
      const { data } = await octokit.rest.pulls.get({ ...ref, pull_number: number });
      return toRecord(data);
    },
    async listFiles(number) {
      const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...ref, pull_number: number, per_page: 100 });
      return files.map((file) => ({
        filename: file.filename,
        status: file.status,
        ...(file.patch === undefined ? {} : { patch: file.patch }),
        ...(file.previous_filename === undefined ? {} : { previous_filename: file.previous_filename }),
      }));
    },
    async findOpenForSha(sha) {
      const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...ref, commit_sha: sha });
      return data.find((pr) => pr.state === "open" && pr.head.sha === sha)?.number;
    },
    async findByHead(branch) {
      const { data } = await octokit.rest.pulls.list({ ...ref, head: `${ref.owner}:${branch}`, state: "all", per_page: 1 });
      const pr = data[0];
      return pr === undefined ? undefined : toRecord(pr);
    },
    async create(input) {
      const { data } = await octokit.rest.pulls.create({ ...ref, ...input });
      return data.number;
    },
    async update(number, input) {
      await octokit.rest.pulls.update({ ...ref, pull_number: number, ...input });
    },
    async requestReviewers(number, reviewers) {
      await octokit.rest.pulls.requestReviewers({ ...ref, pull_number: number, reviewers });
    },
  };
}
