import type nock from "nock";
import { REPO } from "./github-nock.js";

export interface CheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion?: string;
  output?: { title?: string; summary?: string };
}

/**
 * The check runs of one head on a nock scope, kept as GitHub keeps them: created once, listed by
 * SHA, updated in place by id. The interceptors persist and are optional: the runs are the assertion.
 */
export function nockCheckRuns(scope: nock.Scope, headSha: string): CheckRun[] {
  const runs: CheckRun[] = [];
  scope
    .get(`${REPO}/commits/${headSha}/check-runs`)
    .query(true)
    .optionally()
    .reply(() => [200, { total_count: runs.length, check_runs: runs }])
    .persist();
  scope
    .post(`${REPO}/check-runs`)
    .optionally()
    .reply((_uri, body: any) => {
      const run = { id: runs.length + 1, name: body.name, head_sha: body.head_sha, status: body.status };
      runs.push(run);
      return [201, run];
    })
    .persist();
  scope
    .patch(/\/check-runs\/\d+$/)
    .optionally()
    .reply((uri, body: any) => {
      const run = runs.find((candidate) => uri.endsWith(`/check-runs/${candidate.id}`));
      if (!run) return [404, { message: "Not Found" }];
      Object.assign(run, { status: body.status ?? run.status, conclusion: body.conclusion ?? run.conclusion, output: body.output ?? run.output });
      return [200, run];
    })
    .persist();
  return runs;
}
