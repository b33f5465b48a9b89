import nock from "nock";
import { afterEach, beforeAll, beforeEach } from "vitest";
import { takeCapturedLog } from "./helpers/test-log.js";

// GitHub's HTTP API is the only thing nock stands in for; any other request fails the test,
// and so does a mock that was set up but never used.
const unmatched: string[] = [];

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  nock.emitter.on("no match", (req: { method?: string; path?: string; hostname?: string; href?: string }) => {
    const where = req.href ?? `${req.hostname ?? ""}${req.path ?? ""}`;
    if (!/^(https?:\/\/)?(127\.0\.0\.1|localhost)/.test(where)) unmatched.push(`${req.method ?? "?"} ${where}`);
  });
});

afterEach(() => {
  const pending = nock.pendingMocks();
  const missed = unmatched.splice(0);
  nock.cleanAll();
  if (pending.length > 0) throw new Error(`Unused HTTP mocks:\n${pending.join("\n")}`);
  if (missed.length > 0) throw new Error(`Unmatched HTTP requests:\n${missed.join("\n")}`);
});

// The app's log lines belong to the test that caused them: printed when it fails, dropped otherwise.
beforeEach(({ onTestFailed }) => {
  takeCapturedLog();
  onTestFailed(() => {
    const lines = takeCapturedLog();
    if (lines.length > 0) process.stderr.write(`App log of the failed test:\n${lines.join("")}`);
  });
});
