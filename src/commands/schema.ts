import { z } from "zod";
import { SafeGlob } from "../config/safe-glob.js";
import { isPackageName } from "./package-name.js";
import { isVersionSpec, MAX_VERSION_LENGTH } from "./version-spec.js";

// The only shapes a comment can turn into. Every object is strict, so a parsed command can carry no
// field this file does not name (A5: arguments are allowlisted, never settings overrides).
export const MAX_TEXT_LENGTH = 256;

export const INCIDENT_SEVERITIES = ["sev1", "sev2", "sev3", "sev4"] as const;
export const IncidentSeverity = z.enum(INCIDENT_SEVERITIES, { error: "must be one of sev1, sev2, sev3, sev4" });
export type IncidentSeverity = z.infer<typeof IncidentSeverity>;

export const INCIDENT_STATES = ["detected", "acknowledged", "investigating", "identified", "mitigated", "resolved", "closed"] as const;
export const IncidentState = z.enum(INCIDENT_STATES, { error: `must be one of ${INCIDENT_STATES.join(", ")}` });
export type IncidentState = z.infer<typeof IncidentState>;

const PackageName = z.string().refine(isPackageName, "is not a valid npm package name");
const VersionSpec = z
  .string()
  .max(MAX_VERSION_LENGTH, `is longer than ${MAX_VERSION_LENGTH} characters`)
  .refine(isVersionSpec, 'is not a version or range (for example 18, 18.2.0, "^18" or ">=4 <5")');
const StepId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i, "is not a step id (letters, digits, '.', '_' or '-', at most 64)");
const FreeText = z
  .string()
  .trim()
  .min(1, "is empty")
  .max(MAX_TEXT_LENGTH, `is longer than ${MAX_TEXT_LENGTH} characters`)
  .refine((text) => !/\p{Cc}/u.test(text), "contains a control character");

const bare = <K extends string>(kind: K) => z.object({ kind: z.literal(kind) }).strict();
const withReason = <K extends string>(kind: K) => z.object({ kind: z.literal(kind), reason: FreeText.optional() }).strict();

export const Command = z.discriminatedUnion("kind", [
  bare("help"),
  bare("debt scan"),
  bare("debt report"),
  z.object({ kind: z.literal("debt ignore"), glob: SafeGlob }).strict(),
  z.object({ kind: z.literal("migrate plan"), package: PackageName, version: VersionSpec }).strict(),
  bare("migrate status"),
  z.object({ kind: z.literal("migrate execute"), step: StepId }).strict(),
  z.object({ kind: z.literal("migrate rollback"), step: StepId.refine((step) => step.toLowerCase() !== "all", "must name one step") }).strict(),
  z.object({ kind: z.literal("incident declare"), severity: IncidentSeverity.optional(), title: FreeText }).strict(),
  z.object({ kind: z.literal("incident status"), state: IncidentState }).strict(),
  z.object({ kind: z.literal("incident severity"), severity: IncidentSeverity }).strict(),
  bare("incident mitigated"),
  bare("incident resolve"),
  bare("incident postmortem"),
  bare("incident stats"),
  withReason("resolve accept"),
  withReason("resolve reject"),
  withReason("resolve escalate"),
  bare("swarm status"),
  bare("agents status"),
  bare("concord pause"),
  bare("concord resume"),
]);
export type Command = z.infer<typeof Command>;
