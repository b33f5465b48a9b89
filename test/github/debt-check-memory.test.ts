import { readFileSync } from "node:fs";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { deliver } from "../helpers/deliver.js";
import { API, REPO, nockConfig, nockDebtCheck, nockToken } from "../helpers/github-nock.js";
import { examplePayload } from "../helpers/payloads.js";
import { startTestConcord, type TestConcord } from "../helpers/test-probot.js";
import { addedPatch, fileContents as contents } from "../helpers/github-files.js";

const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const COMPLEX = readFileSync(new URL("../fixtures/pr/complex.ts.txt", import.meta.url), "utf8");
// Under the scanner's 1 MB size limit and not minified, but its syntax tree needs about 50 MB.
const HUGE = `export const values = [\n${"0,\n".repeat(330_000)}];\n`;

describe('"Concord / tech debt" check when one changed file is too big to analyse', () => {
  let app: TestConcord;
  beforeEach(async () => {
    // The analysis on a worker thread, under a heap limit the huge file's syntax tree cannot fit in.
    app = await startTestConcord({ agentThreads: 1, agentMemoryMb: 64 });
  });
  afterEach(async () => {
    await app.cleanup();
  });

  it("completes the check on the other files and names the file that ran out of memory as not analysed", async () => {
    const completed: any[] = [];
    const scope = nockToken(nock(API));
    scope.get(`${REPO}/pulls/2/files`).query(true).reply(200, [
      // GitHub sends no patch for a diff this large.
      { filename: "src/data.ts", status: "added" },
      { filename: "src/route.ts", status: "added", patch: addedPatch(COMPLEX) },
    ]);
    nockConfig(scope);
    // Each file is fetched once: the rerun without the huge file reads what the first run fetched.
    scope.get(`${REPO}/contents/src%2Fdata.ts`).query({ ref: HEAD }).reply(200, contents(HUGE));
    scope.get(`${REPO}/contents/src%2Froute.ts`).query({ ref: HEAD }).reply(200, contents(COMPLEX));
    nockDebtCheck(scope, HEAD, completed);

    await deliver(app.url, "pull_request", examplePayload("pull_request", "opened"));
    await app.drain();

    scope.done();
    expect(completed).toHaveLength(1);
    const check = completed[0];
    expect(check).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(check.output.summary).toContain("**Not analysed:** ` src/data.ts ` (too-much-memory (its analysis needs more than the 64 MB a job may use))");
    const cognitive = check.output.annotations.find((a: any) => /cognitive/i.test(`${a.title} ${a.message}`));
    expect(cognitive).toMatchObject({ path: "src/route.ts", start_line: 3, annotation_level: "failure" });
    expect(check.output.annotations.every((a: any) => a.path === "src/route.ts")).toBe(true);
    expect(app.worker.stats).toMatchObject({ failed: 0 });
  });
});
