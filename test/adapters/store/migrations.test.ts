import type { Migration } from "kysely";
import { describe, expect, it } from "vitest";
import { mergeMigrationSets, storeMigrations } from "../../../src/adapters/store/migrations.js";

const noop: Migration = { up: () => Promise.resolve() };

describe("store migrations", () => {
  it("number the infrastructure's and every feature's migrations in one sequence", () => {
    for (const dialect of ["sqlite", "postgres"] as const) {
      expect(Object.keys(storeMigrations(dialect)).sort()).toEqual(["0001_initial", "0002_inbox_leases_and_retention", "0003_debt_scans"]);
    }
  });

  it("refuse two sets that take the same number, whatever the rest of the name", () => {
    const merge = () => mergeMigrationSets([() => ({ "0004_incidents": noop }), () => ({ "0004_migration_plans": noop })], "sqlite");

    expect(merge).toThrow('Store migrations "0004_incidents" and "0004_migration_plans" share the number 0004');
  });

  it("refuse a name without its number", () => {
    expect(() => mergeMigrationSets([() => ({ incidents: noop })], "sqlite")).toThrow(/must look like 0004_what_it_does/);
  });
});
