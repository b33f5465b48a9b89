import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseCommands } from "../../../src/commands/index.js";
import { handleCommands } from "../../../src/github/commands/handle-commands.js";
import { ignoredGlobs } from "../../../src/github/use-cases/debt-ignore.js";
import { isPaused } from "../../../src/github/use-cases/pause-state.js";
import { FakeGitHub } from "../../fakes/fake-github.js";
import { startFakeRuntime, type FakeRuntime } from "../../fakes/fake-runtime.js";

/** Slash-commands from comment to reply, against GitHub in memory. */
describe("commands use case (FakeGitHub)", () => {
  let github: FakeGitHub;
  let fake: FakeRuntime;
  beforeEach(async () => {
    github = new FakeGitHub();
    github.roles.set("writer", "write");
    github.roles.set("reader", "read");
    fake = await startFakeRuntime(github);
  });
  afterEach(async () => {
    await fake.cleanup();
  });

  /** `author` comments `body` on issue 3 and Concord handles it; returns the comment's id. */
  async function comment(author: string, body: string, options: { isPullRequest?: boolean } = {}): Promise<number> {
    const commentId = github.addUserComment(3, body);
    await handleCommands(fake.context(), { repo: github, issueNumber: 3, isPullRequest: options.isPullRequest ?? false, commentId, author }, parseCommands(body));
    return commentId;
  }

  const botReplies = () => (github.commentsByIssue.get(3) ?? []).filter((c) => c.byBot).map((c) => c.body);
  const reactionsOn = (id: number) => (github.commentsByIssue.get(3) ?? []).find((c) => c.id === id)?.reactions;

  it("answers /help to anyone, with 👀 then 🚀", async () => {
    const id = await comment("stranger", "/help");

    expect(botReplies()).toHaveLength(1);
    expect(botReplies()[0]).toContain("| `/debt ignore <glob>` |");
    expect(botReplies()[0]).toContain("*(not available yet)*");
    expect(reactionsOn(id)).toEqual(["eyes", "rocket"]);
  });

  it("refuses a writing command to a reader, naming the role it needs, and changes nothing", async () => {
    const id = await comment("reader", "/debt ignore gen/**");

    expect(botReplies()[0]).toContain("needs the **write** role on this repository; you have **read**");
    expect(await ignoredGlobs(fake.runtime.state, github.fullName)).toEqual([]);
    expect(reactionsOn(id)).toEqual(["eyes", "confused"]);
  });

  it("runs it for a writer", async () => {
    await comment("writer", "/debt ignore gen/**");

    expect(await ignoredGlobs(fake.runtime.state, github.fullName)).toEqual(["gen/**"]);
    expect(botReplies()[0]).toContain("Files matching ` gen/** ` are no longer analysed");
  });

  it("answers a malformed command with its usage, and a command whose agent has not shipped with 'not available yet'", async () => {
    await comment("writer", "/debt frobnicate\n/migrate plan react 18");

    const [usage, later] = botReplies();
    expect(usage).toContain("Usage:");
    expect(usage).toContain("/debt ignore <glob>");
    expect(later).toContain("` /migrate plan ` is not available yet in this version of Concord");
  });

  it("one reply per command line, edited in place when the same comment is handled again", async () => {
    const commentId = await comment("writer", "/help\n/debt ignore a/**");
    await handleCommands(fake.context(), { repo: github, issueNumber: 3, isPullRequest: false, commentId, author: "writer" }, parseCommands("/help\n/debt ignore a/**"));

    expect(botReplies()).toHaveLength(2);
    expect(github.calls.filter((call) => call.startsWith("comments.create"))).toHaveLength(2);
  });

  it("pause holds every other command on the thread until resume", async () => {
    await comment("writer", "/concord pause");
    expect(await isPaused(fake.runtime.state, { repo: github.fullName, number: 3 })).toBe(true);

    await comment("writer", "/debt ignore b/**");
    expect(botReplies().at(-1)).toContain("Concord is paused here");
    expect(await ignoredGlobs(fake.runtime.state, github.fullName)).toEqual([]);

    await comment("writer", "/concord resume");
    await comment("writer", "/debt ignore b/**");
    expect(await ignoredGlobs(fake.runtime.state, github.fullName)).toEqual(["b/**"]);
  });

  it("/agents status lists the hosted agents from the registry", async () => {
    await comment("reader", "/agents status");

    expect(botReplies()[0]).toContain("tech-debt");
    expect(botReplies()[0]).toContain("help");
  });
});
