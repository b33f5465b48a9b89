import { startLoadTestGitHub, type SideEffects } from "./loadtest-github.js";

/**
 * The load test's fake GitHub in a process of its own, as GitHub is: answering the server's requests
 * never delays the deliveries the load test sends. It reports its host when it is up, answers
 * "effects" with what it counted so far, and closes on "exit".
 */
export type GitHubChildCommand = { type: "effects" } | { type: "exit" };
export type GitHubChildReport = { type: "up"; host: string } | { type: "effects"; effects: SerializedEffects };

/** SideEffects as they cross the IPC channel (maps as entry lists). */
export interface SerializedEffects {
  commentsByMarker: [string, number][];
  checkRunsByHead: [string, number][];
  reactions: [string, number][];
  unknown: string[];
  requests: number;
}

export function serializeEffects(effects: SideEffects): SerializedEffects {
  return {
    commentsByMarker: [...effects.commentsByMarker],
    checkRunsByHead: [...effects.checkRunsByHead],
    reactions: [...effects.reactions],
    unknown: effects.unknown,
    requests: effects.requests,
  };
}

export function deserializeEffects(effects: SerializedEffects): SideEffects {
  return {
    commentsByMarker: new Map(effects.commentsByMarker),
    checkRunsByHead: new Map(effects.checkRunsByHead),
    reactions: new Map(effects.reactions),
    unknown: effects.unknown,
    requests: effects.requests,
  };
}

if (process.send !== undefined) {
  const report = (message: GitHubChildReport) => process.send!(message);
  const github = await startLoadTestGitHub();
  process.on("message", (command: GitHubChildCommand) => {
    if (command.type === "effects") report({ type: "effects", effects: serializeEffects(github.effects) });
    else void github.close().then(() => process.exit(0));
  });
  report({ type: "up", host: github.host });
}
