import type { CodeLocation, DebtItem, DebtSeverity, ScanResult } from "../../agents/specialized/tech-debt/model.js";
import { RULE_IDS, RULES, type RuleId } from "../../agents/specialized/tech-debt/rules/catalog.js";

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
  invocations: SarifInvocation[];
  results: SarifResult[];
  columnKind: "utf16CodeUnits";
  properties?: Record<string, unknown>;
}

/** Files left out and scan-wide warnings travel as tool execution notifications. */
interface SarifInvocation {
  executionSuccessful: true;
  toolExecutionNotifications: SarifNotification[];
}

interface SarifNotification {
  level: "warning" | "note";
  message: { text: string };
  descriptor: { id: "skipped-file" | "scan-warning" };
  locations?: { physicalLocation: SarifPhysicalLocation }[];
}

interface SarifPhysicalLocation {
  artifactLocation: { uri: string; uriBaseId: string };
  region?: { startLine: number; endLine: number };
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
  locations: { physicalLocation: SarifPhysicalLocation }[];
  /** The other copies of duplicated code. */
  relatedLocations?: { id: number; physicalLocation: SarifPhysicalLocation; message: { text: string } }[];
  partialFingerprints: Record<string, string>;
  properties: { severity: DebtSeverity; category: string; remediationMinutes: number };
}

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
export const FINGERPRINT_KEY = "concordFingerprint/v1";
/** GitHub code scanning accepts at most 25,000 results per run; the most severe are kept. */
export const MAX_SARIF_RESULTS = 25_000;

const LEVEL: Readonly<Record<DebtSeverity, SarifLevel>> = { critical: "error", high: "error", medium: "warning", low: "note" };
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** The scan's findings (worst first, so a cut keeps the worst), its skipped files and its warnings. */
export function toSarif(scan: Pick<ScanResult, "items" | "skipped" | "warnings">, options: SarifOptions): SarifLog {
  const ruleIndex = new Map<string, number>(RULE_IDS.map((id, index) => [id, index]));
  const items = scan.items.slice(0, MAX_SARIF_RESULTS);
  const driver: SarifDriver = { name: "Concord", version: options.toolVersion, rules: RULE_IDS.map(rule) };
  if (SEMVER.test(options.toolVersion)) driver.semanticVersion = options.toolVersion;
  if (options.informationUri !== undefined) driver.informationUri = options.informationUri;
  const notifications: SarifNotification[] = [
    ...scan.warnings.map((warning): SarifNotification => ({ level: "warning", message: { text: warning }, descriptor: { id: "scan-warning" } })),
    ...scan.skipped.map(
      (file): SarifNotification => ({
        level: "note",
        message: { text: `Not analysed: ${file.reason}` },
        descriptor: { id: "skipped-file" },
        locations: [{ physicalLocation: { artifactLocation: { uri: toUri(file.path), uriBaseId: "%SRCROOT%" } } }],
      }),
    ),
  ];
  const run: SarifRun = {
    tool: { driver },
    invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
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
  const sarif: SarifResult = {
    ruleId: item.rule,
    ruleIndex: index,
    level: LEVEL[item.severity],
    message: { text: item.message },
    locations: [{ physicalLocation: physical(item) }],
    partialFingerprints: { [FINGERPRINT_KEY]: item.fingerprint },
    properties: { severity: item.severity, category: item.category, remediationMinutes: item.remediationMinutes },
  };
  const others = (item.locations ?? []).filter((copy) => copy.file !== item.file || copy.line !== item.line);
  if (others.length > 0) {
    const copies = others.length + 1;
    sarif.relatedLocations = others.map((copy, i) => ({ id: i + 1, physicalLocation: physical(copy), message: { text: `Copy ${i + 2} of ${copies}` } }));
  }
  return sarif;
}

function physical(location: CodeLocation): SarifPhysicalLocation {
  return {
    artifactLocation: { uri: toUri(location.file), uriBaseId: "%SRCROOT%" },
    region: { startLine: location.line, endLine: Math.max(location.line, location.endLine) },
  };
}

/** A repository path as a relative URI reference: each segment percent-encoded, slashes kept. */
export function toUri(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}
