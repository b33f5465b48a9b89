import type { CommandKind } from "./command-kinds.js";
import type { Role } from "./roles.js";

export interface CatalogEntry {
  /** Plain text, one line: what to type. */
  readonly usage: string;
  /** One sentence for /help. */
  readonly summary: string;
  /** Default minimum repository role; the config may raise it, and may lower it only for read-only commands. */
  readonly role: Role;
  /** Changes the repository or records a decision, so it can never need less than write (A1). */
  readonly writes: boolean;
}

// Whether a command is available is not said here: it is whether the app's command table has a
// handler for it, so the two can never disagree.
const reads = (usage: string, summary: string): CatalogEntry => ({ usage, summary, role: "read", writes: false });
const writes = (usage: string, summary: string): CatalogEntry => ({ usage, summary, role: "write", writes: true });

export const COMMAND_CATALOG: Readonly<Record<CommandKind, CatalogEntry>> = {
  help: reads("/help", "List the commands and who may run them."),
  "debt scan": reads("/debt [scan]", "On a pull request: re-run its tech-debt check and update the tech-debt comment; elsewhere: scan the default branch."),
  "debt report": reads("/debt report", "Scan the default branch and update the living Tech debt report issue, with its trend."),
  "debt ignore": writes("/debt ignore <glob>", "Stop reporting tech debt for files matching a repository-relative glob."),
  "migrate plan": writes("/migrate plan <package> <version>", "Plan a migration of a package to a version, in a living issue."),
  "migrate status": reads("/migrate status", "Show the state of each step of the migration plan."),
  "migrate execute": writes("/migrate execute <step|all>", "Open pull requests for one approved step, or for every step that is ready."),
  "migrate rollback": writes("/migrate rollback <step>", "Open a pull request that reverts one migration step."),
  "incident declare": writes("/incident declare [sev1-4] <title>", "Declare an incident and open its tracking issue."),
  "incident status": writes(
    "/incident status <detected|acknowledged|investigating|identified|mitigated|resolved|closed>",
    "Move the incident to a later state of its lifecycle.",
  ),
  "incident severity": writes("/incident severity <sev1-4>", "Change the severity of the incident."),
  "incident mitigated": writes("/incident mitigated", "Record that the impact has been mitigated."),
  "incident resolve": writes("/incident resolve", "Record that the incident is resolved."),
  "incident postmortem": writes("/incident postmortem", "Draft the post-mortem from the incident timeline."),
  "incident stats": reads("/incident stats", "Show incident counts and mean times to acknowledge, mitigate and resolve."),
  "resolve accept": writes("/resolve accept [reason]", "Accept the proposed resolution of an escalated disagreement."),
  "resolve reject": writes("/resolve reject [reason]", "Reject the proposed resolution of an escalated disagreement."),
  "resolve escalate": writes("/resolve escalate [reason]", "Hand the disagreement to a human decision."),
  "swarm status": reads("/swarm status", "Show the agents working on this issue or pull request."),
  "agents status": reads("/agents status", "Show registered agents, their health and their track record."),
  "concord pause": writes("/concord pause", "Stop automatic Concord activity on this issue or pull request."),
  "concord resume": writes("/concord resume", "Resume automatic Concord activity on this issue or pull request."),
};

/** The short answer to an unknown command: where to look, not the whole table. */
export const HELP_SUMMARY =
  "Concord commands: /help, /debt, /migrate, /incident, /resolve, /swarm, /agents, /concord. Write /help for the full list.";
