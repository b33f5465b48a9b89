import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AgentTaskError } from "../../../src/agent-runtime/agent-client.js";
import { TechDebtConfig } from "../../../src/config/tech-debt-schema.js";
import { runCheck } from "../../../src/github/effects/run-check.js";
import { systemClock } from "../../../src/ports/clock.js";
import { KeyedState } from "../../../src/state/keyed-state.js";
import { FakeGitHub } from "../../fakes/fake-github.js";
import { createTestStore, type TestStore } from "../../helpers/test-store.js";

// Issue 9: a check that could not finish showed the validator's raw JSON in its text.
describe("a check that cannot finish says why in a sentence", () => {
  let testStore: TestStore;
  let github: FakeGitHub;
  beforeEach(async () => {
    testStore = await createTestStore();
    github = new FakeGitHub();
  });
  afterEach(async () => {
    await testStore.cleanup();
  });

  const run = { name: "Concord / tech debt", headSha: "abc1234", externalId: "debt:abc1234", title: "Analysing", summary: "Scanning." };
  const claims = () => ({ state: new KeyedState(testStore.store, systemClock), clock: systemClock, owner: "delivery-1" });
  const validationError = () => TechDebtConfig.safeParse({ ignore: Array.from({ length: 111 }, (_, i) => `gen${i}/**`) }).error!;

  it.each([
    ["thrown in this process", () => validationError()],
    ["carried as text from an agent's thread", () => new AgentTaskError("tech-debt", "task-1", validationError().message)],
  ])("validation issues %s", async (_how, error) => {
    await expect(runCheck(github, claims(), run, () => Promise.reject(error()))).rejects.toBeDefined();

    const summary = github.checkRuns[0]?.summary ?? "";
    expect(github.checkRuns[0]).toMatchObject({ status: "completed", conclusion: "neutral" });
    expect(summary).toContain("ignore may hold at most 100 entries");
    expect(summary).not.toMatch(/\bcode\b|too.{0,6}big|&#91;|\[/);
  });
});
