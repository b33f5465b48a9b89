import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { LocalSourceResolver } from "../../src/adapters/repo-source/local-source-resolver.js";
import { createHandlerContext, type HandlerContext } from "../../src/github/handler-context.js";
import { GitHubSourceResolver } from "../../src/github/sources/github-source-resolver.js";
import { createRuntime } from "../../src/runtime/create-runtime.js";
import { capturedLogger } from "../helpers/test-log.js";
import type { FakeGitHub } from "./fake-github.js";

export interface FakeRuntime {
  runtime: Awaited<ReturnType<typeof createRuntime>>;
  /** A fresh delivery's context, whose repositories are all `github`. */
  context(event?: string): HandlerContext;
  cleanup(): Promise<void>;
}

/**
 * The real runtime (SQLite file, bus, registry, agents) over a FakeGitHub instead of Octokit: use
 * cases run as in the app, with no server, no Probot and no HTTP, in milliseconds.
 */
export async function startFakeRuntime(github: FakeGitHub): Promise<FakeRuntime> {
  const dir = await mkdtemp(path.join(tmpdir(), "concord-fake-"));
  const runtime = await createRuntime({
    sqliteFile: path.join(dir, "concord.sqlite"),
    logger: capturedLogger(),
    resolver: new GitHubSourceResolver(() => Promise.resolve(github.contents), new LocalSourceResolver()),
  });
  return {
    runtime,
    context: (event = "issue_comment") => createHandlerContext({ deliveryId: randomUUID(), event, installationId: 1, runtime, github: () => github }),
    async cleanup() {
      await runtime.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
