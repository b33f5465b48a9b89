import nock from "nock";
import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { octokitRepo } from "../../src/github/octokit/octokit-repo.js";
import { upsertCheckRun } from "../../src/github/outputs/check-run.js";
import { ensureLivingIssue } from "../../src/github/outputs/living-issue.js";
import { ensureComment } from "../../src/github/outputs/sticky-comment.js";
import type { Annotation } from "../../src/render/annotations.js";
import { API, REPO } from "../helpers/github-nock.js";

const Octokit = ProbotOctokit.defaults((options: any) => ({ ...options, retry: { enabled: false }, throttle: { ...options.throttle, enabled: false } }));

/** The Octokit adapters of the GitHub ports, with the shared output helpers on top. */
function repo() {
  return octokitRepo(new Octokit({ auth: { token: "test" } }), { owner: "Codertocat", repo: "Hello-World" });
}

function annotations(n: number): Annotation[] {
  return Array.from({ length: n }, (_, i) => ({ path: "a.ts", start_line: i + 1, end_line: i + 1, annotation_level: "warning" as const, message: `m${i}` }));
}

describe("Octokit adapters and outputs", () => {
  it("creates a check run with the first 50 annotations and appends the rest 50 at a time", async () => {
    const sizes: number[] = [];
    const record = (body: any) => {
      sizes.push(body.output.annotations?.length ?? 0);
      return true;
    };
    const scope = nock(API)
      .get(`${REPO}/commits/abc/check-runs`)
      .query(true)
      .reply(200, { total_count: 0, check_runs: [] })
      .post(`${REPO}/check-runs`, record)
      .reply(201, { id: 7 })
      .patch(`${REPO}/check-runs/7`, record)
      .times(2)
      .reply(200, {});

    const result = await upsertCheckRun(repo(), {
      name: "Concord / tech debt",
      headSha: "abc",
      externalId: "debt:abc",
      status: "completed",
      conclusion: "failure",
      title: "t",
      summary: "s",
      annotations: annotations(120),
    });

    scope.done();
    expect(result).toEqual({ id: 7, created: true });
    expect(sizes).toEqual([50, 50, 20]);
  });

  it("updates the existing run for the same name and SHA instead of creating another", async () => {
    const scope = nock(API)
      .get(`${REPO}/commits/abc/check-runs`)
      .query((q) => q.check_name === "Concord / config" && q.filter === "latest")
      .reply(200, { total_count: 1, check_runs: [{ id: 9, name: "Concord / config", head_sha: "abc" }] })
      .patch(`${REPO}/check-runs/9`, (body: any) => body.conclusion === "success" && body.external_id === "config:abc")
      .reply(200, {});

    const result = await upsertCheckRun(repo(), { name: "Concord / config", headSha: "abc", externalId: "config:abc", status: "completed", conclusion: "success", title: "t", summary: "s" });

    scope.done();
    expect(result.created).toBe(false);
  });

  it("edits the bot's own marked comment, ignoring a human's comment that quotes the marker", async () => {
    const scope = nock(API)
      .get(`${REPO}/issues/3/comments`)
      .query(true)
      .reply(200, [
        { id: 1, body: "<!-- concord:debt -->\nfake", user: { login: "mallory", type: "User" } },
        { id: 2, body: "<!-- concord:debt -->\nold", user: { login: "concord[bot]", type: "Bot" } },
      ])
      .patch(`${REPO}/issues/comments/2`, (body: any) => body.body.includes("new"))
      .reply(200, {});

    const result = await ensureComment(repo(), 3, "debt", undefined, "new");

    scope.done();
    expect(result).toEqual({ id: 2, created: false });
  });

  it("keeps a comment body under GitHub's 65,536-character limit", async () => {
    let length = 0;
    const scope = nock(API)
      .get(`${REPO}/issues/3/comments`)
      .query(true)
      .reply(200, [])
      .post(`${REPO}/issues/3/comments`, (body: any) => {
        length = body.body.length;
        return true;
      })
      .reply(201, { id: 5 });

    await ensureComment(repo(), 3, "debt", undefined, "x\n".repeat(100_000));

    scope.done();
    expect(length).toBeLessThan(65_536);
  });

  it("finds a living issue by its marker and updates it; never creates a second", async () => {
    const scope = nock(API)
      .get(`${REPO}/issues`)
      .query((q) => q.labels === "concord:tech-debt" && q.state === "all")
      .reply(200, [{ number: 12, state: "open", title: "Tech debt report", body: "<!-- concord:debt-report -->\nold", labels: [{ name: "concord:tech-debt" }] }])
      .patch(`${REPO}/issues/12`, (body: any) => body.body.includes("fresh"))
      .reply(200, {});

    const result = await ensureLivingIssue(repo(), { kind: "debt-report", title: "Tech debt report", body: "fresh", labels: ["concord:tech-debt"] });

    scope.done();
    expect(result).toEqual({ number: 12, created: false });
  });

  it("treats any permission-lookup error as no role", async () => {
    const scope = nock(API).get(`${REPO}/collaborators/x/permission`).reply(500, {});

    expect(await repo().permissions.getRole("x")).toBe("none");
    scope.done();
  });
});
