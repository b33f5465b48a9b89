import { z } from "zod";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "./json-depth.js";
import { AgentMessage } from "./message.js";

/**
 * A message that failed validation. The text lists field paths and expectations (z.prettifyError),
 * never the raw input, so it is safe to log and to show.
 */
export class InvalidMessageError extends Error {
  override readonly name = "InvalidMessageError";
  constructor(
    message: string,
    readonly issues: readonly z.core.$ZodIssue[] = [],
  ) {
    super(message);
  }
}

/** Validates any protocol value; `what` names it in the error ("agent message", "handoff request"). */
export function parseProtocolValue<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  // Parsed JSON may be deeper than JSON.stringify can write back: such a value could never be journalled or sent.
  if (nestsDeeperThan(input, MAX_JSON_DEPTH)) throw new InvalidMessageError(`Invalid ${what}: it nests lists or objects more than ${MAX_JSON_DEPTH} levels deep`);
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new InvalidMessageError(`Invalid ${what}:\n${z.prettifyError(result.error)}`, result.error.issues);
  }
  return result.data;
}

export function parseAgentMessage(input: unknown): AgentMessage {
  return parseProtocolValue(AgentMessage, input, "agent message");
}

/** For journal bodies and wire frames. The JSON error is not quoted: V8 echoes part of the input. */
export function parseAgentMessageJson(text: string): AgentMessage {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    throw new InvalidMessageError("Invalid agent message: the body is not valid JSON");
  }
  return parseAgentMessage(input);
}

export function serializeAgentMessage(message: AgentMessage): string {
  return JSON.stringify(message);
}
