import { describe, expect, it } from "vitest";
import { readSettings } from "../../src/runtime/settings.js";

describe("settings of jobs: lanes, budget, shutdown", () => {
  it("are unset by default, so the app's defaults apply", () => {
    const settings = readSettings({}, "/tmp");

    expect(settings).not.toHaveProperty("interactiveConcurrency");
    expect(settings).not.toHaveProperty("jobBudgetMs");
    expect(settings).not.toHaveProperty("shutdownMs");
  });

  it("read CONCORD_INTERACTIVE_WORKERS, CONCORD_JOB_BUDGET_SECONDS and CONCORD_SHUTDOWN_SECONDS", () => {
    const settings = readSettings({ CONCORD_INTERACTIVE_WORKERS: "6", CONCORD_JOB_BUDGET_SECONDS: "120", CONCORD_SHUTDOWN_SECONDS: "2.5" }, "/tmp");

    expect(settings).toMatchObject({ interactiveConcurrency: 6, jobBudgetMs: 120_000, shutdownMs: 2_500 });
  });

  it("refuse values that cannot be meant, naming the setting", () => {
    expect(() => readSettings({ CONCORD_INTERACTIVE_WORKERS: "0" }, "/tmp")).toThrow('CONCORD_INTERACTIVE_WORKERS must be a whole number of workers (1 or more), not "0"');
    expect(() => readSettings({ CONCORD_INTERACTIVE_WORKERS: "1.5" }, "/tmp")).toThrow('CONCORD_INTERACTIVE_WORKERS must be a whole number of workers (1 or more), not "1.5"');
    expect(() => readSettings({ CONCORD_JOB_BUDGET_SECONDS: "0" }, "/tmp")).toThrow('CONCORD_JOB_BUDGET_SECONDS must be a positive number of seconds, not "0"');
    expect(() => readSettings({ CONCORD_SHUTDOWN_SECONDS: "soon" }, "/tmp")).toThrow('CONCORD_SHUTDOWN_SECONDS must be a positive number of seconds, not "soon"');
  });
});
