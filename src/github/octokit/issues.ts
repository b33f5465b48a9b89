import type { AssigneesPort, IssuesPort, LabelsPort } from "../../ports/github.js";
import { statusOf, type OctokitScope } from "./types.js";

export function octokitIssues({ octokit, ref }: OctokitScope): IssuesPort {
  return {
    async list(label) {
      const issues = await octokit.paginate(octokit.rest.issues.listForRepo, { ...ref, state: "all", per_page: 100, ...(label ? { labels: label } : {}) });
      return issues
        .filter((issue) => !issue.pull_request)
        .map((issue) => ({
          number: issue.number,
          title: issue.title,
          body: issue.body ?? "",
          state: issue.state === "closed" ? "closed" : "open",
          labels: issue.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))).filter(Boolean),
        }));
    },
    async create(input) {
      const { data } = await octokit.rest.issues.create({ ...ref, title: input.title, body: input.body, labels: input.labels });
      return data.number;
    },
    async update(issueNumber, input) {
      await octokit.rest.issues.update({
        ...ref,
        issue_number: issueNumber,
        ...input,
        ...(input.state === "closed" ? { state_reason: "completed" as const } : {}),
      });
    },
  };
}

export function octokitLabels({ octokit, ref }: OctokitScope): LabelsPort {
  return {
    async add(issueNumber, labels) {
      await octokit.rest.issues.addLabels({ ...ref, issue_number: issueNumber, labels });
    },
    async remove(issueNumber, label) {
      try {
        await octokit.rest.issues.removeLabel({ ...ref, issue_number: issueNumber, name: label });
      } catch (error) {
        // Already gone is what was asked for.
        if (statusOf(error) !== 404) throw error;
      }
    },
  };
}

export function octokitAssignees({ octokit, ref }: OctokitScope): AssigneesPort {
  return {
    async add(issueNumber, logins) {
      await octokit.rest.issues.addAssignees({ ...ref, issue_number: issueNumber, assignees: logins });
    },
  };
}
