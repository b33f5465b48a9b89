import type { RecordedRequest } from "./fake-github.js";

export interface FakeCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion?: string;
}

/**
 * GitHub's check runs for a fake GitHub (startFakeGitHub), kept as GitHub keeps them: created once,
 * listed by the head's SHA, updated in place. `respond` answers check-run requests and leaves the rest
 * (undefined) to the caller.
 */
export function fakeCheckRuns(headSha: string): { runs: FakeCheckRun[]; respond(req: RecordedRequest): { status: number; body?: unknown } | undefined } {
  const runs: FakeCheckRun[] = [];
  return {
    runs,
    respond(req) {
      if (req.method === "GET" && req.path.includes(`/commits/${headSha}/check-runs`)) return { status: 200, body: { total_count: runs.length, check_runs: runs } };
      if (req.method === "POST" && req.path.endsWith("/check-runs")) {
        const run = { id: runs.length + 1, name: req.body.name, head_sha: req.body.head_sha, status: req.body.status };
        runs.push(run);
        return { status: 201, body: run };
      }
      const patch = /\/check-runs\/(\d+)$/.exec(req.path);
      if (req.method === "PATCH" && patch) {
        const run = runs.find((candidate) => candidate.id === Number(patch[1]));
        if (!run) return { status: 404 };
        Object.assign(run, { status: req.body.status ?? run.status, conclusion: req.body.conclusion ?? run.conclusion });
        return { status: 200, body: run };
      }
      return undefined;
    },
  };
}
