import type { ContentsPort } from "../../ports/github.js";
import { downloadTarball } from "../sources/download-tarball.js";
import { statusOf, type OctokitScope } from "./types.js";

export function octokitContents({ octokit, ref }: OctokitScope): ContentsPort {
  return {
    async getFileText(path, at) {
      try {
        const { data } = await octokit.rest.repos.getContent({ ...ref, path, ...(at ? { ref: at } : {}) });
        if (Array.isArray(data) || data.type !== "file" || !("content" in data)) return undefined;
        return Buffer.from(data.content, "base64").toString("utf8");
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw error;
      }
    },
    downloadTree: (at) => downloadTarball(octokit, ref, at),
  };
}
