import { RateLimitedError } from "../../errors.js";
import type { HistoryPort, PermissionsPort, RepositoryPort, Role } from "../../ports/github.js";
import type { OctokitScope } from "./types.js";

export function octokitRepository({ octokit, ref }: OctokitScope): RepositoryPort {
  return {
    async getDefaultBranchHead() {
      const { data: repo } = await octokit.rest.repos.get({ ...ref });
      const { data: branch } = await octokit.rest.repos.getBranch({ ...ref, branch: repo.default_branch });
      return { branch: repo.default_branch, sha: branch.commit.sha };
    },
  };
}

const ROLES: readonly Role[] = ["admin", "maintain", "write", "triage", "read", "none"];

function isRole(name: string | undefined): name is Role {
  return (ROLES as readonly (string | undefined)[]).includes(name);
}

export function octokitPermissions({ octokit, ref }: OctokitScope): PermissionsPort {
  return {
    async getRole(username) {
      try {
        const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...ref, username });
        const { role_name: roleName } = data as { role_name?: string };
        // A custom repository role has its own name; `permission` is the base role it extends (maintain shows as write, triage as read).
        if (isRole(roleName)) return roleName;
        return isRole(data.permission) ? data.permission : "none";
      } catch (error) {
        // GitHub asked to wait: the command waits too, rather than being refused.
        if (error instanceof RateLimitedError) throw error;
        return "none";
      }
    },
  };
}

/** Commit details cost one request each: the caller bounds how many. */
export function octokitHistory({ octokit, ref }: OctokitScope): HistoryPort {
  return {
    async listCommits({ since, sha, limit }) {
      const { data: commits } = await octokit.rest.repos.listCommits({ ...ref, since, per_page: limit, ...(sha ? { sha } : {}) });
      const records = [];
      for (const commit of commits.slice(0, limit)) {
        const { data } = await octokit.rest.repos.getCommit({ ...ref, ref: commit.sha });
        records.push({ sha: commit.sha, files: (data.files ?? []).map((file) => file.filename) });
      }
      return records;
    },
  };
}
