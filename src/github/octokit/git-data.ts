import type { GitDataPort } from "../../ports/github.js";
import { statusOf, type OctokitScope } from "./types.js";

export function octokitGitData({ octokit, ref }: OctokitScope): GitDataPort {
  return {
    async getCommitTree(sha) {
      const { data } = await octokit.rest.git.getCommit({ ...ref, commit_sha: sha });
      return data.tree.sha;
    },
    async createBlob(content) {
      const { data } = await octokit.rest.git.createBlob({ ...ref, content: Buffer.from(content).toString("base64"), encoding: "base64" });
      return data.sha;
    },
    async createTree(baseTree, entries) {
      const { data } = await octokit.rest.git.createTree({
        ...ref,
        base_tree: baseTree,
        tree: entries.map((entry) => ({ path: entry.path, mode: entry.mode ?? "100644", type: "blob" as const, sha: entry.sha })),
      });
      return data.sha;
    },
    async createCommit(input) {
      const { data } = await octokit.rest.git.createCommit({ ...ref, ...input });
      return data.sha;
    },
    async getBranchSha(branch) {
      try {
        const { data } = await octokit.rest.git.getRef({ ...ref, ref: `heads/${branch}` });
        return data.object.sha;
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw error;
      }
    },
    async setBranch(branch, sha) {
      try {
        await octokit.rest.git.updateRef({ ...ref, ref: `heads/${branch}`, sha, force: true });
      } catch (error) {
        if (statusOf(error) !== 422 && statusOf(error) !== 404) throw error;
        await octokit.rest.git.createRef({ ...ref, ref: `refs/heads/${branch}`, sha });
      }
    },
  };
}
