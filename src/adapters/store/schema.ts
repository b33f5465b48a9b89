import type { Generated, Kysely } from "kysely";
import type { DeliveryStatus } from "../../ports/store.js";

/**
 * Row shapes of the store's own tables as Kysely sees them; the same on SQLite and PostgreSQL
 * (timestamps are ISO text on both). A feature's tables are typed next to its repository adapter.
 */
export interface DeliveriesTable {
  id: string;
  event: string;
  action: string | null;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  received_at: string;
  updated_at: string;
}

export interface MessagesTable {
  // seq gives "the order it was appended" without trusting clocks.
  seq: Generated<number>;
  id: string;
  conversation_id: string;
  body: string;
  created_at: string;
}

export interface InboxTable {
  seq: Generated<number>;
  agent_id: string;
  message_id: string;
  priority_rank: number;
  /** Null while the row waits; set while a taker holds it (until it acks, releases or the lease runs out). */
  lease_owner: string | null;
  lease_until: string | null;
  lease_count: Generated<number>;
}

/** One row per (agent, message) whose handlers are finished: a redelivery of it is not handled again. */
export interface MessageReceiptsTable {
  agent_id: string;
  message_id: string;
  at: string;
}

export interface DeadLettersTable {
  id: Generated<number>;
  message_id: string;
  body: string;
  reason: string;
  at: string;
}

export interface KvTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface StoreSchema {
  deliveries: DeliveriesTable;
  messages: MessagesTable;
  inbox: InboxTable;
  message_receipts: MessageReceiptsTable;
  dead_letters: DeadLettersTable;
  kv: KvTable;
}

export type StoreDialect = "sqlite" | "postgres";

/** An open store's database: feature repositories run their queries over the same connection. */
export interface StoreConnection {
  readonly db: Kysely<StoreSchema>;
  readonly dialect: StoreDialect;
}
