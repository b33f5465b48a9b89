import { expect, it } from "vitest";
import { takeCapturedLog } from "./helpers/test-log.js";
import { createTestProbot } from "./helpers/test-probot.js";

it("the app under test logs into the per-test capture, not onto the test run's output", () => {
  const written: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => written.push(String(chunk)) > 0);
  try {
    createTestProbot().log.error({ payload: { huge: true } }, "delivery failed");
  } finally {
    process.stdout.write = write;
  }

  expect(written).toEqual([]);
  expect(takeCapturedLog().join("")).toContain('"msg":"delivery failed"');
});
