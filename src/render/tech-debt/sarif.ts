import type { DebtItem, DebtSeverity, ScanResult } from "../../agents/specialized/tech-debt/model.js";
import { RULE_IDS, RULES, type RuleId } from "../../agents/specialized/tech-debt/rules/catalog.js";
import { bySeverity } from "./format.js";

/**
 * SARIF 2.1.0 for GitHub code scanning (`github/codeql-action/upload-sarif`). Locations are
 * repository-relative URIs under %SRCROOT%; partialFingerprints carry our line-independent
 * fingerprint so code scanning keeps an alert's identity when code moves.
 */
export interface SarifOptions {
  toolVersion: string;
  informationUri?: string;
}

export type SarifLevel = "error" | "warning" | "note";

export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: SarifRun[];
}

export interface SarifRun {
  tool: { driver: SarifDriver };
  results: SarifResult[];
  columnKind: "utf16CodeUnits";
  properties?: Record<string, unknown>;
}

interface SarifDriver {
  name: string;
  version: string;
  semanticVersion?: string;
  informationUri?: string;
  rules: SarifRule[];
}

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string };
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; precision: "high" };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: string };
      region: { startLine: number; endLine: number };
    };
  }[];
  partialFingerprints: Record<string, string>;
  properties: { severity: DebtSeverity; category: string; remediationMinutes: number };
}

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
export const FINGERPRINT_KEY = "concordFingerprint/v1";
/** GitHub code scanning accepts at most 25,000 results per run; the most severe are kept. */
export const MAX_SARIF_RESULTS = 25_000;

const LEVEL: Readonly<Record<DebtSeverity, SarifLevel>> = { critical: "error", high: "error", medium: "warning", low: "note" };
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

export function toSarif(scan: Pick<ScanResult, "items">, options: SarifOptions): SarifLog {
  const ruleIndex = new Map<string, number>(RULE_IDS.map((id, index) => [id, index]));
  const items = scan.items.length > MAX_SARIF_RESULTS ? bySeverity(scan.items).slice(0, MAX_SARIF_RESULTS) : scan.items;
  const driver: SarifDriver = { name: "Concord", version: options.toolVersion, rules: RULE_IDS.map(rule) };
  if (SEMVER.test(options.toolVersion)) driver.semanticVersion = options.toolVersion;
  if (options.informationUri !== undefined) driver.informationUri = options.informationUri;
  const run: SarifRun = {
    tool: { driver },
    results: items.filter((item) => ruleIndex.has(item.rule)).map((item) => result(item, ruleIndex.get(item.rule)!)),
    columnKind: "utf16CodeUnits",
  };
  if (items.length < scan.items.length) run.properties = { truncatedResults: scan.items.length - items.length };
  return { $schema: SARIF_SCHEMA, version: "2.1.0", runs: [run] };
}

function rule(id: RuleId): SarifRule {
  const descriptor = RULES[id];
  return {
    id,
    name: id.replace(/(^|-)([a-z])/g, (_match, _dash: string, letter: string) => letter.toUpperCase()),
    shortDescription: { text: descriptor.title },
    fullDescription: { text: descriptor.help },
    help: { text: descriptor.help },
    defaultConfiguration: { level: "warning" },
    properties: { tags: ["maintainability", descriptor.category], precision: "high" },
  };
}

function result(item: DebtItem, index: number): SarifResult {
  return {
    ruleId: item.rule,
    ruleIndex: index,
    level: LEVEL[item.severity],
    message: { text: item.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toUri(item.file), uriBaseId: "%SRCROOT%" },
          region: { startLine: item.line, endLine: Math.max(item.line, item.endLine) },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: item.fingerprint },
    properties: { severity: item.severity, category: item.category, remediationMinutes: item.remediationMinutes },
  };
}

/** A repository path as a relative URI reference: each segment percent-encoded, slashes kept. */
export function toUri(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}
