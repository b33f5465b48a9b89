import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/ports/clock.js";
import { deliver } from "../helpers/deliver.js";
import { examplePayload } from "../helpers/payloads.js";
import { startTestConcord, type TestConcord } from "../helpers/test-probot.js";
import { waitFor } from "../helpers/wait-for.js";

describe("retention in the running app", () => {
  let later: TestConcord | undefined;
  let firstDir: string | undefined;
  afterEach(async () => {
    await later?.cleanup();
    if (firstDir) await rm(firstDir, { recursive: true, force: true });
  });

  it("prunes finished deliveries older than the configured age when it starts, and keeps younger ones", async () => {
    const clock = new ManualClock("2026-06-01T00:00:00Z");
    const first = await startTestConcord({ clock, retentionDays: 3 });
    firstDir = first.dir;
    // A review is accepted and routed with no GitHub call: a finished delivery to prune later.
    await deliver(first.url, "pull_request_review", examplePayload("pull_request_review", "submitted"), { id: "old-delivery" });
    await first.drain();
    expect((await first.runtime.store.listDeliveries(["done"])).map((d) => d.id)).toEqual(["old-delivery"]);
    await first.stop();

    clock.set("2026-06-03T00:00:00Z");
    const young = await startTestConcord({ clock, retentionDays: 3, sqliteFile: join(first.dir, "concord.db") });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await young.runtime.store.listDeliveries(["done"])).map((d) => d.id)).toEqual(["old-delivery"]);
    await young.stop();
    await rm(young.dir, { recursive: true, force: true });

    clock.set("2026-06-05T00:00:00Z");
    later = await startTestConcord({ clock, retentionDays: 3, sqliteFile: join(first.dir, "concord.db") });
    const { store } = later.runtime;
    await waitFor(async () => ((await store.listDeliveries(["done"])).length === 0 ? true : undefined));
  });
});
