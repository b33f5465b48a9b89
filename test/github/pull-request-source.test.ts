import { randomUUID } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PullRequestSource } from "../../src/github/sources/pull-request-source.js";
import type { ContentsPort } from "../../src/ports/github.js";

/** GitHub's contents API for a PR's files at one commit, answering with the texts it has. */
function contentsApi(texts: Record<string, string>) {
  const asked: string[] = [];
  const port: ContentsPort = {
    getFileText(path, ref) {
      asked.push(`${path}@${ref}`);
      return Promise.resolve(texts[path]);
    },
    downloadTree: () => Promise.reject(new Error("not used")),
  };
  return { port, asked };
}

/** Folders under the temporary folder that hold a copy with `text`. */
async function foldersHolding(text: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(tmpdir())) {
    if (!entry.startsWith("concord-pr-files-")) continue;
    const files = await readdir(join(tmpdir(), entry)).catch(() => []);
    for (const file of files) {
      const copy = join(tmpdir(), entry, file);
      // Other checks may be running on this machine: only a copy of the same size is worth reading.
      if ((await stat(copy).catch(() => undefined))?.size !== Buffer.byteLength(text)) continue;
      if ((await readFile(copy, "utf8").catch(() => "")) === text) found.push(entry);
    }
  }
  return found;
}

describe("a pull request's files, read through the contents API", () => {
  it("fetches each file once: later reads (a job run again) come from a copy on disk, which closing removes", async () => {
    const text = `export const id = "${randomUUID()}";\n`;
    const github = contentsApi({ "src/a.ts": text });
    const source = new PullRequestSource(github.port, "o/r@abc1234", "abc1234", [{ path: "src/a.ts" }]);

    const first = await source.readFile("src/a.ts");
    const again = await source.readFile("src/a.ts");
    const copies = await foldersHolding(text);
    await source.close();

    expect([first, again]).toEqual([text, text]);
    expect(github.asked).toEqual(["src/a.ts@abc1234"]);
    expect(copies).toHaveLength(1);
    expect(await foldersHolding(text)).toEqual([]);
  });

  it("answers a file GitHub does not have as absent, without asking twice, and one outside the PR without asking", async () => {
    const github = contentsApi({});
    const source = new PullRequestSource(github.port, "o/r@abc1234", "abc1234", [{ path: "src/gone.ts" }]);

    const reads = [await source.readFile("src/gone.ts"), await source.readFile("src/gone.ts"), await source.readFile("README.md")];
    await source.close();

    expect(reads).toEqual([undefined, undefined, undefined]);
    expect(github.asked).toEqual(["src/gone.ts@abc1234"]);
  });

  it("keeps nothing once closed", async () => {
    const text = `export const id = "${randomUUID()}";\n`;
    const github = contentsApi({ "src/a.ts": text });
    const source = new PullRequestSource(github.port, "o/r@abc1234", "abc1234", [{ path: "src/a.ts" }]);
    await source.readFile("src/a.ts");

    await source.close();

    await expect(source.readFile("src/a.ts")).rejects.toThrow();
    expect(await foldersHolding(text)).toEqual([]);
  });
});
