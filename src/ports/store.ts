/**
 * The durable store. One implementation (Kysely) serves SQLite and PostgreSQL; every method is
 * atomic on its own, so concurrent callers (and, in distributed mode, replicas) never race.
 * Timestamps are ISO-8601 strings in UTC; JSON columns are strings the caller serialises.
 */

export type DeliveryStatus = "queued" | "processing" | "done" | "failed";

export interface DeliveryRecord {
  id: string;
  event: string;
  action: string | null;
  payload: string;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  receivedAt: string;
  updatedAt: string;
}

export interface NewDelivery {
  id: string;
  event: string;
  action: string | null;
  payload: string;
  receivedAt: string;
}

/** inserted: first time seen; requeued: seen before but failed, so it runs again; duplicate: nothing to do. */
export type RecordDeliveryOutcome = "inserted" | "requeued" | "duplicate";

export interface DeliveryStore {
  recordDelivery(delivery: NewDelivery): Promise<RecordDeliveryOutcome>;
  /** queued → processing and attempts + 1; undefined when the delivery is not queued (someone else has it). */
  claimDelivery(id: string, at: string): Promise<DeliveryRecord | undefined>;
  completeDelivery(id: string, at: string): Promise<void>;
  /** final: the delivery becomes failed; otherwise it goes back to queued for another attempt. */
  failDelivery(id: string, error: string, at: string, final: boolean): Promise<void>;
  /** processing → queued without spending the attempt the claim counted: GitHub asked to wait (a rate limit), nothing failed. */
  deferDelivery(id: string, reason: string, at: string): Promise<void>;
  getDelivery(id: string): Promise<DeliveryRecord | undefined>;
  /** Deliveries in these states, oldest first (restart recovery). */
  listDeliveries(statuses: DeliveryStatus[]): Promise<DeliveryRecord[]>;
  countDeliveries(): Promise<Record<DeliveryStatus, number>>;
  /** Retention: deletes `done` deliveries last updated before `before`, batchSize rows per statement, until none is left. */
  pruneDoneDeliveries(before: string, batchSize?: number): Promise<PruneResult>;
}

/** What a batched delete did: rows removed, and how many bounded statements it took. */
export interface PruneResult {
  deleted: number;
  batches: number;
}

/** Rows a retention statement deletes at most, so no single statement holds locks for long. */
export const DEFAULT_PRUNE_BATCH_SIZE = 500;

/** Bus persistence: one row per message, one inbox row per (recipient, message). */
export interface StoredMessage {
  id: string;
  conversationId: string;
  /** The whole AgentMessage as JSON. */
  body: string;
  createdAt: string;
}

export interface InboxEntry {
  agentId: string;
  /** 0 = critical … 3 = low; lower is served first. */
  priorityRank: number;
}

/** A message whose inbox row is leased to the taker until `leaseUntil`. */
export interface LeasedMessage extends StoredMessage {
  /** How many times this inbox row has been leased, this time included (above 1: an earlier holder never finished). */
  leaseCount: number;
}

export interface MessageLease {
  /** Who holds the lease; only the holder can ack, renew or release it. */
  owner: string;
  /** The taker's clock: a lease whose leaseUntil is at or before it has expired and can be taken. */
  now: string;
  leaseUntil: string;
}

/**
 * Bus persistence with at-least-once delivery: an inbox row stays until its holder acks it after the
 * handler finished. A taker leases the row; a lease that expires or is released makes it available again.
 */
export interface MessageStore {
  /** Stores the message and its inbox rows in one transaction. */
  appendMessage(message: StoredMessage, inbox: InboxEntry[]): Promise<void>;
  /**
   * Leases the agent's next available message (not leased, or its lease expired): lowest priority
   * rank first, FIFO within a rank. Two concurrent takers never lease the same row.
   */
  leaseNextMessage(agentId: string, lease: MessageLease): Promise<LeasedMessage | undefined>;
  /** Extends a lease the owner still holds; false when it no longer does. */
  renewMessageLease(agentId: string, messageId: string, owner: string, leaseUntil: string): Promise<boolean>;
  /** Removes the inbox row: the agent is finished with the message. False when `owner` no longer holds the lease. */
  ackMessage(agentId: string, messageId: string, owner: string): Promise<boolean>;
  /** Gives the message back unfinished, available at once; false when `owner` no longer holds the lease. */
  releaseMessage(agentId: string, messageId: string, owner: string): Promise<boolean>;
  /** Makes every row leased by anyone but `owner` available again (start-up recovery); returns how many. */
  releaseLeasesNotHeldBy(owner: string): Promise<number>;
  /** Durably notes that the agent's handlers are finished with the message (idempotent). */
  recordMessageReceipt(agentId: string, messageId: string, at: string): Promise<void>;
  hasMessageReceipt(agentId: string, messageId: string): Promise<boolean>;
  /** Inbox depth per agent (all agents when omitted), leased rows included: they are not finished. */
  countInbox(agentId?: string): Promise<number>;
  /** Agents with anything waiting, for draining after a restart. */
  listInboxAgents(): Promise<string[]>;
  getMessage(id: string): Promise<StoredMessage | undefined>;
  /** Every message of the conversation in the order it was appended. */
  listConversation(conversationId: string): Promise<StoredMessage[]>;
  addDeadLetter(entry: { messageId: string; body: string; reason: string; at: string }): Promise<void>;
  listDeadLetters(): Promise<{ messageId: string; body: string; reason: string; at: string }[]>;
  /**
   * Retention: deletes messages created before `before` that no inbox holds any more (their receipts
   * go with them), batchSize per statement, until none is left.
   */
  pruneHandledMessages(before: string, batchSize?: number): Promise<PruneResult>;
  /** Retention: deletes dead letters recorded before `before` (they carry their own copy of the body). */
  pruneDeadLetters(before: string, batchSize?: number): Promise<PruneResult>;
}

/** Small keyed state: sticky comment ids, PR head SHAs, pause flags, rate-limit stamps. */
export interface KeyValueStore {
  getValue(key: string): Promise<string | undefined>;
  setValue(key: string, value: string, at: string): Promise<void>;
  deleteValue(key: string): Promise<void>;
  /**
   * Writes `value` only when the current value equals `expected` (undefined: the key is absent),
   * atomically. Returns true when it wrote. Callers retry on false (compare-and-set).
   */
  compareAndSet(key: string, expected: string | undefined, value: string, at: string): Promise<boolean>;
  /** Deletes the values whose key starts with `prefix` that were last written before `before`, in batches. */
  pruneValues(prefix: string, before: string, batchSize?: number): Promise<PruneResult>;
}

/**
 * Infrastructure only: a feature keeps its data behind its own repository interface, next to the
 * feature, with its own adapter and migration (e.g. tech-debt/history/debt-scan-repository.ts).
 */
export interface Store extends DeliveryStore, MessageStore, KeyValueStore {
  /** Which engine, for /healthz and logs. */
  readonly dialect: "sqlite" | "postgres";
  /**
   * A cheap committed write on the path a delivery takes (same file, same log), for /healthz: it
   * throws when a delivery could not be stored now (a read-only file, a full disk, a lost database).
   */
  probeWrite(at: string): Promise<void>;
  close(): Promise<void>;
}
