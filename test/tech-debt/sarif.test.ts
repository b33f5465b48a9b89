import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv04 from "ajv-draft-04";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import type { ScanResult } from "../../src/agents/specialized/tech-debt/model.js";
import { scanRepository } from "../../src/agents/specialized/tech-debt/scan-repository.js";
import { defaultTechDebtSettings } from "../../src/agents/specialized/tech-debt/settings.js";
import { MemoryRepoSource } from "../../src/ports/repo-source.js";
import { FINGERPRINT_KEY, toSarif, toUri } from "../../src/render/tech-debt/sarif.js";

// Both packages are CommonJS: under NodeNext their class is the default import's `.default`.
// The official SARIF 2.1.0 (rtm.5) schema, draft-04, as Microsoft's @microsoft/jest-sarif ships it.
const schemaPath = path.resolve(import.meta.dirname, "../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
// unicodeRegExp off: the published schema has a language-tag pattern (`…]?$`) that is only valid without the u flag.
const ajv = new Ajv04.default({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats.default(ajv);
const validate = ajv.compile(schema);

const planted = (name: string): string => readFileSync(new URL(`../fixtures/clones/${name}.txt`, import.meta.url), "utf8");

async function sampleScan(): Promise<ScanResult> {
  const settings = defaultTechDebtSettings();
  const tangled = `export function tangled(x: any) {\n${Array.from({ length: 12 }, (_, i) => `  if (x === ${i}) return ${i};`).join("\n")}\n  try { return x; } catch {}\n}\n`;
  return scanRepository(
    new MemoryRepoSource({
      "src/odd name #1.ts": tangled,
      "src/ünïcode/ok.ts": "// FIXME: handle %2e%2e and spaces\nexport const a = 1;\n",
      "src/copy-a.ts": planted("a.ts"),
      "src/copy-b.ts": planted("b.ts"),
      "src/broken.ts": "export function ( {\n",
    }),
    { thresholds: settings.thresholds, duplication: settings.duplication, ignore: [], now: new Date(0) },
  );
}

describe("toSarif", () => {
  it("produces SARIF 2.1.0 that validates against the official schema", async () => {
    const log = toSarif(await sampleScan(), { toolVersion: "0.1.0", informationUri: "https://github.com/concord/concord" });
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(log.runs[0]!.results.length).toBeGreaterThanOrEqual(4);
  });

  it("the schema check can fail: a result without a message is rejected", async () => {
    const log = toSarif(await sampleScan(), { toolVersion: "0.1.0" }) as unknown as { runs: { results: Record<string, unknown>[] }[] };
    delete log.runs[0]!.results[0]!.message;
    expect(validate(log)).toBe(false);
  });

  it("maps items to rules, levels, regions and partial fingerprints", async () => {
    const scan = await sampleScan();
    const log = toSarif(scan, { toolVersion: "0.1.0" });
    const run = log.runs[0]!;
    expect(run.tool.driver).toMatchObject({ name: "Concord", version: "0.1.0", semanticVersion: "0.1.0" });
    const byRule = new Map(run.results.map((result) => [result.ruleId, result]));
    const complexity = byRule.get("cyclomatic-complexity")!;
    const item = scan.items.find((i) => i.rule === "cyclomatic-complexity")!;
    expect(complexity.level).toBe("warning");
    expect(run.tool.driver.rules[complexity.ruleIndex]!.id).toBe("cyclomatic-complexity");
    expect(complexity.partialFingerprints[FINGERPRINT_KEY]).toBe(item.fingerprint);
    expect(complexity.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: "src/odd%20name%20%231.ts", uriBaseId: "%SRCROOT%" },
      region: { startLine: item.line, endLine: item.endLine },
    });
    expect(byRule.get("todo-comment")!.level).toBe("error"); // a fixme marker is high severity
    expect(byRule.get("explicit-any")!.level).toBe("note");
  });

  it("lists skipped files and scan warnings as tool execution notifications", async () => {
    const scan = await sampleScan();
    const log = toSarif({ ...scan, warnings: ["Duplicated code was not measured: jscpd did not finish within 600 s"] }, { toolVersion: "0.1.0" });

    expect(log.runs[0]!.invocations).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          { level: "warning", message: { text: "Duplicated code was not measured: jscpd did not finish within 600 s" }, descriptor: { id: "scan-warning" } },
          {
            level: "note",
            message: { text: expect.stringMatching(/^Not analysed: syntax-error: line 1: /) },
            descriptor: { id: "skipped-file" },
            locations: [{ physicalLocation: { artifactLocation: { uri: "src/broken.ts", uriBaseId: "%SRCROOT%" } } }],
          },
        ],
      },
    ]);
    expect(validate(log)).toBe(true);
  });

  it("gives duplicated code one result, with the other copy as a related location", async () => {
    const results = toSarif(await sampleScan(), { toolVersion: "0.1.0" }).runs[0]!.results.filter((result) => result.ruleId === "duplicated-code");

    expect(results).toHaveLength(1);
    expect(results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe("src/copy-a.ts");
    expect(results[0]!.relatedLocations).toEqual([
      { id: 1, message: { text: "Copy 2 of 2" }, physicalLocation: { artifactLocation: { uri: "src/copy-b.ts", uriBaseId: "%SRCROOT%" }, region: { startLine: 9, endLine: 19 } } },
    ]);
  });

  it("omits semanticVersion when the version is not semver", async () => {
    const log = toSarif(await sampleScan(), { toolVersion: "dev-build" });
    expect(log.runs[0]!.tool.driver.semanticVersion).toBeUndefined();
    expect(validate(log)).toBe(true);
  });

  it("encodes each path segment but keeps the slashes", () => {
    expect(toUri("a b/c#d/%e.ts")).toBe("a%20b/c%23d/%25e.ts");
  });
});
