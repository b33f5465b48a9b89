import { describe, expect, it } from "vitest";
import { readSettings } from "../../src/runtime/settings.js";

describe("settings of the GitHub client: request deadlines", () => {
  it("are unset by default, so the client's own (30 s, 600 s for a download) apply", () => {
    const settings = readSettings({}, "/tmp");

    expect(settings).not.toHaveProperty("githubTimeoutMs");
    expect(settings).not.toHaveProperty("githubDownloadTimeoutMs");
  });

  it("read CONCORD_GITHUB_TIMEOUT_SECONDS and CONCORD_GITHUB_DOWNLOAD_TIMEOUT_SECONDS", () => {
    const settings = readSettings({ CONCORD_GITHUB_TIMEOUT_SECONDS: "12.5", CONCORD_GITHUB_DOWNLOAD_TIMEOUT_SECONDS: "900" }, "/tmp");

    expect(settings).toMatchObject({ githubTimeoutMs: 12_500, githubDownloadTimeoutMs: 900_000 });
  });

  it("refuse values that cannot be meant, naming the setting", () => {
    expect(() => readSettings({ CONCORD_GITHUB_TIMEOUT_SECONDS: "0" }, "/tmp")).toThrow('CONCORD_GITHUB_TIMEOUT_SECONDS must be a positive number of seconds, not "0"');
    expect(() => readSettings({ CONCORD_GITHUB_DOWNLOAD_TIMEOUT_SECONDS: "ten" }, "/tmp")).toThrow('CONCORD_GITHUB_DOWNLOAD_TIMEOUT_SECONDS must be a positive number of seconds, not "ten"');
  });
});
