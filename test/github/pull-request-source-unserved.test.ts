import { describe, expect, it } from "vitest";
import { LocalSourceResolver } from "../../src/adapters/repo-source/local-source-resolver.js";
import { GitHubSourceResolver } from "../../src/github/sources/github-source-resolver.js";
import type { ContentsPort } from "../../src/ports/github.js";

/** Contents as GitHub serves them at one ref: a text, absent (404), or a failure (5xx after the client's retries). */
function contents(answers: Record<string, string | undefined | Error>) {
  const asked: string[] = [];
  const port: ContentsPort = {
    getFileText(path) {
      asked.push(path);
      const answer = answers[path];
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
    downloadTree: () => Promise.reject(new Error("not used")),
  };
  return { port, asked };
}

/** The PR's files at one head, opened as the app opens them for the agent. */
function openPullRequestFiles(port: ContentsPort, ...paths: string[]) {
  return new GitHubSourceResolver(() => Promise.resolve(port), new LocalSourceResolver()).open({ kind: "pr-files", repo: "o/r", sha: "h".repeat(40), installationId: 1, paths });
}

describe("a PR's files when GitHub does not serve one", () => {
  it("asks for no other file once one failed", async () => {
    const github = contents({ "a.ts": new Error("GitHub answered 500"), "b.ts": "b", "c.ts": "c" });
    const opened = await openPullRequestFiles(github.port, "a.ts", "b.ts", "c.ts");
    const { source } = opened;

    await expect(source.readFile("a.ts")).rejects.toThrow("GitHub answered 500");
    await expect(source.readFile("b.ts")).rejects.toThrow("not read: GitHub did not serve a.ts at hhhhhhh");
    await expect(source.readFile("c.ts")).rejects.toThrow("not read");

    expect(github.asked).toEqual(["a.ts"]);
    await opened.close();
  });

  it("a file GitHub says is absent (404) stops nothing", async () => {
    const github = contents({ "a.ts": undefined, "b.ts": "b" });
    const opened = await openPullRequestFiles(github.port, "a.ts", "b.ts");
    const { source } = opened;

    expect(await source.readFile("a.ts")).toBeUndefined();
    expect(await source.readFile("b.ts")).toBe("b");
    await opened.close();
  });
});
