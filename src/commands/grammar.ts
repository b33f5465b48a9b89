import type { CommandKind, CommandName } from "./command-kinds.js";

// How the words after "/name sub" map onto the fields of `Command`. Values are checked afterwards by
// the zod schema; this table only says which word goes where.
export type ArgSpec =
  /** One required word. */
  | { readonly key: string; readonly label: string; readonly type: "word"; readonly lowercase?: boolean; readonly unquote?: boolean }
  /** One word taken when it matches `when`, e.g. the severity in `/incident declare sev1 API down`; a word
   * that only matches `looksLike` ("sev9") is an error rather than the start of the next argument. */
  | { readonly key: string; readonly label: string; readonly type: "optional-word"; readonly when: RegExp; readonly looksLike: RegExp }
  /** The rest of the line as structured words (a version range): every word must not look like an option. */
  | { readonly key: string; readonly label: string; readonly type: "words" }
  /** The rest of the line as free text: only its first word is checked for an option. */
  | { readonly key: string; readonly label: string; readonly type: "text"; readonly optional: boolean };

const reason: ArgSpec = { key: "reason", label: "[reason]", type: "text", optional: true };

export const GRAMMAR: Readonly<Record<CommandKind, readonly ArgSpec[]>> = {
  help: [],
  "debt scan": [],
  "debt report": [],
  "debt ignore": [{ key: "glob", label: "<glob>", type: "word", unquote: true }],
  "migrate plan": [
    { key: "package", label: "<package>", type: "word" },
    { key: "version", label: "<version>", type: "words" },
  ],
  "migrate status": [],
  "migrate execute": [{ key: "step", label: "<step|all>", type: "word", lowercase: true }],
  "migrate rollback": [{ key: "step", label: "<step>", type: "word", lowercase: true }],
  "incident declare": [
    { key: "severity", label: "[sev1-4]", type: "optional-word", when: /^sev[1-4]$/i, looksLike: /^sev\d+$/i },
    { key: "title", label: "<title>", type: "text", optional: false },
  ],
  "incident status": [{ key: "state", label: "<state>", type: "word", lowercase: true }],
  "incident severity": [{ key: "severity", label: "<sev1-4>", type: "word", lowercase: true }],
  "incident mitigated": [],
  "incident resolve": [],
  "incident postmortem": [],
  "incident stats": [],
  "resolve accept": [reason],
  "resolve reject": [reason],
  "resolve escalate": [reason],
  "swarm status": [],
  "agents status": [],
  "concord pause": [],
  "concord resume": [],
};

/** `/debt` alone means `/debt scan`. */
export const DEFAULT_SUBCOMMAND: Readonly<Partial<Record<CommandName, string>>> = { debt: "scan" };

// Commands of other bots people run next to Concord (Prow, PR-Agent, common CI triggers). Answering
// them with "unknown command" would be noise on every such comment, so they are ignored silently.
export const FOREIGN_COMMANDS: ReadonlySet<string> = new Set([
  "approve", "lgtm", "retest", "test", "hold", "unhold", "assign", "unassign", "cc", "uncc", "kind",
  "priority", "area", "lifecycle", "close", "reopen", "ok-to-test", "label", "remove-label", "retitle",
  "milestone", "cherry-pick", "cherrypick", "triage", "review", "describe", "improve", "ask",
  "update_changelog", "add_docs", "generate_labels", "analyze", "similar_issue", "config", "azp", "rebase",
  "backport", "deploy", "benchmark", "run", "ci", "gemini", "claude", "copilot", "codex", "shrug", "me",
]);
