import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addIgnoredGlob, ignoredGlobs } from "../../src/github/use-cases/debt-ignore.js";
import { recordPullRequestHead } from "../../src/github/use-cases/pull-request-head.js";
import { ManualClock } from "../../src/ports/clock.js";
import { KeyedState } from "../../src/state/keyed-state.js";
import { createTestStore, type TestStore } from "../helpers/test-store.js";

/** These heads all have distinct updated_at: asking GitHub for the PR's head would be a bug. */
const noTies = () => Promise.reject(new Error("heads with distinct updated_at never need the PR"));

describe("read-modify-write of stored values", () => {
  let testStore: TestStore;
  let state: KeyedState;
  beforeEach(async () => {
    testStore = await createTestStore();
    state = new KeyedState(testStore.store, new ManualClock());
  });
  afterEach(async () => {
    await testStore.cleanup();
  });

  it("twenty concurrent /debt ignore commands all land, each once", async () => {
    const globs = Array.from({ length: 20 }, (_, i) => `gen${i}/**`);

    await Promise.all([...globs, ...globs].map((glob) => addIgnoredGlob(state, "o/r", glob)));

    expect((await ignoredGlobs(state, "o/r")).sort()).toEqual([...globs].sort());
  });

  it("concurrent events for one PR settle on the newest head, whatever order they arrive in", async () => {
    const heads = Array.from({ length: 12 }, (_, i) => ({ sha: `sha${i}`, updatedAt: `2026-01-01T00:00:${String(i).padStart(2, "0")}Z` }));

    const fresh = await Promise.all([...heads].reverse().map((head) => recordPullRequestHead(state, "o/r", 1, head, noTies)));

    expect(JSON.parse((await testStore.store.getValue("pr-head:o/r#1"))!).sha).toBe("sha11");
    expect(fresh[0]).toBe(true);
    expect(await recordPullRequestHead(state, "o/r", 1, heads[3]!, noTies)).toBe(false);
  });
});
