import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConcordConfig } from "../../../src/config/schema.js";
import { DEBT_CHECK_NAME, rerunDebtCheck, runDebtCheck, runDebtCheckWithComment } from "../../../src/github/use-cases/debt-check.js";
import { recordPullRequestHead } from "../../../src/github/use-cases/pull-request-head.js";
import { TransientError } from "../../../src/errors.js";
import { FakeGitHub } from "../../fakes/fake-github.js";
import { startFakeRuntime, type FakeRuntime } from "../../fakes/fake-runtime.js";
import { addedPatch } from "../../helpers/github-files.js";

const HEAD = "a".repeat(40);
const BASE = "b".repeat(40);
const COMPLEX = readFileSync(new URL("../../fixtures/pr/complex.ts.txt", import.meta.url), "utf8");
const CLEAN = "export function add(a: number, b: number): number {\n  return a + b;\n}\n";

/** Use cases against GitHub in memory: the same runtime and agents as the app, no HTTP. */
describe("debt check use case (FakeGitHub)", () => {
  let github: FakeGitHub;
  let fake: FakeRuntime;
  beforeEach(async () => {
    github = new FakeGitHub();
    fake = await startFakeRuntime(github);
  });
  afterEach(async () => {
    await fake.cleanup();
  });

  function openPull(files: Record<string, string>, base: Record<string, string> = {}) {
    github.setFiles(files, HEAD).setFiles(base, BASE);
    return github.addPull({
      number: 5,
      headSha: HEAD,
      baseSha: BASE,
      files: Object.entries(files).map(([filename, text]) => ({ filename, status: filename in base ? "modified" : "added", patch: addedPatch(text) })),
    });
  }

  const checkRuns = () => github.checkRuns.filter((run) => run.name === DEBT_CHECK_NAME);

  it("fails a pull request that adds a complex function, with one completed run carrying the annotations", async () => {
    const pull = openPull({ "src/route.ts": COMPLEX });

    await runDebtCheck(fake.context("pull_request"), github, ConcordConfig.parse({}), { number: 5, headSha: HEAD, baseSha: BASE, files: pull.files });

    expect(checkRuns()).toHaveLength(1);
    const [run] = checkRuns();
    expect(run).toMatchObject({ status: "completed", conclusion: "failure", headSha: HEAD, externalId: `debt:${HEAD}` });
    expect(run!.annotations).toContainEqual(expect.objectContaining({ path: "src/route.ts", annotation_level: "failure" }));
    expect(github.commentsByIssue.get(5)).toBeUndefined();
    // Looked up once when it starts; completed by the id it got.
    expect(github.calls.filter((call) => call.startsWith("checks.listForRef"))).toHaveLength(1);
  });

  it("passes a clean change, and running it again (a re-run, a redelivery) keeps one run", async () => {
    openPull({ "src/add.ts": CLEAN });

    await rerunDebtCheck(fake.context("check_run"), github, ConcordConfig.parse({}), HEAD);
    await rerunDebtCheck(fake.context("check_run"), github, ConcordConfig.parse({}), HEAD);

    expect(checkRuns()).toHaveLength(1);
    expect(checkRuns()[0]).toMatchObject({ status: "completed", conclusion: "success", title: "No new tech debt" });
  });

  it("/debt keeps one sticky comment, edited in place", async () => {
    openPull({ "src/route.ts": COMPLEX });

    await runDebtCheckWithComment(fake.context(), github, ConcordConfig.parse({}), 5);
    await runDebtCheckWithComment(fake.context(), github, ConcordConfig.parse({}), 5);

    const comments = github.commentsByIssue.get(5) ?? [];
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain("### Tech debt in this pull request");
    expect(github.calls.filter((call) => call.startsWith("comments.create"))).toHaveLength(1);
  });

  it("completes the run of an outdated head but leaves the comment to the newer head", async () => {
    const pull = openPull({ "src/route.ts": COMPLEX });
    const ctx = fake.context();
    await recordPullRequestHead(fake.runtime.state, github.fullName, 5, { sha: "c".repeat(40), updatedAt: "2026-12-01T00:00:00Z" }, () => Promise.resolve("c".repeat(40)));

    await runDebtCheck(ctx, github, ConcordConfig.parse({}), { number: 5, headSha: HEAD, baseSha: BASE, files: pull.files }, { comment: true });

    expect(checkRuns()[0]).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(github.commentsByIssue.get(5)).toBeUndefined();
  });

  it("never leaves the check spinning: a file GitHub does not serve completes it neutral, naming it, and the delivery retries", async () => {
    const pull = openPull({ "src/route.ts": COMPLEX });
    github.files.get(HEAD)!.delete("src/route.ts");

    const run = runDebtCheck(fake.context("pull_request"), github, ConcordConfig.parse({}), { number: 5, headSha: HEAD, baseSha: BASE, files: pull.files });

    await expect(run).rejects.toBeInstanceOf(TransientError);
    expect(checkRuns()).toHaveLength(1);
    expect(checkRuns()[0]).toMatchObject({ status: "completed", conclusion: "neutral", title: "Comparison unknown: 1 file not read at head" });
    expect(checkRuns()[0]!.summary).toContain("src/route.ts");
  });
});
