import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseCommands } from "../../../src/commands/index.js";
import { MAX_GLOBS } from "../../../src/config/index.js";
import { handleCommands } from "../../../src/github/commands/handle-commands.js";
import { addIgnoredGlob, ignoredGlobs, mergeIgnoreGlobs } from "../../../src/github/use-cases/debt-ignore.js";
import { FakeGitHub } from "../../fakes/fake-github.js";
import { startFakeRuntime, type FakeRuntime } from "../../fakes/fake-runtime.js";

/** `/debt ignore` and techDebt.ignore share one limit, counted over both lists. */
describe("/debt ignore limit (FakeGitHub)", () => {
  let github: FakeGitHub;
  let fake: FakeRuntime;
  beforeEach(async () => {
    github = new FakeGitHub();
    github.roles.set("writer", "write");
    fake = await startFakeRuntime(github);
  });
  afterEach(async () => {
    await fake.cleanup();
  });

  async function comment(body: string): Promise<number> {
    const commentId = github.addUserComment(3, body);
    await handleCommands(fake.context(), { repo: github, issueNumber: 3, isPullRequest: false, commentId, author: "writer" }, parseCommands(body));
    return commentId;
  }
  const botReplies = () => (github.commentsByIssue.get(3) ?? []).filter((c) => c.byBot).map((c) => c.body);
  const reactionsOn = (id: number) => (github.commentsByIssue.get(3) ?? []).find((c) => c.id === id)?.reactions;
  const globs = (count: number, prefix = "gen") => Array.from({ length: count }, (_, i) => `${prefix}${i}/**`);

  it("111 globs added by command: the first 100 land, the 101st and later are refused with a reply naming the limit", async () => {
    const all = globs(111);
    const ids: number[] = [];
    for (let i = 0; i < all.length; i += 10) ids.push(await comment(all.slice(i, i + 10).map((glob) => `/debt ignore ${glob}`).join("\n")));

    expect(await ignoredGlobs(fake.runtime.state, github.fullName)).toEqual(all.slice(0, 100));
    const refused = botReplies().filter((reply) => reply.includes("was not added"));
    expect(refused).toHaveLength(11);
    expect(refused[0]).toContain("` gen100/** ` was not added: the ignore list holds at most 100 globs, and this repository has 100");
    expect(reactionsOn(ids[9]!)).toEqual(["eyes", "rocket"]);
    expect(reactionsOn(ids[10]!)).toEqual(["eyes", "confused"]);
  });

  it("counts the config's techDebt.ignore against the same limit", async () => {
    const inConfig = globs(95, "config");
    github.setFiles({ ".github/concord.yml": `techDebt:\n  ignore:\n${inConfig.map((glob) => `    - "${glob}"`).join("\n")}\n` });

    await comment(globs(6).map((glob) => `/debt ignore ${glob}`).join("\n"));

    expect(await ignoredGlobs(fake.runtime.state, github.fullName)).toEqual(globs(5));
    expect(botReplies().at(-1)).toContain("(95 in ` techDebt.ignore ` of ` .github/concord.yml `, the rest added by command)");
  });

  it("a glob the config already has is not stored twice", async () => {
    github.setFiles({ ".github/concord.yml": "techDebt:\n  ignore: [gen/**]\n" });

    await comment("/debt ignore gen/**");

    expect(await ignoredGlobs(fake.runtime.state, github.fullName)).toEqual([]);
    expect(botReplies()[0]).toContain("` gen/** ` was already ignored (1 glob ignored, at most 100)");
  });

  it("concurrent commands never take the list past the limit", async () => {
    for (const glob of globs(95)) await addIgnoredGlob(fake.runtime.state, github.fullName, glob);

    const results = await Promise.all(globs(15, "late").map((glob) => addIgnoredGlob(fake.runtime.state, github.fullName, glob)));

    expect(await ignoredGlobs(fake.runtime.state, github.fullName)).toHaveLength(MAX_GLOBS);
    expect(results.filter((result) => result.added)).toHaveLength(5);
    expect(results.filter((result) => !result.added && result.reason === "list-full")).toHaveLength(10);
  });
});

describe("mergeIgnoreGlobs", () => {
  it("keeps a list stored before the limit, or holding globs refused today, from breaking the check", () => {
    const stored = ["(a+)+$", ...Array.from({ length: 150 }, (_, i) => `old${i}/**`)];

    const { globs, dropped } = mergeIgnoreGlobs(["config/**", "old0/**"], stored);

    expect(globs).toHaveLength(MAX_GLOBS);
    expect(globs.slice(0, 3)).toEqual(["config/**", "old0/**", "old1/**"]);
    expect(dropped[0]).toBe("(a+)+$");
    expect(dropped).toHaveLength(stored.length - (MAX_GLOBS - 1));
  });
});
