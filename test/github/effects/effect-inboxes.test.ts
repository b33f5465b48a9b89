import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InProcessBus } from "../../../src/bus/in-process-bus.js";
import { subscribeEffectInboxes } from "../../../src/github/inbox/effect-inboxes.js";
import { ManualClock } from "../../../src/ports/clock.js";
import { silentLogger } from "../../../src/ports/logger.js";
import { createEscalationRequest, createNotification, escalationToMessage } from "../../../src/protocol/index.js";
import { FakeGitHub } from "../../fakes/fake-github.js";
import { createTestStore, type TestStore } from "../../helpers/test-store.js";

/** The bus's two outward addresses, "human" and "github", as any agent reaches them. */
describe("effect inboxes", () => {
  const clock = new ManualClock();
  let testStore: TestStore;
  let bus: InProcessBus;
  let github: FakeGitHub;
  let stop: () => void;
  beforeEach(async () => {
    testStore = await createTestStore();
    bus = new InProcessBus(testStore.store, { clock });
    github = new FakeGitHub();
    stop = await subscribeEffectInboxes({ bus, repos: () => Promise.resolve(github), logger: silentLogger });
  });
  afterEach(async () => {
    stop();
    await testStore.cleanup();
  });

  function escalation(issue: string) {
    const request = createEscalationRequest(
      {
        escalationId: "conflict:octo/repo#7",
        fromAgent: "conflict-resolver",
        severity: "high",
        issue,
        context: { thread: { repo: "octo/repo", issueNumber: 7, installationId: 1 } },
        attemptedResolutions: ["Weighed both positions: confidence 0.6 against 0.62"],
      },
      { clock },
    );
    return escalationToMessage(request, {}, { clock });
  }

  it("turns an escalation into one comment on its thread; the same escalation again (a retry, a redelivery) edits it", async () => {
    await bus.send(escalation("The reviewer and the codegen agent disagree about this change."));
    await bus.send(escalation("The reviewer and the codegen agent disagree about this change."));
    await bus.send(escalation("They still disagree after a new commit."));

    const comments = github.commentsByIssue.get(7) ?? [];
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain("They still disagree after a new commit.");
    expect(comments[0]!.body).toContain("Weighed both positions");
    expect(github.calls.filter((call) => call.startsWith("comments.create"))).toHaveLength(1);
  });

  it("keeps an escalation with no thread in the journal only", async () => {
    const bare = escalationToMessage(createEscalationRequest({ fromAgent: "swarm", severity: "low", issue: "no thread", attemptedResolutions: [] }, { clock }), {}, { clock });

    await bus.send(bare);

    expect(github.calls).toEqual([]);
    expect(await bus.getDeadLetters()).toEqual([]);
  });

  it("applies the effects an agent sends to github on its own", async () => {
    const notice = createNotification(
      { from: "incident-responder", to: ["github"], payload: { repo: "octo/repo", installationId: 1, effects: [{ kind: "labels", issueNumber: 3, add: ["sev1"] }] } },
      { clock },
    );
    github.issuesById.set(3, { number: 3, title: "Down", body: "", state: "open", labels: [] });

    await bus.send(notice);

    expect(github.issuesById.get(3)?.labels).toEqual(["sev1"]);
  });
});
