import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "../helpers/packed-package.js";

// No Docker engine runs where these tests run, so the image is never built here. These check the two
// things in its inputs that would break it silently: a skipped install script and a leaked secret.
describe("the image's build inputs", () => {
  it("rebuilds every production package that has an install script, since its npm ci skips them", async () => {
    const lock = JSON.parse(await readFile(join(root, "package-lock.json"), "utf8")) as {
      packages: Record<string, { dev?: boolean; hasInstallScript?: boolean }>;
    };
    const dockerfile = await readFile(join(root, "Dockerfile"), "utf8");
    const withScripts = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== "" && entry.hasInstallScript && !entry.dev)
      .map(([path]) => path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length));
    const rebuilt = [...dockerfile.matchAll(/npm rebuild ([^\n&|;]+)/g)].flatMap((match) => match[1]!.trim().split(/\s+/));

    expect(dockerfile).toContain("npm ci --omit=dev --ignore-scripts");
    expect([...new Set(rebuilt)].sort()).toEqual([...new Set(withScripts)].sort());
  });

  it("keeps credentials, local data and host builds out of the build context", async () => {
    const ignored = (await readFile(join(root, ".dockerignore"), "utf8")).split("\n").map((line) => line.trim());

    expect(ignored).toEqual(expect.arrayContaining(["**/.env", "data", "node_modules", "dist"]));
  });
});
