import { z } from "zod";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AgentHost } from "../../src/agent-runtime/agent-host.js";
import { LocalSourceResolver } from "../../src/adapters/repo-source/local-source-resolver.js";
import type { Agent, AgentContext, Task, TaskResult } from "../../src/agents/agent.js";
import type { CatalogEntry } from "../../src/agents/catalog.js";
import { LIST_COMMANDS } from "../../src/agents/help/help-capability.js";
import { parseCommands } from "../../src/commands/index.js";
import { COMMAND_TABLE, availableCommands } from "../../src/github/commands/command-table.js";
import type { CommandHandler } from "../../src/github/commands/command-types.js";
import { handleCommands } from "../../src/github/commands/handle-commands.js";
import { applyEffects } from "../../src/github/effects/apply-effects.js";
import { IssuesEvent } from "../../src/github/event-schemas.js";
import { dispatchEvent } from "../../src/github/events/dispatch-event.js";
import { subscription } from "../../src/github/events/event-subscription.js";
import type { HandlerContext } from "../../src/github/handler-context.js";
import { setPaused } from "../../src/github/use-cases/pause-state.js";
import { ManualClock } from "../../src/ports/clock.js";
import { silentLogger } from "../../src/ports/logger.js";
import type { GitHubRepo } from "../../src/ports/github.js";
import { defineCapability } from "../../src/protocol/capability.js";
import type { EffectInput } from "../../src/protocol/effects.js";
import { FakeGitHub } from "../fakes/fake-github.js";
import { startFakeRuntime, type FakeRuntime } from "../fakes/fake-runtime.js";
import { examplePayload } from "../helpers/payloads.js";

// docs/adding-an-agent.md, followed step by step for its "welcome" agent. Each block is the step of
// the same number; when the guide and the code part ways, this file stops compiling or fails.

// 1. The capability. "documentation" is also the help agent's routing capability: asks must still
// reach the agent that answers the operation.
const WELCOME_CONTRIBUTOR = defineCapability({
  id: "welcome.greet",
  routesTo: "documentation",
  taskType: "documentation",
  input: z.object({ login: z.string(), issueNumber: z.int().positive() }),
  output: z.object({ effects: z.array(z.custom<EffectInput>()) }),
});

// 2. The agent: data in, result out.
class WelcomeAgent implements Agent {
  readonly id = "welcome";
  execute(task: Task, _ctx: AgentContext): Promise<TaskResult> {
    const { login, issueNumber } = WELCOME_CONTRIBUTOR.input.parse(task.inputData);
    const effects: EffectInput[] = [{ kind: "comment", issueNumber, marker: { kind: "reply", key: `welcome-${issueNumber}` }, body: `Welcome, @${login}!` }];
    return Promise.resolve({ taskId: task.id, agentId: this.id, success: true, output: { effects }, evidence: [], metrics: { durationMs: 0, cost: 0 } });
  }
}

// 3. Its catalog entry.
const WELCOME_ENTRY: CatalogEntry = {
  registration: { agentId: "welcome", taskTypes: ["documentation"], capabilities: ["documentation"], description: "Greets first-time contributors.", maxConcurrentTasks: 10 },
  serves: [WELCOME_CONTRIBUTOR],
  create: () => new WelcomeAgent(),
};

// 4. Asking it from a use case, and applying its effects.
async function welcome(ctx: HandlerContext, repo: GitHubRepo, login: string, issueNumber: number): Promise<void> {
  const { effects } = await ctx.runtime.agents.ask(WELCOME_CONTRIBUTOR, { login, issueNumber }, { from: "github", taskId: `${ctx.deliveryId}:welcome`, description: `welcome ${login}` });
  await applyEffects(repo, effects);
}

// 5. The event subscription.
const welcomeNewcomers = subscription<IssuesEvent>({
  name: "welcome newcomers",
  event: "issues",
  actions: ["opened"],
  schema: IssuesEvent,
  quiet: "paused",
  threadOf: (event) => ({ repo: { owner: event.repository.owner.login, repo: event.repository.name }, number: event.issue.number }),
  async run(event, ctx) {
    await welcome(ctx, ctx.github({ owner: event.repository.owner.login, repo: event.repository.name }), event.sender?.login ?? "someone", event.issue.number);
  },
});

