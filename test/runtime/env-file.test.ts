import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "node:util";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadEnvironment } from "../../src/runtime/env-file.js";
import { readSettings } from "../../src/runtime/settings.js";
import { formatEnvLine, updateEnvFile } from "../../src/setup/update-env-file.js";
import { privateKey } from "../helpers/test-probot.js";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "concord-env-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("loading the env file at start", () => {
  it("puts the file's variables under the real environment, which wins", async () => {
    await writeFile(join(dir, ".env"), "APP_ID=1\nPORT=1\nWEBHOOK_SECRET=from-file\n");

    const env = loadEnvironment({ PORT: "4000", PATH: "/bin" }, dir);

    expect(env).toEqual({ APP_ID: "1", PORT: "4000", WEBHOOK_SECRET: "from-file", PATH: "/bin" });
  });

  it("reads the file CONCORD_ENV_FILE names, relative to the working directory", async () => {
    await mkdir(join(dir, "data"));
    await writeFile(join(dir, "data", "concord.env"), "APP_ID=7\n");

    const settings = readSettings(loadEnvironment({ CONCORD_ENV_FILE: "data/concord.env" }, dir), dir);

    expect(settings.appId).toBe(7);
    expect(settings.envFile).toBe(join(dir, "data", "concord.env"));
  });

  it("keeps finished work 14 days unless CONCORD_RETENTION_DAYS says otherwise, and refuses a non-positive age", () => {
    expect(readSettings({}, dir).retentionDays).toBe(14);
    expect(readSettings({ CONCORD_RETENTION_DAYS: "2.5" }, dir).retentionDays).toBe(2.5);
    expect(() => readSettings({ CONCORD_RETENTION_DAYS: "0" }, dir)).toThrow('CONCORD_RETENTION_DAYS must be a positive number of days, not "0"');
    expect(() => readSettings({ CONCORD_RETENTION_DAYS: "two weeks" }, dir)).toThrow("CONCORD_RETENTION_DAYS");
  });

  it("sizes the analysis threads from CONCORD_AGENT_THREADS and CONCORD_AGENT_MEMORY_MB, 0 threads meaning the event loop", () => {
    expect(readSettings({}, dir)).not.toHaveProperty("agentThreads");
    expect(readSettings({ CONCORD_AGENT_THREADS: "0", CONCORD_AGENT_MEMORY_MB: "512" }, dir)).toMatchObject({ agentThreads: 0, agentMemoryMb: 512 });
    expect(() => readSettings({ CONCORD_AGENT_THREADS: "1.5" }, dir)).toThrow('CONCORD_AGENT_THREADS must be a whole number (0 or more), not "1.5"');
    expect(() => readSettings({ CONCORD_AGENT_MEMORY_MB: "-1" }, dir)).toThrow('CONCORD_AGENT_MEMORY_MB must be a positive number of MB, not "-1"');
  });

  it("runs without a file", () => {
    expect(loadEnvironment({ APP_ID: "3" }, dir)).toEqual({ APP_ID: "3" });
  });

  it("stops with the file's name when it cannot be read", async () => {
    await mkdir(join(dir, ".env"));

    expect(() => loadEnvironment({}, dir)).toThrow(`Cannot read the env file ${join(dir, ".env")} (EISDIR)`);
  });

  it("reads the private key from an env file that Probot's setup wrote (quoted, \\n-escaped)", async () => {
    await writeFile(join(dir, ".env"), `APP_ID=5\nPRIVATE_KEY="${privateKey.replace(/\n/g, "\\n")}"\nWEBHOOK_SECRET=s`);

    const settings = readSettings(loadEnvironment({}, dir), dir);

    expect(settings).toMatchObject({ appId: 5, privateKey, webhookSecret: "s" });
  });
});

describe("writing the env file", () => {
  it("merges into what is there and leaves the file to its owner only", async () => {
    const file = join(dir, "nested", ".env");
    await mkdir(join(dir, "nested"));
    await writeFile(file, "LOG_LEVEL=debug\nAPP_ID=1\n", { mode: 0o644 });

    updateEnvFile(file, { APP_ID: "2", PRIVATE_KEY: privateKey });

    expect(parseEnv(await readFile(file, "utf8"))).toEqual({ LOG_LEVEL: "debug", APP_ID: "2", PRIVATE_KEY: privateKey });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it("writes lines that node:util parseEnv reads back unchanged", () => {
    const printable = fc.string({ unit: fc.constantFrom(..."ab =#'\"`\\$\n{}:/.-_"), maxLength: 30 });

    fc.assert(
      fc.property(printable, (value) => {
        fc.pre(!(value.includes("'") && value.includes("`") && (value.includes('"') || value.includes("\\"))));
        expect(parseEnv(formatEnvLine("KEY", value)).KEY).toBe(value);
      }),
    );
  });

  it("refuses a value no quoting can carry rather than write a corrupt file", () => {
    expect(() => formatEnvLine("KEY", "'`\"")).toThrow("Cannot write KEY to the env file");
  });
});
