import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/adapters/store/open-sqlite-store.js";
import { startClaimedCheckRun, upsertClaimedCheckRun, type CheckRunClaims } from "../../src/github/outputs/check-run-claim.js";
import { ManualClock } from "../../src/ports/clock.js";
import type { Store } from "../../src/ports/store.js";
import { KeyedState } from "../../src/state/keyed-state.js";
import { FakeGitHub } from "../fakes/fake-github.js";
import { createTestStore, type TestStore } from "../helpers/test-store.js";

const HEAD = "c".repeat(40);
const NAME = "Concord / tech debt";
const run = (title: string) => ({ name: NAME, headSha: HEAD, externalId: `debt:${HEAD}`, status: "in_progress" as const, title, summary: "s" });

/** GitHub that takes a while to create a run: long enough for every other caller to look for it first. */
function slowToCreate(github: FakeGitHub, ms = 150): FakeGitHub {
  const checks = { ...github.checks };
  github.checks.create = async (input) => {
    await sleep(ms);
    return checks.create(input);
  };
  return github;
}

describe("one check run per (repository, name, head)", () => {
  let testStore: TestStore;
  let clock: ManualClock;
  let github: FakeGitHub;
  const claims = (owner: string, store: Store = testStore.store): CheckRunClaims => ({ state: new KeyedState(store, clock), clock, owner, pollMs: 5 });
  const creates = () => github.calls.filter((call) => call.startsWith("checks.create"));

  beforeEach(async () => {
    testStore = await createTestStore();
    clock = new ManualClock();
    github = new FakeGitHub();
  });
  afterEach(async () => {
    await testStore.cleanup();
  });

  it("callers in two processes sharing the store, all at once, create one run and all update it", async () => {
    // A second connection to the same SQLite file: what another process of the app would hold.
    const other = await openSqliteStore(testStore.file);
    slowToCreate(github);
    try {
      const owners = ["d1", "d2", "d3"].flatMap((id) => [claims(`${id}-a`), claims(`${id}-b`, other)]);

      const results = await Promise.all(owners.map((owner, i) => upsertClaimedCheckRun(owner, github, run(`caller ${i}`))));

      expect(creates()).toHaveLength(1);
      expect(new Set(results.map((result) => result.id))).toEqual(new Set([github.checkRuns[0]!.id]));
      expect(results.filter((result) => result.created)).toHaveLength(1);
      expect(github.checkRuns).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it("a run that exists before any claim (made by an older version, or lost from the store) is found, not duplicated", async () => {
    const existing = await github.checks.create({ name: NAME, headSha: HEAD, externalId: "x", status: "completed", output: { title: "old", summary: "old" } });

    const result = await upsertClaimedCheckRun(claims("d1"), github, run("new"));

    expect(result).toEqual({ id: existing, created: false });
    expect(github.checkRuns).toHaveLength(1);
    expect(github.checkRuns[0]).toMatchObject({ status: "in_progress", title: "new" });
  });

  it("a claim whose holder died before recording its run is taken over once stale, and not before", async () => {
    // The dead holder's claim, as a crash between claiming and creating leaves it.
    await testStore.store.setValue(`check-run:${github.fullName}@${HEAD}:${NAME}`, JSON.stringify({ owner: "dead", at: clock.now().toISOString() }), clock.now().toISOString());

    let settled = false;
    const waiting = upsertClaimedCheckRun({ ...claims("d2"), staleMs: 60_000 }, github, run("after")).finally(() => (settled = true));
    await sleep(50);
    expect(settled).toBe(false);
    clock.advance(60_000);
    const result = await waiting;

    expect(result.created).toBe(true);
    expect(github.checkRuns).toHaveLength(1);
  });

  it("the same delivery, run again after a crash, takes its own unfinished claim at once", async () => {
    await testStore.store.setValue(`check-run:${github.fullName}@${HEAD}:${NAME}`, JSON.stringify({ owner: "d1", at: clock.now().toISOString() }), clock.now().toISOString());

    const result = await upsertClaimedCheckRun({ ...claims("d1"), staleMs: 60_000 }, github, run("again"));

    expect(result.created).toBe(true);
  });

  it("a create that fails releases the claim: the next caller creates without waiting", async () => {
    await expect(upsertClaimedCheckRun({ ...claims("d1"), staleMs: 60_000 }, failingOnce(github), run("x"))).rejects.toThrow("GitHub answered 502");

    const result = await upsertClaimedCheckRun({ ...claims("d2"), staleMs: 60_000 }, github, run("y"));

    expect(result.created).toBe(true);
    expect(github.checkRuns).toHaveLength(1);
  });

  it("a run its delivery already completed stays completed when that delivery runs again; another delivery starts it again", async () => {
    const first = await startClaimedCheckRun(claims("d1"), github, run("Analysing"));
    await github.checks.update(first.id, { status: "completed", conclusion: "neutral", output: { title: "Comparison unknown", summary: "s" } });
    await first.settle();

    const retry = await startClaimedCheckRun(claims("d1"), github, run("Analysing"));
    expect(retry.id).toBe(first.id);
    expect(github.checkRuns[0]).toMatchObject({ status: "completed", title: "Comparison unknown" });

    await startClaimedCheckRun(claims("d2"), github, run("Analysing"));
    expect(github.checkRuns[0]).toMatchObject({ status: "in_progress", title: "Analysing" });
    expect(creates()).toHaveLength(1);
  });
});

/** GitHub whose next create fails (a 502 after which nothing was created). */
function failingOnce(github: FakeGitHub): FakeGitHub {
  const checks = { ...github.checks };
  github.checks.create = () => {
    github.checks.create = (input) => checks.create(input);
    return Promise.reject(new Error("GitHub answered 502"));
  };
  return github;
}
