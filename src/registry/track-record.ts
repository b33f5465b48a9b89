import { z } from "zod";
import { defineKey } from "../state/keyed-state.js";
import type { PositionOutcome, TrackRecord } from "./agent-registry-port.js";

const TrackRecordValue = z.object({ taken: z.int().nonnegative(), upheld: z.int().nonnegative(), overruled: z.int().nonnegative() });

/** Each agent's track record, kept across restarts (keyed state "track-record:<agentId>"). */
export const TRACK_RECORD = defineKey<string, TrackRecord>("track-record", TrackRecordValue, (agentId) => agentId);

export const EMPTY_TRACK_RECORD: TrackRecord = { taken: 0, upheld: 0, overruled: 0 };

export function countPosition(record: TrackRecord, outcome: PositionOutcome): TrackRecord {
  return { ...record, [outcome]: record[outcome] + 1 };
}
