import { sql } from "kysely";
import { afterEach, beforeEach, expect, it } from "vitest";
import { KyselyDebtScanRepository } from "../../src/adapters/store/debt-scans/kysely-debt-scan-repository.js";
import { migrateToLatest } from "../../src/adapters/store/migrations.js";
import type { DebtScanRecord } from "../../src/agents/specialized/tech-debt/history/debt-scan-repository.js";
import { seedBeforeDebtScanMigration } from "./seed-before-debt-scan-migration.js";
import { describeOnEachEngine, type Storage } from "./storage-engines.js";

const at = (second: number): string => new Date(Date.UTC(2024, 0, 1, 0, 0, second)).toISOString();

const scan = (sha: string, second: number, repo = "o/r"): DebtScanRecord => ({
  repo,
  sha,
  scannedAt: at(second),
  summary: JSON.stringify({ totalItems: second }),
});

const shas = (scans: DebtScanRecord[]): string[] => scans.map((s) => s.sha);

describeOnEachEngine("DebtScanRepository contract", (fresh) => {
  let storage: Storage;
  let scans: KyselyDebtScanRepository;

  beforeEach(async () => {
    storage = await fresh();
    scans = new KyselyDebtScanRepository(await storage.open());
  });

  afterEach(async () => {
    await storage.cleanup();
  });

  it("lists a repository's newest scans by scan time, not insertion, oldest first, at most `limit`", async () => {
    for (const [sha, second] of [["s3", 12], ["s1", 10], ["s5", 14], ["s2", 11], ["s4", 13]] as const) {
      expect(await scans.recordScan(scan(sha, second))).toBe(true);
    }

    expect(await scans.listScans("o/r", 3)).toEqual([scan("s3", 12), scan("s4", 13), scan("s5", 14)]);
    expect(shas(await scans.listScans("o/r", 50))).toEqual(["s1", "s2", "s3", "s4", "s5"]);
    expect(await scans.listScans("o/r", 0)).toEqual([]);
  });

  it("keeps each repository's scans apart, the newest-point rule included", async () => {
    await scans.recordScan(scan("a", 10, "o/r"));
    await scans.recordScan(scan("x", 20, "o/other"));

    expect(await scans.recordScan(scan("a", 30, "o/other"))).toBe(true);

    expect(shas(await scans.listScans("o/r", 5))).toEqual(["a"]);
    expect(shas(await scans.listScans("o/other", 5))).toEqual(["x", "a"]);
    expect(await scans.listScans("o/none", 5)).toEqual([]);
  });

  it("does not record a scan whose SHA already is the repository's newest point (a retried delivery)", async () => {
    await scans.recordScan(scan("a", 10));
    await scans.recordScan(scan("b", 20));

    expect(await scans.recordScan(scan("b", 30))).toBe(false);

    expect(await scans.listScans("o/r", 5)).toEqual([scan("a", 10), scan("b", 20)]);
  });

  it("records a SHA again once another scan came after it", async () => {
    await scans.recordScan(scan("a", 10));
    await scans.recordScan(scan("b", 20));

    expect(await scans.recordScan(scan("a", 30))).toBe(true);

    expect(shas(await scans.listScans("o/r", 5))).toEqual(["a", "b", "a"]);
  });

  it("breaks a tie in scan time by insertion: the later record is the newer point", async () => {
    await scans.recordScan(scan("x", 10));
    await scans.recordScan(scan("y", 10));

    expect(shas(await scans.listScans("o/r", 5))).toEqual(["x", "y"]);
    expect(await scans.recordScan(scan("y", 10))).toBe(false);
    expect(await scans.recordScan(scan("x", 10))).toBe(true);
  });

  it("records concurrent copies of one scan once, across replicas", async () => {
    await scans.recordScan(scan("a", 10));
    const replica = new KyselyDebtScanRepository(await storage.open());

    const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? scans : replica).recordScan(scan("b", 20 + i))));

    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(shas(await scans.listScans("o/r", 10))).toEqual(["a", "b"]);
  });

  it("keeps scans across a restart, and later records still sort after them", async () => {
    const store = await storage.open();
    await new KyselyDebtScanRepository(store).recordScan(scan("a", 10));
    await store.close();

    const restarted = new KyselyDebtScanRepository(await storage.open());
    await restarted.recordScan(scan("b", 10));

    expect(shas(await restarted.listScans("o/r", 5))).toEqual(["a", "b"]);
  });
});

describeOnEachEngine("Debt scan migration", (fresh) => {
  let storage: Storage;

  beforeEach(async () => {
    storage = await fresh();
  });

  afterEach(async () => {
    await storage.cleanup();
  });

  const options = (): { schema?: string } => (storage.schema !== undefined ? { schema: storage.schema } : {});

  it("gives a fresh database the table from the feature's own migration", async () => {
    const db = await storage.connect();
    try {
      expect(await migrateToLatest(db, storage.dialect, options())).toEqual(["0001_initial", "0002_inbox_leases_and_retention", "0003_debt_scans"]);
      const scans = new KyselyDebtScanRepository({ db, dialect: storage.dialect });
      expect(await scans.recordScan(scan("a", 10))).toBe(true);
      expect(await scans.listScans("o/r", 5)).toEqual([scan("a", 10)]);
    } finally {
      await db.destroy();
    }
  });

  it("upgrades a database whose 0001_initial created debt_scans without losing its rows", async () => {
    const legacy = await storage.connect();
    try {
      const rows = [scan("a", 10), scan("b", 20), scan("c", 5, "o/other")].map((s) => ({ repo: s.repo, sha: s.sha, scanned_at: s.scannedAt, summary: s.summary }));
      await seedBeforeDebtScanMigration(legacy, storage.dialect, rows, storage.schema);
    } finally {
      await legacy.destroy();
    }

    const store = await storage.open();
    const scans = new KyselyDebtScanRepository(store);

    expect(await scans.listScans("o/r", 5)).toEqual([scan("a", 10), scan("b", 20)]);
    expect(await scans.listScans("o/other", 5)).toEqual([scan("c", 5, "o/other")]);
    const { rows: applied } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(store.db);
    expect(applied.map((r) => r.name)).toEqual(["0001_initial", "0002_inbox_leases_and_retention", "0003_debt_scans"]);
    // The old rows keep their place: the newest-point rule and the id sequence carry on from them.
    expect(await scans.recordScan(scan("b", 30))).toBe(false);
    expect(await scans.recordScan(scan("d", 20))).toBe(true);
    expect(shas(await scans.listScans("o/r", 5))).toEqual(["a", "b", "d"]);
  });
});
