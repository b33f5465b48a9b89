import { describe, expect, it } from "vitest";
import { applyEffects } from "../../../src/github/effects/apply-effects.js";
import type { EffectInput } from "../../../src/protocol/effects.js";
import { FakeGitHub } from "../../fakes/fake-github.js";

const calls = (github: FakeGitHub) => github.calls.filter((call) => !/\.(list|listForRef|findByHead|getRole)\b/.test(call));

async function twice(github: FakeGitHub, effects: EffectInput[]): Promise<string[]> {
  await applyEffects(github, effects);
  const first = calls(github).length;
  await applyEffects(github, effects);
  return calls(github).slice(first);
}

describe("applyEffects", () => {
  it("completes a check run on its head SHA, once per name and SHA", async () => {
    const github = new FakeGitHub();
    const effect: EffectInput = { kind: "check-run", name: "Concord / tech debt", headSha: "abc", externalId: "debt:abc", conclusion: "failure", title: "1 new item", summary: "s", annotations: [] };

    const again = await twice(github, [effect]);

    expect(github.checkRuns).toEqual([expect.objectContaining({ name: "Concord / tech debt", headSha: "abc", status: "completed", conclusion: "failure" })]);
    expect(again).toEqual(["checks.update 1"]);
  });

  it("keeps one sticky comment per marker, edited only when its text changes", async () => {
    const github = new FakeGitHub();
    const comment = (body: string): EffectInput => ({ kind: "comment", issueNumber: 7, marker: { kind: "debt" }, body });

    expect(await twice(github, [comment("v1")])).toEqual([]);
    await applyEffects(github, [comment("v2")]);

    expect(github.commentsByIssue.get(7)?.map((c) => c.body)).toEqual(["<!-- concord:debt -->\nv2"]);
  });

  it("keeps one living issue per marker", async () => {
    const github = new FakeGitHub();
    const issue: EffectInput = { kind: "living-issue", marker: { kind: "debt-report" }, title: "Tech debt report", body: "b", labels: ["concord:tech-debt"] };

    expect(await twice(github, [issue])).toEqual([]);
    expect([...github.issuesById.values()].map((i) => i.title)).toEqual(["Tech debt report"]);
  });

  it("submits one review per head SHA and marker", async () => {
    const github = new FakeGitHub();
    github.addPull({ number: 3, headSha: "h1", baseSha: "b" });
    const review = (commitId: string): EffectInput => ({ kind: "review", pullNumber: 3, commitId, marker: { kind: "review", key: "reviewer" }, event: "REQUEST_CHANGES", body: "too complex", comments: [{ path: "a.ts", line: 4, body: "cognitive 40 > 15" }] });

    expect(await twice(github, [review("h1")])).toEqual([]);
    await applyEffects(github, [review("h2")]);

    expect(github.reviewsByPull.get(3)?.map((r) => [r.commitId, r.state])).toEqual([
      ["h1", "CHANGES_REQUESTED"],
      ["h2", "CHANGES_REQUESTED"],
    ]);
  });

  it("lands a change set as a branch and one pull request; the same change again moves nothing", async () => {
    const github = new FakeGitHub();
    const changeSet: EffectInput = {
      kind: "change-set",
      branch: "concord/revert/pr-12",
      base: "main",
      marker: { kind: "change-set", key: "revert-12" },
      title: "Revert #12",
      body: "Reverts #12.",
      commits: [
        { message: "Revert a.ts", files: [{ path: "a.ts", content: "export const a = 1;\n" }] },
        { message: "Remove b.ts", files: [{ path: "b.ts", content: null }] },
      ],
    };

    const again = await twice(github, [changeSet]);

    expect([...github.pullsById.values()].map((pr) => [pr.headRef, pr.title])).toEqual([["concord/revert/pr-12", "Revert #12"]]);
    expect(github.fileOnBranch("concord/revert/pr-12", "a.ts")).toBe("export const a = 1;\n");
    expect(again.filter((call) => call.startsWith("git.setBranch") || call.startsWith("pulls.create"))).toEqual([]);

    // The base moved: the branch is rebuilt on it and force-moved; the pull request stays the same one.
    github.branches.set("main", await github.git.createCommit({ message: "new base", tree: await github.git.createTree("empty-tree", [{ path: "c.ts", sha: await github.git.createBlob("c") }]), parents: [github.defaultBranch.sha] }));
    await applyEffects(github, [changeSet]);
    expect(github.fileOnBranch("concord/revert/pr-12", "c.ts")).toBe("c");
    expect(github.pullsById.size).toBe(1);
  });

  it("writes an escalation as one comment on its thread", async () => {
    const github = new FakeGitHub();
    const escalation: EffectInput = { kind: "escalation", issueNumber: 9, escalationId: "e-1", severity: "high", issue: "Reviewer and codegen disagree", recommendedAction: "Decide with /resolve accept or reject", attemptedResolutions: ["Weighed both positions"] };

    expect(await twice(github, [escalation])).toEqual([]);

    const [comment] = github.commentsByIssue.get(9)!;
    expect(comment!.body).toContain("Reviewer and codegen disagree");
    expect(comment!.body).toContain("<!-- concord:escalation:e-1 -->");
  });

  it("adds and removes labels, assignees and review requests", async () => {
    const github = new FakeGitHub();
    const issue = await github.issues.create({ title: "Outage", body: "", labels: ["incident"] });
    github.addPull({ number: 20, headSha: "h", baseSha: "b" });

    await applyEffects(github, [
      { kind: "labels", issueNumber: issue, add: ["sev1"], remove: ["incident"] },
      { kind: "assignees", issueNumber: issue, logins: ["oncall"] },
      { kind: "review-requests", pullNumber: 20, reviewers: ["lead"] },
    ]);

    expect(github.issuesById.get(issue)?.labels).toEqual(["sev1"]);
    expect(github.calls).toContain(`assignees.add ${issue} oncall`);
    expect(github.pullsById.get(20)?.reviewers).toEqual(["lead"]);
  });

  it("refuses an effect that does not parse, naming the field", async () => {
    await expect(applyEffects(new FakeGitHub(), [{ kind: "change-set", branch: "main" } as unknown as EffectInput])).rejects.toThrow(/branch/);
  });
});
