import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, linkProductionDependencies, packAndExtract, root, run, type PackedPackage } from "../helpers/packed-package.js";

// Issue 7: `npx concord` elsewhere found someone else's package, and the bin needed tsx and src/.
// This installs the packed package the way a user would, with production dependencies only, and runs
// `concord` in a folder that is not this checkout.
describe("the concord package, installed outside this checkout", () => {
  let work: string;
  let packed: PackedPackage;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "concord-install-"));
    packed = await packAndExtract(work);
    await linkProductionDependencies(packed.dir);
  }, 30_000);

  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it("has a name of our own and ships the compiled CLI and server, without sources or tests", async () => {
    const manifest = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { name: string; bin: Record<string, string> };

    expect(packed.name).toBe("@concord-app/concord");
    expect(manifest.bin).toEqual({ concord: "bin/concord.js" });
    expect(packed.files).toEqual(expect.arrayContaining(["package.json", "bin/concord.js", "dist/cli/main.js", "dist/main.js", "app.yml"]));
    expect(packed.files.filter((file) => !/^(dist\/.+\.js|bin\/concord\.js|package\.json|app\.yml|README\.md|LICENSE)$/.test(file))).toEqual([]);
  });

  it("`npm install -g` of the package gives a `concord` command that scans another repository with plain node", async () => {
    const prefix = join(work, "global");
    const elsewhere = join(work, "other-repo");
    await mkdir(join(elsewhere, "src"), { recursive: true });
    await writeFile(join(elsewhere, "src", "app.ts"), "// TODO: replace the placeholder\nexport function add(a: number, b: number): number {\n  return a + b;\n}\n");
    // A folder install links the folder (its node_modules holds the production dependencies), and the
    // bin goes to <prefix>/bin exactly as for a tarball. No network, no scripts.
    await run("npm", ["install", "--global", "--prefix", prefix, "--offline", "--ignore-scripts", "--no-audit", "--no-fund", packed.dir], { cwd: work, env: cleanEnv() });
    const concord = join(prefix, "bin", "concord");
    // No NODE_OPTIONS and no loader: the command must run compiled JavaScript.
    const env = cleanEnv({ PATH: `${join(prefix, "bin")}${delimiter}${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ""}` });

    const version = await run(concord, ["--version"], { cwd: elsewhere, env });
    const scan = await run(concord, ["scan", ".", "--format", "json"], { cwd: elsewhere, env });
    const report = JSON.parse(scan.stdout) as { files: { path: string }[]; todos: unknown[] };

    expect(version.stdout).toBe(`${packed.version}\n`);
    expect(report.files.map((file) => file.path)).toEqual(["src/app.ts"]);
    expect(report.todos).toHaveLength(1);
  });
});