// 6. A command: a handler in the table ("swarm status" stands in for a new kind, so the test needs no edit of the grammar).
const welcomeAgain: CommandHandler<"swarm status"> = async (_command, thread, ctx) => {
  await welcome(ctx, thread.repo, thread.author, thread.issueNumber);
  return { ok: true, body: "Welcomed again." };
};
const TABLE_WITH_WELCOME = { ...COMMAND_TABLE, "swarm status": welcomeAgain };

describe("docs/adding-an-agent.md, followed for a tiny agent", () => {
  let github: FakeGitHub;
  let fake: FakeRuntime;
  let host: AgentHost;
  beforeEach(async () => {
    github = new FakeGitHub();
    github.roles.set("maintainer", "maintain");
    fake = await startFakeRuntime(github);
    const { registry, bus, state, clock } = fake.runtime;
    // Another host beside the app's own: any process can host agents; the registry and bus join them.
    host = new AgentHost({ catalog: [WELCOME_ENTRY], registry, bus, resolver: new LocalSourceResolver(), state, clock, logger: silentLogger });
    await host.start();
  });
  afterEach(async () => {
    host.close();
    await fake.cleanup();
  });

  const comments = (issue: number) => (github.commentsByIssue.get(issue) ?? []).map((comment) => comment.body);

  it("step 2: the agent runs alone, with no app and no GitHub", async () => {
    const result = await new WelcomeAgent().execute(
      { id: "t", type: "documentation", operation: WELCOME_CONTRIBUTOR.id, description: "", inputData: { login: "octocat", issueNumber: 4 }, dependencies: [] },
      { clock: new ManualClock(), logger: silentLogger },
    );

    expect(WELCOME_CONTRIBUTOR.output.parse(result.output).effects).toEqual([expect.objectContaining({ kind: "comment", issueNumber: 4, body: "Welcome, @octocat!" })]);
  });

  it("steps 3–5: an opened issue reaches the agent through its subscription and gets one comment, also when redelivered", async () => {
    const opened = examplePayload("issues", "opened");

    await dispatchEvent([welcomeNewcomers], opened, fake.context("issues"));
    await dispatchEvent([welcomeNewcomers], opened, fake.context("issues"));

    expect(comments(opened.issue.number)).toEqual([expect.stringContaining(`Welcome, @${opened.sender.login}!`)]);
    expect(github.calls.filter((call) => call.startsWith("comments.create"))).toHaveLength(1);
    expect((await fake.runtime.registry.getAgent("welcome"))?.completed).toBe(2);
  });

  it("step 5: the pipeline, not the feature, keeps it quiet on a paused thread", async () => {
    const opened = examplePayload("issues", "opened");
    // (FakeGitHub serves every repository name as its own.)
    await setPaused(fake.runtime.state, { repo: github.fullName, number: opened.issue.number }, true, "maintainer");

    await dispatchEvent([welcomeNewcomers], opened, fake.context("issues"));

    expect(comments(opened.issue.number)).toEqual([]);
  });

  it("step 6: a command with a handler in the table runs; without one it is 'not available yet', and /help agrees", async () => {
    const ask = async (table: typeof COMMAND_TABLE) => {
      const commentId = github.addUserComment(9, "/swarm status");
      await handleCommands(fake.context(), { repo: github, issueNumber: 9, isPullRequest: false, commentId, author: "maintainer" }, parseCommands("/swarm status"), table);
    };

    await ask(COMMAND_TABLE);
    expect(comments(9).at(-1)).toContain("is not available yet");
    expect(availableCommands()).not.toContain("swarm status");

    await ask(TABLE_WITH_WELCOME);
    expect(comments(9)).toContainEqual("<!-- concord:reply:welcome-9 -->\nWelcome, @maintainer!");
    expect(comments(9).at(-1)).toContain("Welcomed again.");
  });

  it("asks reach the agent answering the operation, though help shares its routing capability", async () => {
    for (let i = 0; i < 4; i++) {
      const { markdown } = await fake.runtime.agents.ask(LIST_COMMANDS, { available: ["help"] }, { from: "test", taskId: `help-${i}`, description: "help" });
      expect(markdown).toContain("/help");
      const { effects } = await fake.runtime.agents.ask(WELCOME_CONTRIBUTOR, { login: "a", issueNumber: 1 }, { from: "test", taskId: `welcome-${i}`, description: "welcome" });
      expect(effects).toHaveLength(1);
    }
  });
});
