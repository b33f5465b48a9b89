import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

/** `npm run lint:deps` as CI runs it, on any folder; resolves to its exit code and report. */
async function depcruise(folder: string): Promise<{ code: number; report: string }> {
  try {
    const { stdout } = await run("npx", ["depcruise", folder, "--config", ".dependency-cruiser.cjs", "--output-type", "err"], { cwd: process.cwd() });
    return { code: 0, report: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, report: failed.stdout };
  }
}

describe("layer boundaries (docs/architecture.md)", () => {
  it("hold in src/", async () => {
    const { code, report } = await depcruise("src");

    expect(report).toContain("no dependency violations found");
    expect(code).toBe(0);
  });

  it("fail on a deliberately wrong import: an agent calling GitHub, the protocol reaching into ports, a cycle, the CLI scanning by itself", async () => {
    const { code, report } = await depcruise("test/fixtures/boundaries/src");

    expect(code).not.toBe(0);
    expect(report).toMatch(/error pure-core-stays-pure: test\/fixtures\/boundaries\/src\/agents\/chatty-agent\.ts → test\/fixtures\/boundaries\/src\/github\/post-comment\.ts/);
    expect(report).toMatch(/error protocol-is-a-leaf: test\/fixtures\/boundaries\/src\/protocol\/stamped\.ts → test\/fixtures\/boundaries\/src\/ports\/clock\.ts/);
    expect(report).toMatch(/error no-cycles: test\/fixtures\/boundaries\/src\/agents\/p[io]ng\.ts/);
    expect(report).toMatch(/error cli-asks-agents: test\/fixtures\/boundaries\/src\/cli\/scan-itself\.ts/);
  });
});
