import { readFile } from "node:fs/promises";
import { join } from "node:path";
import semver from "semver";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
/** The oldest release of each Node line the README says Concord supports. */
const SUPPORTED = ["20.19.0", "22.13.0", "24.0.0"];

describe("supported Node versions", () => {
  it("every package the lock file installs supports each of them (npm ci prints no EBADENGINE)", async () => {
    const lock = JSON.parse(await readFile(join(root, "package-lock.json"), "utf8")) as { packages: Record<string, { engines?: { node?: string } | string[] }> };
    const unsupported = Object.entries(lock.packages).flatMap(([path, entry]) => {
      const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      return range === undefined ? [] : SUPPORTED.filter((version) => !semver.satisfies(version, range)).map((version) => `${path || "(root)"} wants node ${range}, not ${version}`);
    });
    expect(unsupported).toEqual([]);
  });
});
